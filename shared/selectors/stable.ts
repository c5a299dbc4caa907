// Is an id / class / attribute value stable enough to put in a selector? Build tools generate
// names that change on every deploy (CSS modules, styled-components, emotion, React useId,
// framework counters); a selector built on them breaks the next day. Pure string code.

const GENERATED_PATTERNS: RegExp[] = [
  /-sc-[a-z0-9]+(-\d+)?$/i, // styled-components component id: Box-sc-g0xbh4-0
  /^sc-[a-z]{5,}$/i, // styled-components class: sc-bdfBwQ
  /^(css|jsx|emotion|svelte|astro|tw|mui|chakra|ember|ext-gen|yui|ng-tns|ng-star)[-_][a-z0-9-]*\d[a-z0-9-]*$/i, // css-1x2y3z, jsx-123abc, svelte-xyz1
  /^[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9-]+__[A-Za-z0-9_-]{4,}$/, // CSS modules: Button_primary__3kX9a
  /^[a-z0-9]+__[a-z0-9-]+___[A-Za-z0-9_-]{4,}$/i, // CSS modules (webpack default): styles__button___2x3Yz
  /^_[A-Za-z0-9_-]{4,}$/, // minified: _3xYz1
  /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i, // uuid
  /:/, // React useId (:r1:), Angular/Tailwind variants
  /^\d/, // starts with a digit: counters
];

/** Mostly digits or hex noise: a1b2c3d4, item-83742, 9f8e7d6c. */
function isDigitHeavy(token: string): boolean {
  const digits = (token.match(/\d/g) ?? []).length;
  if (digits >= 4 && /\d{4,}/.test(token)) return true;
  if (token.length >= 5 && digits / token.length >= 0.3) return true;
  // Random mixed-case tokens without separators (tCxQvP, jKlMnO2): more than 2 case switches in a short word.
  if (token.length >= 5 && token.length <= 12 && !/[-_]/.test(token) && /[a-z]/.test(token) && /[A-Z]/.test(token)) {
    const switches = (token.match(/[a-z][A-Z]|[A-Z]{2}[a-z]/g) ?? []).length;
    if (switches >= 3 || (digits > 0 && switches >= 2)) return true;
  }
  return false;
}

export function isGeneratedToken(token: string): boolean {
  if (!token || token.length > 48) return true;
  if (GENERATED_PATTERNS.some((re) => re.test(token))) return true;
  return isDigitHeavy(token);
}

export function isStableId(id: string): boolean {
  return !!id && !/\s/.test(id) && !isGeneratedToken(id);
}

/** Classes that describe state, not identity: they come and go while the user interacts. */
const STATE_CLASS = /^(is-|has-)|^(active|selected|current|hover|focus|focused|open|opened|closed|show|shown|visible|hidden|collapsed|expanded|disabled|enabled|checked|loading|loaded|in|fade|ng-[a-z-]+)$/i;
/** Atomic utility classes (Tailwind, Bootstrap spacing): stable but meaningless and shared by unrelated elements. */
const UTILITY_CLASS = /[/[\].:!@%]|^-?(m|p|mt|mb|ml|mr|mx|my|pt|pb|pl|pr|px|py|w|h|gap|top|left|right|bottom|z|order|col|row|text|bg|border|rounded|font|leading|tracking|shadow|opacity|flex|grid|d|g|fs|fw|lh)-[a-z0-9-]+$|^(flex|grid|block|inline|hidden|relative|absolute|fixed|sticky|container|clearfix|row|col|d-flex|w-100|h-100|truncate|uppercase|lowercase|italic|underline|sr-only)$/i;

export function isStableClass(cls: string): boolean {
  return !!cls && !isGeneratedToken(cls) && !STATE_CLASS.test(cls) && !UTILITY_CLASS.test(cls);
}

/** Attribute values usable in [attr="v"]: short, no generated noise. */
export function isStableAttrValue(v: string): boolean {
  if (v.length === 0 || v.length > 80 || /[\n\r]/.test(v)) return false;
  // Every word / path segment must look hand-written: "/login" and "Close dialog" pass,
  // "/items/42" and "4.5 out of 5" (data, not a handle) do not.
  const parts = v.split(/[\s/.?=&#:,;()_-]+/).filter(Boolean);
  return parts.length > 0 && parts.every((p) => !isGeneratedToken(p));
}

export const TEST_ID_ATTRS = ['data-testid', 'data-test-id', 'data-test', 'data-cy', 'data-qa', 'data-pw'];
