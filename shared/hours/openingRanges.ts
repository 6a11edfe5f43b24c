import { WEEKDAYS, type Weekday } from '../schema/sequenceTemplate';
import type { OpeningHours } from './types';

const RANGE_RE = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]|24):([0-5]\d)$/;
const DAY_MINUTES = 1440;

/**
 * A day's opening periods as `[from, to)` minutes since local midnight, sorted; malformed or empty
 * ranges (possible in an unvalidated draft) are ignored.
 * @example openingRanges({ mon: ['13:00-17:00', '08:00-12:00'] }, 'mon') // [[480, 720], [780, 1020]]
 */
export function openingRanges(hours: OpeningHours, day: Weekday): [number, number][] {
  const out: [number, number][] = [];
  for (const r of hours[day] ?? []) {
    const m = RANGE_RE.exec(r);
    if (!m) continue;
    const from = Number(m[1]) * 60 + Number(m[2]);
    const to = Number(m[3]) * 60 + Number(m[4]);
    if (from < to && to <= DAY_MINUTES) out.push([from, to]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** True when the hours cover every minute of every weekday (24/7). Closures are not considered. */
export function isAlwaysOpen(hours: OpeningHours): boolean {
  return WEEKDAYS.every((day) => {
    let covered = 0;
    for (const [from, to] of openingRanges(hours, day)) {
      if (from > covered) return false;
      covered = Math.max(covered, to);
    }
    return covered >= DAY_MINUTES;
  });
}

/** True when no weekday has any opening period (never open). */
export function hasNoHours(hours: OpeningHours | undefined): boolean {
  return !hours || WEEKDAYS.every((day) => openingRanges(hours, day).length === 0);
}
