// js_execution_result entries as Crawl4AI builds them: Python truthiness decides the
// {"success": true} replacement, and values JSON cannot hold keep a tag instead of becoming null.
import { describe, expect, it } from 'vitest';
import { pythonIsoformat, pythonTruthy, pythonView, snippetResultEntry } from '../../../shared/crawl4ai/js-result.js';
import { crawl4aiWouldReport } from '../../../shared/crawl4ai/verdict.js';

describe('js_execution_result (Python view)', () => {
  it('replaces Python-falsy values, including empty containers, and keeps NaN', () => {
    for (const v of [undefined, null, false, 0, -0, '', [], {}]) expect(snippetResultEntry(v)).toEqual({ success: true });
    expect(pythonTruthy(NaN)).toBe(true);
    expect(snippetResultEntry([0])).toEqual([0]);
    expect(snippetResultEntry({ a: 0 })).toEqual({ a: 0 });
    expect(snippetResultEntry(new Date(0))).toEqual({ $datetime: '1970-01-01T00:00:00+00:00' });
  });

  it('tags what JSON cannot hold; a RegExp arrives as its wire form', () => {
    expect(pythonView([NaN, Infinity, -Infinity, -0, 1.5])).toEqual([{ $float: 'NaN' }, { $float: 'Infinity' }, { $float: '-Infinity' }, { $float: '-0' }, 1.5]);
    expect(pythonView(/re/gi)).toEqual({ r: { p: 're', f: 'gi' } });
    expect(pythonView({ a: undefined, b: [undefined] })).toEqual({ a: null, b: [null] });
    expect(pythonView(10n)).toBe(10);
    expect(pythonView(2n ** 70n)).toEqual({ $py: 'int', repr: '1180591620717411303424' });
    expect(pythonIsoformat(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)))).toBe('2026-01-02T03:04:05.006000+00:00');
  });
});

describe('crawl4aiWouldReport', () => {
  it('says nothing when Crawl4AI agrees, and names the anti-bot reason when it does not', () => {
    expect(crawl4aiWouldReport({ success: true, crawl4ai: { success: true, error_message: null } })).toBeUndefined();
    expect(crawl4aiWouldReport({ success: false, crawl4ai: { success: false, error_message: 'x' } })).toBeUndefined();
    expect(crawl4aiWouldReport({ success: true, crawl4ai: { success: false, error_message: 'Blocked by anti-bot protection: HTTP 429 Too Many Requests', blocked: 'HTTP 429 Too Many Requests' } })).toBe(
      'Crawl4AI would report: failed (blocked: HTTP 429 Too Many Requests)',
    );
  });
});
