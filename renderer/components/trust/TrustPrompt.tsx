// The review before a run: lists exactly what the flow uses beyond what this window already
// allowed (JavaScript by step and field, secrets with where their value would come from, local
// resources), from the server's needs_grant answer. Allow → the run starts and the grant is kept
// for this file's exact bytes; Cancel → nothing runs.
import { useEffect, useRef } from 'react';
import { useTrustStore } from '../../store/trust.js';

const FROM: Record<string, string> = {
  file: 'This flow comes from a file that has not been reviewed on this computer (or changed since).',
  import: 'This flow (or a step in it) was imported.',
  recovery: 'This flow was restored from a recovery copy.',
};

export function TrustPrompt() {
  const prompt = useTrustStore((s) => s.prompt);
  const allowRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!prompt) return;
    allowRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') useTrustStore.getState().answer(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [prompt]);
  if (!prompt) return null;
  const { missing, secretSources } = prompt.details;
  const answer = (allow: boolean) => useTrustStore.getState().answer(allow);
  return (
    <div className="modal-backdrop" data-testid="trust-prompt">
      <div className="modal trust-prompt" role="dialog" aria-modal="true" aria-labelledby="trust-title">
        <div className="modal-head" id="trust-title">
          Allow this flow to run?
        </div>
        <div className="modal-body">
          <p>
            {FROM[prompt.origin] ?? 'This run needs your permission.'}
            {prompt.path ? <code className="trust-path"> {prompt.path}</code> : null} A flow file can come from anyone: check what it does before you allow it.
          </p>
          {missing.javascript.length > 0 && (
            <section data-testid="trust-js">
              <h4>Runs JavaScript in the page</h4>
              <ul>
                {missing.javascript.map((j) => (
                  <li key={j.stepId}>
                    {j.stepName} <span className="muted">({j.stepId})</span>: {j.where.join(', ')}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {missing.secrets.length > 0 && (
            <section data-testid="trust-secrets">
              <h4>Reads secrets</h4>
              <ul>
                {missing.secrets.map((n) => (
                  <li key={n}>
                    <code>{`{{secret:${n}}}`}</code>{' '}
                    <span className="muted">{secretSources[n] ? `from ${secretSources[n]}` : `not set: export CRAWLWRIGHT_SECRET_${n}=… before running`}</span>
                  </li>
                ))}
              </ul>
              <p className="muted">The page this flow opens receives the value. It is masked as *** in results, logs and files.</p>
            </section>
          )}
          {missing.local.length > 0 && (
            <section data-testid="trust-local">
              <h4>Opens local resources</h4>
              <ul>
                {missing.local.map((l) => (
                  <li key={l.path}>
                    <span className="muted">{l.path}:</span> <code>{l.value}</code>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
        <div className="modal-foot trust-foot">
          <span className="muted">Remembered for this file until it changes.</span>
          <button className="ghost" data-testid="trust-cancel" onClick={() => answer(false)}>
            Cancel
          </button>
          <button className="primary" ref={allowRef} data-testid="trust-allow" onClick={() => answer(true)}>
            Allow and run
          </button>
        </div>
      </div>
    </div>
  );
}
