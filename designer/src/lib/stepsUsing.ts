import type { SequenceTemplate } from '../../../shared/schema';
import { placeholdersIn } from '../../../shared/template';

const stringsIn = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(stringsIn) : v && typeof v === 'object' ? Object.values(v).flatMap(stringsIn) : [];

/**
 * Ids of the steps whose texts use placeholder `name`: any message field or variant, and for the
 * first SMS step also the trigger's per-class first messages (they replace its text).
 * @example stepsUsing(fourTouch, 'calledAt') // Set { 'callback-day-2' }
 */
export function stepsUsing(template: Pick<SequenceTemplate, 'steps' | 'trigger'>, name: string): Set<string> {
  const firstSms = template.steps.find((s) => s.channel === 'sms')?.id;
  const uses = (v: unknown) => stringsIn(v).some((t) => placeholdersIn(t).includes(name));
  return new Set(template.steps.filter((s) => uses(s.message) || (s.id === firstSms && uses(template.trigger.firstMessage))).map((s) => s.id));
}
