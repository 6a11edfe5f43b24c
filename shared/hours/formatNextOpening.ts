import { civilFromDays } from '../compliance/zoneClock';
import type { Weekday } from '../schema/sequenceTemplate';
import { businessZoneSuffix } from '../template/businessZoneSuffix';
import { wallClock } from './wallClock';

const DAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday',
};
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `8:00 AM` / `12:30 PM` of minutes since local midnight (plain spaces, no locale data). */
export function clockTime(minute: number): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return `${h % 12 === 0 ? 12 : h % 12}:${m < 10 ? '0' : ''}${m} ${h < 12 ? 'AM' : 'PM'}`;
}

/**
 * A reopening instant as a customer would read it, relative to `now` on the wall clock of `zone`:
 * `now` when `at <= now`, `today at 2:00 PM`, `tomorrow at 8:00 AM`, a weekday within six days
 * (`Monday at 9:00 AM`), else `on Dec 28 at 9:00 AM`. English only, no Intl locale data. Except for
 * `now`, the zone's short name at `at` follows (`Monday at 9:00 AM CST`) when one of `recipientZones`
 * reads `at` with another UTC offset (see {@link businessZoneSuffix}).
 * @example formatNextOpening(Date.parse('2027-01-18T15:00:00Z'), Date.parse('2027-01-16T01:00:00Z'), 'America/Chicago') // 'Monday at 9:00 AM'
 */
export function formatNextOpening(at: number, now: number, zone: string, recipientZones?: readonly string[] | null): string {
  if (at <= now) return 'now';
  const when = wallClock(zone, at);
  const days = when.day - wallClock(zone, now).day;
  const time = clockTime(when.minute) + businessZoneSuffix(at, zone, recipientZones);
  if (days <= 0) return `today at ${time}`;
  if (days === 1) return `tomorrow at ${time}`;
  if (days < 7) return `${DAY_NAMES[when.weekday]} at ${time}`;
  const { m, d } = civilFromDays(when.day);
  return `on ${MONTHS[m - 1]} ${d} at ${time}`;
}
