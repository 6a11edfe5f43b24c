import { DAY_MS, zoneOffset } from '../compliance/zoneClock';
import { WEEKDAYS, type Weekday } from '../schema/sequenceTemplate';

export interface WallClock {
  /** local date as days since 1970-01-01 */
  day: number;
  /** minutes since local midnight */
  minute: number;
  weekday: Weekday;
}

/** Weekday of a local epoch day (1970-01-01 was a Thursday; WEEKDAYS starts on Monday). */
export function weekdayOfDay(day: number): Weekday {
  return WEEKDAYS[(((day + 3) % 7) + 7) % 7]!;
}

/**
 * The wall clock of `zone` at instant `at` (epoch ms), DST-aware.
 * @example wallClock('America/Chicago', Date.UTC(2027, 0, 11, 16)) // { day: 20829, minute: 600, weekday: 'mon' }
 */
export function wallClock(zone: string, at: number): WallClock {
  const local = at + zoneOffset(zone, at);
  const day = Math.floor(local / DAY_MS);
  return { day, minute: Math.floor((local - day * DAY_MS) / 60_000), weekday: weekdayOfDay(day) };
}
