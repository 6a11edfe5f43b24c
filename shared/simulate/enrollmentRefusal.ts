import { isOpenAt } from '../hours';
import type { EnrollingCallClass, SequenceTemplate } from '../schema';
import { formatLocal } from './formatLocal';

/** Why a template's trigger would not enroll a call; the codes are the trigger's filter reasons. */
export interface EnrollmentRefusal {
  reason: 'CLASS_NOT_SELECTED' | 'OUTSIDE_CALENDAR';
  message: string;
}

const WHEN_TEXT = { open_hours: 'during opening hours', after_hours: 'outside opening hours' } as const;

/**
 * Why the template itself would not start a sequence for a `cls` call at `callAt`, or null when it
 * would: the template's `trigger.classes`, and `trigger.when` against the business's opening hours
 * and closures (`isOpenAt`), as the Missed Call Trigger's filters read them. The trigger node's own
 * options (its call classes, a calendar override, ignore list…) are not part of the template.
 * @example enrollmentRefusal(afterHours, 'missed', Date.parse('2027-01-12T12:00:00-07:00'))
 * // { reason: 'OUTSIDE_CALENDAR', message: 'the trigger enrolls only calls made outside opening hours, and Northgate Auto Repair is open at 2027-01-12 12:00 MST (Tue).' }
 */
export function enrollmentRefusal(template: SequenceTemplate, cls: EnrollingCallClass, callAt: number): EnrollmentRefusal | null {
  const { classes, when } = template.trigger;
  if (!classes.includes(cls)) {
    return { reason: 'CLASS_NOT_SELECTED', message: `the trigger enrolls only ${listOr(classes)} calls, not ${cls} ones.` };
  }
  if (when !== 'always') {
    const open = isOpenAt(template.business, callAt);
    if (open === (when === 'after_hours')) {
      return {
        reason: 'OUTSIDE_CALENDAR',
        message: `the trigger enrolls only calls made ${WHEN_TEXT[when]}, and ${template.business.name} is ${open ? 'open' : 'closed'} at ${formatLocal(callAt, template.business.timeZone)}.`,
      };
    }
  }
  return null;
}

/** `missed`, `missed or voicemail`, `missed, voicemail or abandoned` */
function listOr(words: readonly string[]): string {
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}` : (words[0] ?? '');
}
