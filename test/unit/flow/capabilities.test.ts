// The one analysis of what a flow asks for (engine refusal, CLI listing, app prompt) and the
// browser-flag allow-list.
import { describe, expect, it } from 'vitest';
import { checkBrowserFlag } from '../../../shared/flow/browser-flags.js';
import { flowCapabilities, missingGrants, urlKind } from '../../../shared/flow/capabilities.js';
import type { Flow } from '../../../shared/flow/schema.js';
import { validateFlow } from '../../../shared/flow/validate.js';

const flow = (steps: Flow['steps'], extra: Partial<Flow> = {}): Flow => ({ format: 'crawlwright.flow', version: 1, name: 't', ...extra, steps });

describe('browser flags', () => {
  it('allows only --name[=value] of allow-listed flags with the expected value shape', () => {
    for (const ok of ['--window-size=1280,800', '--lang=pt-BR', '--proxy-server=socks5://127.0.0.1:1080', '--user-agent=Mozilla/5.0 (X11) x', '--disable-features=IsolateOrigins,site-per-process', '--mute-audio', '--LANG=en'])
      expect(checkBrowserFlag(ok), ok).toEqual({ ok: true });
    for (const bad of ['--renderer-cmd-prefix=x', '--remote-debugging-port=9222', '-gpu-launcher=x', '/gpu-launcher', 'https://example.com', '--', '--window-size=1,2;3', '--mute-audio=1', '--lang', '--user-agent=a\nb', '--no-sandbox', '--user-data-dir=/tmp'])
      expect(checkBrowserFlag(bad).ok, bad).toBe(false);
  });

  it('makes a flow with a refused flag invalid, naming the path and the flag', () => {
    const v = validateFlow(flow([{ id: 'a', name: 'a', config: {} }], { browser: { extra_args: ['--lang=en', '--gpu-launcher=/bin/sh'] } }));
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors).toEqual([expect.objectContaining({ path: 'browser.extra_args[1]', message: expect.stringContaining('"--gpu-launcher" is not allowed in a flow file (it runs a program)') })]);
  });
});

describe('capabilities', () => {
  it('classifies addresses', () => {
    expect(['http://x/', 'https://x/a?b', 'about:blank', 'ABOUT:BLANK#x'].map(urlKind)).toEqual(['web', 'web', 'web', 'web']);
    expect(['file:///etc/passwd', 'data:text/html,x', 'chrome://version', 'about:version', 'view-source:http://x', 'javascript:alert(1)', 'blob:http://x/1', 'ftp://x'].map(urlKind)).toEqual(Array(8).fill('local'));
    expect(urlKind('example.com')).toBe('invalid');
    expect(urlKind('raw:<p>x</p>')).toBe('invalid');
  });

  it('lists JavaScript by step and field, secrets, local urls (variables filled) and a storage_state path; disabled steps do not count', () => {
    const f = flow(
      [
        { id: 'a', name: 'A', config: { url: '{{u}}', js_code: ['', 'return 1'], wait_for: 'css:#x' } },
        { id: 'b', name: 'B', config: { url: 'https://x/?k={{secret:K}}', wait_for: '() => true' }, hooks: { after_goto: 'x()' }, repeat: { until: 'js:() => true', max: 2 } },
        { id: 'c', name: 'C', disabled: true, config: { url: 'file:///x', js_code: 'x' } },
        { id: 'd', name: 'D', config: { url: 'file:///ignored', js_only: true } },
      ],
      { variables: { u: 'file:///etc/passwd' }, browser: { storage_state: '/home/u/state.json' } },
    );
    const caps = flowCapabilities(f);
    expect(caps.javascript).toEqual([
      { stepId: 'a', stepName: 'A', where: ['js_code'] },
      { stepId: 'b', stepName: 'B', where: ['wait_for (js)', 'repeat.until', 'hook after_goto'] },
    ]);
    expect(caps.secrets).toEqual(['K']);
    expect(caps.local).toEqual([
      { stepId: 'a', stepName: 'A', path: 'steps[0].config.url', value: 'file:///etc/passwd' },
      { stepId: null, stepName: null, path: 'browser.storage_state', value: '/home/u/state.json' },
    ]);
    expect(missingGrants(caps, { javascript: true, secrets: ['K'], local: true })).toBeNull();
    expect(missingGrants(caps, { javascript: true, secrets: [], local: true })).toMatchObject({ javascript: [], secrets: ['K'], local: [] });
    expect(missingGrants(caps, { javascript: true, secrets: [], local: true }, new Set(['K']))).toBeNull();
  });
});
