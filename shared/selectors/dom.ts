// DOM helpers for the picker: deep hit-testing through open shadow roots and same-origin iframes,
// boxes in top-level viewport coordinates, and where an element lives (frames, shadow hosts).

export interface PBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Document or shadow root that scopes an element's selectors. */
export type SelectorRoot = Document | ShadowRoot;

export function rootOf(el: Element): SelectorRoot {
  const r = el.getRootNode();
  return r.nodeType === 11 ? (r as ShadowRoot) : el.ownerDocument;
}

export function isShadowRoot(r: SelectorRoot): r is ShadowRoot {
  return r.nodeType === 11;
}

/** Shadow hosts containing the element (within its own document), outermost first. */
export function shadowHostsOf(el: Element): Element[] {
  const hosts: Element[] = [];
  let r = el.getRootNode() as Node;
  while (r.nodeType === 11) {
    const host = (r as ShadowRoot).host;
    hosts.unshift(host);
    r = host.getRootNode();
  }
  return hosts;
}

/** iframe elements enclosing a window's document, innermost first (stops at a cross-origin parent). */
function enclosingFrames(win: Window | null): HTMLIFrameElement[] {
  const frames: HTMLIFrameElement[] = [];
  while (win) {
    let fe: Element | null = null;
    try {
      fe = win.frameElement;
    } catch {
      fe = null;
    }
    if (!fe) break;
    frames.push(fe as HTMLIFrameElement);
    win = fe.ownerDocument.defaultView;
  }
  return frames;
}

/** iframe elements containing the element's document, outermost first (same-origin only). */
export function framesOf(el: Element): HTMLIFrameElement[] {
  return enclosingFrames(el.ownerDocument.defaultView).reverse();
}

/** Offset of a document's viewport inside the top-level viewport (iframe position + border + padding). */
export function frameOffset(doc: Document): { x: number; y: number } {
  let x = 0;
  let y = 0;
  for (const fe of enclosingFrames(doc.defaultView)) {
    const r = fe.getBoundingClientRect();
    const cs = fe.ownerDocument.defaultView!.getComputedStyle(fe);
    x += r.left + fe.clientLeft + parseFloat(cs.paddingLeft || '0');
    y += r.top + fe.clientTop + parseFloat(cs.paddingTop || '0');
  }
  return { x, y };
}

const round = (n: number) => Math.round(n * 10) / 10;

export function topBox(el: Element): PBox {
  const r = el.getBoundingClientRect();
  const off = frameOffset(el.ownerDocument);
  return { x: round(r.left + off.x), y: round(r.top + off.y), width: round(r.width), height: round(r.height) };
}

function frameDocument(el: Element): Document | null {
  const tag = el.tagName;
  if (tag !== 'IFRAME' && tag !== 'FRAME') return null;
  try {
    return (el as HTMLIFrameElement).contentDocument;
  } catch {
    return null;
  }
}

/** Innermost element at (x, y) of the top-level viewport, descending into open shadow roots and same-origin iframes. */
export function deepElementFromPoint(top: Document, x: number, y: number): Element | null {
  let doc: Document = top;
  let lx = x;
  let ly = y;
  for (let guard = 0; guard < 32; guard++) {
    let el = doc.elementFromPoint(lx, ly);
    if (!el) return null;
    // Descend through (nested) open shadow roots.
    for (let s = 0; s < 32 && el.shadowRoot; s++) {
      const inner: Element | null = el.shadowRoot.elementFromPoint(lx, ly);
      if (!inner || inner === el) break;
      el = inner;
    }
    const inner = frameDocument(el);
    if (!inner || !inner.documentElement) return el;
    const r = el.getBoundingClientRect();
    const cs = doc.defaultView!.getComputedStyle(el);
    lx -= r.left + el.clientLeft + parseFloat(cs.paddingLeft || '0');
    ly -= r.top + el.clientTop + parseFloat(cs.paddingTop || '0');
    doc = inner;
  }
  return null;
}

/** Resolve a frame path (iframe selectors, outermost first) to the innermost document. */
export function documentAtPath(top: Document, framePath: string[] | undefined): Document {
  let doc = top;
  for (const sel of framePath ?? []) {
    const fe = doc.querySelector(sel);
    const inner = fe ? frameDocument(fe) : null;
    if (!inner) throw new Error(`frame not found or not same-origin: ${sel}`);
    doc = inner;
  }
  return doc;
}

/** Frame path, then shadow hosts (selectors, outermost first, each relative to the previous root) → the root to query. */
export function rootAtScope(top: Document, framePath: string[] | undefined, shadowPath: string[] | undefined): SelectorRoot {
  let root: SelectorRoot = documentAtPath(top, framePath);
  for (const sel of shadowPath ?? []) {
    const host: Element | null = root.querySelector(sel);
    if (!host?.shadowRoot) throw new Error(`shadow host not found or its shadow root is closed: ${sel}`);
    root = host.shadowRoot;
  }
  return root;
}

export function normText(s: string | null | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}

/** Parent in the composed tree: the shadow host at a shadow root's top, the iframe at a frame's top. */
export function composedParent(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const r = el.getRootNode() as Node;
  if (r.nodeType === 11) return (r as ShadowRoot).host;
  const fr = framesOf(el);
  return fr.length ? fr[fr.length - 1] : null;
}

/** First child in the composed tree: into an open shadow root or a same-origin iframe first. */
export function composedFirstChild(el: Element): Element | null {
  if (el.shadowRoot?.firstElementChild) return firstVisibleChild(el.shadowRoot);
  const doc = frameDocument(el);
  if (doc?.body) return doc.body;
  return firstVisibleChild(el);
}

function firstVisibleChild(p: ParentNode): Element | null {
  for (let c = p.firstElementChild; c; c = c.nextElementSibling) {
    if (!/^(STYLE|SCRIPT|TEMPLATE|LINK|META)$/.test(c.tagName)) return c;
  }
  return null;
}
