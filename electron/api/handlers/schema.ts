// Schema tester and snapshot calls (shared/api/domains/schema.ts).
import { ApiError, OK } from '../../../shared/api/define.js';
import { schemaCalls, type SnapshotRun } from '../../../shared/api/domains/schema.js';
import { JsonElement, relativeSelector, repeatedRelativeSelector } from '../../../shared/selectors/relative.js';
import { suggestFields } from '../../../shared/selectors/suggest-fields.js';
import { captureHtml } from '../../engine/capture.js';
import { SupersededError } from '../../schema/extract-pool.js';
import { locateItem, scrollToItem } from '../../schema/page-ops.js';
import { coverageFromItems, diffItems } from '../../schema/results.js';
import { SnapshotStore, snapshotsDir } from '../../schema/snapshots.js';
import { parseSchema, requireSchema, testSchemaOnPage } from '../../schema/tester.js';
import type { Services } from '../services.js';
import type { DomainHandlers } from './types.js';

export function createSchemaHandlers(s: Services): DomainHandlers<typeof schemaCalls> {
  // The engine's pool: the tester's jobs get the same workers and time limit as runs.
  const pool = s.engine.extractPool;

  const pageOf = (sessionId: string) => {
    const session = s.engine.sessions.get(sessionId);
    if (!session) throw new ApiError('not_found', `no session "${sessionId}": run a step with this session_id or create it in the Sessions panel`);
    if (!session.alive || session.page.isClosed()) throw new ApiError('failed', `session "${sessionId}" is dead${session.deadReason ? ` (${session.deadReason})` : ''}; re-create it`);
    return session.page;
  };
  const store = (flow: { flowPath: string | null; flowName: string }) => new SnapshotStore(snapshotsDir(s.dataDir, flow));

  const extract = async (html: string, schema: unknown) => {
    const parsed = requireSchema(schema);
    try {
      const r = await pool.run({ html, schema: parsed, diagnose: false });
      return { r, schema: parsed };
    } catch (e) {
      throw new ApiError('failed', e instanceof Error ? e.message : String(e)); // a timeout names the field
    }
  };

  return {
    async 'extract.html'({ html, schema }) {
      const p = parseSchema(schema);
      if (!p.schema) return { ok: false, extracted_content: null, items: null, error: p.issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('\n') };
      try {
        const r = await pool.run({ html, schema: p.schema, diagnose: false });
        return { ok: r.ok, extracted_content: r.extracted_content, items: r.items, error: r.error };
      } catch (e) {
        return { ok: false, extracted_content: null, items: null, error: e instanceof Error ? e.message : String(e) };
      }
    },

    async 'schema.test'({ sessionId, schema, css_selector }) {
      try {
        const r = await testSchemaOnPage({ page: pageOf(sessionId), schema, cssSelector: css_selector, pool, lane: `test:${sessionId}` });
        return s.engine.sessions.masker(sessionId).deep(r); // items and samples of a page that shows a secret
      } catch (e) {
        if (e instanceof SupersededError) throw new ApiError('failed', 'superseded by a newer test run');
        throw e;
      }
    },

    async 'schema.fieldSelector'({ sessionId, baseSelector, x, y, css_selector, mode }) {
      const loc = await locateItem(pageOf(sessionId), { base: baseSelector, cssSelector: css_selector, x, y });
      if (!loc.item)
        return {
          selector: null,
          unique: false,
          candidates: [],
          suggestion: { type: 'text' as const },
          itemIndex: -1,
          tagName: loc.tagName,
          text: loc.text,
          note: `The element is not inside an item matching "${baseSelector}".`,
        };
      const item = new JsonElement(loc.item);
      const target = item.at(loc.targetPath) ?? item;
      const peers = loc.peers.map((p) => new JsonElement(p));
      const r = mode === 'repeated' ? repeatedRelativeSelector(target, item, { peers }) : relativeSelector(target, item, { peers });
      return { ...r, itemIndex: loc.itemIndex, tagName: loc.tagName, text: loc.text };
    },

    async 'schema.suggest'({ sessionId, baseSelector, x, y, css_selector }) {
      const loc = await locateItem(pageOf(sessionId), { base: baseSelector, cssSelector: css_selector, x, y });
      if (!loc.item) return { fields: [], itemIndex: -1 };
      return { fields: suggestFields(new JsonElement(loc.item), loc.peers.map((p) => new JsonElement(p))), itemIndex: loc.itemIndex };
    },

    async 'schema.scrollToItem'({ sessionId, baseSelector, index, css_selector }) {
      return { found: await scrollToItem(pageOf(sessionId), { base: baseSelector, cssSelector: css_selector, index }) };
    },

    async 'snapshot.list'({ flow }) {
      const st = store(flow);
      return { dir: st.dir, snapshots: await st.list() };
    },

    async 'snapshot.save'({ flow, sessionId, name, css_selector }) {
      const page = pageOf(sessionId);
      // Never write a secret a run typed into this page: masked, and the answer says how many.
      const mask = s.engine.sessions.masker(sessionId);
      const { text: html, replaced } = mask.count(await captureHtml(page, css_selector));
      return store(flow).save(name, mask.text(page.url()), html, css_selector, replaced);
    },

    async 'snapshot.delete'({ flow, id }) {
      await store(flow).delete(id);
      return OK;
    },

    async 'snapshot.adopt'({ from, to }) {
      const target = store(to);
      return { moved: await target.adopt(store(from)), dir: target.dir };
    },

    async 'snapshot.accept'({ flow, id, schema }) {
      const st = store(flow);
      const { r } = await extract(await st.html(id), schema);
      if (!r.ok || !r.items) throw new ApiError('failed', `the schema fails on snapshot "${id}": ${r.error ?? 'no items'}`);
      await st.accept(id, r.items);
      return (await st.info(id))!;
    },

    async 'snapshot.runAll'({ flow, schema }) {
      const st = store(flow);
      const parsed = requireSchema(schema);
      const runs: SnapshotRun[] = [];
      for (const snap of await st.list()) {
        const expected = await st.expected(snap.id);
        try {
          const r = await pool.run({ html: await st.html(snap.id), schema: parsed, diagnose: false });
          const items = r.items ?? [];
          const diff = expected && r.ok ? diffItems(expected.items, items) : null;
          runs.push({
            id: snap.id,
            name: snap.name,
            url: snap.url,
            ok: r.ok,
            error: r.error,
            itemCount: items.length,
            fields: coverageFromItems(parsed, items),
            diff,
            regressed: !!expected && (!r.ok || !diff!.same),
            extractMs: r.ms,
          });
        } catch (e) {
          runs.push({ id: snap.id, name: snap.name, url: snap.url, ok: false, error: e instanceof Error ? e.message : String(e), itemCount: 0, fields: [], diff: null, regressed: !!expected, extractMs: 0 });
        }
      }
      return { runs };
    },
  };
}
