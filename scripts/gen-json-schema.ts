// Writes shared/schema/sequence-template.schema.json from the zod schema.
// Run: bash scripts/run.sh node --import tsx scripts/gen-json-schema.ts
// test/shared/schema/jsonSchema.test.ts fails when the committed file is stale.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sequenceTemplateJsonSchema } from '../shared/schema/sequenceTemplate';

/** The exact file content: 2-space JSON plus a trailing newline. */
export function renderSequenceTemplateJsonSchema(): string {
  return `${JSON.stringify(sequenceTemplateJsonSchema(), null, 2)}\n`;
}

export const SCHEMA_FILE = join(dirname(fileURLToPath(import.meta.url)), '../shared/schema/sequence-template.schema.json');

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_FILE, renderSequenceTemplateJsonSchema());
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}
