// A link to a Crawl4AI docs page. It opens outside the app: a new tab in web mode, the system
// browser in the desktop app (electron/main.ts lets only shared/crawl4ai/docs.ts urls out).
export function DocsLink({ href, label = 'Crawl4AI docs', testId }: { href: string; label?: string; testId?: string }) {
  return (
    <a className="docs-link" href={href} target="_blank" rel="noopener noreferrer" data-testid={testId} title={href}>
      {label} ↗
    </a>
  );
}
