// A labelled option row: Crawl4AI's exact name (mono) + help text from the schema, then the control.
import type { ReactNode } from 'react';
import { crawl4aiDocsFor } from '../../../shared/crawl4ai/docs.js';
import { DocsLink } from '../DocsLink.js';

export function Field({ name, help, children, wide, testId, extra }: { name: string; help?: string; children: ReactNode; wide?: boolean; testId?: string; extra?: ReactNode }) {
  const docs = crawl4aiDocsFor(name);
  return (
    <div className={`field${wide ? ' wide' : ''}`} data-testid={testId ?? `field-${name}`}>
      <div className="field-label">
        <code className="field-name">{name}</code>
        {extra}
      </div>
      <div className="field-control">
        {children}
        {(help || docs) && (
          <div className="field-help">
            {help}
            {docs && <> <DocsLink href={docs} testId={`docs-${name}`} /></>}
          </div>
        )}
      </div>
    </div>
  );
}

export function Group({ title, children, defaultOpen = true, badge }: { title: string; children: ReactNode; defaultOpen?: boolean; badge?: ReactNode }) {
  return (
    <details className="group" open={defaultOpen} data-testid={`group-${title.toLowerCase()}`}>
      <summary>
        <span className="group-title">{title}</span>
        {badge}
      </summary>
      <div className="group-body">{children}</div>
    </details>
  );
}
