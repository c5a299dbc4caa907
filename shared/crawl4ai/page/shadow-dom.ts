// flatten_shadow_dom's HTML capture as Crawl4AI 0.9.2 does it (js_snippet flatten_shadow_dom.js):
// instead of page.content() — and instead of the css_selector capture, which it replaces — the
// document element is serialised by hand with every open shadow root in place of its host's
// light DOM. Its exact output, kept on purpose because extraction runs on it:
// - no doctype; comments dropped; text nodes written raw (`<`, `&` are NOT escaped);
// - attributes as ` name="value"` with only & and " escaped; tag names lower-cased;
// - void elements (area base br col embed hr img input link meta param source track wbr) have no
//   end tag; <template> is empty (its content is a fragment, not children);
// - a host with a shadow root is written with the root's children instead of its own children;
//   inside a root, <style> is dropped and a <slot> becomes its assigned nodes (flattened,
//   serialised as light DOM) or, with none, its fallback children.
// Closed roots are invisible unless flatten_shadow_dom's init script opened them at creation.

export const FLATTEN_SHADOW_DOM = String.raw`(() => {
  const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
  const attributes = (el) => {
    let out = '';
    for (const a of el.attributes || []) out += ' ' + a.name + '="' + a.value.replace(/&/g, '&amp;').replace(/"/g, '&quot;') + '"';
    return out;
  };
  const element = (el, inner) => {
    const tag = el.tagName.toLowerCase();
    return VOID.has(tag) ? '<' + tag + attributes(el) + '>' : '<' + tag + attributes(el) + '>' + inner + '</' + tag + '>';
  };
  const rootOf = (host) => Array.from(host.shadowRoot.childNodes, (n) => inShadow(n)).join('');
  const light = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent;
    if (node.nodeType !== Node.ELEMENT_NODE) return '';
    return element(node, node.shadowRoot ? rootOf(node) : Array.from(node.childNodes, light).join(''));
  };
  const inShadow = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent;
    if (node.nodeType !== Node.ELEMENT_NODE) return '';
    const tag = node.tagName.toLowerCase();
    if (tag === 'style') return '';
    if (tag === 'slot') {
      const assigned = node.assignedNodes({ flatten: true });
      return assigned.length ? assigned.map(light).join('') : Array.from(node.childNodes, inShadow).join('');
    }
    return element(node, node.shadowRoot ? rootOf(node) : Array.from(node.childNodes, inShadow).join(''));
  };
  return light(document.documentElement);
})()`;
