// HTML helpers shared by the demo pages: escaping and the common page layout.

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for element content and double-quoted attribute values. */
export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ESC[c]);
}

export interface LayoutOptions {
  title: string;
  body: string;
  /** Scripts under /static/js/ to load at the end of the body. */
  scripts?: string[];
  /** Extra markup for <head> (e.g. inline JSON data). */
  head?: string;
  /** Hide the site navigation (iframe content). */
  bare?: boolean;
}

const NAV: Array<[string, string]> = [
  ['/', 'Home'],
  ['/login', 'Log in'],
  ['/members', 'Members'],
  ['/list', 'List'],
  ['/pages', 'Pages'],
  ['/load-more', 'Load more'],
  ['/infinite', 'Infinite'],
  ['/commits', 'Commits'],
  ['/products', 'Products'],
  ['/table', 'Table'],
  ['/frames', 'Frames'],
  ['/shadow', 'Shadow'],
  ['/delayed', 'Delayed'],
  ['/form', 'Form'],
];

/**
 * The common layout. The header deliberately carries generated-looking class names
 * (css-…, sc-…) next to stable ones so the picker's "avoid hashed classes" ranking has something
 * real to work on.
 */
export function layout(o: LayoutOptions): string {
  const nav = o.bare
    ? ''
    : `<header class="site-header css-1q9x3ka">
  <a class="site-brand sc-bdVaJa" href="/">Crawlwright Demo</a>
  <nav class="site-nav" aria-label="Demo pages"><ul class="nav-list jsx-2870114543">${NAV.map(
    ([href, label]) => `<li class="nav-item"><a href="${href}">${esc(label)}</a></li>`,
  ).join('')}</ul></nav>
</header>`;
  const scripts = (o.scripts ?? []).map((s) => `<script src="/static/js/${s}"></script>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)} · Crawlwright Demo</title>
<link rel="stylesheet" href="/static/style.css">
${o.head ?? ''}
</head>
<body>
${nav}
<main id="main" class="page css-7lmk0c">
${o.body}
</main>
${scripts}
</body>
</html>
`;
}
