// What the user allowed the flow in this window (docs/security.md). A flow file is untrusted input:
// the server refuses a run that needs JavaScript, secrets or local resources beyond the grant the
// window sends (`needs_grant`, listing exactly what is missing), and this store asks the user.
//  - built-in demo / templates and flows written here: JavaScript is the user's own (allowed);
//  - a flow opened from disk starts with the grant stored for exactly its bytes (data dir), else
//    none: its first run lists everything it uses;
//  - an import (pasted flow, Python script, Docker body) starts with none;
//  - every {{secret:NAME}} needs the user's yes once per flow, whoever wrote it.
// A grant given to a file is stored for its bytes (flow.grant) and follows the user's saves.
import { create } from 'zustand';
import type { NeedsGrantDetails } from '../../shared/api/domains/run.js';
import type { RunGrant } from '../../shared/flow/capabilities.js';
import { api } from '../api/client.js';

export type FlowOrigin = 'builtin' | 'authored' | 'file' | 'import' | 'recovery';

export interface GrantPrompt {
  details: NeedsGrantDetails;
  origin: FlowOrigin;
  path: string | null;
}

interface TrustState {
  origin: FlowOrigin;
  /** The file the flow came from and the hash of its bytes on disk (for flow.grant). */
  path: string | null;
  sha256: string | null;
  grant: RunGrant;
  prompt: GrantPrompt | null;
  /** Set by flow.open / flow.demo / new / import / recovery. */
  opened(origin: FlowOrigin, file?: { path: string | null; sha256?: string | null; grant?: RunGrant | null }): void;
  /** After a save: the file now holds the user's bytes, under the window's grant. */
  saved(path: string, sha256: string): void;
  /** A step from an import joined the flow: its JavaScript is foreign, so JS is reviewed again. */
  importedStep(): void;
  /** Show the prompt; resolves true when the user allowed (and the grant now covers `details`). */
  ask(details: NeedsGrantDetails): Promise<boolean>;
  answer(allow: boolean): void;
}

const startingGrant = (origin: FlowOrigin, stored?: RunGrant | null): RunGrant =>
  stored ? { ...stored, secrets: [...stored.secrets] } : { javascript: origin === 'builtin' || origin === 'authored', secrets: [], local: false };

let pending: ((allow: boolean) => void) | null = null;

export const useTrustStore = create<TrustState>((set, get) => ({
  origin: 'authored',
  path: null,
  sha256: null,
  grant: startingGrant('authored'),
  prompt: null,

  opened(origin, file) {
    set({ origin, path: file?.path ?? null, sha256: file?.sha256 ?? null, grant: startingGrant(origin, file?.grant) });
  },

  saved(path, sha256) {
    set({ path, sha256 });
  },

  importedStep() {
    set({ grant: { ...get().grant, javascript: false } });
  },

  ask(details) {
    pending?.(false);
    set({ prompt: { details, origin: get().origin, path: get().path } });
    return new Promise<boolean>((resolve) => {
      pending = resolve;
    });
  },

  answer(allow) {
    const p = get().prompt;
    const resolve = pending;
    pending = null;
    set({ prompt: null });
    if (!p || !allow) return resolve?.(false);
    const g = get().grant;
    const m = p.details.missing;
    const grant: RunGrant = {
      javascript: g.javascript || m.javascript.length > 0,
      secrets: [...new Set([...g.secrets, ...m.secrets])],
      local: g.local || m.local.length > 0,
    };
    set({ grant });
    const { path, sha256 } = get();
    // Remembered for exactly these bytes; a file changed on disk since is simply asked about again.
    if (path && sha256) void api['flow.grant']({ path, sha256, grant }).catch(() => undefined);
    resolve?.(true);
  },
}));
