import { describe, expect, it } from 'vitest';
import { escapeForJsLiteral, jsFieldsOf, scanJsPlaceholders, substituteJs, substituteStep } from '../../../shared/flow/js-placeholders.js';
import { MissingVariableError } from '../../../shared/flow/variables.js';
import type { Step } from '../../../shared/flow/schema.js';

const contexts = (code: string) => scanJsPlaceholders(code).map((p) => `${p.name}:${p.context}`);

describe('scanJsPlaceholders', () => {
  it.each([
    ["document.querySelector('#password').value = '{{secret:P}}';", ["P:'"]],
    ['const a = "{{x}}"; const b = {{y}}; // {{c}}', ['x:"', 'y:code', 'c:comment']],
    ['const t = `hi ${ {{x}} } and {{y}} ${"{{z}}"} ${ {a: 1}.a }`; {{w}}', ['x:code', 'y:`', 'z:"', 'w:code']],
    ["const r = /'{{x}}/g; const d = a / 2; const e = '{{y}}' / 2;", ['x:regex', "y:'"]],
    ["return x / {{n}} / '{{s}}';", ['n:code', "s:'"]],
    ["return /{{re}}/.test('{{s}}');", ['re:regex', "s:'"]],
    ["if (a) { f('{{x}}'); } /* {{c}} '{{d}} */ `{{t}}`", ["x:'", 'c:comment', 'd:comment', 't:`']],
    ["const s = 'it\\'s {{x}}'; const q = \"{{ secret:Y }}\";", ["x:'", 'Y:"']],
  ])('%s', (code, want) => expect(contexts(code)).toEqual(want));

  it('never throws on unterminated literals', () => {
    expect(contexts("const a = '{{x}}\n{{y}}")).toEqual(["x:'", 'y:code']);
    expect(contexts('`{{x}} ${ {{y}}')).toEqual(['x:`', 'y:code']);
    expect(contexts('/* {{x}}')).toEqual(['x:comment']);
  });
});

describe('substituteJs', () => {
  const nasty = ["it's", 'say "hi"', 'back\\slash', 'line\nbreak\r\n', '`tick` ${not.code}', 'sep\u2028\u2029', "a'b\"c`d\\e${f}"];
  // The generated literals are evaluated here (our own strings, not user code) to prove the round trip.
  const evalLiteral = (src: string) => new Function(`return ${src};`)() as string;
  for (const quote of ["'", '"', '`'] as const) {
    it(`a value inside ${quote}…${quote} keeps its exact value`, () => {
      for (const v of nasty) {
        const src = substituteJs(`${quote}pre {{x}} post${quote}`, () => v);
        expect(evalLiteral(src)).toBe(`pre ${v} post`);
        expect(evalLiteral(`${quote}${escapeForJsLiteral(v, quote)}${quote}`)).toBe(v);
      }
    });
  }

  it('pastes values textually in code, comments and regex literals (as in urls and selectors)', () => {
    expect(substituteJs('return {{n}} + 1; // {{c}}', (p) => (p.name === 'n' ? '41' : "it's"))).toBe("return 41 + 1; // it's");
    expect(substituteJs('return /{{re}}/.test("a.b");', () => 'a\\.b')).toBe('return /a\\.b/.test("a.b");');
  });

  it('`$` before a placeholder in a template is a dollar sign; every placeholder is filled', () => {
    expect(contexts('`cost: ${{price}}`')).toEqual(['price:`']);
    expect(evalLiteral(substituteJs('`cost: ${{price}}`', () => '5`'))).toBe('cost: $5`');
    expect(evalLiteral(substituteJs('`cost: ${{price}}`', () => '{a}'))).toBe('cost: ${a}');
    expect(substituteJs('x = {{{a}}};', () => '1')).toBe('x = {1};');
  });

  it('leaves plain values and text without placeholders unchanged', () => {
    const code = "document.querySelector('#u').value = '{{username}}';";
    expect(substituteJs(code, () => 'demo')).toBe("document.querySelector('#u').value = 'demo';");
    expect(substituteJs('return 1;', () => 'x')).toBe('return 1;');
  });
});

describe('substituteStep', () => {
  const step: Step = {
    id: 's',
    name: 's',
    config: {
      url: '{{base}}/q?x={{v}}',
      css_selector: "a[title='{{v}}']",
      session_id: 'sess-{{v}}',
      js_code: ["el.value = '{{v}}';", 'return {{n}};'],
      wait_for: 'css:[data-v="{{v}}"]',
    },
    hooks: { after_goto: 'window.v = `{{v}}`;' },
    repeat: { until: 'js:() => window.v === "{{v}}"', max: 2 },
  } as Step;
  const values = { vars: { base: 'http://h', v: `it's "{{n}}"`, n: '7' }, secrets: {} };

  it('escapes values in JS string literals and keeps urls/selectors textual, in one pass', () => {
    const out = substituteStep(step, values);
    expect(out.config.url).toBe(`http://h/q?x=it's "{{n}}"`); // textual, not substituted twice
    expect(out.config.css_selector).toBe(`a[title='it's "{{n}}"']`);
    expect(out.config.session_id).toBe(`sess-it's "{{n}}"`);
    expect(out.config.wait_for).toBe(`css:[data-v="it's "{{n}}""]`); // css: wait_for is a selector
    expect(out.config.js_code).toEqual([`el.value = 'it\\'s "{{n}}"';`, 'return 7;']);
    expect(out.hooks?.after_goto).toBe('window.v = `it\'s "{{n}}"`;');
    expect(out.repeat && 'until' in out.repeat && out.repeat.until).toBe(`js:() => window.v === "it's \\"{{n}}\\""`);
    expect(step.config.js_code).toEqual(["el.value = '{{v}}';", 'return {{n}};']); // input untouched
  });

  it('lists the JS fields and throws MissingVariableError for an unknown name', () => {
    expect(jsFieldsOf(step).map((f) => f.path)).toEqual(['config.js_code[0]', 'config.js_code[1]', 'hooks.after_goto', 'repeat.until']);
    expect(() => substituteStep(step, { vars: { base: 'x', v: 'y' }, secrets: {} })).toThrow(MissingVariableError);
  });
});
