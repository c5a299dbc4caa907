// Re-runs the schema on the session page after every edit (debounced). Only the newest run's
// result is shown; older responses that arrive late are dropped, and the main process drops queued
// older runs too (same lane), so typing never builds up a backlog. A result belongs to its step,
// session and css_selector: it is never shown for another step, another session or a schema that
// cannot be tested (no baseSelector yet), while edits of the same schema keep the last one shown
// until the new one arrives.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client.js';
import type { SchemaTestResult } from '../../../shared/api/domains/schema.js';
import type { JsonCssSchema } from '../../../shared/extract/schema.js';

export const TEST_DEBOUNCE_MS = 350;

export interface SchemaTestState {
  result: SchemaTestResult | null;
  running: boolean;
  /** Transport/session errors (no session, session dead); extractor errors are in result.error. */
  error: string | null;
  /** Wall time of the last run as seen by the renderer, ms. */
  elapsedMs: number | null;
  rerun(): void;
}

/**
 * `ownerId`: the step the schema belongs to. `sessionId`: a live session (null: nothing to test on).
 * `pageKey` (e.g. the session's URL) re-runs the test when the page changes under the same schema.
 */
export function useSchemaTest(ownerId: string | null, sessionId: string | null, schema: JsonCssSchema | null, cssSelector: string | undefined, enabled = true, pageKey = ''): SchemaTestState {
  const owner = JSON.stringify([ownerId, sessionId, cssSelector ?? null]);
  const [last, setLast] = useState<{ owner: string; result: SchemaTestResult | null; error: string | null } | null>(null);
  const [running, setRunning] = useState(false);
  const setResult = (result: SchemaTestResult) => setLast({ owner, result, error: null });
  const setError = (error: string) => setLast((l) => ({ owner, result: l?.owner === owner ? l.result : null, error }));
  const [elapsedMs, setElapsed] = useState<number | null>(null);
  const seq = useRef(0);
  const [nonce, setNonce] = useState(0);
  const key = JSON.stringify([owner, schema, pageKey]);

  useEffect(() => {
    if (!enabled || !sessionId || !schema || !schema.baseSelector) {
      seq.current++; // a run still in flight belongs to what was shown before
      setRunning(false);
      return;
    }
    const my = ++seq.current;
    const timer = setTimeout(() => {
      setRunning(true);
      const t0 = performance.now();
      api['schema.test']({ sessionId, schema, ...(cssSelector ? { css_selector: cssSelector } : {}) }).then(
        (r) => {
          if (my !== seq.current) return;
          setResult(r);
          setRunning(false);
          setElapsed(performance.now() - t0);
        },
        (e: unknown) => {
          if (my !== seq.current) return;
          const msg = e instanceof Error ? e.message : String(e);
          setRunning(false);
          if (/superseded/.test(msg)) return;
          setError(msg);
        },
      );
    }, TEST_DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, enabled, nonce]);

  const rerun = useCallback(() => setNonce((n) => n + 1), []);
  const mine = last?.owner === owner && !!sessionId && !!schema?.baseSelector ? last : null;
  return { result: mine?.result ?? null, running, error: mine?.error ?? null, elapsedMs, rerun };
}
