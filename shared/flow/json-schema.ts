// JSON Schema of the flow file, generated from the zod definition (schema.ts) so editors such as
// VS Code can validate and complete flow files ("$schema": "…/flow.schema.json"). The committed
// copy is assets/flow.schema.json (`npm run gen:schema`); a unit test keeps it in sync.
import { z } from 'zod';
import { FLOW_VERSION, FlowSchema } from './schema.js';

export const FLOW_SCHEMA_ID = 'urn:crawlwright:schema:flow:v1';

export function flowJsonSchema(): Record<string, unknown> {
  // io: 'input' describes what a file may contain (optional keys stay optional even if defaulted).
  const generated = z.toJSONSchema(FlowSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: FLOW_SCHEMA_ID,
    title: `Crawlwright flow (version ${FLOW_VERSION})`,
    description: 'A Crawlwright flow: browser steps with Crawl4AI CrawlerRunConfig options, run in one live session.',
    ...rest,
  };
}

export function flowJsonSchemaText(): string {
  return JSON.stringify(flowJsonSchema(), null, 2) + '\n';
}
