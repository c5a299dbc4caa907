// Python literal tokens → JS values, as Python's own tokenizer reads them: string prefixes
// (r, u, b, f and their combinations), single and triple quotes, every escape sequence of a
// str literal, line continuations, and int/float syntax (underscores, 0x/0o/0b). Pure: the
// importer never runs Python.

export type Decoded<T> = { ok: true; value: T } | { ok: false; reason: string };

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

/** Splits `rb'''x'''` into prefix, quote and body. */
export function splitStringToken(token: string): { prefix: string; quote: string; body: string } | undefined {
  const m = /^([A-Za-z]*)('''|"""|'|")/.exec(token);
  if (!m) return undefined;
  const quote = m[2];
  if (!token.endsWith(quote) || token.length < m[0].length + quote.length) return undefined;
  return { prefix: m[1].toLowerCase(), quote, body: token.slice(m[0].length, token.length - quote.length) };
}

/** The escape sequences of a (non-raw) str literal body. */
export function unescapePython(body: string): Decoded<string> {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[++i];
    if (next === undefined) return { ok: false, reason: 'a string ends with a lone backslash' };
    if (next === '\n') continue; // line continuation inside the literal
    if (next === '\r') {
      if (body[i + 1] === '\n') i++;
      continue;
    }
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      continue;
    }
    if (/[0-7]/.test(next)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i))![0];
      out += String.fromCodePoint(parseInt(oct, 8));
      i += oct.length - 1;
      continue;
    }
    const hexLen = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (hexLen) {
      const hex = body.slice(i + 1, i + 1 + hexLen);
      if (!new RegExp(`^[0-9a-fA-F]{${hexLen}}$`).test(hex)) return { ok: false, reason: `a malformed \\${next} escape` };
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff) return { ok: false, reason: `\\${next}${hex} is not a Unicode code point` };
      out += String.fromCodePoint(cp);
      i += hexLen;
      continue;
    }
    if (next === 'N') return { ok: false, reason: 'a \\N{...} escape (named character)' };
    out += '\\' + next; // Python keeps unknown escapes as written (with a warning)
  }
  return { ok: true, value: out };
}

/** A plain (not f-) string token's value. Bytes literals are refused: no flow field is bytes. */
export function decodeStringToken(token: string): Decoded<string> {
  const parts = splitStringToken(token);
  if (!parts) return { ok: false, reason: 'not a string literal' };
  if (parts.prefix.includes('b')) return { ok: false, reason: 'a bytes literal (b"...")' };
  if (parts.prefix.includes('f')) return { ok: false, reason: 'an f-string' };
  const body = parts.body.replace(/\r\n?/g, '\n');
  return parts.prefix.includes('r') ? { ok: true, value: body } : unescapePython(body);
}

/** An int or float token (`1_000`, `0x1F`, `1e3`, `.5`); complex numbers are refused. */
export function decodeNumberToken(token: string): Decoded<number> {
  const t = token.replace(/_/g, '');
  if (/[jJ]$/.test(t)) return { ok: false, reason: 'a complex number' };
  let value: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(t) || /^0[oO][0-7]+$/.test(t) || /^0[bB][01]+$/.test(t)) value = Number(t.replace(/^0[oO]/, '0o'));
  else if (/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) value = Number(t);
  else return { ok: false, reason: `"${token}" is not a number` };
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: `${token} is out of range` };
}
