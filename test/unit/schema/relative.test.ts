import { describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import { cssEscapeIdent, isStableClass, JsonElement, relativeSelector, similarSelectors, type ElementJson } from '../../../shared/selectors/relative.js';
import { DomElement } from './dom-adapter.js';

// A product grid shaped like the demo site: the same structure repeated, some optional parts.
const GRID = `<!doctype html><html><body>
<header><a class="logo" href="/">Shop</a></header>
<ul class="products">
  ${[1, 2, 3, 4]
    .map(
      (i) => `<li class="product card" data-id="${1000 + i}">
    <a class="product-link" href="/products/${i}"><img class="thumb" src="/img/${i}.png" alt="P${i}"></a>
    <div class="info">
      <h3 class="title"><a href="/products/${i}">Product ${i}</a></h3>
      <span class="price">$${i}.99</span>
      ${i % 2 ? '<span class="badge">Sale</span>' : ''}
      <ul class="tags"><li>t${i}a</li><li>t${i}b</li></ul>
      <div class="css-1x2y3z4"><span>hashed</span></div>
      <p><span>first</span> <span>second</span></p>
    </div>
  </li>`,
    )
    .join('\n')}
</ul>
</body></html>`;

function load() {
  const $ = cheerio.load(GRID, { xml: { xmlMode: false } });
  const items = $('li.product').toArray() as Element[];
  return { $, items, bases: items.map((e) => DomElement.of(e)) };
}

/** The generated selector, evaluated by a real CSS engine (css-select) inside the base element. */
function realMatches($: cheerio.CheerioAPI, base: Element, selector: string): Element[] {
  return $(base).find(selector).toArray() as Element[];
}

describe('relativeSelector', () => {
  it('uses a stable class of the target and checks it is unique in the item', () => {
    const { $, items, bases } = load();
    const target = $(items[1]).find('span.price')[0] as Element;
    const r = relativeSelector(DomElement.of(target), bases[1], { peers: bases });
    expect(r.selector).toBe('.price');
    expect(r.unique).toBe(true);
    expect(realMatches($, items[1], r.selector!)).toEqual([target]);
    expect(r.suggestion).toEqual({ type: 'text' });
  });

  it('suggests href for links and src for images', () => {
    const { $, items, bases } = load();
    const img = DomElement.of($(items[0]).find('img')[0] as Element);
    expect(relativeSelector(img, bases[0]).suggestion).toEqual({ type: 'attribute', attribute: 'src' });
    const link = DomElement.of($(items[0]).find('h3 a')[0] as Element);
    const r = relativeSelector(link, bases[0], { peers: bases });
    expect(r.suggestion).toEqual({ type: 'attribute', attribute: 'href' });
    // "a" alone matches two links in the item; the generator must disambiguate.
    expect(r.unique).toBe(true);
    expect(realMatches($, items[0], r.selector!)).toEqual([$(items[0]).find('h3 a')[0]]);
  });

  it('falls back to a structural path with :nth-of-type when nothing else is unique', () => {
    const { $, items, bases } = load();
    const second = $(items[2]).find('p span')[1] as Element;
    const r = relativeSelector(DomElement.of(second), bases[2], { peers: bases });
    expect(r.unique).toBe(true);
    expect(r.selector).toMatch(/nth-of-type\(2\)/);
    expect(realMatches($, items[2], r.selector!)).toEqual([second]);
  });

  it('skips hashed and numeric classes and ids', () => {
    expect(isStableClass('css-1x2y3z4')).toBe(false);
    expect(isStableClass('item-12345')).toBe(false);
    expect(isStableClass('title_x7f3a')).toBe(false);
    expect(isStableClass('active')).toBe(false);
    expect(isStableClass('product-title')).toBe(true);
    const { $, items, bases } = load();
    const hashed = $(items[0]).find('.css-1x2y3z4 span')[0] as Element;
    const r = relativeSelector(DomElement.of(hashed), bases[0], { peers: bases });
    expect(r.selector).not.toContain('css-1x2y3z4');
    expect(realMatches($, items[0], r.selector!)[0]).toBe(hashed);
  });

  it('prefers selectors that also match in the other items', () => {
    const { $, items, bases } = load();
    // The badge exists only in odd items: coverage is < 1 but the selector still targets it.
    const badge = $(items[0]).find('.badge')[0] as Element;
    const r = relativeSelector(DomElement.of(badge), bases[0], { peers: bases });
    expect(r.selector).toBe('.badge');
    // Peers are the OTHER items: of items 2, 3, 4 only item 3 has a badge.
    expect(r.candidates[0].peerCoverage).toBeCloseTo(1 / 3);
  });

  it('returns no selector for the item itself and for elements outside it', () => {
    const { $, bases } = load();
    expect(relativeSelector(bases[0], bases[0]).selector).toBeNull();
    const logo = DomElement.of($('a.logo')[0] as Element);
    const r = relativeSelector(logo, bases[0]);
    expect(r.selector).toBeNull();
    expect(r.note).toMatch(/not inside/);
  });

  it('agrees with a real CSS engine on every candidate it reports', () => {
    const { $, items, bases } = load();
    for (const el of $(items[3]).find('*').toArray() as Element[]) {
      const r = relativeSelector(DomElement.of(el), bases[3], { peers: bases });
      expect(r.selector, `no selector for <${el.name}>`).not.toBeNull();
      for (const c of r.candidates) {
        const real = realMatches($, items[3], c.selector);
        expect(real.length, c.selector).toBe(c.matchesInBase);
        expect(real[0] === el, c.selector).toBe(c.firstIsTarget);
      }
    }
  });
});

describe('similarSelectors', () => {
  it('generalises one picked item to all items like it', () => {
    const { $, items } = load();
    const root = DomElement.of($('html')[0] as Element);
    const cands = similarSelectors(DomElement.of(items[2]), root);
    expect(cands[0].count).toBe(4);
    expect($(cands[0].selector).toArray()).toEqual(items);
  });

  it('does not generalise to dissimilar elements', () => {
    const { $ } = load();
    const root = DomElement.of($('html')[0] as Element);
    const tagLi = $('ul.tags li')[0] as Element;
    const cands = similarSelectors(DomElement.of(tagLi), root);
    // li.product must not be swept up by a plain "li".
    const best = $(cands[0].selector).toArray() as Element[];
    expect(best.every((e) => $(e).parent().hasClass('tags'))).toBe(true);
    expect(best.length).toBe(8);
  });
});

describe('JsonElement', () => {
  it('implements ElementLike over a JSON snapshot (what the page sends to the main process)', () => {
    const json: ElementJson = { t: 'DIV', a: { class: 'card' }, c: [{ t: 'SPAN', a: { class: 'price' } }, { t: 'SPAN' }] };
    const root = new JsonElement(json);
    const r = relativeSelector(root.at([1])!, root);
    expect(r.selector).toBe('span:nth-of-type(2)');
    expect(r.unique).toBe(true);
  });
});

describe('cssEscapeIdent', () => {
  it('escapes like CSS.escape', () => {
    expect(cssEscapeIdent('a:b')).toBe('a\\:b');
    expect(cssEscapeIdent('1col')).toBe('\\31 col');
    expect(cssEscapeIdent('-')).toBe('\\-');
    expect(cssEscapeIdent('sm:w-1/2')).toBe('sm\\:w-1\\/2');
  });
});

describe('repeatedRelativeSelector', () => {
  it('matches the clicked element and its repeated siblings inside the item', async () => {
    const { repeatedRelativeSelector } = await import('../../../shared/selectors/relative.js');
    const { $, items, bases } = load();
    const tag = $(items[1]).find('ul.tags li')[1] as Element;
    const r = repeatedRelativeSelector(DomElement.of(tag), bases[1], { peers: bases });
    expect(r.selector).not.toMatch(/nth/);
    expect(r.selector).toMatch(/\.tags/); // anchored on the list's class, not a bare "li"
    expect(realMatches($, items[1], r.selector!)).toEqual($(items[1]).find('ul.tags li').toArray());
  });
});

describe('structural fallback', () => {
  it('adds :nth-of-type only where a sibling shares the hook, and only as far up as needed', () => {
    const $ = cheerio.load(
      `<div class="product"><h2 class="name">A</h2><div class="reviews"><h3>Reviews</h3><div class="rev"><p class="rev-text">one</p></div><div class="rev"><p class="rev-text">two</p></div></div></div>`,
      { xml: { xmlMode: false } },
    );
    const base = DomElement.of($('.product')[0] as Element);
    const second = $('.rev-text')[1] as Element;
    const r = relativeSelector(DomElement.of(second), base);
    // The tag is kept in structural steps: :nth-of-type counts elements of that tag.
    expect(r.selector).toBe('div.rev:nth-of-type(2) > p.rev-text');
    expect($('.product').find(r.selector!).toArray()).toEqual([second]);
  });
});
