// Step templates for the "Add step" menu, written with Crawl4AI >= 0.8.5 patterns: actions go in
// js_code_before_wait and are followed by an explicit `css:`/`js:` wait_for ("act, then wait"),
// because plain js_code now runs AFTER wait_for. Urls default to the built-in demo site via the
// builtin {{demo_url}} variable so a new step runs as-is.
import type { Step } from '../shared/flow/schema.js';

export interface StepTemplate {
  key: string;
  label: string;
  description: string;
  make(ctx: { sessionId: string }): Omit<Step, 'id'>;
}

export const STEP_TEMPLATES: StepTemplate[] = [
  {
    key: 'open',
    label: 'Open URL',
    description: 'Navigate the session to a page and wait for it to be ready.',
    make: ({ sessionId }) => ({
      name: 'Open page',
      config: { url: '{{demo_url}}/list', session_id: sessionId, wait_for: 'css:body' },
    }),
  },
  {
    key: 'click',
    label: 'Click & wait',
    description: 'Click an element on the current page, then wait for the result.',
    make: ({ sessionId }) => ({
      name: 'Click and wait',
      config: {
        session_id: sessionId,
        js_only: true,
        // Remember what is there, click, then wait until it changed (not just "is .item present").
        js_code_before_wait: "window.__cwFirst = document.querySelector('.item')?.textContent;\ndocument.querySelector('#next')?.click();",
        wait_for: "js:() => document.querySelector('.item')?.textContent !== window.__cwFirst",
      },
    }),
  },
  {
    key: 'next-page',
    label: 'Next page loop',
    description: 'Click "next" and extract, repeated until there is no next page.',
    make: ({ sessionId }) => ({
      name: 'Next page',
      config: {
        session_id: sessionId,
        js_only: true,
        // Remember the first item so the wait can tell when the content was swapped.
        js_code_before_wait:
          "window.__cwFirst = document.querySelector('.item')?.textContent;\ndocument.querySelector('#next')?.click();",
        wait_for: "js:() => document.querySelector('.item')?.textContent !== window.__cwFirst",
        extraction_strategy: {
          type: 'JsonCssExtractionStrategy',
          schema: { name: 'Items', baseSelector: '.item', fields: [{ name: 'title', selector: '.title', type: 'text' }] },
        },
      },
      repeat: { until: "js:() => !document.querySelector('#next:not([disabled])')", max: 10 },
    }),
  },
  {
    key: 'load-more',
    label: 'Load more',
    description: 'Click a "load more" button and wait until more items are on the page.',
    make: ({ sessionId }) => ({
      name: 'Load more',
      config: {
        session_id: sessionId,
        js_only: true,
        js_code_before_wait:
          "window.__cwCount = document.querySelectorAll('.item').length;\ndocument.querySelector('#load-more')?.click();",
        wait_for: "js:() => document.querySelectorAll('.item').length > window.__cwCount",
      },
      repeat: { times: 3 },
    }),
  },
  {
    key: 'scroll',
    label: 'Scroll',
    description: 'Scroll through the page (scan_full_page) to trigger lazy loading.',
    make: ({ sessionId }) => ({
      name: 'Scroll page',
      config: { session_id: sessionId, js_only: true, scan_full_page: true, scroll_delay: 0.2, max_scroll_steps: 10 },
    }),
  },
  {
    key: 'fill-form',
    label: 'Fill form',
    description: 'Type values into inputs (with input events) and submit.',
    make: ({ sessionId }) => ({
      name: 'Fill form',
      config: {
        session_id: sessionId,
        js_only: true,
        js_code_before_wait: [
          "const set = (sel, v) => { const el = document.querySelector(sel); el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); };",
          "set('input[name=q]', 'crawl');\ndocument.querySelector('form')?.requestSubmit();",
        ].join('\n'),
        wait_for: 'css:.result',
      },
    }),
  },
  {
    key: 'login',
    label: 'Login',
    description: 'Open a login page, fill user and password (from a secret) and wait for the account page.',
    make: ({ sessionId }) => ({
      name: 'Log in',
      config: {
        url: '{{demo_url}}/login',
        session_id: sessionId,
        // The password is a secret: resolved at run time from the environment/keychain, never stored.
        js_code_before_wait: [
          "document.querySelector('#username').value = 'demo';",
          "document.querySelector('#password').value = '{{secret:DEMO_PASSWORD}}';",
          "document.querySelector('#login-form').submit();",
        ].join('\n'),
        wait_for: 'css:#welcome',
      },
    }),
  },
  {
    key: 'extract',
    label: 'Extract',
    description: 'Extract items from the current page with a JsonCssExtractionStrategy schema.',
    make: ({ sessionId }) => ({
      name: 'Extract items',
      config: {
        session_id: sessionId,
        js_only: true,
        extraction_strategy: {
          type: 'JsonCssExtractionStrategy',
          schema: { name: 'Items', baseSelector: '.item', fields: [{ name: 'title', selector: '.title', type: 'text' }] },
        },
      },
    }),
  },
  {
    key: 'custom-js',
    label: 'Custom JS',
    description: 'Run your own JavaScript in the page; `return` a value to see it in the results.',
    make: ({ sessionId }) => ({
      name: 'Custom JS',
      config: { session_id: sessionId, js_only: true, js_code: 'return document.title;' },
    }),
  },
];
