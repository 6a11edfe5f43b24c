import { dayToIso, zoneOffset } from '../../../shared/compliance/zoneClock';
import { closureOn, WEEKDAYS, type Business } from '../../../shared/schema';

const DAY_MS = 86_400_000;

/**
 * True when `at` (epoch ms) falls in one of the business's opening periods, read on the wall clock
 * of `business.timeZone` (DST-aware), and the local date is not one of `business.closures`
 * (a closure day is closed all day).
 * @example isOpenAt({ timeZone: 'America/Chicago', openingHours: { mon: ['09:00-17:00'], … } }, Date.UTC(2027, 0, 11, 16))
 * // true (10:00 Monday in Chicago)
 */
export function isOpenAt(business: Pick<Business, 'timeZone' | 'openingHours'> & { closures?: Business['closures'] }, at: number): boolean {
  const local = at + zoneOffset(business.timeZone, at);
  const days = Math.floor(local / DAY_MS);
  // 1970-01-01 was a Thursday; WEEKDAYS starts on Monday
  const day = WEEKDAYS[(((days + 3) % 7) + 7) % 7]!;
  const minute = Math.floor((local - days * DAY_MS) / 60_000);
  const open = (business.openingHours[day] ?? []).some((range) => {
    const from = Number(range.slice(0, 2)) * 60 + Number(range.slice(3, 5));
    const to = Number(range.slice(6, 8)) * 60 + Number(range.slice(9, 11));
    return minute >= from && minute < to;
  });
  return open && !(business.closures?.length && closureOn(business.closures, dayToIso(days)));
}
