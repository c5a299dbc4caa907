// The injection guarantee: any string goes into the generated Python/JS as a literal whose value
// is exactly that string. Checked by evaluating the literals with the real interpreters.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { pyCode, pyDocstring, pyLiteral, pyString } from '../../../shared/export/python-literal.js';
import { jsCode, jsLiteral, jsString } from '../../../shared/export/js-literal.js';
import { hasPython as python } from '../support/python.js';

const NASTY = [
  '',
  'plain',
  'a"b\'c',
  '"""',
  'ends with a quote"',
  '""',
  "'''",
  'back\\slash\\',
  '\\n is not a newline',
  'line1\nline2\r\nline3\rline4',
  'tab\tform\fnul\u0000bell\u0007del\u007f',
  'é ✓ 𝒳 \u2028 \u2029',
  'lone \ud800 surrogate',
  '${not} `a template` \\${x}',
  '"""\n"""\n\\"""',
  'multi\nline ending with quote"',
  'x = """\ny"""',
  '*/ */',
];


describe('Python literals', () => {
  it.skipIf(!python)('pyString, pyCode and pyDocstring evaluate back to the input (python3 ast.literal_eval)', () => {
    const literals = NASTY.flatMap((s) => [pyString(s), pyCode(s)]);
    const docs = NASTY.map((s) => pyDocstring(s));
    const script = [
      'import ast, json, sys',
      'items = json.loads(sys.stdin.read())',
      'out = []',
      'for lit in items["lits"]:',
      '    out.append(ast.literal_eval(lit))',
      'for lit in items["docs"]:',
      '    out.append(ast.literal_eval(lit))',
      // surrogatepass: lone surrogates survive the trip back as JSON escapes
      'sys.stdout.write(json.dumps(out))',
    ].join('\n');
    const r = spawnSync('python3', ['-c', script], { input: JSON.stringify({ lits: literals, docs }), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const values = JSON.parse(r.stdout) as string[];
    expect(values.slice(0, literals.length)).toEqual(NASTY.flatMap((s) => [s, s]));
    expect(values.slice(literals.length)).toEqual(NASTY.map((s) => s + '\n'));
  });

  it('pyCode keeps multi-line code readable', () => {
    expect(pyCode("a = 'x';\nb();")).toBe('"""\\\na = \'x\';\nb();"""');
  });

  it('pyLiteral writes JSON as Python (True/False/None, key order kept)', () => {
    expect(pyLiteral({ b: true, a: [null, false, 1.5, 'x'], c: {} })).toBe(
      '{\n    "b": True,\n    "a": [\n        None,\n        False,\n        1.5,\n        "x",\n    ],\n    "c": {},\n}',
    );
  });
});

describe('JS literals', () => {
  it('jsString, jsCode and jsLiteral evaluate back to the input', () => {
    for (const s of NASTY) {
      expect(new Function(`return ${jsString(s)};`)()).toBe(s);
      expect(new Function(`return ${jsCode(s)};`)()).toBe(s);
    }
    const value = { 'odd key': NASTY, js_code: NASTY, n: 1, t: true, z: null };
    expect(new Function(`return ${jsLiteral(value, { codeKeys: new Set(['js_code']) })};`)()).toEqual(value);
  });
});
