// Server-rendered lists. The JSON APIs return the same <li> markup (field `html`) that the client
// scripts (assets/demo-site/js) swap in or append, so a selector picked on page 1 keeps matching
// after "Next". Like CSS-in-JS output, each component also carries a generated-looking class
// (css-…, sc-…, r-…) that is the same for every row: the picker should rank the stable one higher.
import { esc, layout } from './html.js';
import { commit, item, items, member, pageOf, COMMIT_PAGES, LIST_PAGES, MEMBER_PAGES, type Commit, type Item, type Member } from './data.js';

export function itemLi(it: Item): string {
  return `<li class="item css-1dbjc4n" data-id="${it.id}"><a class="item-link r-18u37iz" href="${esc(it.url)}"><span class="title css-901oao">${esc(it.title)}</span></a> <span class="price">${esc(it.price)}</span></li>`;
}

export function memberLi(m: Member): string {
  return `<li class="member sc-AxjAm" data-id="${m.id}"><span class="name">${esc(m.name)}</span> <a class="email" href="mailto:${esc(m.email)}">${esc(m.email)}</a> <span class="role">${esc(m.role)}</span> <time class="joined" datetime="${m.joined}">${m.joined}</time></li>`;
}

export function commitLi(c: Commit): string {
  return `<li class="Box-sc-g0xbh4-0 commit-row" data-commit-sha="${c.sha}" data-testid="commit-row-item">
  <div class="Box-sc-g0xbh4-0 commit-main"><h4 class="markdown-title"><a class="Link--primary" href="/commits/${c.sha}">${esc(c.title)}</a></h4>
  <div class="Box-sc-g0xbh4-0 commit-meta"><a class="commit-author" href="/commits?author=${esc(c.author)}" data-testid="avatar-icon-link">${esc(c.author)}</a> committed <relative-time class="commit-date" datetime="${c.date}T12:00:00Z">${c.date}</relative-time></div></div>
  <div class="Box-sc-g0xbh4-0 commit-actions"><a class="commit-sha" href="/commits/${c.sha}" data-testid="commit-sha">${c.sha.slice(0, 7)}</a></div>
</li>`;
}

function clientPager(o: { id: string; kind: 'items' | 'members'; api: string; page: number; pages: number; rows: string; delay?: number }): string {
  const last = o.page >= o.pages;
  return `<ul id="${o.id}" class="${o.kind} list" data-page="${o.page}" data-pages="${o.pages}" data-kind="${o.kind}" data-api="${o.api}"${o.delay === undefined ? '' : ` data-api-delay="${o.delay}"`} aria-busy="false">
${o.rows}
</ul>
<div class="pager sc-gzVnrw">
  <span id="page-indicator" class="page-indicator">Page ${o.page} of ${o.pages}</span>
  <button id="next" class="next-button css-x7f2pq" type="button" data-pager-for="${o.id}"${last ? ' disabled' : ''}>Next</button>
</div>`;
}

/** /list: "Next" swaps the content client-side after fetching /api/items?page=N. */
export function listHtml(delay?: number): string {
  const p = pageOf(item, 1, LIST_PAGES);
  return layout({
    title: 'List',
    body: `<h1 id="title">Items</h1>
<p class="hint">The "Next" button loads the next page without reloading (fetch, ~150 ms).</p>
${clientPager({ id: 'items', kind: 'items', api: '/api/items', page: p.page, pages: p.pages, rows: p.items.map(itemLi).join('\n'), delay })}`,
    scripts: ['pager.js'],
  });
}

/** /members: login required; paginated client-side like /list (used by the demo flow). */
export function membersHtml(username: string, delay?: number): string {
  const p = pageOf(member, 1, MEMBER_PAGES);
  return layout({
    title: 'Members',
    body: `<h1 id="title">Members</h1>
<p class="signed-in">Signed in as <strong id="current-user">${esc(username)}</strong> · <a id="logout" href="/logout">Log out</a></p>
${clientPager({ id: 'members', kind: 'members', api: '/api/members', page: p.page, pages: p.pages, rows: p.items.map(memberLi).join('\n'), delay })}`,
    scripts: ['pager.js'],
  });
}

/** /pages?page=N: pagination by full page loads through a real rel="next" link. */
export function pagesHtml(page: number): string {
  const p = pageOf(item, page, LIST_PAGES);
  const prev = p.page > 1 ? `<a class="prev-link" rel="prev" href="/pages?page=${p.page - 1}">Previous</a>` : '';
  const next = p.page < p.pages ? `<a class="next-link" rel="next" href="/pages?page=${p.page + 1}">Next</a>` : '';
  return layout({
    title: `Pages ${p.page}`,
    body: `<h1 id="title">Items (page ${p.page})</h1>
<ul id="items" class="items list" data-page="${p.page}" data-pages="${p.pages}">
${p.items.map(itemLi).join('\n')}
</ul>
<nav class="pager" aria-label="Pagination"><span id="page-indicator" class="page-indicator">Page ${p.page} of ${p.pages}</span> ${prev} ${next}</nav>`,
  });
}

/** /load-more: 10 items; the button appends 10 more (up to 50) and then disappears. */
export function loadMoreHtml(delay?: number): string {
  return layout({
    title: 'Load more',
    body: `<h1 id="title">Load more</h1>
<ul id="items" class="items list" data-loaded="10" data-total="50"${delay === undefined ? '' : ` data-api-delay="${delay}"`}>
${items(1, 10).map(itemLi).join('\n')}
</ul>
<button id="load-more" class="load-more css-4h1d2z" type="button">Load more</button>`,
    scripts: ['load-more.js'],
  });
}

/** /infinite: items are appended when the user scrolls near the bottom, up to 100. */
export function infiniteHtml(delay?: number): string {
  return layout({
    title: 'Infinite scroll',
    body: `<h1 id="title">Infinite feed</h1>
<ul id="feed" class="items list feed" data-loaded="20" data-total="100"${delay === undefined ? '' : ` data-api-delay="${delay}"`}>
${items(1, 20).map(itemLi).join('\n')}
</ul>
<div id="sentinel" class="sentinel" aria-hidden="true"></div>
<p id="feed-status" class="feed-status">Scroll for more…</p>`,
    scripts: ['infinite.js'],
  });
}

/**
 * /commits?page=N: modelled on the GitHub commits page used in Crawl4AI's session-management
 * docs: `li.Box-sc-g0xbh4-0` rows with `h4.markdown-title`, and a Next link
 * `a[data-testid="pagination-next-button"]` that GitHub handles client-side. On the last page the
 * Next control is a disabled button (so the docs' `querySelector('a[…]')` finds nothing).
 */
export function commitsHtml(page: number, delay?: number): string {
  const p = pageOf(commit, page, COMMIT_PAGES);
  return layout({
    title: 'Commits',
    body: `<h1 id="title">Commits · crawlwright/demo</h1>
<div class="Box-sc-g0xbh4-0 commits-container" data-testid="commits-list">
  <h3 class="Text-sc-17v1xeu-0 timeline-header">Commits (page <span id="commits-page">${p.page}</span>)</h3>
  <ul id="commit-list" class="Box-sc-g0xbh4-0 commit-list" data-page="${p.page}" data-pages="${p.pages}"${delay === undefined ? '' : ` data-api-delay="${delay}"`}>
${p.items.map(commitLi).join('\n')}
  </ul>
</div>
${commitsPagination(p.page, p.pages)}`,
    scripts: ['commits.js'],
  });
}

export function commitsPagination(page: number, pages: number): string {
  const prev = page > 1
    ? `<a class="Button__StyledButton-sc-vqy3e4-0 prev" data-testid="pagination-prev-button" href="/commits?page=${page - 1}">Previous</a>`
    : `<button class="Button__StyledButton-sc-vqy3e4-0 prev" data-testid="pagination-prev-button" disabled aria-disabled="true">Previous</button>`;
  const next = page < pages
    ? `<a class="Button__StyledButton-sc-vqy3e4-0 next" data-testid="pagination-next-button" href="/commits?page=${page + 1}">Next</a>`
    : `<button class="Button__StyledButton-sc-vqy3e4-0 next" data-testid="pagination-next-button" disabled aria-disabled="true">Next</button>`;
  return `<nav id="commits-pagination" class="Box-sc-g0xbh4-0 pagination" aria-label="Pagination">${prev} ${next}</nav>`;
}
