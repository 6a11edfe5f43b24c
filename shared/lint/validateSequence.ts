import { parseSequenceTemplate } from '../schema/sequenceTemplate';
import { LINT_RULES } from './codes';
import { lintSequenceTemplate } from './lintSequenceTemplate';
import type { Diagnostic } from './types';

/** The id of `steps[i]` in the raw input, when the issue path points into a step. */
function stepIdAt(input: unknown, segments: readonly (string | number)[]): string | null {
  if (segments[0] !== 'steps' || typeof segments[1] !== 'number') return null;
  const steps = (input as { steps?: unknown } | null)?.steps;
  const step = Array.isArray(steps) ? (steps[segments[1]] as { id?: unknown } | undefined) : undefined;
  return typeof step?.id === 'string' ? step.id : null;
}

/**
 * Checks a template against the schema and the lint rules; never throws. Schema violations come back
 * as `SCHEMA` errors with a plain sentence and the field's `path` (and then no rule runs, as the
 * template cannot be read reliably).
 * @example
 * validateSequence(fourTouch) // []
 * validateSequence({ ...fourTouch, name: '' })
 * // [{ code: 'SCHEMA', severity: 'error', stepId: null, message: 'Sequence name must not be empty.', path: 'name' }]
 */
export function validateSequence(template: unknown): Diagnostic[] {
  const parsed = parseSequenceTemplate(template);
  if (parsed.success) return lintSequenceTemplate(parsed.data);
  return parsed.issues.map((i) => ({
    code: 'SCHEMA',
    severity: LINT_RULES.SCHEMA.severity,
    stepId: stepIdAt(template, i.segments),
    message: i.message,
    ...(i.path ? { path: i.path } : {}),
  }));
}
