// RecordingBuilder: recorder messages → step drafts (pure).
import { describe, expect, it } from 'vitest';
import { NEW_DOCUMENT_WAIT, RecordingBuilder } from '../../../shared/flow/recording.js';
import type { Action } from '../../../shared/flow/schema.js';

const t = (selector: string) => ({ selector });
const fill = (sel: string, value: string): Action => ({ type: 'fill', target: t(sel), value });
const click = (sel: string): Action => ({ type: 'click', target: t(sel) });
const builder = (openFirst = false) =>
  new RecordingBuilder({ sessionId: 's', url: 'http://demo/login', openFirst, landmark: '#login-form', templateUrl: (u) => u.replace('http://demo', '{{demo_url}}') });

describe('RecordingBuilder', () => {
  it('merges consecutive actions, keeps the last value typed into a field, ends the step at a page load', () => {
    const b = builder(true);
    expect(b.start()!.step).toEqual({ name: 'Open /login', config: { url: '{{demo_url}}/login', session_id: 's', wait_for: 'css:#login-form' } });
    b.action({ id: 1, action: fill('#u', 'de'), label: 'User', url: 'http://demo/login' });
    b.action({ id: 2, action: fill('#u', 'demo'), label: 'User', url: 'http://demo/login' });
    b.action({ id: 3, action: fill('#p', '{{secret:DEMO_PASSWORD}}'), label: 'Password', url: 'http://demo/login', secret: 'DEMO_PASSWORD' });
    b.action({ id: 4, action: click('#go'), label: 'Sign in', url: 'http://demo/login' });
    const [d] = b.navigated('http://demo/account', 'welcome'.replace(/^/, '#'));
    expect(d.closed).toBe(true);
    expect(d.step).toEqual({
      name: 'Log in',
      config: { url: '{{demo_url}}/login', session_id: 's', wait_for: 'css:#welcome' },
      actions: [fill('#u', 'demo'), fill('#p', '{{secret:DEMO_PASSWORD}}'), click('#go')],
    });
    expect(d.secrets).toEqual(['DEMO_PASSWORD']);
    // The next action starts a js_only step on the new page.
    const n = b.action({ id: 5, action: click('#members'), label: 'Members', url: 'http://demo/account' });
    expect(n.seq).toBe(d.seq + 1);
    expect(n.step.config).toEqual({ url: '{{demo_url}}/account', session_id: 's', js_only: true });
  });

  it('a DOM change closes the step with a change wait on the watched items; later actions start a new step', () => {
    const b = builder();
    b.action({ id: 1, action: click('#next'), label: 'Next', url: 'http://demo/list' });
    const d = b.change(1, 'li.item')!;
    expect(d.closed).toBe(true);
    expect(d.step.actions).toEqual([{ ...click('#next'), watch: 'li.item' }]);
    expect(d.step.config.wait_for).toMatch(/^js:.*li\.item/);
    expect(b.change(1, 'li.item')).toBeNull(); // reported twice: no effect
    expect(b.action({ id: 2, action: click('#next'), label: 'Next', url: 'http://demo/list' }).seq).toBe(d.seq + 1);
  });

  it('a spinner change followed by a page load: the load is the result', () => {
    const b = builder();
    b.action({ id: 1, action: click('#go'), label: 'Go', url: 'http://demo/a' });
    b.change(1, '#spinner');
    const [d] = b.navigated('http://demo/b', null);
    expect(d.step.config.wait_for).toBe(NEW_DOCUMENT_WAIT);
    expect(d.step.config.wait_for_timeout).toBeUndefined();
    expect(d.step.actions).toEqual([click('#go')]);
  });

  it('typing and then opening another URL by hand: the typing step stays, an Open step follows', () => {
    const b = builder();
    b.action({ id: 1, action: fill('#q', 'x'), label: 'Search', url: 'http://demo/form' });
    const [a, o] = b.navigated('http://demo/table', '#sales-table');
    expect(a.step.config.wait_for).toBeUndefined();
    expect(o.step).toEqual({ name: 'Open /table', config: { url: '{{demo_url}}/table', session_id: 's', wait_for: 'css:#sales-table' } });
  });

  it('the opening step follows a URL change made before any action', () => {
    const b = builder(true);
    b.start();
    const [d] = b.navigated('http://demo/list', '#items');
    expect(d.seq).toBe(1);
    expect(d.step.config).toMatchObject({ url: '{{demo_url}}/list', wait_for: 'css:#items' });
  });
});
