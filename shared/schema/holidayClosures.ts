import { HOLIDAY_CALENDARS, holidaysFor, type HolidayCalendarId } from '../compliance/holidays';
import { civilFromDays, daysFromCivil, isoToDay } from '../compliance/zoneClock';
import { closureOn } from './closureOn';
import type { BusinessClosure } from './sequenceTemplate';

/** Names shown to people picking a holiday calendar, one per `HOLIDAY_CALENDARS` id. */
export const HOLIDAY_CALENDAR_LABELS: Readonly<Record<HolidayCalendarId, string>> = {
  'US-FED': 'US federal',
  'US-AL': 'Alabama',
  'US-LA': 'Louisiana',
  'US-OK': 'Oklahoma',
  'US-PA': 'Pennsylvania',
  'US-RI': 'Rhode Island',
  'US-UT': 'Utah',
  'CA-BC': 'British Columbia',
  FR: 'France',
};

const ZONE_CALENDARS: Readonly<Record<string, HolidayCalendarId>> = { 'Europe/Paris': 'FR', 'America/Vancouver': 'CA-BC' };

/**
 * The holiday calendar a business in `timeZone` most likely follows: France for Europe/Paris,
 * British Columbia for America/Vancouver, US federal otherwise (a US zone does not tell the state).
 */
export function holidayCalendarForZone(timeZone: string): HolidayCalendarId {
  return ZONE_CALENDARS[timeZone] ?? 'US-FED';
}

export function isHolidayCalendarId(id: string): id is HolidayCalendarId {
  return (HOLIDAY_CALENDARS as readonly string[]).includes(id);
}

/** Epoch day `months` calendar months after `day`, the day of month clamped (Jan 31 + 1 → Feb 28/29). */
function addMonths(day: number, months: number): number {
  const { y, m, d } = civilFromDays(day);
  const total = m - 1 + months;
  const y2 = y + Math.floor(total / 12);
  const m2 = (total % 12) + 1;
  const first = daysFromCivil(y2, m2, 1);
  const next = m2 === 12 ? daysFromCivil(y2 + 1, 1, 1) : daysFromCivil(y2, m2 + 1, 1);
  return Math.min(first + d - 1, next - 1);
}

/**
 * One single-day closure per holiday of `calendar` from `today` (inclusive) until the same day
 * `months` months later (exclusive), reason = the holiday's name, skipping days an `existing`
 * closure already covers (so adding the result twice adds nothing the second time). An observed
 * weekday of a weekend holiday is its own closure ("Independence Day (observed)").
 * `today` is the local 'YYYY-MM-DD' date in the business time zone; throws RangeError otherwise.
 * @example holidayClosures('US-FED', '2026-11-30', [], 1) // [{ from: '2026-12-25', reason: 'Christmas Day' }]
 */
export function holidayClosures(calendar: HolidayCalendarId, today: string, existing: readonly BusinessClosure[] | undefined, months = 12): BusinessClosure[] {
  const start = isoToDay(today);
  if (months <= 0) return [];
  const end = addMonths(start, months);
  const out: BusinessClosure[] = [];
  for (let y = civilFromDays(start).y; y <= civilFromDays(end).y; y++) {
    for (const h of holidaysFor(calendar, y)) {
      const day = isoToDay(h.date);
      if (day < start || day >= end || closureOn(existing, h.date)) continue;
      out.push({ from: h.date, reason: h.name });
    }
  }
  return out;
}
