// Re-runs the schema on the session page after every edit (debounced). Only the newest run's
// result is shown; older responses that arrive late are dropped, and the main process drops queued
// older runs too (same lane), so typing never builds up a backlog.
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

/** `pageKey` (e.g. the session's URL) re-runs the test when the page changes under the same schema. */
export function useSchemaTest(sessionId: string | null, schema: JsonCssSchema | null, cssSelector: string | undefined, enabled = true, pageKey = ''): SchemaTestState {
  const [result, setResult] = useState<SchemaTestResult | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [elapsedMs, setElapsed] = useState<number | null>(null);
  const seq = useRef(0);
  const [nonce, setNonce] = useState(0);
  const key = JSON.stringify([sessionId, schema, cssSelector ?? null, pageKey]);

  useEffect(() => {
    if (!enabled || !sessionId || !schema || !schema.baseSelector) return;
    const my = ++seq.current;
    const timer = setTimeout(() => {
      setRunning(true);
      const t0 = performance.now();
      api['schema.test']({ sessionId, schema, ...(cssSelector ? { css_selector: cssSelector } : {}) }).then(
        (r) => {
          if (my !== seq.current) return;
          setResult(r);
          setError(null);
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
  return { result, running, error, elapsedMs, rerun };
}
