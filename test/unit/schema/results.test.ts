import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JsonCssSchema } from '../../../shared/extract/schema.js';
import { explainCountMismatch, type SchemaDiagnosis } from '../../../shared/extract/diagnostics.js';
import { coverageFromDiagnosis, coverageFromItems, diffItems } from '../../../electron/schema/results.js';
import { SnapshotStore, snapshotsDir } from '../../../electron/schema/snapshots.js';
import { fieldChains } from '../../../electron/schema/tester.js';

const schema: JsonCssSchema = {
  baseSelector: 'li',
  fields: [
    { name: 'title', type: 'text', selector: '.t' },
    { name: 'badge', type: 'text', selector: '.b', default: 'none' },
    { name: 'info', type: 'nested', selector: '.i', fields: [{ name: 'sku', type: 'text', selector: '.s' }] },
    { name: 'tags', type: 'list', selector: '.tag', fields: [{ name: 'label', type: 'text' }] },
  ],
};

describe('coverageFromItems', () => {
  it('counts value / default / missing per field, nested per item and list children per element', () => {
    const items = [
      { title: 'A', badge: 'Sale', info: { sku: 'x' }, tags: [{ label: 'a' }, { label: 'b' }] },
      { title: 'B', badge: 'none', info: {}, tags: [] },
      { badge: 'none', info: { sku: 'y' }, tags: [{}] },
    ];
    const cov = Object.fromEntries(coverageFromItems(schema, items).map((c) => [c.path, [c.value, c.default, c.missing]]));
    expect(cov).toEqual({
      'fields[0]': [2, 0, 1],
      'fields[1]': [1, 2, 0],
      'fields[2]': [2, 0, 1], // {} = nothing matched
      'fields[2].fields[0]': [2, 0, 1],
      'fields[3]': [2, 0, 1], // [] = nothing matched
      'fields[3].fields[0]': [2, 0, 1], // per list element: 3 elements, one {}
    });
  });
});

describe('diffItems', () => {
  it('reports changed items and which keys changed', () => {
    const d = diffItems([{ a: 1, b: [1] }, { a: 2 }, { a: 3 }], [{ a: 1, b: [1] }, { a: 20 }]);
    expect(d).toMatchObject({ expectedCount: 3, actualCount: 2, changedItems: 1, changedByField: { a: 1 }, same: false });
    expect(d.samples).toEqual([{ index: 1, key: 'a', expected: 2, actual: 20 }]);
    expect(diffItems([{ a: 1 }], [{ a: 1 }]).same).toBe(true);
  });
});

describe('coverageFromDiagnosis', () => {
  it("maps the extractor's per-field outcomes (none → missing)", () => {
    expect(coverageFromDiagnosis(undefined).size).toBe(0);
    const d: SchemaDiagnosis = {
      baseCount: 4,
      itemCount: 4,
      fields: [{ path: 'fields[0]', name: 'title', type: 'text', value: 3, default: 1, none: 0, samples: [] }],
      lint: [],
      extracted_content: '[]',
    };
    expect(coverageFromDiagnosis(d).get('fields[0]')).toEqual({ value: 3, default: 1, missing: 0 });
  });
});

describe('tester helpers', () => {
  it('builds selector chains through nested fields but not into lists', () => {
    expect(fieldChains(schema)).toEqual([
      { path: 'fields[0]', chain: ['.t'] },
      { path: 'fields[1]', chain: ['.b'] },
      { path: 'fields[2]', chain: ['.i'] },
      { path: 'fields[2].fields[0]', chain: ['.i', '.s'] },
      { path: 'fields[3]', chain: ['.tag'] },
    ]);
  });
  it('explains table mismatches', () => {
    expect(explainCountMismatch('#t > tbody > tr', 3, 0)).toMatch(/tbody/);
  });
});

describe('SnapshotStore', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('lives next to the flow file, or under dataDir for an unsaved flow', () => {
    expect(snapshotsDir('/data', { flowPath: '/home/u/shop.flow.json', flowName: 'Shop' })).toBe('/home/u/shop.flow.json.snapshots');
    expect(snapshotsDir('/data', { flowPath: null, flowName: 'My Shop!' })).toBe(join('/data', 'snapshots', 'my-shop'));
    expect(() => snapshotsDir('/data', { flowPath: 'rel.json', flowName: '' })).toThrow(/absolute/);
  });

  it('saves, lists, accepts and deletes; ids cannot escape the folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cw-snap-'));
    dirs.push(dir);
    const st = new SnapshotStore(join(dir, 'f.json.snapshots'));
    const a = await st.save('Page 1', 'http://x/1', '<li>1</li>');
    const b = await st.save('Page 1', 'http://x/2', '<li>2</li>', '.grid');
    expect([a.id, b.id]).toEqual(['page-1', 'page-1-2']);
    expect(b.css_selector).toBe('.grid');
    expect(await st.html(b.id)).toBe('<li>2</li>');
    await st.accept(a.id, [{ t: '1' }]);
    const list = await st.list();
    expect(list.map((s) => [s.id, s.accepted?.itemCount ?? null])).toEqual([
      ['page-1', 1],
      ['page-1-2', null],
    ]);
    await st.delete(a.id);
    expect(await readdir(st.dir)).toEqual(['page-1-2']);
    await expect(st.html('../../etc')).rejects.toThrow(/invalid snapshot id/);
    await expect(st.delete('nope')).rejects.toThrow(/no snapshot/);
  });

  it('adopts the snapshots of an unsaved flow when it gets a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cw-snap-'));
    dirs.push(dir);
    const unsaved = new SnapshotStore(snapshotsDir(dir, { flowPath: null, flowName: 'Shop' }));
    await unsaved.save('a', 'http://x/a', '<p>a</p>');
    await unsaved.save('b', 'http://x/b', '<p>b</p>');
    await unsaved.accept('a', [{ x: 1 }]);
    const saved = new SnapshotStore(snapshotsDir(dir, { flowPath: join(dir, 'shop.flow.json'), flowName: 'Shop' }));
    await saved.save('b', 'http://x/b2', '<p>kept</p>'); // same id at the target: not overwritten
    expect(await saved.adopt(unsaved)).toBe(1);
    // Listed by save time: "a" (moved over) was saved before the target's own "b".
    expect((await saved.list()).map((s) => [s.id, s.accepted?.itemCount ?? null])).toEqual([
      ['a', 1],
      ['b', null],
    ]);
    expect(await saved.html('b')).toBe('<p>kept</p>');
    expect((await unsaved.list()).map((s) => s.id)).toEqual(['b']);
  });
});
