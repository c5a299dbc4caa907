// "Run now in the session": evaluates one snippet in the step's live session page via
// snippet.eval and shows the returned value or the error right under the editor.
import { useState } from 'react';
import { api } from '../../api/client.js';
import { substituteJs } from '../../../shared/flow/js-placeholders.js';
import { MissingVariableError } from '../../../shared/flow/variables.js';
import { useFlowStore } from '../../store/flow.js';
import { useFilesStore } from '../../store/files.js';

/**
 * {{variables}} are filled from the flow (and {{demo_url}}) as a run would, with the runner's
 * JS-aware escaping inside string literals; secrets are not: they
 * only ever exist in the main process at run time, so a snippet using one cannot be run from here.
 */
function fillVariables(code: string): string {
  const vars: Record<string, string> = { ...(useFlowStore.getState().flow.variables ?? {}) };
  const demo = useFilesStore.getState().demoUrl;
  if (demo) vars.demo_url = demo;
  return substituteJs(code, (p) => {
    const v = p.secret || !Object.hasOwn(vars, p.name) ? undefined : vars[p.name];
    if (v === undefined) throw new MissingVariableError(p);
    return v;
  });
}

export interface SnippetOutcome {
  ok: boolean;
  text: string;
  ms: number;
}

function show(v: unknown): string {
  if (v === undefined) return 'undefined';
  try {
    return JSON.stringify(v, null, 2) ?? String(v);
  } catch {
    return String(v);
  }
}

export function useSnippetRunner(sessionId: string | undefined, kind: 'body' | 'predicate') {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<SnippetOutcome | null>(null);
  async function run(code: string) {
    if (!sessionId) return;
    setBusy(true);
    try {
      let filled: string;
      try {
        filled = fillVariables(code);
      } catch (e) {
        setOutcome({ ok: false, text: `Not run: ${e instanceof Error ? e.message : String(e)}`, ms: 0 });
        return;
      }
      const r = await api['snippet.eval']({ sessionId, code: filled, kind });
      setOutcome({ ok: r.ok, text: r.ok ? show(r.value) : (r.error ?? 'failed'), ms: r.ms });
    } catch (e) {
      setOutcome({ ok: false, text: e instanceof Error ? e.message : String(e), ms: 0 });
    } finally {
      setBusy(false);
    }
  }
  return { busy, outcome, run, clear: () => setOutcome(null) };
}

export function RunSnippetButton({ sessionId, busy, onRun, testId }: { sessionId: string | undefined; busy: boolean; onRun(): void; testId?: string }) {
  return (
    <button
      className="ghost run-snippet"
      data-testid={testId ?? 'run-snippet'}
      disabled={!sessionId || busy}
      title={sessionId ? `Run this now in session "${sessionId}" (the page as it is now)` : 'Set a session_id and run the flow up to here to get a live page'}
      onClick={onRun}
    >
      {busy ? '… running' : '▶ Run now'}
    </button>
  );
}

export function SnippetOutput({ outcome, onClose }: { outcome: SnippetOutcome | null; onClose(): void }) {
  if (!outcome) return null;
  return (
    <div className={`snippet-output ${outcome.ok ? 'ok' : 'err'}`} data-testid="snippet-output" data-ok={outcome.ok}>
      <div className="snippet-output-head">
        <span>{outcome.ok ? '← returned' : '✗ error'}</span>
        <span className="dim">{outcome.ms} ms</span>
        <span className="grow" />
        <button className="ghost icon" aria-label="Close output" onClick={onClose}>
          ×
        </button>
      </div>
      <pre>{outcome.text}</pre>
    </div>
  );
}
