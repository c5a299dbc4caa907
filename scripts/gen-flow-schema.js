// Writes assets/flow.schema.json from the compiled zod flow schema (run `npm run build:node` first;
// `npm run gen:schema` does both). test/unit/foundation/flow-schema.test.ts fails when it is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const { flowJsonSchemaText } = await import('../dist/shared/flow/json-schema.js');
const out = fileURLToPath(new URL('../assets/flow.schema.json', import.meta.url));
writeFileSync(out, flowJsonSchemaText());
console.log(`wrote ${out}`);
