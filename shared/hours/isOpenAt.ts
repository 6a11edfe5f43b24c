import { dayToIso } from '../compliance/zoneClock';
import { closureOn } from '../schema/closureOn';
import { openingRanges } from './openingRanges';
import type { BusinessHours, OpeningHours } from './types';
import { wallClock } from './wallClock';

/**
 * True when `at` (epoch ms) falls in one of the business's opening periods, read on the wall clock
 * of `business.timeZone` (DST-aware), and the local date is not one of `business.closures`
 * (a closure day is closed all day).
 * @example isOpenAt({ timeZone: 'America/Chicago', openingHours: { mon: ['09:00-17:00'], … } }, Date.UTC(2027, 0, 11, 16))
 * // true (10:00 Monday in Chicago)
 */
export function isOpenAt(business: BusinessHours & { openingHours: OpeningHours }, at: number): boolean {
  const { day, minute, weekday } = wallClock(business.timeZone, at);
  const open = openingRanges(business.openingHours, weekday).some(([from, to]) => minute >= from && minute < to);
  return open && !(business.closures?.length && closureOn(business.closures, dayToIso(day)));
}
