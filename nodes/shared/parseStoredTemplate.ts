import { parseSequenceTemplate, type ParseSequenceTemplateResult } from '../../shared/schema/sequenceTemplate';
import { FrozenMemo } from './frozenMemo';

const parsed = new FrozenMemo<ParseSequenceTemplateResult>(64);

/**
 * parseSequenceTemplate for the template stored on an enrollment, memoized by its JSON text: every
 * touch of every enrollment of one template re-reads the same JSON, and the schema parse costs about
 * 0.5 ms a time. The result is frozen; copy what goes into an item.
 * @example const r = parseStoredTemplate(enrollment.template); if (r.success) send(r.data)
 */
export function parseStoredTemplate(raw: unknown): ParseSequenceTemplateResult {
  let key: string | undefined;
  try {
    key = JSON.stringify(raw);
  } catch {
    key = undefined; // e.g. a cycle: not JSON, so not a template either
  }
  if (typeof key !== 'string') return parseSequenceTemplate(raw);
  return parsed.get(key) ?? parsed.set(key, parseSequenceTemplate(raw));
}
