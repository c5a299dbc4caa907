// The picker runs in an isolated world of the page's main frame (CDP Page.createIsolatedWorld):
// same DOM, separate JavaScript globals, so the page's scripts cannot see or break it and we
// never modify the page's DOM. The world dies with each document; it is re-created lazily.
import type { CDPSession } from 'playwright-core';
import { pickerScript } from './picker-script.js';

const WORLD_NAME = '__crawlwright_picker__';
/** The isolated world shares the page's main thread: a busy or hung page must not hang the picker. */
const CALL_TIMEOUT_MS = 5000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let t: ReturnType<typeof setTimeout>;
  return Promise.race([
    p.finally(() => clearTimeout(t)),
    new Promise<never>((_, reject) => {
      t = setTimeout(() => reject(new PickerScriptError(`the page did not answer within ${ms / 1000} s (busy or hung page script)`)), ms);
    }),
  ]);
}

export class PickerWorld {
  private contextId: Promise<number> | null = null;

  constructor(private readonly cdp: CDPSession) {
    cdp.on('Page.frameNavigated', (e: { frame: { parentId?: string } }) => {
      if (!e.frame.parentId) this.contextId = null;
    });
  }

  private async create(): Promise<number> {
    const tree = (await this.cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    const { executionContextId } = (await this.cdp.send('Page.createIsolatedWorld', {
      frameId: tree.frameTree.frame.id,
      worldName: WORLD_NAME,
      grantUniveralAccess: true,
    })) as { executionContextId: number };
    await this.evaluate(executionContextId, await pickerScript());
    return executionContextId;
  }

  private async evaluate(contextId: number, expression: string): Promise<unknown> {
    const r = (await withTimeout(this.cdp.send('Runtime.evaluate', { expression, contextId, returnByValue: true, awaitPromise: false }), CALL_TIMEOUT_MS)) as {
      result: { value?: unknown };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    };
    if (r.exceptionDetails) {
      const msg = r.exceptionDetails.exception?.description?.split('\n')[0] ?? r.exceptionDetails.text;
      throw new PickerScriptError(msg);
    }
    return r.result.value;
  }

  /** Run `__crawlwrightPicker.<method>(...args)` in the isolated world; one retry after a navigation. */
  async call<T>(method: string, ...args: unknown[]): Promise<T> {
    const expression = `globalThis.__crawlwrightPicker.${method}(${args.map((a) => (a === undefined ? 'undefined' : JSON.stringify(a))).join(',')})`;
    for (let attempt = 0; ; attempt++) {
      try {
        this.contextId ??= this.create();
        const id = await this.contextId;
        // The same context can outlive a document (about:blank → first load); re-install when missing.
        const value = await this.evaluate(id, `globalThis.__crawlwrightPicker && globalThis.__crawlwrightPicker.top === document ? ${expression} : "__not_installed__"`);
        if (value === '__not_installed__') {
          if (attempt >= 2) throw new Error('the picker script could not be installed in the page');
          await this.evaluate(id, await pickerScript());
          continue;
        }
        return value as T;
      } catch (e) {
        if (e instanceof PickerScriptError || attempt >= 2) throw e;
        this.contextId = null; // context destroyed by a navigation: create a new world and retry
      }
    }
  }
}

/** An exception thrown by the picker script itself (bad selector, element not found). */
export class PickerScriptError extends Error {
  override name = 'PickerScriptError';
}
