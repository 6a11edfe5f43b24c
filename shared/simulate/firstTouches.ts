import { stepOffsets } from '../lint/stepOffsets';
import { stepAppliesTo, type EnrollingCallClass, type SequenceTemplate } from '../schema';

/**
 * The step(s) an enrollment starts with (the Missed Call Trigger's firstSteps schedules these): the earliest step that applies
 * to the call class (its `onlyIf`), plus any other applicable step due at the same offset, each due
 * at `callAt + offset`; in `steps` order.
 * @example firstTouches(fourTouch, 'missed', callAt) // [{ index: 0, dueAt: callAt + 60_000 }]
 */
export function firstTouches(template: SequenceTemplate, cls: EnrollingCallClass, callAt: number): { index: number; dueAt: number }[] {
  const applicable = stepOffsets(template).filter(({ index }) => stepAppliesTo(template.steps[index]!, cls));
  if (applicable.length === 0) return [];
  const first = Math.min(...applicable.map((o) => o.minutes));
  return applicable.filter((o) => o.minutes === first).map((o) => ({ index: o.index, dueAt: callAt + o.minutes * 60_000 }));
}

/**
 * The step(s) that answer a call of class `cls`: its first touch(es). `sendWindow.businessHoursOnly` holds
 * them only with `holdFirstTouch` (else an after-hours caller hears at once); every later step it does.
 * @example answeringStepIds(fourTouch, 'missed') // ['sms-first']
 */
export function answeringStepIds(template: SequenceTemplate, cls: EnrollingCallClass): string[] {
  return firstTouches(template, cls, 0).map((f) => template.steps[f.index]!.id);
}
