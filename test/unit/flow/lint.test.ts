import { describe, expect, it } from 'vitest';
import { classifyWaitFor, lintFlow, lintSnippetReturn, lintWaitFor } from '../../../shared/flow/lint.js';
import type { Flow } from '../../../shared/flow/schema.js';

describe('wait_for classification (Crawl4AI smart_wait)', () => {
  it.each([
    ['css:.item', 'css'],
    ['  js:() => true', 'js'],
    ['() => window.ready', 'bare-js'],
    ['function () { return 1 }', 'bare-js'],
    ['.item', 'bare-css'],
    ['async () => 1', 'bare-css'], // Crawl4AI only checks "()" and "function" prefixes
  ])('%s → %s', (input, kind) => expect(classifyWaitFor(input)).toBe(kind));

  it('warns about bare strings and non-function js: predicates', () => {
    expect(lintWaitFor('css:.x')).toBeUndefined();
    expect(lintWaitFor('js:() => 1')).toBeUndefined();
    expect(lintWaitFor('js:async () => 1')).toBeUndefined();
    expect(lintWaitFor('js:document.title')).toMatch(/function expression/);
    expect(lintWaitFor('.item')).toMatch(/write "css:.item"/);
  });
});

describe('snippet lint', () => {
  it('flags a trailing value that is not returned', () => {
    expect(lintSnippetReturn('document.title')).toMatch(/return/);
    expect(lintSnippetReturn('return document.title')).toBeUndefined();
    expect(lintSnippetReturn("document.querySelector('a').click();")).toBeUndefined();
    expect(lintSnippetReturn('window.x = 1;')).toBeUndefined();
  });
});

describe('flow lint', () => {
  it('suggests js_code_before_wait when js_code and wait_for share a step', () => {
    const flow: Flow = {
      format: 'crawlwright.flow',
      version: 1,
      name: 'f',
      variables: {},
      steps: [{ id: 'a', name: 'a', config: { url: '{{base}}/x', session_id: 's', js_code: 'document.querySelector("a").click()', wait_for: 'css:.x' } }],
    };
    const w = lintFlow(flow).map((i) => `${i.path}: ${i.message}`);
    expect(w.some((m) => m.startsWith('steps[0].config.js_code: js_code runs AFTER wait_for'))).toBe(true);
    expect(w.some((m) => m.includes('{{base}} is not declared'))).toBe(true);
  });

  it('warns about a placeholder outside a string literal in JS fields only', () => {
    const flow: Flow = {
      format: 'crawlwright.flow',
      version: 1,
      name: 'f',
      variables: { n: '3', sel: '#x' },
      steps: [
        {
          id: 'a',
          name: 'a',
          config: {
            url: '{{demo_url}}/list?n={{n}}',
            session_id: 's',
            css_selector: '{{sel}}',
            js_code_before_wait: ["document.querySelector('#p').value = '{{secret:PW}}';", 'window.n = {{n}}; // {{n}}'],
            wait_for: 'js:() => document.title === `{{n}}` || {{n}} > 2',
          },
          hooks: { after_goto: 'const s = "{{sel}}";' },
        },
      ],
    };
    const w = lintFlow(flow).filter((i) => i.message.includes('outside a string literal'));
    expect(w.map((i) => i.path)).toEqual(['steps[0].config.js_code_before_wait[1]', 'steps[0].config.wait_for']);
    expect(w[0].message).toMatch(/\{\{n\}\} is outside a string literal.*write '\{\{n\}\}'/);
  });
});
