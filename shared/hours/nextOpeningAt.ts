import { DAY_MS, dayToIso, isValidZone, localToInstant, zoneOffset } from '../compliance/zoneClock';
import { closureOn } from '../schema/closureOn';
import { isOpenAt } from './isOpenAt';
import { hasNoHours, openingRanges } from './openingRanges';
import type { BusinessHours } from './types';
import { wallClock, weekdayOfDay } from './wallClock';

/** How many local days ahead the search looks before giving up (a business closed for good). */
export const NEXT_OPENING_SEARCH_DAYS = 400;

/**
 * Instants whose wall clock in `zone` reads `local` (epoch ms as if local were UTC), ascending:
 * one normally, two in a fall-back repeated hour, and the transition itself in a spring-forward gap.
 */
function instantsOf(zone: string, local: number): number[] {
  const a = local - zoneOffset(zone, local - DAY_MS);
  const b = local - zoneOffset(zone, local + DAY_MS);
  const valid = [...new Set([a, b])].filter((t) => t + zoneOffset(zone, t) === local).sort((x, y) => x - y);
  return valid.length ? valid : [localToInstant(zone, local)];
}

/**
 * When the business next opens: `now` itself when it is open now, else the first start of an
 * opening period after `now` on the wall clock of `business.timeZone` (DST-aware), skipping closure
 * days. Null when no opening hours are defined, the zone is unknown, or it stays closed for
 * {@link NEXT_OPENING_SEARCH_DAYS} days.
 *
 * @example
 * // Chicago, Mon–Fri 07:30–18:00; Friday 2027-01-15 19:00 local
 * nextOpeningAt(fourTouch.business, Date.parse('2027-01-16T01:00:00Z')) // Date.parse('2027-01-18T13:30:00Z'), Monday 07:30
 */
export function nextOpeningAt(business: BusinessHours, now: number): number | null {
  const hours = business.openingHours;
  if (!hours || hasNoHours(hours) || !isValidZone(business.timeZone)) return null;
  const open = { ...business, openingHours: hours };
  if (isOpenAt(open, now)) return now;
  const today = wallClock(business.timeZone, now).day;
  for (let day = today; day <= today + NEXT_OPENING_SEARCH_DAYS; day++) {
    if (business.closures?.length && closureOn(business.closures, dayToIso(day))) continue;
    for (const [from] of openingRanges(hours, weekdayOfDay(day))) {
      // isOpenAt has the last word, e.g. for a period that lies wholly in a spring-forward gap
      const t = instantsOf(business.timeZone, day * DAY_MS + from * 60_000).find((x) => x > now && isOpenAt(open, x));
      if (t !== undefined) return t;
    }
  }
  return null;
}
