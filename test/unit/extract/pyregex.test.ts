// Python `re` -> JS translation: Python semantics kept, untranslatable constructs refused,
// invalid Python patterns reported as Python would (re.error).
import { describe, expect, it } from 'vitest';
import { compilePyRegex, pySearchGroup, PyRegexSyntaxError, RegexUnsupportedError, PyIndexError } from '../../../shared/extract/pyregex.js';

const search = (p: string, s: string, g: number | string = 1) => pySearchGroup(compilePyRegex(p), s, g).value;

describe('Python re semantics', () => {
  it('named groups, group by name or number, (?P=name)', () => {
    expect(search('(?P<y>\\d{4})-(?P<m>\\d\\d)', 'on 2024-05-01', 'm')).toBe('05');
    expect(search('(?P<y>\\d{4})-(?P<m>\\d\\d)', 'on 2024-05-01', 1)).toBe('2024');
    expect(search('(?P<q>["\'])(.*?)(?P=q)', `say "hi" now`, 2)).toBe('hi');
    expect(search('a(b)?c', 'ac')).toBeNull();
    expect(() => search('(a)', 'a', 2)).toThrow(PyIndexError);
    expect(() => search('(a)', 'a', 'x')).toThrow(PyIndexError);
    expect(search('a+', 'caaat', 0)).toBe('aaa');
  });
  it('Unicode \\d \\w \\s \\b like Python str patterns, ASCII with (?a)', () => {
    expect(search('(\\d+)', 'x٣٤y')).toBe('٣٤');
    expect(search('(?a)(\\d+)', 'x٣٤5y')).toBe('5');
    expect(search('(\\w+)', '--naïve--')).toBe('naïve');
    expect(search('a(\\s)b', 'a\u0085b')).toBe('\u0085');
    expect(search('a(\\s)b', 'a\ufeffb')).toBeNull();
    expect(search('a(\\s)b', 'a\u001cb')).toBe('\u001c');
    expect(search('(\\bé\\w*)', 'café étoile')).toBe('étoile');
    expect(search('([\\w-]+)', '!!ab-cd!!')).toBe('ab-cd');
    expect(search('([^\\W\\d]+)', '12ab3')).toBe('ab');
  });
  it('anchors: $ before a final newline, \\A, \\Z, multiline', () => {
    expect(search('(c)$', 'abc\n')).toBe('c');
    expect(search('(c)\\Z', 'abc\n')).toBeNull();
    expect(search('\\A(a)', 'ab')).toBe('a');
    expect(search('(?m)^(b)$', 'a\nb\nc')).toBe('b');
    expect(search('(?m)^(b)', 'a\rb')).toBeNull();
    expect(search('^(b)', 'a\nb')).toBeNull();
  });
  it('dot excludes only \\n; (?s) includes it', () => {
    expect(search('a(.)b', 'a\rb')).toBe('\r');
    expect(search('a(.)b', 'a\u2028b')).toBe('\u2028');
    expect(search('a(.)b', 'a\nb')).toBeNull();
    expect(search('(?s)a(.)b', 'a\nb')).toBe('\n');
  });
  it('flags, verbose mode, comments, {,n}, literal braces', () => {
    expect(search('(?i)(HELLO)', 'say hello')).toBe('hello');
    expect(search('(?x) ( \\d + ) # digits', 'ab 123')).toBe('123');
    expect(search('a(?#comment)(b)', 'ab')).toBe('b');
    expect(search('(a{,2})', 'aaa')).toBe('aa');
    expect(search('(x{)', 'x{')).toBe('x{');
    expect(search('(\\{\\d+\\})', 'a{12}')).toBe('{12}');
    expect(search('(?s:a.)(b)', 'a\nb')).toBe('b');
  });
  it('escapes: \\x \\u \\U octal, escaped punctuation', () => {
    expect(search('(\\x41\\u00e9\\U0001F600)', 'Aé😀')).toBe('Aé😀');
    expect(search('(\\101)', 'A')).toBe('A');
    expect(search('(\\$[\\d,.]+)', 'Price: $1,299.00')).toBe('$1,299.00');
    expect(search('(\\-\\#\\ )', 'a-# b')).toBe('-# ');
  });
  it('refuses what JS cannot reproduce', () => {
    for (const p of ['a++', 'a*+', '(?>a)', '(a)?(?(1)b|c)', '(?i:a)b']) {
      expect(() => compilePyRegex(p), p).toThrow(RegexUnsupportedError);
    }
  });
  it('\\N{name}: stored names and aliases case-insensitively, Hangul/CJK computed, in classes too (checked with Python 3.11)', () => {
    expect(search('(\\N{DIGIT ONE}+)', 'x11y')).toBe('11');
    expect(search('([\\N{EN DASH}-\\N{EM DASH}]+)', 'a\u2013\u2014b')).toBe('\u2013\u2014');
    expect(search('(\\N{em dash})', '\u2014')).toBe('\u2014');
    expect(search('(\\N{NBSP}|\\N{BOM})', '\ufeff')).toBe('\ufeff');
    expect(search('(\\N{HANGUL SYLLABLE GAG})', '\uac01')).toBe('\uac01');
    expect(search('(\\N{CJK UNIFIED IDEOGRAPH-4E00})', '\u4e00')).toBe('\u4e00');
    expect(search('(\\N{CJK COMPATIBILITY IDEOGRAPH-f900})', '\uf900')).toBe('\uf900');
    expect(search('(\\N{GRINNING FACE})', '\u{1f600}')).toBe('\u{1f600}');
  });
  it('rejects what Python rejects', () => {
    for (const p of ['(a', 'a)', '*a', 'a**', '[a', '\\q', '(?<n>a)', 'a(?i)', '(?P<1>a)', '[z-a]', '\\1(a)', '\\N{NO SUCH NAME}', '\\N{EM}', '\\N{hangul syllable GA}', '\\N{CJK UNIFIED IDEOGRAPH-4e00}', '\\N{}', '\\N{EM DASH', '\\N']) {
      expect(() => compilePyRegex(p), p).toThrow(PyRegexSyntaxError);
    }
  });
});
