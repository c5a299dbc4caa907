// Python json.dumps(indent=4, ensure_ascii=False) byte equality on the tricky parts.
import { describe, expect, it } from 'vitest';
import { pyJsonDumps, pyJsonDumpsExact, pyFloatRepr } from '../../../shared/extract/pyjson.js';

describe('pyJsonDumps', () => {
  it('layout and ordered keys (integer-like keys keep their order)', () => {
    const m = new Map<string, unknown>([['2024', 1], ['1', [true, null]], ['a', new Map()], ['b', []]]);
    expect(pyJsonDumps([m] as never)).toBe('[\n    {\n        "2024": 1,\n        "1": [\n            true,\n            null\n        ],\n        "a": {},\n        "b": []\n    }\n]');
    expect(pyJsonDumps([] as never)).toBe('[]');
  });
  it('string escapes differ from JSON.stringify where Python differs', () => {
    expect(pyJsonDumps('\u001f\u0000\u007f\b\f\n\r\t"\\/')).toBe('"\\u001f\\u0000\u007f\\b\\f\\n\\r\\t\\"\\\\/"');
    expect(pyJsonDumps('\u2028\u2029é😀')).toBe('"\u2028\u2029é😀"');
    // lone surrogates: Python writes them raw with ensure_ascii=False; JSON.stringify escapes
    expect(pyJsonDumps('\ud800')).toBe('"\ud800"');
    expect(JSON.stringify('\ud800')).not.toBe('"\ud800"');
  });
  it('fast path (JSON.stringify) only when it is byte-identical', () => {
    const m = new Map<string, unknown>([['b', 'x\u001fy\u2028'], ['a', [1, 'é', null, true]]]);
    expect(pyJsonDumps([m] as never)).toBe(pyJsonDumpsExact([m] as never));
    const withFloat = new Map<string, unknown>([['f', 1e-5]]);
    expect(pyJsonDumps([withFloat] as never)).toContain('"f": 1e-05');
    const withIndexKey = new Map<string, unknown>([['b', 1], ['7', 2]]);
    expect(pyJsonDumps(withIndexKey as never)).toBe('{\n    "b": 1,\n    "7": 2\n}');
  });
  it('lone surrogates in keys and values take the exact writer (a backslash + "ud800" is text)', () => {
    // JSON.stringify would write a lone surrogate as \udXXX, Python writes it raw
    const cases: unknown[] = [
      new Map([['a', 'x\ud800y']]),
      new Map([['k\udc00', 'v']]),
      new Map([['b', '\\ud800']]), // backslash + "ud800": no surrogate
      new Map([['c', '\\\\ud900 \ud83d\ude00']]), // two backslashes + "ud900", a paired emoji
      new Map([['d', '\\\ud800']]), // backslash + lone surrogate
    ];
    for (const c of cases) expect(pyJsonDumps([c] as never)).toBe(pyJsonDumpsExact([c] as never));
    expect(pyJsonDumps([cases[1]] as never)).toContain('"k\udc00": "v"');
    expect(pyJsonDumps([cases[2]] as never)).toContain('"b": "\\\\ud800"');
  });
  it('Python float repr', () => {
    expect(pyFloatRepr(0.1)).toBe('0.1');
    expect(pyFloatRepr(2.5)).toBe('2.5');
    expect(pyFloatRepr(1e-5)).toBe('1e-05');
    expect(pyFloatRepr(0.0001)).toBe('0.0001');
    expect(pyFloatRepr(1.5e16)).toBe('1.5e+16');
    expect(pyFloatRepr(1e22)).toBe('1e+22');
    expect(pyFloatRepr(123456.789)).toBe('123456.789');
    expect(pyFloatRepr(-0.5)).toBe('-0.5');
    expect(pyJsonDumps(3)).toBe('3');
    expect(pyJsonDumps(3.25)).toBe('3.25');
  });
});
