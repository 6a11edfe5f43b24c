import type { HolidayCalendarId } from '../../../shared/compliance/holidays';
import { closureOn, holidayClosures, type BusinessClosure } from '../../../shared/schema';

/** One row of the holiday picker. */
export interface HolidayChoice {
  /** 'YYYY-MM-DD', business zone */
  date: string;
  name: string;
  /** 'Mon' … 'Sun' */
  weekday: string;
  /** a closure already covers the day: shown checked and disabled */
  closed: boolean;
  /** offered before and no closure covers it now (left unchecked, or removed after adding) */
  dismissed: boolean;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

function weekdayOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]!;
}

/**
 * The holidays of `calendar` in the 12 months from `today` (business zone), each marked as already
 * closed or as dismissed (in `offered`, the picker's record, and not closed any more). The picker
 * starts a row checked when it is neither.
 * @example holidayChoices('US-FED', '2026-11-30', [], ['2026-12-25']).find((c) => c.date === '2026-12-25')?.dismissed // true
 */
export function holidayChoices(calendar: HolidayCalendarId, today: string, closures: readonly BusinessClosure[] | undefined, offered: readonly string[] | undefined): HolidayChoice[] {
  const before = new Set(offered);
  return holidayClosures(calendar, today, []).map(({ from: date, reason }) => {
    const closed = closureOn(closures, date) !== null;
    return { date, name: reason ?? '', weekday: weekdayOf(date), closed, dismissed: !closed && before.has(date) };
  });
}
