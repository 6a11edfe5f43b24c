import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEQUENCE_TEMPLATE_SCHEMA_ID } from '../../../shared/schema';
import { renderSequenceTemplateJsonSchema, SCHEMA_FILE } from '../../../scripts/gen-json-schema';

describe('sequence-template.schema.json', () => {
  it('equals a fresh generation (run scripts/gen-json-schema.ts when this fails)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(renderSequenceTemplateJsonSchema());
  });

  it('is draft 2020-12 with $id and title, and makes defaulted fields optional', () => {
    const s = JSON.parse(renderSequenceTemplateJsonSchema());
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s.$id).toBe(SEQUENCE_TEMPLATE_SCHEMA_ID);
    expect(typeof s.title).toBe('string');
    expect(s.required).toEqual(['schemaVersion', 'id', 'name', 'business', 'steps']);
    expect(s.properties.exit.properties.onOptOut.const).toBe(true);
    expect(s.properties.steps.items.anyOf.map((b: any) => b.properties.channel.const)).toEqual(['sms', 'email', 'callback_task', 'notify_agent']);
  });
});
