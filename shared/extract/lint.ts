// Schema lint: the Crawl4AI traps a JsonCss schema can fall into, each with the schema path.
// Nothing here changes what the extractor does; it explains it before the user is surprised.
import type { JsonCssField, JsonCssSchema } from './schema.js';
import { KNOWN_FIELD_TYPES, TRANSFORMS } from './schema.js';
import type { ValidationIssue } from '../flow/issues.js';
import { checkCrawl4aiSelector, soupsieveOnlyPseudos, unsupportedHere } from './selector-compat.js';
import { compilePyRegex, PyRegexSyntaxError, RegexUnsupportedError } from './pyregex.js';
import { MULTI_VALUED_NAMES } from './attributes.js';

export type LintCode =
  | 'selector-invalid' // soupsieve raises (jQuery extension, relative selector, syntax)
  | 'selector-browser-only' // works in DevTools, not in Crawl4AI (same as invalid, jQuery)
  | 'selector-soupsieve-only' // :contains / :-soup-contains: Crawl4AI only, not in a browser
  | 'selector-contains-deprecated'
  | 'selector-unsupported-here'
  | 'relative-selector'
  | 'transform-on-list'
  | 'transform-unknown'
  | 'attribute-missing-key'
  | 'regex-no-pattern'
  | 'regex-no-group'
  | 'regex-bad-group'
  | 'regex-invalid'
  | 'regex-unsupported'
  | 'unknown-type'
  | 'nested-in-list'
  | 'computed-disabled'
  | 'computed-no-expression'
  | 'structure-missing-selector'
  | 'structure-missing-fields'
  | 'source-invalid'
  | 'basefields-structure'
  | 'basefields-crash-risk'
  | 'duplicate-name';

export interface SchemaLint extends ValidationIssue {
  code: LintCode;
}

const SINGLE_STEPS = new Set(['text', 'attribute', 'html', 'regex']);
const STRUCTURED = new Set(['nested', 'list', 'nested_list']);

function typeSteps(t: string | string[]): string[] {
  return Array.isArray(t) ? t : [t];
}

class Linter {
  readonly out: SchemaLint[] = [];

  add(path: string, code: LintCode, message: string, severity: 'error' | 'warning' = 'warning'): void {
    this.out.push({ path, code, message, severity });
  }

  selector(path: string, sel: string, where: 'base' | 'field' | 'basefield'): void {
    const check = checkCrawl4aiSelector(sel);
    const consequence =
      where === 'field' ? 'Crawl4AI raises inside the field, so it always gets its `default`' : 'Crawl4AI raises and the whole extraction fails';
    if (!check.ok) {
      const relative = /^\s*[>+~]/.test(sel);
      if (relative) {
        this.add(path, 'relative-selector', `relative selector ${JSON.stringify(sel)}: soupsieve raises (${consequence}). Write ":scope ${sel.trim()}" instead.`, where === 'field' ? 'warning' : 'error');
      } else if (/jQuery/.test(check.reason ?? '')) {
        this.add(path, 'selector-browser-only', `${check.reason}. ${consequence}.`, where === 'field' ? 'warning' : 'error');
      } else {
        this.add(path, 'selector-invalid', `${check.reason}. ${consequence}.`, where === 'field' ? 'warning' : 'error');
      }
      return;
    }
    const only = soupsieveOnlyPseudos(sel);
    if (only.length) {
      this.add(path, 'selector-soupsieve-only', `${only.map((p) => `:${p}()`).join(', ')} works in Crawl4AI (soupsieve) but not in a browser's querySelectorAll: the live preview cannot highlight it.`, 'warning');
      if (only.includes('contains')) {
        this.add(path, 'selector-contains-deprecated', ':contains() is deprecated in soupsieve (it warns); use :-soup-contains().', 'warning');
      }
    }
    const unsupported = unsupportedHere(sel);
    if (unsupported.length) {
      this.add(path, 'selector-unsupported-here', `${unsupported.map((p) => `:${p}`).join(', ')} is accepted by Crawl4AI but Crawlwright's extractor cannot evaluate it: the tester reports an error instead of guessing.`, 'warning');
    }
  }

  field(f: JsonCssField, path: string, ctx: 'fields' | 'list' | 'basefields'): void {
    const steps = typeSteps(f.type);
    const isStructured = typeof f.type === 'string' && STRUCTURED.has(f.type);
    const isComputed = f.type === 'computed';

    if (f.selector !== undefined) this.selector(`${path}.selector`, f.selector, ctx === 'basefields' ? 'basefield' : 'field');

    // structural types where they are not supported
    if (ctx !== 'fields' && (isStructured || isComputed)) {
      const where = ctx === 'list' ? "inside a `list` field's `fields`" : 'in `baseFields`';
      this.add(`${path}.type`, ctx === 'list' ? 'nested-in-list' : 'basefields-structure', `type ${JSON.stringify(f.type)} ${where} is treated as a single-value field by Crawl4AI: the value becomes the element's HTML string.`);
    }
    if (ctx === 'basefields' && f.source !== undefined) {
      this.add(`${path}.source`, 'basefields-structure', '`source` is ignored in baseFields (Crawl4AI only resolves it for `fields`).');
    }

    // unknown types
    if (Array.isArray(f.type) && f.type.length === 0) {
      this.add(`${path}.type`, 'unknown-type', 'an empty type list runs no step: the value is the element itself (its HTML string in the JSON).');
    }
    for (const s of steps) {
      if (!(KNOWN_FIELD_TYPES as readonly string[]).includes(s)) {
        this.add(`${path}.type`, 'unknown-type', `unknown type ${JSON.stringify(s)}: Crawl4AI ignores the step, so the value is the element itself (its HTML string in the JSON).`);
      } else if (Array.isArray(f.type) && !SINGLE_STEPS.has(s)) {
        this.add(`${path}.type`, 'unknown-type', `${JSON.stringify(s)} in a type list is not a pipeline step: it does nothing.`);
      }
    }

    // in `fields`, nested/list/nested_list/computed do not run the single-value steps
    const singleValued = ctx !== 'fields' || (!isStructured && !isComputed);
    const usesStep = (s: string) => singleValued && steps.includes(s);
    const crashNote = ctx === 'fields' ? 'the field gets its `default`' : ctx === 'list' ? 'the whole list field gets its `default`' : 'the whole extraction fails (baseFields have no error guard)';

    if (usesStep('attribute') && f.attribute === undefined) {
      this.add(path, 'attribute-missing-key', `type "attribute" without an "attribute" key: KeyError in Crawl4AI, ${crashNote}.`, ctx === 'basefields' ? 'error' : 'warning');
    }
    if (usesStep('regex')) this.regex(f, path, crashNote, ctx);

    if (f.transform !== undefined) {
      if (!(TRANSFORMS as readonly string[]).includes(f.transform)) {
        this.add(`${path}.transform`, 'transform-unknown', `transform ${JSON.stringify(f.transform)} is not one of ${TRANSFORMS.join(', ')}: Crawl4AI leaves the value unchanged.`);
      } else {
        const last = steps[steps.length - 1];
        const attr = f.attribute?.toLowerCase();
        if (last === 'attribute' && attr && MULTI_VALUED_NAMES.includes(attr)) {
          this.add(`${path}.transform`, 'transform-on-list', `"${f.attribute}" comes back as a list in Crawl4AI (bs4 multi-valued attribute); a transform on a list raises AttributeError: ${crashNote}.`, ctx === 'basefields' ? 'error' : 'warning');
        } else if (ctx === 'basefields') {
          this.add(`${path}.transform`, 'basefields-crash-risk', `transform in baseFields: when the value is missing (None) Crawl4AI raises AttributeError and the whole extraction fails.`, 'warning');
        }
      }
    }

    if (isComputed && ctx === 'fields') {
      if (f.expression !== undefined) {
        this.add(path, 'computed-disabled', `computed "expression" is disabled since Crawl4AI 0.8.7 (eval removed): the field always gets its default${f.default === undefined ? ' — none is set, so the key is absent' : ''}.`);
      } else if (f.function !== undefined) {
        this.add(`${path}.function`, 'computed-no-expression', `computed "function" from JSON is not a Python callable: calling it raises, so the field always gets its default${f.default === undefined ? ' — none is set, so the key is absent' : ''}.`);
      } else {
        this.add(path, 'computed-no-expression', 'computed without "expression": only a Python `function` works, which JSON cannot hold; the key is absent.');
      }
    }

    if (isStructured && ctx === 'fields') {
      if (f.selector === undefined) {
        this.add(path, 'structure-missing-selector', `type "${f.type}" without "selector": KeyError in Crawl4AI, the field gets its default.`);
      }
      if (f.fields === undefined) {
        this.add(path, 'structure-missing-fields', `type "${f.type}" without "fields": KeyError in Crawl4AI as soon as something matches.`);
      } else {
        this.fields(f.fields, `${path}.fields`, f.type === 'list' ? 'list' : 'fields');
      }
      if (f.default !== undefined && f.type === 'nested') {
        this.add(`${path}.default`, 'structure-missing-selector', '`default` of a nested field is not used when nothing matches: the value is {}.', 'warning');
      }
    }

    if (f.source !== undefined && ctx !== 'basefields') {
      if (!f.source.trim().startsWith('+')) {
        this.add(`${path}.source`, 'source-invalid', `source ${JSON.stringify(f.source)} does not start with "+": Crawl4AI finds no sibling and uses the default.`);
      }
    }
  }

  regex(f: JsonCssField, path: string, crashNote: string, ctx: string): void {
    if (!f.pattern) {
      this.add(path, 'regex-no-pattern', 'regex step without "pattern": Crawl4AI skips the step, so the value is the element (its HTML string in the JSON).');
      return;
    }
    let rx;
    try {
      rx = compilePyRegex(f.pattern);
    } catch (e) {
      if (e instanceof RegexUnsupportedError) {
        this.add(`${path}.pattern`, 'regex-unsupported', `${e.message}: Crawlwright refuses to run it (Crawl4AI would).`, 'error');
      } else if (e instanceof PyRegexSyntaxError) {
        this.add(`${path}.pattern`, 'regex-invalid', `Python re rejects the pattern (${e.message}): ${crashNote}.`, ctx === 'basefields' ? 'error' : 'warning');
      }
      return;
    }
    const group = f.group ?? 1;
    if (typeof group === 'number') {
      if (rx.groupCount === 0 && group !== 0) {
        this.add(`${path}.pattern`, 'regex-no-group', `pattern has no capture group but group ${group} is read: IndexError in Crawl4AI, ${crashNote}. Add (…) around the part to keep, or set "group": 0.`, ctx === 'basefields' ? 'error' : 'warning');
      } else if (group > rx.groupCount) {
        this.add(`${path}.group`, 'regex-bad-group', `group ${group} does not exist (the pattern has ${rx.groupCount}): IndexError in Crawl4AI, ${crashNote}.`, ctx === 'basefields' ? 'error' : 'warning');
      }
    } else if (!rx.groupIndex.has(group)) {
      this.add(`${path}.group`, 'regex-bad-group', `no group named ${JSON.stringify(group)} in the pattern (use (?P<${group}>…)): IndexError in Crawl4AI, ${crashNote}.`, ctx === 'basefields' ? 'error' : 'warning');
    }
  }

  fields(fields: JsonCssField[], path: string, ctx: 'fields' | 'list' | 'basefields'): void {
    const seen = new Map<string, number>();
    fields.forEach((f, i) => {
      const p = `${path}[${i}]`;
      const prev = seen.get(f.name);
      if (prev !== undefined) {
        this.add(`${p}.name`, 'duplicate-name', `name ${JSON.stringify(f.name)} is also used by ${path}[${prev}]: the later value overwrites the earlier one (keeping its position).`);
      }
      seen.set(f.name, i);
      this.field(f, p, ctx);
    });
  }
}

/** Lint a JsonCss schema: every Crawl4AI trap with its schema path. */
export function lintSchema(schema: JsonCssSchema): SchemaLint[] {
  const l = new Linter();
  l.selector('baseSelector', schema.baseSelector, 'base');
  if (schema.baseFields) l.fields(schema.baseFields, 'baseFields', 'basefields');
  l.fields(schema.fields, 'fields', 'fields');
  return l.out;
}
