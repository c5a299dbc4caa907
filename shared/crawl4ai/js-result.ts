// js_execution_result values as Crawl4AI sees them. Crawl4AI gets each snippet's value through
// playwright-python, keeps it when it is Python-truthy and puts {"success": True} in its place
// otherwise (`result if result else {"success": True}`). So the rules are Python's, not JS's:
// [] and {} (also a Map or Set, which arrive as {}) are replaced; NaN is kept.
// Values JSON cannot hold are written with the tags the runner-conformance cases use, instead of
// turning into null: {"$float": "NaN" | "Infinity" | "-Infinity" | "-0"}, {"$datetime": ISO}
// (Python's isoformat of an aware UTC datetime). A RegExp arrives in Python as the wire form
// {"r": {"p": source, "f": flags}}. (Case 063 shows each of these.)

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (!v || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** Python's bool() of the value playwright-python builds from this JS value. */
export function pythonTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false; // 0 covers -0; NaN is truthy
  if (Array.isArray(v)) return v.length > 0;
  if (isPlainObject(v)) return Object.keys(v).length > 0;
  return true;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** datetime.isoformat() of an aware UTC datetime: microseconds only when non-zero. */
export function pythonIsoformat(d: Date): string {
  const base = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const ms = d.getUTCMilliseconds();
  return `${base}${ms ? `.${pad(ms * 1000, 6)}` : ''}+00:00`;
}

/** The JSON form of what Python holds for this JS value. */
export function pythonView(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return { $float: 'NaN' };
    if (v === Infinity) return { $float: 'Infinity' };
    if (v === -Infinity) return { $float: '-Infinity' };
    if (Object.is(v, -0)) return { $float: '-0' };
    return v;
  }
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : { $py: 'int', repr: v.toString() };
  if (v instanceof Date) return { $datetime: pythonIsoformat(v) };
  if (v instanceof RegExp) return { r: { p: v.source, f: v.flags } };
  if (Array.isArray(v)) return v.map(pythonView);
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = pythonView(x);
    return out;
  }
  return v;
}

/** One entry of js_execution_result.results for a snippet's value. */
export const snippetResultEntry = (v: unknown): unknown => (pythonTruthy(v) ? pythonView(v) : { success: true });
