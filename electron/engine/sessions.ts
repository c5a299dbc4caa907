// Crawl4AI's session model (crawl4ai-notes.md 1.6) on Playwright: a session is
// (context, page, last_used); contexts are shared by browser-config signature, so sessions with the
// same settings share cookies and storage exactly as they do in Crawl4AI; idle sessions expire
// (30 min by default): the cleanup runs on every get, as in BrowserManager.get_page, and also on an
// unref'd timer armed for the next expiry, so an idle session dies at its TTL without a request.
import { EventEmitter } from 'node:events';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { BrowserSettings } from '../../shared/flow/schema.js';
import type { SessionInfo } from '../../shared/api/domains/session.js';
import { CRAWL4AI_SEC_CH_UA, CRAWL4AI_USER_AGENT } from '../../shared/crawl4ai/defaults.js';
import { TEXT_MODE_BLOCKED_EXTENSIONS } from '../../shared/crawl4ai/browser-modes.js';
import { settle, withTimeout } from './timeouts.js';
import { Masker } from './masking.js';
import { closePopupsOf } from './popups.js';

export interface Session {
  id: string;
  page: Page;
  context: BrowserContext;
  contextKey: string;
  alive: boolean;
  deadReason?: string;
  createdAt: number;
  lastUsed: number;
  /** Last known title (refreshed on load; list() is synchronous). */
  title: string;
}

/** A page used by one step without session_id: closed after the step (Crawl4AI step 19). */
export interface FreshPage {
  page: Page;
  context: BrowserContext;
  release(): Promise<void>;
}

interface SharedContext {
  key: string;
  context: BrowserContext;
  refs: number;
}

export class SessionDeadError extends Error {
  constructor(
    readonly sessionId: string,
    readonly reason: string,
  ) {
    super(
      `session "${sessionId}" is dead (${reason}). Re-create it (Sessions panel → Re-create, or session.create) or run a step that navigates.`,
    );
    this.name = 'SessionDeadError';
  }
}

export interface SessionManagerOptions {
  getBrowser: () => Promise<Browser>;
  onChange: (sessions: SessionInfo[]) => void;
  /** Idle TTL in ms (Crawl4AI: 1800 s). */
  ttlMs?: number;
  /** Default settings when a caller passes none (e.g. session.create from the UI). */
  defaultBrowser?: () => BrowserSettings | undefined;
}

const OP_TIMEOUT = 15_000;

/**
 * The step options that are part of Crawl4AI's context signature (_make_config_signature): a new
 * page of a step with override_navigator, simulate_user or magic gets a context of its own.
 */
export interface RunSignature {
  override_navigator?: boolean;
  simulate_user?: boolean;
  magic?: boolean;
}

/**
 * The Crawl4AI context signature covers proxy, locale, timezone, geolocation, navigator overrides
 * and browser version; our supported subset is the context options below. headless/extra_args are
 * launch options (one browser per app), so they are not part of the key. Options added later only
 * enter the key when set, so the keys of existing settings do not change.
 */
export function contextKeyOf(b: BrowserSettings | undefined, run?: RunSignature): string {
  const s = b ?? {};
  const nav = [Boolean(run?.override_navigator), Boolean(run?.simulate_user), Boolean(run?.magic)];
  const sig = {
    vw: s.viewport_width ?? 1080,
    vh: s.viewport_height ?? 600,
    ua: s.user_agent ?? null,
    st: s.storage_state ?? null,
    js: s.java_script_enabled ?? true,
    tls: s.ignore_https_errors ?? true,
    ...(s.text_mode ? { text: true } : {}),
    ...(nav.some(Boolean) ? { nav } : {}),
  };
  const text = JSON.stringify(sig);
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return `ctx-${(h >>> 0).toString(16).padStart(8, '0')}`;
}

export class SessionManager extends EventEmitter {
  private readonly sessions = new Map<string, Session>();
  private readonly contexts = new Map<string, SharedContext>();
  private readonly creating = new Map<string, Promise<Session>>();
  ttlMs: number;

  constructor(private readonly opts: SessionManagerOptions) {
    super();
    this.ttlMs = opts.ttlMs ?? 30 * 60_000;
  }

  list(): SessionInfo[] {
    return [...this.sessions.values()].map((s) => this.info(s));
  }

  /** Secret values each session's page may show (added by runs that resolved secrets). */
  private readonly masks = new Map<string, Set<string>>();

  addMasks(id: string, values: readonly string[]): void {
    if (!values.length) return;
    const set = this.masks.get(id) ?? new Set<string>();
    for (const v of values) set.add(v);
    this.masks.set(id, set);
    this.maskers.delete(id);
  }

  private readonly maskers = new Map<string, Masker>();
  /** Masks what this session's page shows (no-op masker for a session no run gave secrets). */
  masker(id: string): Masker {
    let m = this.maskers.get(id);
    if (!m) this.maskers.set(id, (m = new Masker([...(this.masks.get(id) ?? [])])));
    return m;
  }

  info(s: Session): SessionInfo {
    const sharedWith = [...this.sessions.values()].filter((o) => o !== s && o.contextKey === s.contextKey && o.alive).map((o) => o.id);
    let url = 'about:blank';
    try {
      url = s.page.url();
    } catch {
      /* page gone */
    }
    const m = this.masker(s.id);
    return {
      id: s.id,
      contextKey: s.contextKey,
      sharedWith,
      url: m.text(url),
      title: m.text(s.title),
      alive: s.alive,
      ...(s.deadReason ? { deadReason: s.deadReason } : {}),
      createdAt: s.createdAt,
      lastUsed: s.lastUsed,
    };
  }

  get(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  /** Follow a session's page across re-creation (the preview subscribes here). Returns an unsubscribe. */
  onPageReplaced(id: string, cb: (page: Page) => void): () => void {
    const listener = (sid: string, page: Page) => sid === id && cb(page);
    this.on('page-replaced', listener);
    return () => this.off('page-replaced', listener);
  }

  /** Notify listeners (session.changed) — also called by the executor after each step. */
  changed(): void {
    this.opts.onChange(this.list());
    this.emit('changed');
  }

  touch(s: Session): void {
    s.lastUsed = Date.now();
    this.changed();
    this.armExpiry();
  }

  private expiryTimer: NodeJS.Timeout | undefined;
  private expiryAt = Infinity;

  /**
   * Arm the idle-TTL timer for the earliest expiry among unpinned sessions (re-armed when a session
   * is used, created, unpinned or killed). Unref'd: it never keeps the process alive.
   */
  private armExpiry(): void {
    let next = Infinity;
    for (const s of this.sessions.values()) if (!this.pins.has(s.id)) next = Math.min(next, s.lastUsed + this.ttlMs + 1);
    if (next === this.expiryAt && this.expiryTimer) return;
    clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    this.expiryAt = next;
    if (next === Infinity) return;
    // setTimeout's delay is a 32-bit int; a longer TTL re-arms on the way.
    const delay = Math.min(Math.max(0, next - Date.now()), 2 ** 31 - 1);
    this.expiryTimer = setTimeout(() => {
      this.expiryTimer = undefined;
      this.expiryAt = Infinity;
      void this.cleanupExpired()
        .catch(() => undefined)
        .finally(() => this.armExpiry());
    }, delay);
    this.expiryTimer.unref();
  }

  /** Refcounts of session ids that an active run uses (running or paused at a breakpoint). */
  private readonly pins = new Map<string, number>();

  /**
   * Keep a session from idle-expiring while a run uses it: a run paused at a breakpoint (or in a
   * long wait_for) is not idle. The id may not exist yet; the pin applies once it does. Returns
   * the release function (idempotent); the last release counts as a use (the idle clock restarts).
   */
  pin(id: string): () => void {
    this.pins.set(id, (this.pins.get(id) ?? 0) + 1);
    this.armExpiry();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const n = (this.pins.get(id) ?? 1) - 1;
      if (n > 0) {
        this.pins.set(id, n);
        return;
      }
      this.pins.delete(id);
      const s = this.sessions.get(id);
      if (s) this.touch(s);
      else this.armExpiry();
    };
  }

  isPinned(id: string): boolean {
    return this.pins.has(id);
  }

  /** Popups the preview follows, per session: kept open when steps end. */
  private readonly held = new Map<string, Set<Page>>();

  /**
   * Keep a popup of session `id` open across step ends while the preview shows it to a viewer.
   * Returns the release (idempotent): the popup then closes when the next step ends or the session
   * is killed.
   */
  holdPopup(id: string, page: Page): () => void {
    const set = this.held.get(id) ?? new Set<Page>();
    set.add(page);
    this.held.set(id, set);
    return () => void set.delete(page);
  }

  /**
   * Close the pages the session's page opened (window.open, target=_blank), directly or through
   * other popups, except those the preview holds. Called when a step ends: steps only ever use the
   * session's own page, so its popups would otherwise pile up run after run.
   */
  async closePopups(id: string): Promise<number> {
    const s = this.sessions.get(id);
    if (!s) return 0;
    return closePopupsOf(s.page, [...(this.held.get(id) ?? [])]);
  }

  /**
   * Kill sessions idle longer than the TTL (Crawl4AI _cleanup_expired_sessions, run on every get
   * and by the expiry timer).
   * Deliberate difference: sessions pinned by an active run are skipped (Crawl4AI has no pause).
   */
  async cleanupExpired(now = Date.now()): Promise<string[]> {
    const expired = [...this.sessions.values()].filter((s) => !this.pins.has(s.id) && now - s.lastUsed > this.ttlMs).map((s) => s.id);
    for (const id of expired) await this.kill(id);
    return expired;
  }

  /**
   * The session's live page, created on first use. A dead session throws SessionDeadError: the
   * caller decides whether it may re-create (a navigating step) or must report it.
   */
  getOrCreate(id: string, browser?: BrowserSettings, partition?: string, run?: RunSignature): Promise<Session> {
    return this.opening(partition, this.findOrCreate(id, browser, partition, run));
  }

  private async findOrCreate(id: string, browser?: BrowserSettings, partition?: string, run?: RunSignature): Promise<Session> {
    await this.cleanupExpired();
    const existing = this.sessions.get(id);
    if (existing) {
      if (!existing.alive) throw new SessionDeadError(id, existing.deadReason ?? 'unknown reason');
      return existing;
    }
    const pending = this.creating.get(id);
    if (pending) return pending;
    const p = this.create(id, browser, partition, run).finally(() => this.creating.delete(id));
    this.creating.set(id, p);
    return p;
  }

  /** Sessions and pages being opened, per partition (closePartition lets them finish first). */
  private readonly openings = new Map<string, Set<Promise<unknown>>>();
  private opening<T>(partition: string | undefined, p: Promise<T>): Promise<T> {
    if (partition === undefined) return p;
    let set = this.openings.get(partition);
    if (!set) this.openings.set(partition, (set = new Set()));
    set.add(p);
    const done = () => {
      set.delete(p);
      if (!set.size && this.openings.get(partition) === set) this.openings.delete(partition); // batches have many rows
    };
    void p.then(done, done);
    return p;
  }

  /** Close a dead (or live) session and create it again on the same id; listeners get the new page. */
  async recreate(id: string, browser?: BrowserSettings, partition?: string, run?: RunSignature): Promise<Session> {
    const old = this.sessions.get(id);
    await this.kill(id);
    const s = await this.getOrCreate(id, browser ?? (old ? this.browserOf(old.contextKey) : undefined), partition, run);
    this.emit('page-replaced', id, s.page);
    return s;
  }

  private readonly settingsByKey = new Map<string, BrowserSettings | undefined>();
  private browserOf(key: string): BrowserSettings | undefined {
    return this.settingsByKey.get(key);
  }

  private readonly pendingContexts = new Map<string, Promise<SharedContext>>();

  /**
   * The shared context for these settings; concurrent callers get the same one. A partition (a
   * batch run's row) gets contexts of its own: rows never share cookies or storage.
   */
  private async context(browser: BrowserSettings | undefined, partition?: string, run?: RunSignature): Promise<SharedContext> {
    const key = contextKeyOf(browser, run) + (partition ? `@${partition}` : '');
    const have = this.contexts.get(key);
    if (have) return have;
    let pending = this.pendingContexts.get(key);
    if (!pending) {
      pending = this.newContext(key, browser).finally(() => this.pendingContexts.delete(key));
      this.pendingContexts.set(key, pending);
    }
    return pending;
  }

  private async newContext(key: string, browser: BrowserSettings | undefined): Promise<SharedContext> {
    const b = await this.opts.getBrowser();
    const s = browser ?? {};
    const context = await withTimeout(
      b.newContext({
        viewport: { width: s.viewport_width ?? 1080, height: s.viewport_height ?? 600 },
        // Crawl4AI's BrowserConfig defaults, so pages see the same browser as under Crawl4AI.
        userAgent: s.user_agent ?? CRAWL4AI_USER_AGENT,
        extraHTTPHeaders: { 'sec-ch-ua': CRAWL4AI_SEC_CH_UA },
        ...(s.storage_state ? { storageState: s.storage_state as never } : {}),
        javaScriptEnabled: s.java_script_enabled ?? true,
        ignoreHTTPSErrors: s.ignore_https_errors ?? true,
      }),
      OP_TIMEOUT,
      'creating a browser context',
    );
    // Crawl4AI's text_mode: the context aborts requests for images, fonts, media and documents by extension.
    if (s.text_mode) for (const ext of TEXT_MODE_BLOCKED_EXTENSIONS) await context.route(`**/*.${ext}`, (route) => route.abort());
    const shared: SharedContext = { key, context, refs: 0 };
    this.contexts.set(key, shared);
    this.settingsByKey.set(key, browser);
    context.on('close', () => {
      if (this.contexts.get(key) === shared) this.contexts.delete(key);
      for (const sess of this.sessions.values()) if (sess.context === context) this.markDeadSoon(sess, 'its browser context was closed');
    });
    return shared;
  }

  /**
   * A new page in a shared context. Its reference is taken before the page exists, so a session
   * killed meanwhile (the TTL timer) does not close the context under newPage.
   */
  private async openPage(shared: SharedContext, what: string): Promise<Page> {
    shared.refs++;
    try {
      return await withTimeout(shared.context.newPage(), OP_TIMEOUT, what);
    } catch (e) {
      shared.refs--;
      throw e;
    }
  }

  private async create(id: string, browser?: BrowserSettings, partition?: string, run?: RunSignature): Promise<Session> {
    const settings = browser ?? this.opts.defaultBrowser?.();
    const shared = await this.context(settings, partition, run);
    const page = await this.openPage(shared, `opening a page for session "${id}"`);
    const now = Date.now();
    const s: Session = { id, page, context: shared.context, contextKey: shared.key, alive: true, createdAt: now, lastUsed: now, title: '' };
    this.sessions.set(id, s);
    page.on('crash', () => this.markDead(s, 'the page crashed'));
    page.on('close', () => this.markDeadSoon(s, 'the page was closed'));
    page.on('load', () => {
      page
        .title()
        .then((t) => {
          s.title = t;
          this.changed();
        })
        .catch(() => undefined);
    });
    this.changed();
    this.armExpiry();
    return s;
  }

  /**
   * When the browser dies, pages and contexts report 'close' before the browser reports
   * 'disconnected'; wait a moment so the session records the real reason.
   */
  private markDeadSoon(s: Session, reason: string): void {
    setTimeout(() => {
      const connected = s.context.browser()?.isConnected() ?? false;
      this.markDead(s, connected ? reason : 'the browser disconnected (crashed or was killed)');
    }, 100).unref();
  }

  markDead(s: Session, reason: string): void {
    if (!s.alive || this.sessions.get(s.id) !== s) return;
    s.alive = false;
    s.deadReason = reason;
    this.changed();
  }

  /** The browser went away: every session dies with that reason; contexts are forgotten. */
  browserGone(reason: string): void {
    this.contexts.clear();
    for (const s of this.sessions.values()) this.markDead(s, reason);
  }

  /**
   * A page for a step without session_id, in the shared context of its signature (so cookies it
   * sets are visible to sessions with the same settings, as in Crawl4AI).
   */
  freshPage(browser?: BrowserSettings, partition?: string, run?: RunSignature): Promise<FreshPage> {
    return this.opening(partition, this.openFreshPage(browser, partition, run));
  }

  private async openFreshPage(browser?: BrowserSettings, partition?: string, run?: RunSignature): Promise<FreshPage> {
    await this.cleanupExpired();
    const shared = await this.context(browser ?? this.opts.defaultBrowser?.(), partition, run);
    const page = await this.openPage(shared, 'opening a page');
    return {
      page,
      context: shared.context,
      release: async () => {
        shared.refs--;
        await closePopupsOf(page);
        await settle(page.close());
      },
    };
  }

  /** End a partition (a finished batch row): kill its sessions and close its contexts. */
  async closePartition(partition: string): Promise<void> {
    const suffix = `@${partition}`;
    // A stopped run does not wait for the page it was opening. Let that finish first: a context
    // closed under newPage leaves it hanging, and a resumed row asking for the same session id
    // joined that creation and failed with its 15 s timeout (seen in CI).
    await Promise.all([...(this.openings.get(partition) ?? [])].map((p) => settle(p)));
    for (const s of [...this.sessions.values()]) if (s.contextKey.endsWith(suffix)) await this.kill(s.id);
    for (const [key, shared] of [...this.contexts]) {
      if (!key.endsWith(suffix)) continue;
      this.contexts.delete(key);
      await settle(shared.context.close());
    }
  }

  /**
   * Crawl4AI kill_session: close the page; close the context only when no other page uses it.
   */
  async kill(id: string): Promise<boolean> {
    const s = this.sessions.get(id);
    if (!s) return false;
    this.sessions.delete(id);
    this.held.delete(id);
    const shared = this.contexts.get(s.contextKey);
    const ours = shared !== undefined && shared.context === s.context;
    if (ours) shared.refs--;
    if (ours && shared.refs <= 0) {
      this.contexts.delete(s.contextKey);
      await settle(shared.context.close()); // its popups with it
    } else {
      // Popups go with the session, also those the preview held (it follows the session, not them).
      await closePopupsOf(s.page);
    }
    await settle(s.page.close());
    this.changed();
    this.armExpiry();
    return true;
  }

  async killAll(): Promise<void> {
    for (const id of [...this.sessions.keys()]) await this.kill(id);
    for (const c of this.contexts.values()) await settle(c.context.close());
    this.contexts.clear();
    this.changed();
    clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    this.expiryAt = Infinity;
  }
}
