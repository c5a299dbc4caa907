// Selector generation for the schema builder: a field selector RELATIVE to an item (base) element,
// and a generalised "select similar" selector for the items themselves. Pure functions over a
// minimal element interface that a DOM Element satisfies as is, so the same code runs inside the
// page, over a JSON snapshot of the page in Node, and in unit tests over parsed HTML.
//
// Generated selectors use only the subset both soupsieve (Crawl4AI) and the browser agree on:
// type selectors, .class, [attr="value"], :nth-of-type(n), descendant and child combinators. A
// field selector is evaluated with Crawl4AI's `select(base, sel)[0]` (descendants only, first match
// in document order), so "unique within the base" is what we aim for, and "first match is the
// target" is the minimum we accept.

export interface ElementLike {
  readonly tagName: string;
  getAttribute(name: string): string | null;
  getAttributeNames(): string[];
  readonly parentElement: ElementLike | null;
  readonly children: ArrayLike<ElementLike>;
}

/** One compound selector part, e.g. `a.title[itemprop="url"]:nth-of-type(2)`. */
export interface Compound {
  tag?: string;
  classes: string[];
  attrs: { name: string; value?: string }[];
  nthOfType?: number;
}

export interface SelectorStep {
  compound: Compound;
  /** Combinator that links this step to the previous one ('' for the first step). */
  combinator: '' | ' ' | '>';
}

export interface RelativeCandidate {
  selector: string;
  /** Matches inside the base element (descendants only, as soupsieve's select). */
  matchesInBase: number;
  /** Crawl4AI takes the first match: true when that is the target. */
  firstIsTarget: boolean;
  /** Fraction of the peer items (other base matches) in which the selector matches something. */
  peerCoverage: number;
}

export interface RelativeSelectorResult {
  /** Best selector; null when the target is the base itself (a field without `selector`) or outside it. */
  selector: string | null;
  unique: boolean;
  candidates: RelativeCandidate[];
  /** Suggested field for this element: links give href, images src. */
  suggestion: { type: 'text' | 'attribute'; attribute?: string };
  note?: string;
}

// ---------------------------------------------------------------------------------------------
// Escaping and formatting

/** CSS.escape for identifiers (class names, tag names), without relying on the DOM. */
export function cssEscapeIdent(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const code = s.charCodeAt(i);
    if (code === 0) out += '\uFFFD';
    else if ((code >= 1 && code <= 0x1f) || code === 0x7f) out += `\\${code.toString(16)} `;
    else if (i === 0 && code >= 0x30 && code <= 0x39) out += `\\${code.toString(16)} `;
    else if (i === 1 && code >= 0x30 && code <= 0x39 && s[0] === '-') out += `\\${code.toString(16)} `;
    else if (i === 0 && ch === '-' && s.length === 1) out += '\\-';
    else if (code >= 0x80 || ch === '-' || ch === '_' || /[0-9A-Za-z]/.test(ch)) out += ch;
    else out += `\\${ch}`;
  }
  return out;
}

function quoteAttr(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\a ')}"`;
}

export function formatCompound(c: Compound): string {
  let s = c.tag ?? '';
  for (const cls of c.classes) s += `.${cssEscapeIdent(cls)}`;
  for (const a of c.attrs) s += a.value === undefined ? `[${cssEscapeIdent(a.name)}]` : `[${cssEscapeIdent(a.name)}=${quoteAttr(a.value)}]`;
  if (c.nthOfType !== undefined) s += `:nth-of-type(${c.nthOfType})`;
  return s || '*';
}

export function formatSteps(steps: SelectorStep[]): string {
  return steps.map((st, i) => (i === 0 ? '' : st.combinator === '>' ? ' > ' : ' ') + formatCompound(st.compound)).join('');
}

// ---------------------------------------------------------------------------------------------
// A small matcher for the selectors we generate (no general CSS engine: generation must be pure)

const tagOf = (el: ElementLike) => el.tagName.toLowerCase();

function classesOf(el: ElementLike): string[] {
  return (el.getAttribute('class') ?? '').split(/[ \t\n\f\r]+/).filter(Boolean);
}

function indexOfType(el: ElementLike): number {
  const parent = el.parentElement;
  if (!parent) return 1;
  let n = 0;
  const tag = tagOf(el);
  for (let i = 0; i < parent.children.length; i++) {
    const c = parent.children[i];
    if (tagOf(c) === tag) n++;
    if (c === el) return n;
  }
  return n;
}

function countOfType(el: ElementLike): number {
  const parent = el.parentElement;
  if (!parent) return 1;
  let n = 0;
  const tag = tagOf(el);
  for (let i = 0; i < parent.children.length; i++) if (tagOf(parent.children[i]) === tag) n++;
  return n;
}

export function matchesCompound(el: ElementLike, c: Compound): boolean {
  if (c.tag && tagOf(el) !== c.tag) return false;
  if (c.classes.length) {
    const have = classesOf(el);
    for (const cls of c.classes) if (!have.includes(cls)) return false;
  }
  for (const a of c.attrs) {
    const v = el.getAttribute(a.name);
    if (v === null || (a.value !== undefined && v !== a.value)) return false;
  }
  if (c.nthOfType !== undefined && indexOfType(el) !== c.nthOfType) return false;
  return true;
}

/** Does `el` match `steps`, with every ancestor step found strictly inside `scope` (if given)? */
export function matchesSteps(el: ElementLike, steps: SelectorStep[], scope: ElementLike | null = null): boolean {
  const match = (node: ElementLike, i: number): boolean => {
    if (!matchesCompound(node, steps[i].compound)) return false;
    if (i === 0) return true;
    const comb = steps[i].combinator;
    let p = node.parentElement;
    while (p && p !== scope) {
      if (match(p, i - 1)) return true;
      if (comb === '>') return false;
      p = p.parentElement;
    }
    return false;
  };
  return steps.length > 0 && match(el, steps.length - 1);
}

/** Descendants of `root` in document order (root excluded), as soupsieve's select walks them. */
export function* descendants(root: ElementLike): Generator<ElementLike> {
  const stack: ElementLike[] = [];
  for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i]);
  while (stack.length) {
    const el = stack.pop()!;
    yield el;
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]);
  }
}

/**
 * All matches of `steps` among the descendants of `root`, as `root.select(sel)` / querySelectorAll:
 * only the matched element must be a descendant; ancestor steps may match root or anything above.
 */
export function selectSteps(root: ElementLike, steps: SelectorStep[]): ElementLike[] {
  const out: ElementLike[] = [];
  for (const el of descendants(root)) if (matchesSteps(el, steps)) out.push(el);
  return out;
}

// ---------------------------------------------------------------------------------------------
// What counts as a stable hook on an element

/** Classes that look generated or stateful make brittle selectors (CSS-modules hashes, state). */
export function isStableClass(cls: string): boolean {
  if (cls.length > 40) return false;
  if (/^(css|sc|jsx|emotion|svelte)-[a-z0-9]{4,}$/i.test(cls)) return false; // css-in-js hashes
  if (/[a-z][A-Za-z]*_[a-zA-Z0-9]{5,}$/.test(cls) && /\d/.test(cls.split('_').pop()!)) return false; // CSS modules: title_x7f3a
  if (/\d{3,}/.test(cls)) return false; // ids baked into classes
  if (/^(is-|has-)?(active|selected|hover|focus|open|hidden|visible|current|disabled)$/i.test(cls)) return false;
  return /^-?[_a-zA-Z][-_a-zA-Z0-9]*$/.test(cls);
}

/** Attributes that name what an element IS (good selector hooks), in order of preference. */
const SEMANTIC_ATTRS = ['data-testid', 'data-test', 'data-qa', 'itemprop', 'data-field', 'data-role', 'role', 'name', 'aria-label', 'rel', 'type'];

function isStableAttrValue(v: string): boolean {
  return v.length > 0 && v.length <= 60 && !/\d{3,}/.test(v) && !/\n/.test(v);
}

function stableId(el: ElementLike): string | null {
  const id = el.getAttribute('id');
  return id && isStableClass(id) ? id : null;
}

/** Compound options for one element, simplest first. */
function compoundsFor(el: ElementLike): Compound[] {
  const tag = tagOf(el);
  const classes = classesOf(el).filter(isStableClass);
  const out: Compound[] = [];
  for (const name of SEMANTIC_ATTRS) {
    const v = el.getAttribute(name);
    if (v !== null && isStableAttrValue(v)) out.push({ tag, classes: [], attrs: [{ name, value: v }] });
  }
  for (const cls of classes) out.push({ classes: [cls], attrs: [] });
  for (const cls of classes) out.push({ tag, classes: [cls], attrs: [] });
  if (classes.length >= 2) out.push({ tag, classes: classes.slice(0, 3), attrs: [] });
  out.push({ tag, classes: [], attrs: [] });
  const id = stableId(el);
  // Inside an item, ids repeat per item only on broken pages; still a valid hook as a last resort.
  if (id) out.push({ tag, classes: [], attrs: [{ name: 'id', value: id }] });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Relative (field) selectors

function contains(ancestor: ElementLike, el: ElementLike): boolean {
  for (let p = el.parentElement; p; p = p.parentElement) if (p === ancestor) return true;
  return false;
}

/** The value-bearing element the user most likely meant: a click on <span> inside <a> wants the link. */
export function suggestField(target: ElementLike): RelativeSelectorResult['suggestion'] {
  const tag = tagOf(target);
  if (tag === 'a' && target.getAttribute('href') !== null) return { type: 'attribute', attribute: 'href' };
  if (tag === 'img' || tag === 'source') return { type: 'attribute', attribute: target.getAttribute('src') !== null ? 'src' : 'srcset' };
  if (tag === 'time' && target.getAttribute('datetime') !== null) return { type: 'attribute', attribute: 'datetime' };
  if (tag === 'meta' && target.getAttribute('content') !== null) return { type: 'attribute', attribute: 'content' };
  if ((tag === 'input' || tag === 'data') && target.getAttribute('value') !== null) return { type: 'attribute', attribute: 'value' };
  return { type: 'text' };
}

function scoreCandidate(c: RelativeCandidate, length: number): number {
  // Unique beats first-match; coverage across the other items beats brevity. A bare tag (`a`) or
  // a position (:nth-of-type) breaks as soon as the item gains another such element, so a class
  // or semantic attribute wins over them even when longer.
  const bareTag = /^[a-z][a-z0-9]*$/i.test(c.selector) ? 60 : 0;
  const positional = c.selector.includes(':nth-of-type(') ? 100 : 0;
  return (c.matchesInBase === 1 ? 1000 : 0) + (c.firstIsTarget ? 500 : 0) + Math.round(c.peerCoverage * 300) - length - bareTag - positional;
}

/**
 * A selector for `target` relative to `base` (for `select(base, sel)[0]`). `peers` are the other
 * items (other base matches): a selector that also finds something in them is preferred, since
 * the field must work for every item, not only the one clicked.
 */
export function relativeSelector(target: ElementLike, base: ElementLike, opts: { peers?: ElementLike[]; maxCandidates?: number } = {}): RelativeSelectorResult {
  const suggestion = suggestField(target);
  if (target === base) return { selector: null, unique: true, candidates: [], suggestion, note: 'The item element itself: leave `selector` empty.' };
  if (!contains(base, target)) return { selector: null, unique: false, candidates: [], suggestion, note: 'The element is not inside the item.' };
  const peers = (opts.peers ?? []).filter((p) => p !== base);

  // Path from just below base down to target.
  const path: ElementLike[] = [];
  for (let n: ElementLike | null = target; n && n !== base; n = n.parentElement) path.unshift(n);

  const seen = new Map<string, RelativeCandidate>();
  const consider = (steps: SelectorStep[]) => {
    const selector = formatSteps(steps);
    if (seen.has(selector)) return;
    const matches = selectSteps(base, steps);
    const peerHits = peers.length ? peers.filter((p) => selectSteps(p, steps).length > 0).length : 0;
    seen.set(selector, {
      selector,
      matchesInBase: matches.length,
      firstIsTarget: matches[0] === target,
      peerCoverage: peers.length ? peerHits / peers.length : 1,
    });
  };

  const targetCompounds = compoundsFor(target);
  // 1. The target alone.
  for (const c of targetCompounds) consider([{ compound: c, combinator: '' }]);
  // 2. An ancestor inside the item (nearest first) + the target.
  const good = () => [...seen.values()].some((c) => c.matchesInBase === 1 && c.peerCoverage >= 0.999);
  if (!good()) {
    for (let i = path.length - 2; i >= 0 && !good(); i--) {
      const comb: '>' | ' ' = i === path.length - 2 ? '>' : ' ';
      for (const ac of compoundsFor(path[i]).slice(0, 4)) {
        for (const tc of targetCompounds.slice(0, 4)) consider([{ compound: ac, combinator: '' }, { compound: tc, combinator: comb }]);
      }
    }
  }
  // 3. Structural fallback: walk up from the target, one child step at a time, until unique. Each
  //    step uses the element's best hook, plus :nth-of-type only when a sibling shares that hook.
  if (!good()) {
    const stepFor = (el: ElementLike): Compound => {
      const best = compoundsFor(el).find((x) => x.classes.length || x.attrs.length) ?? { tag: tagOf(el), classes: [], attrs: [] };
      const compound: Compound = { ...best, tag: tagOf(el), classes: [...best.classes], attrs: [...best.attrs] };
      const parent = el.parentElement;
      let twins = 0;
      if (parent) for (let i = 0; i < parent.children.length; i++) if (matchesCompound(parent.children[i], compound)) twins++;
      if (twins > 1) compound.nthOfType = indexOfType(el);
      return compound;
    };
    const steps: SelectorStep[] = [{ compound: stepFor(target), combinator: '' }];
    for (let i = path.length - 2; i >= 0; i--) {
      const m = selectSteps(base, steps);
      if (m.length === 1 && m[0] === target) break;
      steps[0].combinator = '>';
      steps.unshift({ compound: stepFor(path[i]), combinator: '' });
    }
    consider(steps);
  }

  const candidates = [...seen.values()]
    .filter((c) => c.firstIsTarget)
    .sort((a, b) => scoreCandidate(b, b.selector.length) - scoreCandidate(a, a.selector.length))
    .slice(0, opts.maxCandidates ?? 8);
  const best = candidates[0] ?? null;
  return {
    selector: best?.selector ?? null,
    unique: best?.matchesInBase === 1,
    candidates,
    suggestion,
    note: best && best.matchesInBase > 1 ? `Matches ${best.matchesInBase} elements in the item; Crawl4AI takes the first, which is the one you picked.` : undefined,
  };
}

/**
 * For `list` / `nested_list` fields: a selector inside the item that matches the clicked element
 * AND its repeated siblings (same tag and stable classes), e.g. `.features li`, never :nth-of-type.
 */
/** 1 for a selector with no class/attribute hook at all (`li`, `ul > li`): brittle, ranked last among equals. */
const bare = (sel: string) => (/[.[#]/.test(sel) ? 0 : 1);

export function repeatedRelativeSelector(target: ElementLike, base: ElementLike, opts: { peers?: ElementLike[] } = {}): RelativeSelectorResult {
  const suggestion = suggestField(target);
  if (target === base || !contains(base, target)) return { selector: null, unique: false, candidates: [], suggestion, note: target === base ? 'That is the item itself.' : 'The element is not inside the item.' };
  const peers = (opts.peers ?? []).filter((p) => p !== base);
  const sig = signature(target);
  const scored: (RelativeCandidate & { precision: number; depth: number })[] = [];
  const consider = (steps: SelectorStep[], depth: number) => {
    const selector = formatSteps(steps);
    if (scored.some((c) => c.selector === selector)) return;
    const matches = selectSteps(base, steps);
    if (!matches.includes(target)) return;
    const precision = matches.filter((m) => signature(m) === sig).length / matches.length;
    const peerHits = peers.filter((p) => selectSteps(p, steps).length > 0).length;
    scored.push({ selector, matchesInBase: matches.length, firstIsTarget: matches[0] === target, peerCoverage: peers.length ? peerHits / peers.length : 1, precision, depth });
  };
  const own = compoundsFor(target).filter((c) => !c.attrs.some((a) => a.name === 'id' || a.name === 'aria-label' || a.name === 'name'));
  for (const c of own) consider([{ compound: c, combinator: '' }], 0);
  let child: ElementLike = target;
  for (let p = target.parentElement, depth = 0; p && p !== base && depth < 3; child = p, p = p.parentElement, depth++) {
    for (const a of compoundsFor(p).filter((c) => c.classes.length || c.attrs.length).slice(0, 2))
      for (const c of own.slice(0, 3)) consider([{ compound: a, combinator: '' }, { compound: c, combinator: child === target ? '>' : ' ' }], depth + 1);
  }
  const candidates = scored
    .sort((a, b) => b.precision - a.precision || b.matchesInBase - a.matchesInBase || b.peerCoverage - a.peerCoverage || bare(a.selector) - bare(b.selector) || a.depth - b.depth || a.selector.length - b.selector.length)
    .slice(0, 8)
    .map(({ precision: _p, depth: _d, ...c }) => c);
  const best = candidates[0] ?? null;
  return { selector: best?.selector ?? null, unique: best?.matchesInBase === 1, candidates, suggestion };
}

// ---------------------------------------------------------------------------------------------
// "Select similar": generalise one picked item into a selector for all items like it

export interface SimilarCandidate {
  selector: string;
  count: number;
}

function signature(el: ElementLike): string {
  return `${tagOf(el)}|${classesOf(el).filter(isStableClass).sort().join('.')}`;
}

/**
 * Selectors for the items "like" `target` within `root` (the document): elements with the same tag
 * and stable class signature, optionally anchored by the nearest ancestor with a stable hook.
 * Ranked by how many similar elements they match without picking up dissimilar ones.
 */
export function similarSelectors(target: ElementLike, root: ElementLike, opts: { max?: number } = {}): SimilarCandidate[] {
  const sig = signature(target);
  const all = [...descendants(root)];
  const similar = new Set(all.filter((el) => signature(el) === sig));
  const out = new Map<string, SimilarCandidate & { precision: number }>();
  const consider = (steps: SelectorStep[]) => {
    const selector = formatSteps(steps);
    if (out.has(selector)) return;
    let hits = 0;
    let count = 0;
    let hasTarget = false;
    for (const el of all) {
      if (!matchesSteps(el, steps)) continue;
      count++;
      if (similar.has(el)) hits++;
      if (el === target) hasTarget = true;
    }
    if (!hasTarget) return;
    out.set(selector, { selector, count, precision: count ? hits / count : 0 });
  };
  const own = compoundsFor(target).filter((c) => !c.attrs.some((a) => a.name === 'id' || a.name === 'aria-label' || a.name === 'name'));
  for (const c of own) consider([{ compound: c, combinator: '' }]);
  // Anchor on ancestors that carry a stable hook (a list container such as ul.products).
  let child: ElementLike = target;
  for (let p = target.parentElement, depth = 0; p && p !== root && depth < 4; child = p, p = p.parentElement, depth++) {
    const anchors = compoundsFor(p).filter((c) => c.classes.length || c.attrs.length).slice(0, 2);
    const id = stableId(p);
    if (id) anchors.unshift({ classes: [], attrs: [{ name: 'id', value: id }] });
    for (const a of anchors) for (const c of own.slice(0, 3)) consider([{ compound: a, combinator: '' }, { compound: c, combinator: child === target ? '>' : ' ' }]);
  }
  return [...out.values()]
    .sort((a, b) => b.precision - a.precision || b.count - a.count || a.selector.length - b.selector.length)
    .slice(0, opts.max ?? 6)
    .map(({ selector, count }) => ({ selector, count }));
}

// ---------------------------------------------------------------------------------------------
// A JSON element tree (a page snapshot sent from the browser to Node) that implements ElementLike

export interface ElementJson {
  t: string;
  a?: Record<string, string>;
  c?: ElementJson[];
  /** 1 when the element has text of its own (a non-blank text node child). */
  x?: 1;
}

export class JsonElement implements ElementLike {
  readonly children: JsonElement[];
  constructor(
    readonly json: ElementJson,
    readonly parentElement: JsonElement | null = null,
  ) {
    this.children = (json.c ?? []).map((c) => new JsonElement(c, this));
  }
  get tagName(): string {
    return this.json.t;
  }
  getAttribute(name: string): string | null {
    return this.json.a?.[name] ?? null;
  }
  getAttributeNames(): string[] {
    return Object.keys(this.json.a ?? {});
  }
  /** Follow a child-index path from this element. */
  at(path: number[]): JsonElement | null {
    let n: JsonElement | undefined = this;
    for (const i of path) n = n?.children[i];
    return n ?? null;
  }
}
