// The libxml2-style tree: what lxml (bs4 "lxml") builds, checked through the bs4 serializer.
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../shared/extract/parse.js';
import { outerHtml } from '../../../shared/extract/serialize.js';

const body = (html: string) => {
  const doc = parseHtml(html);
  return doc.children.map((c) => outerHtml(c)).join('');
};

describe('parseHtml (libxml2 rules)', () => {
  it('implies html/body, and head for head elements', () => {
    expect(body('<div>x</div>')).toBe('<html><body><div>x</div></body></html>');
    expect(body('<title>t</title><p>x')).toBe('<html><head><title>t</title></head><body><p>x</p></body></html>');
    expect(body('hello')).toBe('<html><body><p>hello</p></body></html>');
    expect(body('')).toBe('');
  });
  it('does not insert tbody; keeps stray td inline; lower-cases names', () => {
    expect(body('<TABLE><TR><TD>1</TD></TR></TABLE>')).toBe('<html><body><table><tr><td>1</td></tr></table></body></html>');
    expect(body('<div><td>x</td></div>')).toBe('<html><body><div><td>x</td></div></body></html>');
    expect(body('<svg viewBox="0 0 1 1"><linearGradient/></svg>')).toBe('<html><body><svg viewbox="0 0 1 1"><lineargradient></lineargradient></svg></body></html>');
  });
  it('auto-closes by the start-tag table, only looking at the current element', () => {
    expect(body('<p>a<div>b</div>c</p>')).toBe('<html><body><p>a</p><div>b</div>c</body></html>');
    expect(body('<ul><li>1<li>2</ul>')).toBe('<html><body><ul><li>1</li><li>2</li></ul></body></html>');
    expect(body('<p>a<p>b')).toBe('<html><body><p>a</p><p>b</p></body></html>');
    expect(body('<b>x<p>y</p></b>')).toBe('<html><body><b>x</b><p>y</p></body></html>');
  });
  it('end tags: unknown ignored, higher-priority elements are not closed', () => {
    expect(body('<div>a</span>b</div>')).toBe('<html><body><div>ab</div></body></html>');
    expect(body('<b><div>x</b>y</div>')).toBe('<html><body><b><div>xy</div></b></body></html>');
    expect(body('<div><b><i>x</div>y')).toBe('<html><body><div><b><i>x</i></b></div>y</body></html>');
  });
  it('raw text only for script/style; textarea, title, noscript are markup', () => {
    expect(body('<div><script>if (a<b) x="</div>"</script></div>')).toBe('<html><body><div><script>if (a<b) x="</div>"</script></div></body></html>');
    expect(body('<div><textarea><b>x</b></textarea></div>')).toBe('<html><body><div><textarea><b>x</b></textarea></div></body></html>');
  });
  it('entities: HTML 4 names with ";" only, numeric refs, invalid chars dropped', () => {
    expect(body('<p>&amp;&lt;&nbsp;&copy &check; &#65;&#x1F600;&#1;&#0;</p>')).toBe('<html><body><p>&amp;&lt;\u00a0&amp;copy &amp;check; A😀</p></body></html>');
    expect(body('<p>a\u0001b\u000cc</p>')).toBe('<html><body><p>abc</p></body></html>');
    expect(body('<a title="&quot;x&quot; &amp y">t</a>')).toBe('<html><body><a title=\'"x" &amp;amp y\'>t</a></body></html>');
  });
  it('self-closing syntax closes any element; void elements close at once; first duplicate attribute wins', () => {
    expect(body('<div/><span>x</span>')).toBe('<html><body><div></div><span>x</span></body></html>');
    expect(body('<p>a<br>b<img src=x>c</p>')).toBe('<html><body><p>a<br/>b<img src="x"/>c</p></body></html>');
    expect(body('<a href="1" HREF="2">x</a>')).toBe('<html><body><a href="1">x</a></body></html>');
  });
  it('after </body> content goes into <html>; after </html> only whitespace and comments survive (libxml2 epilog)', () => {
    expect(body('<html><body><p>x</p></body><script>s()</script></html>')).toBe('<html><body><p>x</p></body><script>s()</script></html>');
    expect(body('<html><body><p>x</p></body></html>\n<!-- c --><p>dropped</p>')).toBe('<html><body><p>x</p></body></html>\n<!-- c -->');
  });
  it('tag and attribute names that are Object.prototype members are ordinary names', () => {
    expect(body('<constructor class="a  b" rel=x>t</constructor><a rel=" n  f ">u</a>')).toBe(
      '<html><body><constructor class="a b" rel="x">t</constructor><a rel="n f">u</a></body></html>',
    );
    expect(body('<p constructor="1" tostring=2 class="c">x</p>')).toBe('<html><body><p class="c" constructor="1" tostring="2">x</p></body></html>');
  });
  it('repeated names and values are shared strings but stay per element', () => {
    expect(body('<div class="x" id="i">a</div><div class="x" id="j">a</div><DIV CLASS="x">a</DIV>')).toBe('<html><body><div class="x" id="i">a</div><div class="x" id="j">a</div><div class="x">a</div></body></html>');
  });
  it('comments and doctype (bs4 prints a doctype with a newline after it)', () => {
    expect(body('<!DOCTYPE html><html><body><!-- c --><p>x</p></body></html>')).toBe('<!DOCTYPE html>\n<html><body><!-- c --><p>x</p></body></html>');
  });
  // each checked against bs4 4.11 + lxml 4.9 / libxml2 2.9.14 (and the issue #15 repros of real Crawl4AI)
  it('CR is kept; NUL reads as a space; stray <! and </ are text', () => {
    expect(body('<p title="x\r\n">a\r\nb</p><div>\r</div>')).toBe('<html><body><p title="x\r\n">a\r\nb</p><div> </div></body></html>');
    expect(body('<p>a\u0000b</p>')).toBe('<html><body><p>a b</p></body></html>');
    expect(body('<div><![endif]-->x<![CDATA[y]]><!z></div>')).toBe('<html><body><div>&lt;![endif]--&gt;x&lt;![CDATA[y]]&gt;&lt;!z&gt;</div></body></html>');
    expect(body('<p>a</ br>b</>c</1>d</p>')).toBe('<html><body><p>a br&gt;b&gt;c1&gt;d</p></body></html>');
    expect(body('<p>a<!--b--!>c</p>')).toBe('<html><body><p>a<!--b-->c</p></body></html>');
  });
  it('headings nest; a dropped misplaced <body> does not split the text around it', () => {
    expect(body('<h1>a<h2>b</h1>c</h2>')).toBe('<html><body><h1>a<h2>b</h2></h1>c</body></html>');
    expect(body('<p>x</p>\n<body class="z">\n<p>y</p>')).toBe('<html><body><p>x</p>\n<p>y</p></body></html>');
  });
});

describe('deep documents', () => {
  it('text, html and selection do not overflow the stack at 50,000 levels', async () => {
    const { extractJsonCss } = await import('../../../shared/extract/index.js');
    const depth = 50_000;
    const html = '<div class="root">' + '<span>'.repeat(depth) + 'x' + '</span>'.repeat(depth) + '</div>';
    const r = extractJsonCss(html, { baseSelector: 'div.root', fields: [{ name: 't', type: 'text' }, { name: 'h', type: 'html', selector: 'span' }, { name: 'deep', type: 'text', selector: 'span span span' }] });
    const item = r.items[0] as { t: string; h: string; deep: string };
    expect(item.t).toBe('x');
    expect(item.h.length).toBe(depth * 13 + 1);
    expect(item.deep).toBe('x');
  });
});
