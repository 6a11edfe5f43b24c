import type { BusinessWindow, Interval, WeeklyWindows } from '../compliance/types';
import { WEEKDAYS } from '../schema/sequenceTemplate';
import { openingRanges } from './openingRanges';
import type { BusinessHours } from './types';

/** WEEKDAYS order (mon … sun) → index 0 = Sunday … 6 = Saturday, as WeeklyWindows wants. */
const SUN_FIRST = [6, 0, 1, 2, 3, 4, 5] as const;

/**
 * `decide()`'s `businessHours` for a template with `sendWindow.businessHoursOnly`: the business's opening
 * periods per weekday on its own wall clock, and its closures. No opening hours at all → never open
 * (decide() then finds no allowed instant and blocks, rather than ignoring the setting).
 * @example decide({ …, businessHours: template.sendWindow.businessHoursOnly ? businessSendWindow(template.business) : undefined })
 */
export function businessSendWindow(business: BusinessHours): BusinessWindow {
  const hours = business.openingHours ?? {};
  const windows = SUN_FIRST.map((i) => openingRanges(hours, WEEKDAYS[i]!) as Interval[]) as unknown as WeeklyWindows;
  return { zone: business.timeZone, windows, closures: business.closures ?? [] };
}

/**
 * The business window a step keeps under `sendWindow.businessHoursOnly`: every step but the one(s) that
 * answer the call (an after-hours caller hears at once), unless `holdFirstTouch` holds those too;
 * undefined when the setting is off.
 * @example decide({ …, businessHours: stepBusinessWindow(template, answeringStepIds(template, cls).includes(step.id)) })
 */
export function stepBusinessWindow(
  template: { business: BusinessHours; sendWindow: { businessHoursOnly?: boolean; holdFirstTouch?: boolean } },
  answersCall: boolean,
): BusinessWindow | undefined {
  const { businessHoursOnly, holdFirstTouch } = template.sendWindow;
  return businessHoursOnly === true && (!answersCall || holdFirstTouch === true) ? businessSendWindow(template.business) : undefined;
}
