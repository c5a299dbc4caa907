// Step templates for the "Add step" menu, built from what the user is looking at: the preview's
// page (its URL), the picked element (stored form: unique selector + alternates) and the page's
// login form — not from demo-site selectors. Actions run as js_code_before_wait and every template
// that acts also waits ("act, then wait", Crawl4AI >= 0.8.5). The pagination templates open the
// wizard, which generates loops that cannot race (shared/flow/pagination.ts).
import type { Step, Target } from '../shared/flow/schema.js';
import type { PaginationKind } from '../shared/flow/pagination.js';
import { NEW_DOCUMENT_WAIT } from '../shared/flow/recording.js';

export interface LoginFormContext {
  user: Target | null;
  password: Target;
  submit: Target | null;
  secret: string;
}

export interface TemplateContext {
  sessionId: string;
  /** The preview page's URL as written in flows ({{demo_url}}/… for the demo site), null without one. */
  url: string | null;
  /** The picked element, stored form (re-checked on the live page), and its text. */
  target: Target | null;
  targetText: string;
  /** The selected step's items (its extraction's baseSelector), if any. */
  items: string | null;
  /** The page's login form (asked for by the Login template only). */
  login?: LoginFormContext | null;
}

export interface StepTemplate {
  key: string;
  label: string;
  description: string;
  /** Opens the pagination wizard instead of adding a step. */
  wizard?: PaginationKind;
  /** Needs the page's login form in the context. */
  needsLogin?: boolean;
  make(ctx: TemplateContext): Omit<Step, 'id'>;
}

const pageUrl = (ctx: TemplateContext) => (ctx.url ? { url: ctx.url } : {});
const quote = (s: string) => (s ? ` "${s.length > 30 ? s.slice(0, 29) + '…' : s}"` : '');

export const STEP_TEMPLATES: StepTemplate[] = [
  {
    key: 'open',
    label: 'Open URL',
    description: 'Navigate the session to a page (the preview\'s current page) and wait for it to be ready.',
    make: (ctx) => ({ name: 'Open page', config: { url: ctx.url ?? 'https://example.com/', session_id: ctx.sessionId, wait_for: 'css:body' } }),
  },
  {
    key: 'click',
    label: 'Click & wait',
    description: 'Click the picked element on the current page, then wait for the new page.',
    make: (ctx) => ({
      name: ctx.target ? `Click${quote(ctx.targetText)}` : 'Click (pick the element: picker → Click it)',
      config: { ...pageUrl(ctx), session_id: ctx.sessionId, js_only: true, ...(ctx.target ? { wait_for: NEW_DOCUMENT_WAIT } : {}) },
      ...(ctx.target ? { actions: [{ type: 'click' as const, target: ctx.target }] } : {}),
    }),
  },
  {
    key: 'next-page',
    label: 'Next page loop',
    description: 'Click "next" and extract each page until there is no next page (pagination wizard).',
    wizard: 'next',
    make: () => ({ name: 'Next page', config: {} }),
  },
  {
    key: 'load-more',
    label: 'Load more',
    description: 'Click "load more" until it is gone, then extract everything once (pagination wizard).',
    wizard: 'load-more',
    make: () => ({ name: 'Load more', config: {} }),
  },
  {
    key: 'scroll',
    label: 'Scroll',
    description: 'Infinite scroll: scroll until no new items arrive (pagination wizard); or scan_full_page for lazy images.',
    wizard: 'scroll',
    make: () => ({ name: 'Scroll page', config: {} }),
  },
  {
    key: 'fill-form',
    label: 'Fill form',
    description: 'Type into the picked field (input and change events fire, as when a user types).',
    make: (ctx) => ({
      name: ctx.target ? `Fill${quote(ctx.targetText)}` : 'Fill form (pick a field: picker → Fill it…)',
      config: { ...pageUrl(ctx), session_id: ctx.sessionId, js_only: true },
      ...(ctx.target ? { actions: [{ type: 'fill' as const, target: ctx.target, value: '' }] } : {}),
    }),
  },
  {
    key: 'login',
    label: 'Login',
    description: 'Log in with the page\'s login form: the user name from a variable, the password from a secret.',
    needsLogin: true,
    make: (ctx) => {
      const f = ctx.login;
      if (!f) return { name: 'Log in (no password field on this page: record the login instead)', config: { ...pageUrl(ctx), session_id: ctx.sessionId } };
      return {
        name: 'Log in',
        config: { ...pageUrl(ctx), session_id: ctx.sessionId, wait_for: NEW_DOCUMENT_WAIT },
        actions: [
          ...(f.user ? [{ type: 'fill' as const, target: f.user, value: '{{username}}' }] : []),
          { type: 'fill' as const, target: f.password, value: `{{secret:${f.secret}}}` },
          f.submit ? { type: 'click' as const, target: f.submit } : { type: 'press' as const, target: f.password, key: 'Enter' },
        ],
      };
    },
  },
  {
    key: 'extract',
    label: 'Extract',
    description: 'Extract items from the current page (pick an item first: picker → Extract these items suggests the fields).',
    make: (ctx) => ({
      name: 'Extract items',
      config: {
        ...pageUrl(ctx),
        session_id: ctx.sessionId,
        js_only: true,
        extraction_strategy: {
          type: 'JsonCssExtractionStrategy',
          schema: { name: 'Items', baseSelector: ctx.items ?? 'body', fields: [{ name: 'title', selector: 'h1', type: 'text' }] },
        },
      },
    }),
  },
  {
    key: 'custom-js',
    label: 'Custom JS',
    description: 'Run your own JavaScript in the page; `return` a value to see it in the results.',
    make: ({ sessionId }) => ({ name: 'Custom JS', config: { session_id: sessionId, js_only: true, js_code: 'return document.title;' } }),
  },
];
