// What each JsonCss field type does, with a one-line example, shown under the type in the field
// editor. Behaviour as Crawl4AI 0.9's JsonElementExtractionStrategy has it (crawl4ai-notes.md 4.1-4.2).
import type { KnownFieldType } from '../../../shared/extract/schema.js';
import { DOCS_PAGES } from '../../../shared/crawl4ai/docs.js';
import { DocsLink } from '../DocsLink.js';

interface TypeHelp {
  what: string;
  example: string;
}

export const FIELD_TYPE_HELP: Record<KnownFieldType | 'pipeline', TypeHelp> = {
  text: { what: "The element's text, whitespace-stripped (bs4 get_text(strip=True)).", example: '{"name": "title", "selector": "h2", "type": "text"}' },
  attribute: { what: 'One attribute of the element; absent → default (or no key).', example: '{"name": "link", "selector": "a", "type": "attribute", "attribute": "href"}' },
  html: { what: "The element's outer HTML as a string.", example: '{"name": "body", "selector": ".desc", "type": "html"}' },
  regex: { what: 'Group 1 (or "group") of the first match of "pattern" in the text.', example: '{"name": "price", "selector": ".price", "type": "regex", "pattern": "([\\\\d.]+)"}' },
  nested: { what: 'One object built from "fields", inside the first match of the selector ({} when none).', example: '{"name": "author", "selector": ".by", "type": "nested", "fields": [{"name": "n", "type": "text"}]}' },
  list: { what: 'A list of objects, one per match, from single-value "fields" only.', example: '{"name": "tags", "selector": ".tag", "type": "list", "fields": [{"name": "t", "type": "text"}]}' },
  nested_list: { what: 'A list of objects, one per match; its "fields" may nest again.', example: '{"name": "reviews", "selector": ".review", "type": "nested_list", "fields": [ … ]}' },
  computed: { what: 'In JSON, Crawl4AI ignores "expression" and returns "default" (only a Python function computes).', example: '{"name": "kind", "type": "computed", "expression": "…", "default": "book"}' },
  pipeline: { what: 'A list of single-value steps run in order on one element; a step giving nothing stops it.', example: '{"name": "id", "selector": "a", "type": ["attribute", "regex"], "attribute": "href", "pattern": "id=(\\\\d+)"}' },
};

export function FieldTypeHelp({ type }: { type: KnownFieldType | 'pipeline' | null }) {
  const current = type ? FIELD_TYPE_HELP[type] : null;
  return (
    <div className="field-type-help" data-testid="field-type-help">
      {current ? (
        <>
          <div>{current.what}</div>
          <code className="example">{current.example}</code>
        </>
      ) : (
        <div>Crawl4AI does not know this type: the value is the element itself.</div>
      )}
      <details>
        <summary>All field types</summary>
        <dl>
          {(Object.keys(FIELD_TYPE_HELP) as Array<keyof typeof FIELD_TYPE_HELP>).map((t) => (
            <div key={t}>
              <dt>
                <code>{t === 'pipeline' ? '[…] pipeline' : t}</code>
              </dt>
              <dd>
                {FIELD_TYPE_HELP[t].what} <code className="example">{FIELD_TYPE_HELP[t].example}</code>
              </dd>
            </div>
          ))}
        </dl>
        <DocsLink href={DOCS_PAGES.jsonCss} label="JsonCssExtractionStrategy in the Crawl4AI docs" testId="docs-field-types" />
      </details>
    </div>
  );
}
