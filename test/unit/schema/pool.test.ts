import { afterAll, describe, expect, it } from 'vitest';
import { ExtractPool, SupersededError } from '../../../electron/schema/extract-pool.js';
import { productsHtml } from '../../../electron/demo/pages.js';

const pool = new ExtractPool();
afterAll(() => pool.close());
const schema = { baseSelector: '.product', fields: [{ name: 'name', type: 'text', selector: '.name' }] };

describe('ExtractPool', () => {
  it('runs jobs in order and supersedes queued runs of the same lane', async () => {
    const html = productsHtml(50);
    const first = pool.run({ html, schema, diagnose: false }, 'a'); // starts at once
    const stale = pool.run({ html, schema, diagnose: false }, 'a'); // queued…
    const other = pool.run({ html, schema, diagnose: false }, 'b'); // another lane: kept
    const latest = pool.run({ html, schema, diagnose: true, chains: [{ path: 'fields[0]', chain: ['.name'] }] }, 'a'); // …superseded by this
    await expect(stale).rejects.toBeInstanceOf(SupersededError);
    expect((await first).items).toHaveLength(50);
    expect((await other).items).toHaveLength(50);
    const r = await latest;
    expect(r.ok).toBe(true);
    expect(r.counts).toMatchObject({ baseCount: 50, fields: [{ path: 'fields[0]', items: 50 }] });
    expect(r.counts!.samples[0]).toMatch(/^<div class="product/);
    expect(r.lint).toBeDefined();
  });

  it('reports extractor errors as results, not crashes', async () => {
    const r = await pool.run({ html: '<p>x</p>', schema: { baseSelector: 'p:first', fields: [] }, diagnose: true });
    expect(r.ok).toBe(false);
    expect(r.error).toBeTruthy();
  });
});
