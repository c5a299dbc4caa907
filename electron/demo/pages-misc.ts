// Demo pages around login, forms, frames, shadow DOM and delayed content.
import { esc, layout } from './html.js';
import { items } from './data.js';
import { itemLi } from './pages-lists.js';

export function loginHtml(o: { next?: string; error?: boolean; username?: string; signedInAs?: string } = {}): string {
  const signedIn = o.signedInAs ? `<p id="signed-in" class="signed-in">You are signed in as ${esc(o.signedInAs)}. <a href="/account">Account</a></p>` : '';
  const err = o.error ? `<p id="login-error" class="error css-1n2mv2k" role="alert">Invalid username or password.</p>` : '';
  return layout({
    title: 'Log in',
    body: `<h1 id="title">Log in</h1>
<p class="hint">Demo credentials: <code>demo</code> / <code>demo</code>.</p>
${signedIn}${err}
<form id="login-form" class="login-form sc-htpNat" method="post" action="/login">
  <input type="hidden" name="next" value="${esc(o.next ?? '')}">
  <label for="username">Username</label>
  <input id="username" name="username" type="text" autocomplete="username" value="${esc(o.username ?? '')}" required>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button id="login-button" class="btn btn-primary css-19bqh2r" type="submit">Log in</button>
</form>`,
  });
}

export function accountHtml(username: string): string {
  return layout({
    title: 'Account',
    body: `<h1 id="welcome" class="welcome">Welcome, ${esc(username)}</h1>
<dl id="account" class="account-details">
  <dt>Username</dt><dd class="username">${esc(username)}</dd>
  <dt>Plan</dt><dd class="plan">Team</dd>
  <dt>Member since</dt><dd class="since">2024-03-14</dd>
</dl>
<p><a id="members-link" href="/members">Members</a> · <a id="logout" href="/logout">Log out</a></p>`,
  });
}

/** /frames: a same-origin iframe whose document holds a list. */
export function framesHtml(): string {
  return layout({
    title: 'Frames',
    body: `<h1 id="title">Frames</h1>
<p class="outer-text">This list lives in the main document; the one below is inside an iframe.</p>
<ul id="outer-list" class="items list">${items(1, 3).map(itemLi).join('')}</ul>
<iframe id="content-frame" name="content-frame" class="demo-frame" src="/frame-content" title="Frame content" width="640" height="320"></iframe>`,
  });
}

export function frameContentHtml(): string {
  return layout({
    title: 'Frame content',
    bare: true,
    body: `<h2 id="frame-title">Inside the frame</h2>
<ul id="frame-list" class="frame-list">
${items(101, 8)
  .map((it) => `<li class="frame-item" data-id="${it.id}"><span class="title">${esc(it.title)}</span> <span class="price">${esc(it.price)}</span></li>`)
  .join('\n')}
</ul>`,
  });
}

/**
 * /shadow: <demo-widget> gets an OPEN shadow root from shadow.js (items inside it are invisible
 * to document.querySelector and to page.content()); a second host uses declarative shadow DOM.
 */
export function shadowHtml(): string {
  return layout({
    title: 'Shadow DOM',
    body: `<h1 id="title">Shadow DOM</h1>
<ul id="light-list" class="light-list">
  <li class="light-item"><span class="title">Light item A</span></li>
  <li class="light-item"><span class="title">Light item B</span></li>
</ul>
<demo-widget id="widget" class="widget-host"><p slot="footer" class="slotted">Slotted light-DOM footer</p></demo-widget>
<section id="dsd-host" class="dsd-host"><template shadowrootmode="open"><style>.dsd-item{color:#064}</style><ul class="dsd-list"><li class="dsd-item">Declarative shadow item 1</li><li class="dsd-item">Declarative shadow item 2</li></ul></template></section>`,
    scripts: ['shadow.js'],
  });
}

/** /delayed: #late is inserted after `ms` ms; #later-visible is in the DOM but hidden until ms+1000. */
export function delayedHtml(ms: number): string {
  return layout({
    title: 'Delayed',
    body: `<h1 id="title">Delayed content</h1>
<p id="status" class="status">Loading…</p>
<div id="late-container" class="late-container" data-delay="${ms}"></div>
<div id="later-visible" class="later-visible" style="display:none">Now visible</div>`,
    scripts: ['delayed.js'],
  });
}

export function formHtml(): string {
  return layout({
    title: 'Form',
    body: `<h1 id="title">Order form</h1>
<form id="demo-form" class="demo-form css-q8w7e2" method="post" action="/form/result">
  <label for="name">Name</label>
  <input id="name" name="name" type="text" placeholder="Your name">
  <label for="color">Color</label>
  <select id="color" name="color">
    <option value="red">Red</option>
    <option value="green" selected>Green</option>
    <option value="blue">Blue</option>
  </select>
  <fieldset class="sizes"><legend>Size</legend>
    <label><input type="radio" name="size" value="S"> S</label>
    <label><input type="radio" name="size" value="M" checked> M</label>
    <label><input type="radio" name="size" value="L"> L</label>
  </fieldset>
  <label><input id="subscribe" name="subscribe" type="checkbox" value="yes"> Subscribe to the newsletter</label>
  <label for="message">Message</label>
  <textarea id="message" name="message" rows="4"></textarea>
  <button id="submit" class="btn btn-primary" type="submit">Send</button>
</form>`,
  });
}

/** Echo of a submitted form, in submission order; repeated names keep every value. */
export function formResultHtml(fields: Array<[string, string]>): string {
  const rows = fields.map(([k, v]) => `<dt>${esc(k)}</dt><dd data-field="${esc(k)}">${esc(v)}</dd>`).join('\n');
  return layout({
    title: 'Form result',
    body: `<h1 id="title">You sent</h1>
<dl id="result" class="form-result">
${rows}
</dl>
<p class="count">${fields.length} field(s).</p>
<p><a href="/form">Back to the form</a></p>`,
  });
}

/** /console: writes console messages (log, warn, error) and throws an uncaught error on load. */
export function consoleHtml(): string {
  return layout({
    title: 'Console',
    body: `<h1 id="title">Console messages</h1>
<p id="console-status">This page logs "demo log", "demo warn", "demo error" and throws "demo uncaught error".</p>`,
    scripts: ['console.js'],
  });
}

/** /headers: what the server received (for user_agent and cookie checks). */
export function headersHtml(userAgent: string, cookieNames: string[]): string {
  return layout({
    title: 'Request headers',
    body: `<h1 id="title">Your request</h1>
<dl id="request" class="request-details">
  <dt>User-Agent</dt><dd id="user-agent">${esc(userAgent)}</dd>
  <dt>Cookies</dt><dd id="cookie-names">${esc(cookieNames.join(', '))}</dd>
</dl>`,
  });
}

/** /new-tab: a target=_blank link and a window.open button (preview follows new pages). */
export function newTabHtml(): string {
  return layout({
    title: 'New tab',
    body: `<h1 id="title">Links that open new pages</h1>
<p><a id="open-tab-link" class="open-tab" href="/list" target="_blank" rel="opener">Open the list in a new tab</a></p>
<p><button id="open-window" class="open-window" type="button" onclick="window.open('/table', '_blank')">Open the table with window.open</button></p>`,
  });
}
