// The schema builder and tester for one step's JsonCssExtractionStrategy: tree/JSON editor, picking
// from the live preview, live results on the session page, diagnostics, snapshots and regression.
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client.js';
import { useFlowStore } from '../../store/flow.js';
import { usePickerStore, type PickedElement } from '../../store/picker.js';
import { useSessionsStore, wireSessionEvents } from '../../store/sessions.js';
import { resolvePreviewSession, usePreviewSessionStore } from '../../store/previewSession.js';
import { draftKey, useDraftsStore } from '../../store/drafts.js';
import type { FieldCoverage, FlowRef } from '../../../shared/api/domains/schema.js';
import type { JsonCssField, JsonCssSchema } from '../../../shared/extract/schema.js';
import { lintSchema } from '../../../shared/extract/lint.js';
import { addField, emptySchema, getField, isContainer, nameFromSelector, selectorChain, setSchemaProps, uniqueName, updateField, validateSchema, type FieldPath } from './model.js';
import { SchemaTree, type Selection } from './SchemaTree.js';
import { SchemaJsonView } from './SchemaJsonView.js';
import { DiagnosticsView, ExtractedJson, MismatchBanner, ResultTable } from './ResultView.js';
import { SnapshotsPanel } from './SnapshotsPanel.js';
import { ImportExport } from './ImportExport.js';
import { useSchemaTest } from './useSchemaTest.js';
import './schema.css';

type ResultTab = 'table' | 'json' | 'diagnostics' | 'snapshots';
type PickKind = 'field' | 'nested' | 'list';

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Crawl4AI captures page.content(): shadow DOM and iframe content are not in it. */
function captureCaveat(el: PickedElement): string | null {
  if (el.inShadowRoot) return 'This element is inside a shadow root: Crawl4AI\'s captured HTML (page.content()) does not contain it, so the field will be empty in Crawl4AI.';
  if (el.framePath.length) return 'This element is inside an iframe: Crawl4AI extracts from the top document only, so it will not find it.';
  return null;
}

/** Selector of the elements a field at `p` is relative to: the base, then each ancestor container. */
function contextSelector(schema: JsonCssSchema, parent: FieldPath | null): string {
  return [schema.baseSelector, ...(parent ? selectorChain(schema, parent) : [])].filter(Boolean).join(' ');
}
const parentOf = (p: FieldPath): FieldPath | null => (p.at.length > 1 ? { list: p.list, at: p.at.slice(0, -1) } : null);

/** `active`: the panel is on screen. Hidden, it neither highlights in the preview nor re-tests. */
export function SchemaTesterPanel({ stepId, active = true }: { stepId: string | null; active?: boolean }) {
  const step = useFlowStore((s) => s.flow.steps.find((st) => st.id === stepId) ?? null);
  const flowPath = useFlowStore((s) => s.path);
  const flowName = useFlowStore((s) => s.flow.name);
  const sessions = useSessionsStore((s) => s.sessions);
  useEffect(() => wireSessionEvents(), []);

  const [selection, setSelection] = useState<Selection>(null);
  const [view, setView] = useState<'tree' | 'json'>('tree');
  // Save refused because of a draft in this step's JSON view: show it.
  const reveal = useDraftsStore((s) => s.reveal);
  useEffect(() => {
    if (reveal && stepId && reveal.key === draftKey(stepId, 'schema-json')) setView('json');
  }, [reveal, stepId]);
  const hasJsonDraft = useDraftsStore((s) => !!stepId && draftKey(stepId, 'schema-json') in s.drafts);
  const [tab, setTab] = useState<ResultTab>('table');
  const [auto, setAuto] = useState(true);
  const [notice, setNotice] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [similar, setSimilar] = useState<{ selector: string; count: number }[]>([]);
  const [picking, setPicking] = useState(false);

  const schema = step?.config.extraction_strategy?.schema ?? null;
  const cssSelector = step?.config.css_selector || undefined;
  const alive = sessions.filter((s) => s.alive);
  const stepSession = step?.config.session_id ?? null;
  // The same session as the preview (one choice for both; store/previewSession.ts).
  const { pinned, lastShown, pin } = usePreviewSessionStore();
  const sessionId = resolvePreviewSession(stepSession, pinned, lastShown, sessions);
  const sessionAlive = alive.some((s) => s.id === sessionId);
  const validSchema = useMemo(() => (schema && validateSchema(schema).length === 0 ? schema : null), [schema]);
  // Lint is pure and instant: shown on the tree rows as you type, with or without a session.
  const lintByPath = useMemo(() => {
    const m = new Map<string, string[]>();
    if (!validSchema) return m;
    for (const l of lintSchema(validSchema)) {
      const key = l.path.match(/^(?:(?:baseFields|fields)\[\d+\](?:\.fields\[\d+\])*|baseSelector)/)?.[0] ?? '';
      m.set(key, [...(m.get(key) ?? []), `${l.severity === 'error' ? 'error' : 'warning'}: ${l.message}`]);
    }
    return m;
  }, [validSchema]);
  const pageUrl = sessions.find((s) => s.id === sessionId)?.url ?? '';
  const test = useSchemaTest(stepId, sessionAlive ? sessionId : null, validSchema, cssSelector, auto && active, pageUrl);
  const result = test.result;
  const coverage = useMemo(() => new Map<string, FieldCoverage>((result?.diagnostics?.fields ?? []).map((f) => [f.path, f])), [result]);
  const flowRef: FlowRef = { flowPath, flowName };

  // Preview highlight follows the selection while the panel is shown: the base matches, or one
  // field's matches inside its items. Hidden or unmounted, it takes its highlight away.
  useEffect(() => {
    if (!active || !schema?.baseSelector) return;
    const { setHighlight } = usePickerStore.getState();
    if (selection?.kind === 'field') {
      const f = getField(schema, selection.path);
      const ctx = contextSelector(schema, parentOf(selection.path));
      setHighlight(f?.selector ? { selector: f.selector, relativeTo: ctx } : { selector: ctx });
    } else setHighlight({ selector: schema.baseSelector });
    return () => usePickerStore.getState().setHighlight(null);
  }, [schema, selection, active]);
  // An unsaved flow keeps its snapshots under the data dir; when it is saved for the first time
  // (same flow object, path null → file) they move next to the file. Opening another flow
  // replaces the flow object, so it never triggers this.
  useEffect(
    () =>
      useFlowStore.subscribe((now, prev) => {
        if (prev.path !== null || now.path === null || now.flow !== prev.flow) return;
        api['snapshot.adopt']({ from: { flowPath: null, flowName: prev.flow.name }, to: { flowPath: now.path, flowName: now.flow.name } }).then(
          (r) => r.moved && setNotice({ kind: 'info', text: `${r.moved} snapshot${r.moved === 1 ? '' : 's'} moved next to the flow file (${r.dir}).` }),
          (e: unknown) => setNotice({ kind: 'error', text: `Could not move the snapshots next to the flow file: ${errText(e)}` }),
        );
      }),
    [],
  );

  if (!step) return <div className="schema-panel empty">Select a step to build its extraction schema.</div>;

  const commit = (next: JsonCssSchema, coalesce?: string) =>
    useFlowStore.getState().setConfig(step.id, { extraction_strategy: { type: 'JsonCssExtractionStrategy', schema: next } }, coalesce);

  if (!schema) {
    return (
      <div className="schema-panel empty">
        <p>This step has no extraction schema.</p>
        <button data-testid="schema-create" onClick={() => commit(emptySchema())}>
          Create JsonCss schema
        </button>
        <ImportExport schema={null} onImport={(s) => commit(s)} />
      </div>
    );
  }

  const needSession = (): string | null => {
    if (!sessionId) setNotice({ kind: 'error', text: 'No live session: run a step with session_id first (or create a session) so there is a page to pick from.' });
    return sessionId;
  };

  const pickBase = async () => {
    if (!needSession()) return;
    setPicking(true);
    setNotice({ kind: 'info', text: 'Click one item in the preview (Esc cancels).' });
    try {
      const el = await usePickerStore.getState().pick({ purpose: 'baseSelector' });
      if (!el) return setNotice(null);
      const caveat = captureCaveat(el);
      if (caveat) return setNotice({ kind: 'error', text: caveat });
      commit(setSchemaProps(schema, { baseSelector: el.selector, ...(schema.name ? {} : { name: 'Items' }) }));
      setSimilar([]);
      setSelection({ kind: 'base' });
      setNotice({ kind: 'info', text: `Base set to one item (${el.selector}). Use "Select similar" to match every item like it.` });
    } finally {
      setPicking(false);
    }
  };

  const selectSimilar = async () => {
    const sid = needSession();
    if (!sid || !schema.baseSelector) return;
    try {
      const r = await api['picker.similar']({ sessionId: sid, selectors: [schema.baseSelector] });
      setSimilar([{ selector: r.selector, count: r.count }, ...r.alternatives.filter((a) => a.selector !== r.selector)]);
      commit(setSchemaProps(schema, { baseSelector: r.selector }));
      setNotice({ kind: 'info', text: `${r.count} similar items: ${r.selector}${r.crawl4aiValid ? '' : ' (not valid for Crawl4AI!)'}` });
    } catch (e) {
      setNotice({ kind: 'error', text: `Select similar failed: ${errText(e)}` });
    }
  };

  /** Pick an element inside an item: a new field (into `parent`), or a new selector for `existing`. */
  const pickField = async (kind: PickKind, opts: { parent?: FieldPath | null; existing?: FieldPath } = {}) => {
    const sid = needSession();
    if (!sid) return;
    if (!schema.baseSelector) return setNotice({ kind: 'error', text: 'Pick the items (baseSelector) first.' });
    const parent = opts.existing ? parentOf(opts.existing) : (opts.parent ?? null);
    const ctx = contextSelector(schema, parent);
    setPicking(true);
    setNotice({ kind: 'info', text: `Click ${kind === 'list' ? 'one of the repeated elements' : 'an element'} inside an item (${ctx}).` });
    try {
      const el = await usePickerStore.getState().pick({ purpose: kind === 'field' ? 'field' : `${kind} field`, relativeTo: ctx });
      if (!el) return setNotice(null);
      const caveat = captureCaveat(el);
      if (caveat) return setNotice({ kind: 'error', text: caveat });
      const mode = kind === 'list' ? 'repeated' : 'unique';
      let selector: string | null = null;
      let suggestion: { type: 'text' | 'attribute'; attribute?: string } = { type: 'text' };
      let note: string | undefined;
      try {
        const r = await api['schema.fieldSelector']({ sessionId: sid, baseSelector: ctx, x: el.box.x + el.box.width / 2, y: el.box.y + el.box.height / 2, css_selector: cssSelector, mode });
        if (r.itemIndex < 0) return setNotice({ kind: 'error', text: r.note ?? `That element is not inside an item matching "${ctx}".` });
        selector = r.selector;
        suggestion = r.suggestion;
        note = r.unique || kind === 'list' ? r.note : `Not unique within the item: ${r.note ?? ''}`;
      } catch (e) {
        // Fall back to the picker's own relative selector.
        selector = el.selector;
        note = `Relative selector from the picker (schema.fieldSelector failed: ${errText(e)})`;
      }
      if (opts.existing) {
        commit(updateField(schema, opts.existing, { selector: selector ?? undefined }));
        setSelection({ kind: 'field', path: opts.existing });
      } else {
        const siblings = parent ? getField(schema, parent)?.fields : schema.fields;
        const name = uniqueName(siblings, nameFromSelector(selector, el.tagName.toLowerCase()));
        const field: JsonCssField =
          kind === 'nested'
            ? { name, type: 'nested', selector: selector ?? undefined, fields: [] }
            : kind === 'list'
              ? { name, type: 'list', selector: selector ?? undefined, fields: [suggestion.type === 'attribute' ? { name: suggestion.attribute!, type: 'attribute', attribute: suggestion.attribute } : { name: 'text', type: 'text' }] }
              : { name, type: suggestion.type, ...(selector ? { selector } : {}), ...(suggestion.attribute ? { attribute: suggestion.attribute } : {}) };
        commit(addField(schema, parent, field));
        const n = siblings?.length ?? 0;
        setSelection({ kind: 'field', path: parent ? { list: parent.list, at: [...parent.at, n] } : { list: 'fields', at: [n] } });
      }
      setNotice(note ? { kind: 'info', text: note } : null);
    } finally {
      setPicking(false);
    }
  };

  const selPath = selection?.kind === 'field' ? selection.path : null;
  const selField = selPath ? getField(schema, selPath) : undefined;
  const pickParent = selPath && selField && isContainer(selField) ? selPath : null;

  const scrollToRow = (index: number) => {
    if (!sessionId || !schema.baseSelector) return;
    api['schema.scrollToItem']({ sessionId, baseSelector: schema.baseSelector, index, css_selector: cssSelector }).catch((e: unknown) =>
      setNotice({ kind: 'error', text: `Could not scroll to item ${index + 1}: ${errText(e)}` }),
    );
  };

  return (
    <div className="schema-panel" data-testid="schema-builder">
      <div className="schema-toolbar">
        <label className="small">
          session{' '}
          <select value={sessionId ?? ''} onChange={(e) => pin(e.target.value || null)} aria-label="Session to test on" data-testid="schema-session">
            {!sessionId && <option value="">(none)</option>}
            {sessionId && !alive.some((s) => s.id === sessionId) && <option value={sessionId}>{sessionId} (not running)</option>}
            {alive.map((s) => (
              <option key={s.id} value={s.id}>
                {s.id}
              </option>
            ))}
          </select>
        </label>
        <span className="grow" />
        <div className="seg" role="tablist" aria-label="Editor view">
          <button role="tab" aria-selected={view === 'tree'} className={view === 'tree' ? 'on' : ''} onClick={() => setView('tree')}>
            Tree
          </button>
          <button role="tab" aria-selected={view === 'json'} className={view === 'json' ? 'on' : ''} onClick={() => setView('json')} data-testid="schema-view-json">
            JSON{hasJsonDraft ? ' ⚠' : ''}
          </button>
        </div>
        <ImportExport schema={schema} onImport={(s) => commit(s)} />
      </div>

      <div className="schema-toolbar">
        <button onClick={() => void pickBase()} disabled={picking} data-testid="pick-base" title="Pick one item in the preview">
          Pick item
        </button>
        <button onClick={() => void selectSimilar()} disabled={picking || !schema.baseSelector} data-testid="select-similar" title="Generalise the base selector to every similar item">
          Select similar
        </button>
        <span className="sep" />
        <button onClick={() => void pickField('field', { parent: pickParent })} disabled={picking || !schema.baseSelector} data-testid="pick-field" title={pickParent ? `Add a field inside "${selField?.name}"` : 'Add a field by clicking inside an item'}>
          + Pick field
        </button>
        <button onClick={() => void pickField('nested', { parent: pickParent })} disabled={picking || !schema.baseSelector} data-testid="pick-nested" title="Add a nested object: pick its container element">
          + nested
        </button>
        <button onClick={() => void pickField('list', { parent: pickParent })} disabled={picking || !schema.baseSelector} data-testid="pick-list" title="Add a list: pick one of the repeated elements">
          + list
        </button>
        {picking && (
          <button className="ghost" onClick={() => usePickerStore.getState().finish(null)}>
            Cancel pick
          </button>
        )}
      </div>

      {similar.length > 1 && (
        <div className="similar-alts">
          <span className="dim">Alternatives:</span>
          {similar.map((a) => (
            <button key={a.selector} className={`chip${a.selector === schema.baseSelector ? ' on' : ''}`} onClick={() => commit(setSchemaProps(schema, { baseSelector: a.selector }))} title={`${a.count} matches`}>
              <code>{a.selector}</code> <span className="dim">{a.count}</span>
            </button>
          ))}
        </div>
      )}
      {notice && (
        <div className={`schema-notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="schema-notice">
          {notice.text}
          <button className="ghost small" aria-label="Dismiss" onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      )}

      <div className="schema-editor-area">
        {view === 'tree' ? (
          <>
            <div className="schema-props">
              <label>
                name <input value={schema.name ?? ''} onChange={(e) => commit(setSchemaProps(schema, { name: e.target.value }), `schema-name:${step.id}`)} aria-label="Schema name" />
              </label>
              <label>
                baseSelector{' '}
                <input
                  className="mono"
                  value={schema.baseSelector}
                  onChange={(e) => commit(setSchemaProps(schema, { baseSelector: e.target.value }), `schema-base:${step.id}`)}
                  aria-label="baseSelector"
                  data-testid="base-selector"
                />
              </label>
            </div>
            <SchemaTree
              schema={schema}
              onChange={commit}
              selection={selection}
              onSelect={setSelection}
              coverage={coverage}
              lint={lintByPath}
              baseCount={result?.diagnostics?.baseCount ?? null}
              onPickField={(p) => void pickField('field', { existing: p })}
            />
          </>
        ) : (
          <SchemaJsonView key={step.id} stepId={step.id} schema={schema} onChange={(s) => commit(s, `schema-json:${step.id}`)} />
        )}
      </div>

      <div className="schema-results">
        <div className="schema-toolbar">
          <div className="seg" role="tablist" aria-label="Results">
            {(['table', 'json', 'diagnostics', 'snapshots'] as const).map((t) => (
              <button key={t} role="tab" aria-selected={tab === t} className={tab === t ? 'on' : ''} onClick={() => setTab(t)} data-testid={`schema-tab-${t}`}>
                {t === 'table' ? `Items${result?.items ? ` (${result.items.length})` : ''}` : t === 'json' ? 'JSON' : t === 'diagnostics' ? `Diagnostics${result?.diagnostics?.lint.length ? ` ⚠${result.diagnostics.lint.length}` : ''}` : 'Snapshots'}
              </button>
            ))}
          </div>
          <span className="grow" />
          <span className="dim small" data-testid="schema-status">
            {test.running ? 'running…' : result ? `${result.items?.length ?? 0} items · ${test.elapsedMs?.toFixed(0) ?? '?'} ms` : ''}
          </span>
          <label className="small" title="Re-run on every edit">
            <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} /> auto
          </label>
          <button className="ghost small" onClick={test.rerun} disabled={!sessionAlive || !validSchema} data-testid="schema-run">
            Run
          </button>
        </div>
        {!validSchema && schema.baseSelector && (
          <div className="diag-error" data-testid="schema-invalid">
            {validateSchema(schema).map((i, k) => (
              <div key={k}>
                <code>{i.path || '(schema)'}</code>: {i.message}
              </div>
            ))}
          </div>
        )}
        {test.error && (
          <div className="diag-error" role="alert" data-testid="schema-test-error">
            {test.error}
          </div>
        )}
        {result && <MismatchBanner result={result} />}
        {result?.error && (
          <div className="diag-error" role="alert" data-testid="schema-extract-error">
            {result.error}
          </div>
        )}
        <div className="schema-results-body">
          {tab === 'table' && result?.items && <ResultTable schema={validSchema ?? schema} items={result.items} onRowClick={scrollToRow} />}
          {tab === 'table' && !result && <div className="dim">{!schema.baseSelector ? 'Pick an item (or type a baseSelector) to see what it extracts.' : sessionAlive ? 'Results appear here as you edit.' : `No live session to test on${sessionId ? ` (“${sessionId}” is not running: run the flow up to this step)` : ''}.`}</div>}
          {tab === 'json' && result?.extracted_content != null && <ExtractedJson text={result.extracted_content} />}
          {tab === 'diagnostics' && result && <DiagnosticsView result={result} schema={validSchema ?? schema} />}
          {tab === 'snapshots' && <SnapshotsPanel flow={flowRef} sessionId={sessionId} schema={validSchema ?? schema} cssSelector={cssSelector} />}
        </div>
      </div>
    </div>
  );
}
