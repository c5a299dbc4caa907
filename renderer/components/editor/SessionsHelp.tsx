// "How sessions and js_only work": shown in the Session group the first time a step uses a session
// (until the user dismisses it, remembered with the layout prefs), and again on request. Facts as
// Crawl4AI 0.9 has them (crawl4ai-notes.md 1.3, 1.5, 1.6).
import { useState } from 'react';
import { DOCS_PAGES } from '../../../shared/crawl4ai/docs.js';
import { useLayoutStore } from '../../store/layout.js';
import { DocsLink } from '../DocsLink.js';

export function SessionsHelp({ usesSession }: { usesSession: boolean }) {
  const seen = useLayoutStore((s) => s.sessionsHelpSeen);
  const [asked, setAsked] = useState(false);
  if (!(asked || (usesSession && !seen))) {
    return (
      <button className="ghost small" data-testid="sessions-help-open" onClick={() => setAsked(true)}>
        How sessions and js_only work
      </button>
    );
  }
  return (
    <aside className="sessions-help" aria-label="How sessions and js_only work" data-testid="sessions-help">
      <div className="section-title">How sessions and js_only work</div>
      <ul>
        <li>
          Steps with the same <code>session_id</code> share one live page: its DOM, scroll position, JS variables
          (<code>window.x</code>) and cookies stay from step to step. Without one, each step gets a fresh page that is closed after it.
        </li>
        <li>
          Each step still navigates to its <code>url</code> unless <code>js_only</code> is on. Then it runs its JavaScript and
          waits on the page as it is, e.g. click “next”, then wait for the new rows. Use <code>js_only</code> only with a session:
          otherwise the page is blank.
        </li>
        <li>
          Order in a step: navigate (unless <code>js_only</code>) → <code>scan_full_page</code> → <code>js_code_before_wait</code> →{' '}
          <code>wait_for</code> → <code>delay_before_return_html</code> → <code>js_code</code> → capture and extract. So a click in{' '}
          <code>js_code</code> takes effect for the <em>next</em> step.
        </li>
      </ul>
      <div className="row">
        <DocsLink href={DOCS_PAGES.sessions} label="Session management in the Crawl4AI docs" testId="docs-sessions" />
        <span className="grow" />
        <button
          className="small"
          data-testid="sessions-help-dismiss"
          onClick={() => {
            setAsked(false);
            useLayoutStore.getState().set({ sessionsHelpSeen: true });
          }}
        >
          Got it
        </button>
      </div>
    </aside>
  );
}
