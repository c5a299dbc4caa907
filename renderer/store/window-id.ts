// This window's id: it names the window's crash-recovery copy on the server
// (recovery/<id>.json). Kept in sessionStorage, so a reload of the same tab or window keeps it and
// is offered its own copy; a new tab or window gets a new one.
import { WindowIdSchema } from '../../shared/api/domains/flow.js';

const KEY = 'crawlwright.windowId';

const fresh = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return 'w' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
};

let current: string | null = null;

export function windowId(): string {
  if (current) return current;
  try {
    const kept = sessionStorage.getItem(KEY);
    if (kept && WindowIdSchema.safeParse(kept).success) return (current = kept);
  } catch {
    /* storage disabled: an id for this page only */
  }
  return renewWindowId();
}

/** A new id for this window (its old one is taken by a duplicated tab, or holds a copy on offer). */
export function renewWindowId(): string {
  current = fresh();
  try {
    sessionStorage.setItem(KEY, current);
  } catch {
    /* this page only */
  }
  return current;
}
