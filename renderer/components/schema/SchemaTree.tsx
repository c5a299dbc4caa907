// The tree view of a JsonCss schema: base selector, baseFields and fields (nested to any depth),
// with the selected field's properties edited below. All edits go through model.ts and `onChange`.
import { useState } from 'react';
import type { JsonCssField, JsonCssSchema } from '../../../shared/extract/schema.js';
import { KNOWN_FIELD_TYPES, TRANSFORMS, type KnownFieldType } from '../../../shared/extract/schema.js';
import { FieldTypeHelp } from './fieldTypes.js';
import { defaultFromJsonText, defaultJsonText } from '../../../shared/extract/exact-defaults.js';
import type { FieldCoverage } from '../../../shared/api/domains/schema.js';
import {
  addField,
  getField,
  indentField,
  isContainer,
  moveField,
  outdentField,
  pathLabel,
  removeField,
  samePath,
  uniqueName,
  updateField,
  type FieldList,
  type FieldPath,
} from './model.js';

export type Selection = { kind: 'base' } | { kind: 'field'; path: FieldPath } | null;

export interface SchemaTreeProps {
  schema: JsonCssSchema;
  /** `coalesce` groups keystrokes in one undo entry; structural edits pass none. */
  onChange(schema: JsonCssSchema, coalesce?: string): void;
  selection: Selection;
  onSelect(sel: Selection): void;
  coverage: Map<string, FieldCoverage>;
  /** Lint messages by field path ("fields[2]", "baseSelector"; "" = whole schema). */
  lint: Map<string, string[]>;
  baseCount: number | null;
  onPickField(path: FieldPath): void;
}

const typeLabel = (t: JsonCssField['type']) => (Array.isArray(t) ? t.join(' → ') : t);

function LintMark({ messages }: { messages: string[] | undefined }) {
  if (!messages?.length) return null;
  const error = messages.some((m) => m.startsWith('error'));
  return (
    <span className={`lint-mark ${error ? 'bad' : 'warn'}`} title={messages.join('\n')} data-testid="field-lint" aria-label={messages.join('; ')}>
      ⚠
    </span>
  );
}

function CoverageBadge({ c }: { c: FieldCoverage | undefined }) {
  if (!c) return null;
  const total = c.value + c.default + c.missing;
  const cls = c.value === 0 ? 'bad' : c.value === total ? 'ok' : 'partial';
  return (
    <span className={`cov-badge ${cls}`} title={`value ${c.value} · default ${c.default} · missing ${c.missing}`} data-testid="field-coverage">
      {c.value}/{total}
    </span>
  );
}

function FieldRows(props: SchemaTreeProps & { list: FieldList; fields: JsonCssField[]; prefix: number[]; depth: number; parentIsList: boolean }) {
  const { list, fields, prefix, depth, selection, onSelect, coverage, lint } = props;
  return (
    <>
      {fields.map((f, i) => {
        const path: FieldPath = { list, at: [...prefix, i] };
        const selected = selection?.kind === 'field' && samePath(selection.path, path);
        return (
          <div key={pathLabel(path)} role="treeitem" aria-selected={selected} aria-level={depth + 1}>
            <div
              className={`schema-row${selected ? ' selected' : ''}`}
              style={{ paddingLeft: 8 + depth * 16 }}
              onClick={() => onSelect({ kind: 'field', path })}
              data-testid="schema-field-row"
              data-field-path={pathLabel(path)}
            >
              <span className="f-name">{f.name || <em className="dim">(no name)</em>}</span>
              <span className="f-type">{typeLabel(f.type)}</span>
              <code className="f-sel" title={f.selector}>
                {f.selector ?? <span className="dim">(item itself)</span>}
                {f.attribute ? <span className="dim"> @{f.attribute}</span> : null}
              </code>
              <span className="row">
                <LintMark messages={lint.get(pathLabel(path))} />
                <CoverageBadge c={coverage.get(pathLabel(path))} />
              </span>
            </div>
            {f.fields && isContainer(f) && (
              <FieldRows {...props} fields={f.fields} prefix={path.at} depth={depth + 1} parentIsList={f.type === 'list'} />
            )}
          </div>
        );
      })}
    </>
  );
}

export function SchemaTree(props: SchemaTreeProps) {
  const { schema, onChange, selection, onSelect, baseCount, lint } = props;
  const [showBaseFields, setShowBaseFields] = useState(!!schema.baseFields?.length);
  const selPath = selection?.kind === 'field' ? selection.path : null;
  const selField = selPath ? getField(schema, selPath) : undefined;

  const add = (list: FieldList) => {
    // Into the selected container, else at the top level of `list`.
    const into = selPath && selField && isContainer(selField) ? selPath : null;
    const siblings = into ? selField!.fields : list === 'baseFields' ? schema.baseFields : schema.fields;
    const next = addField(schema, into, { name: uniqueName(siblings, 'field'), type: list === 'baseFields' ? 'attribute' : 'text', ...(list === 'baseFields' ? { attribute: 'data-id' } : {}) }, list);
    onChange(next);
    const n = (siblings?.length ?? 0);
    onSelect({ kind: 'field', path: into ? { list: into.list, at: [...into.at, n] } : { list, at: [n] } });
  };
  const structural = (fn: (s: JsonCssSchema, p: FieldPath) => { schema: JsonCssSchema; path: FieldPath }) => {
    if (!selPath) return;
    const r = fn(schema, selPath);
    onChange(r.schema);
    onSelect({ kind: 'field', path: r.path });
  };

  return (
    <div className="schema-tree" role="tree" aria-label="Schema fields">
      <div className={`schema-row base${selection?.kind === 'base' ? ' selected' : ''}`} onClick={() => onSelect({ kind: 'base' })} data-testid="schema-base-row">
        <span className="f-name">baseSelector</span>
        <code className="f-sel">{schema.baseSelector || <span className="dim">(pick the items)</span>}</code>
        <LintMark messages={[...(lint.get('baseSelector') ?? []), ...(lint.get('') ?? [])]} />
        {baseCount !== null && (
          <span className="cov-badge ok" data-testid="base-count" title="Items Crawl4AI extracts from">
            {baseCount}
          </span>
        )}
      </div>

      <div className="schema-section">
        <button className="link" onClick={() => setShowBaseFields((v) => !v)} aria-expanded={showBaseFields}>
          {showBaseFields ? '▾' : '▸'} baseFields ({schema.baseFields?.length ?? 0})
        </button>
        <span className="grow" />
        {showBaseFields && (
          <button className="ghost small" onClick={() => add('baseFields')} title="Add a field read from the item element itself (no error guard in Crawl4AI)">
            + base field
          </button>
        )}
      </div>
      {showBaseFields && schema.baseFields && <FieldRows {...props} list="baseFields" fields={schema.baseFields} prefix={[]} depth={0} parentIsList={false} />}

      <div className="schema-section">
        <span>fields ({schema.fields.length})</span>
        <span className="grow" />
        <button className="ghost small" onClick={() => add('fields')} data-testid="add-field" title={selField && isContainer(selField) ? `Add inside "${selField.name}"` : 'Add a field'}>
          + field
        </button>
      </div>
      <FieldRows {...props} list="fields" fields={schema.fields} prefix={[]} depth={0} parentIsList={false} />

      {selPath && selField && (
        <div className="schema-tree-actions">
          <button className="ghost small" title="Move up" aria-label="Move field up" onClick={() => structural((s, p) => moveField(s, p, -1))}>↑</button>
          <button className="ghost small" title="Move down" aria-label="Move field down" onClick={() => structural((s, p) => moveField(s, p, 1))}>↓</button>
          <button className="ghost small" title="Nest into the previous nested/list field" aria-label="Indent field" onClick={() => structural(indentField)}>→</button>
          <button className="ghost small" title="Move out of its parent" aria-label="Outdent field" onClick={() => structural(outdentField)}>←</button>
          <span className="grow" />
          <button
            className="ghost small danger"
            aria-label="Remove field"
            data-testid="remove-field"
            onClick={() => {
              onChange(removeField(schema, selPath));
              onSelect(null);
            }}
          >
            Remove
          </button>
        </div>
      )}
      {selPath && selField && <FieldEditor key={pathLabel(selPath)} field={selField} path={selPath} {...props} />}
    </div>
  );
}

/** A default typed as JSON when it parses (`null`, `0`, `"x"`, `[]`), else taken as a plain string;
 *  `0.0` keeps its float form (default_text, see shared/extract/exact-defaults.ts). */
function parseDefault(text: string): Pick<JsonCssField, 'default' | 'default_text'> {
  if (text === '') return { default: undefined, default_text: undefined };
  try {
    return defaultFromJsonText(text);
  } catch {
    return { default: text, default_text: undefined };
  }
}
const showDefault = (f: JsonCssField) => {
  const v = f.default;
  return v === undefined ? '' : typeof v === 'string' && !/^(null|true|false|-?\d.*|\[.*|\{.*|".*)$/.test(v) ? v : defaultJsonText(f);
};

function FieldEditor({ field, path, schema, onChange, onPickField }: SchemaTreeProps & { field: JsonCssField; path: FieldPath }) {
  const key = `schema-field:${pathLabel(path)}`;
  const set = (patch: Partial<Record<keyof JsonCssField, unknown>>, coalesce = true) => onChange(updateField(schema, path, patch), coalesce ? key : undefined);
  const isPipeline = Array.isArray(field.type);
  const typeSteps = Array.isArray(field.type) ? field.type : [field.type];
  const uses = (t: string) => typeSteps.includes(t);
  const [defaultText, setDefaultText] = useState(showDefault(field));
  const id = (k: string) => `sf-${k}`;
  return (
    <div className="field-editor" data-testid="field-editor">
      <label htmlFor={id('name')}>name</label>
      <input id={id('name')} value={field.name} onChange={(e) => set({ name: e.target.value })} data-testid="field-name" />

      <label htmlFor={id('type')}>type</label>
      <div className="row">
        <select
          id={id('type')}
          value={isPipeline ? '(pipeline)' : (KNOWN_FIELD_TYPES as readonly string[]).includes(field.type as string) ? (field.type as string) : '(other)'}
          data-testid="field-type"
          onChange={(e) => {
            const v = e.target.value;
            if (v === '(pipeline)') set({ type: [typeSteps[0] ?? 'text', 'regex'] }, false);
            else if (v !== '(other)') set({ type: v, ...(v === 'attribute' && !field.attribute ? { attribute: 'href' } : {}), ...(v === 'regex' && !field.pattern ? { pattern: '(.+)' } : {}) }, false);
          }}
        >
          {KNOWN_FIELD_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
          <option value="(pipeline)">pipeline (list of types)</option>
          {!isPipeline && !(KNOWN_FIELD_TYPES as readonly string[]).includes(field.type as string) && <option value="(other)">{String(field.type)} (unknown)</option>}
        </select>
        {isPipeline && (
          <input
            aria-label="pipeline steps"
            value={typeSteps.join(', ')}
            onChange={(e) => set({ type: e.target.value.split(',').map((s) => s.trim()).filter(Boolean) })}
            title="Single-value steps run in order, e.g. attribute, regex"
          />
        )}
      </div>
      <FieldTypeHelp type={isPipeline ? 'pipeline' : (KNOWN_FIELD_TYPES as readonly string[]).includes(field.type as string) ? (field.type as KnownFieldType) : null} />

      <label htmlFor={id('selector')}>selector</label>
      <div className="row">
        <input
          id={id('selector')}
          className="mono"
          value={field.selector ?? ''}
          placeholder="(the item element itself)"
          onChange={(e) => set({ selector: e.target.value })}
          data-testid="field-selector"
        />
        <button className="ghost small" onClick={() => onPickField(path)} title="Pick the element in the preview; the selector is made relative to the item">
          Pick
        </button>
      </div>

      {(uses('attribute') || field.attribute !== undefined) && (
        <>
          <label htmlFor={id('attribute')}>attribute</label>
          <input id={id('attribute')} value={field.attribute ?? ''} onChange={(e) => set({ attribute: e.target.value })} data-testid="field-attribute" />
        </>
      )}
      {(uses('regex') || field.pattern !== undefined) && (
        <>
          <label htmlFor={id('pattern')}>pattern</label>
          <input id={id('pattern')} className="mono" value={field.pattern ?? ''} placeholder="Python re, e.g. \$([\d.]+)" onChange={(e) => set({ pattern: e.target.value })} />
          <label htmlFor={id('group')}>group</label>
          <input
            id={id('group')}
            value={field.group === undefined ? '' : String(field.group)}
            placeholder="1"
            onChange={(e) => set({ group: e.target.value === '' ? undefined : /^\d+$/.test(e.target.value) ? Number(e.target.value) : e.target.value })}
          />
        </>
      )}
      {!isContainer(field) && (
        <>
          <label htmlFor={id('transform')}>transform</label>
          <select id={id('transform')} value={field.transform ?? ''} onChange={(e) => set({ transform: e.target.value || undefined }, false)}>
            <option value="">(none)</option>
            {TRANSFORMS.map((t) => (
              <option key={t}>{t}</option>
            ))}
            {field.transform && !(TRANSFORMS as readonly string[]).includes(field.transform) && <option value={field.transform}>{field.transform} (no-op in Crawl4AI)</option>}
          </select>
        </>
      )}
      <label htmlFor={id('default')}>default</label>
      <input
        id={id('default')}
        value={defaultText}
        placeholder="(absent → key left out)"
        title='JSON when it parses (null, 0, "text", []), otherwise a string'
        onChange={(e) => {
          setDefaultText(e.target.value);
          set(parseDefault(e.target.value));
        }}
      />
      <label htmlFor={id('source')}>source</label>
      <input id={id('source')} className="mono" value={field.source ?? ''} placeholder='sibling: "+ tag.cls"' onChange={(e) => set({ source: e.target.value })} />
      {(field.type === 'computed' || field.expression !== undefined) && (
        <>
          <label htmlFor={id('expression')}>expression</label>
          <input id={id('expression')} value={field.expression ?? ''} onChange={(e) => set({ expression: e.target.value })} title="Disabled since Crawl4AI 0.8.7: the field always yields its default" />
        </>
      )}
    </div>
  );
}
