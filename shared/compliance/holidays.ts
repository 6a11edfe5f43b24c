/**
 * Pure holiday calendars for the jurisdictions whose quiet-hours rules ban holidays
 * (compliance.md §2.1, §6). Computed for any year, no package.
 *
 * Observed days: when a fixed-date holiday falls on a weekend we ban BOTH the calendar date and the
 * observed weekday (Sat → Fri, Sun → Mon) — conservative, since statutes differ on which one counts.
 * Governor-proclaimed days (e.g. Louisiana 2023-07-03) cannot be computed: pass them as
 * `extraHolidays` to `decide()`.
 *
 * Memo (documented pure cache): the epoch-day set per (calendar, year) is built once and reused.
 */
import { dayToIso, daysFromCivil, yearOfDay, isoToDay } from './zoneClock';

export const HOLIDAY_CALENDARS = ['US-FED', 'US-AL', 'US-LA', 'US-OK', 'US-PA', 'US-RI', 'US-UT', 'CA-BC', 'FR'] as const;
export type HolidayCalendarId = (typeof HOLIDAY_CALENDARS)[number];

export interface Holiday {
  /** local date 'YYYY-MM-DD' */
  date: string;
  name: string;
  /** true for a weekday observed in place of a weekend date */
  observed: boolean;
}

interface Day {
  day: number;
  name: string;
  observed: boolean;
}

/** 0 = Sunday … 6 = Saturday of an epoch day (1970-01-01 was a Thursday). */
export function weekdayOfDay(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

/** n-th (1-based) weekday `wd` of month `m` (1–12). */
function nthWeekday(y: number, m: number, wd: number, n: number): number {
  const first = daysFromCivil(y, m, 1);
  return first + ((wd - weekdayOfDay(first) + 7) % 7) + (n - 1) * 7;
}

/** last weekday `wd` of month `m`. */
function lastWeekday(y: number, m: number, wd: number): number {
  const last = daysFromCivil(y, m + 1, 1) - 1;
  return last - ((weekdayOfDay(last) - wd + 7) % 7);
}

/** Easter Sunday (Gregorian computus, anonymous algorithm) as an epoch day. */
export function easterSunday(y: number): number {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return daysFromCivil(y, month, day);
}

const MON = 1, THU = 4, SAT = 6;

/** A fixed date plus its observed weekday when it falls on a weekend (Sat → Fri, Sun → Mon). */
function fixedObserved(out: Day[], y: number, m: number, d: number, name: string, satToFri = true): void {
  const day = daysFromCivil(y, m, d);
  out.push({ day, name, observed: false });
  const wd = weekdayOfDay(day);
  if (wd === 6 && satToFri) out.push({ day: day - 1, name: `${name} (observed)`, observed: true });
  if (wd === 0) out.push({ day: day + 1, name: `${name} (observed)`, observed: true });
}

/** 5 U.S.C. § 6103. Juneteenth from 2021. */
function usFederal(y: number): Day[] {
  const out: Day[] = [];
  fixedObserved(out, y, 1, 1, "New Year's Day");
  out.push({ day: nthWeekday(y, 1, MON, 3), name: 'Birthday of Martin Luther King, Jr.', observed: false });
  out.push({ day: nthWeekday(y, 2, MON, 3), name: "Washington's Birthday", observed: false });
  out.push({ day: lastWeekday(y, 5, MON), name: 'Memorial Day', observed: false });
  if (y >= 2021) fixedObserved(out, y, 6, 19, 'Juneteenth National Independence Day');
  fixedObserved(out, y, 7, 4, 'Independence Day');
  out.push({ day: nthWeekday(y, 9, MON, 1), name: 'Labor Day', observed: false });
  out.push({ day: nthWeekday(y, 10, MON, 2), name: 'Columbus Day', observed: false });
  fixedObserved(out, y, 11, 11, 'Veterans Day');
  out.push({ day: nthWeekday(y, 11, THU, 4), name: 'Thanksgiving Day', observed: false });
  fixedObserved(out, y, 12, 25, 'Christmas Day');
  return out;
}

/** Ala. Code § 1-3-8 state legal holidays (Mardi Gras is local to Mobile/Baldwin; kept, conservative). */
function alabama(y: number): Day[] {
  const out: Day[] = [];
  fixedObserved(out, y, 1, 1, "New Year's Day");
  out.push({ day: nthWeekday(y, 1, MON, 3), name: 'Robert E. Lee / Martin Luther King, Jr. Birthday', observed: false });
  out.push({ day: nthWeekday(y, 2, MON, 3), name: 'George Washington / Thomas Jefferson Birthday', observed: false });
  out.push({ day: easterSunday(y) - 47, name: 'Mardi Gras (Mobile & Baldwin counties)', observed: false });
  out.push({ day: nthWeekday(y, 4, MON, 4), name: 'Confederate Memorial Day', observed: false });
  out.push({ day: lastWeekday(y, 5, MON), name: 'National Memorial Day', observed: false });
  out.push({ day: nthWeekday(y, 6, MON, 1), name: "Jefferson Davis' Birthday", observed: false });
  if (y >= 2021) fixedObserved(out, y, 6, 19, 'Juneteenth');
  fixedObserved(out, y, 7, 4, 'Independence Day');
  out.push({ day: nthWeekday(y, 9, MON, 1), name: 'Labor Day', observed: false });
  out.push({ day: nthWeekday(y, 10, MON, 2), name: 'Columbus Day / American Indian Heritage Day', observed: false });
  fixedObserved(out, y, 11, 11, 'Veterans Day');
  out.push({ day: nthWeekday(y, 11, THU, 4), name: 'Thanksgiving Day', observed: false });
  fixedObserved(out, y, 12, 25, 'Christmas Day');
  return out;
}

/**
 * Louisiana. PSC General Order R-29617 § V(A) bans solicitation on "legal holidays" (compliance.md §2:
 * "none (legal holidays)"); a secondary [S] reads the PSC as banning only its own list. Conservative:
 * the union of La. R.S. 1:55(A)(1) legal holidays (New Year's, Battle of New Orleans Jan 8, MLK, Washington's
 * Birthday, Mardi Gras, Good Friday, Memorial Day, Independence Day, Huey P. Long Day Aug 30, Labor Day,
 * Columbus Day, All Saints' Day Nov 1, Veterans' Day, Thanksgiving, Christmas, Inauguration Day in Baton
 * Rouge), general election day in even years, the PSC's day after Thanksgiving, and Juneteenth (federal).
 * Weekend dates also ban the observed weekday. Governor-proclaimed days → extraHolidays.
 */
function louisiana(y: number): Day[] {
  const out: Day[] = [];
  const easter = easterSunday(y);
  fixedObserved(out, y, 1, 1, "New Year's Day");
  fixedObserved(out, y, 1, 8, 'Battle of New Orleans');
  out.push({ day: nthWeekday(y, 1, MON, 3), name: 'Dr. Martin Luther King, Jr. Day', observed: false });
  // governor's inauguration: 2nd Monday of January after the odd-year election (2024, 2028 …)
  if (y % 4 === 0) out.push({ day: nthWeekday(y, 1, MON, 2), name: 'Inauguration Day (Baton Rouge)', observed: false });
  out.push({ day: nthWeekday(y, 2, MON, 3), name: "Washington's Birthday / Presidents' Day", observed: false });
  out.push({ day: easter - 47, name: 'Mardi Gras', observed: false });
  out.push({ day: easter - 2, name: 'Good Friday', observed: false });
  out.push({ day: lastWeekday(y, 5, MON), name: 'National Memorial Day', observed: false });
  if (y >= 2021) fixedObserved(out, y, 6, 19, 'Juneteenth');
  fixedObserved(out, y, 7, 4, 'Independence Day');
  fixedObserved(out, y, 8, 30, 'Huey P. Long Day');
  out.push({ day: nthWeekday(y, 9, MON, 1), name: 'Labor Day', observed: false });
  out.push({ day: nthWeekday(y, 10, MON, 2), name: 'Christopher Columbus Day', observed: false });
  fixedObserved(out, y, 11, 1, "All Saints' Day");
  if (y % 2 === 0) out.push({ day: nthWeekday(y, 11, MON, 1) + 1, name: 'General Election Day', observed: false });
  fixedObserved(out, y, 11, 11, "Veterans' Day");
  const thanksgiving = nthWeekday(y, 11, THU, 4);
  out.push({ day: thanksgiving, name: 'Thanksgiving Day', observed: false });
  out.push({ day: thanksgiving + 1, name: 'Day after Thanksgiving (PSC)', observed: false });
  fixedObserved(out, y, 12, 25, 'Christmas Day');
  return out;
}

/**
 * Pennsylvania legal holidays (44 P.S. § 11): New Year's, MLK, Presidents' Day, Good Friday,
 * Memorial Day, Flag Day (Jun 14), Juneteenth (from 2019, conservative), Independence Day, Labor Day,
 * Columbus Day, Election Day (Tue after the 1st Mon of Nov), Veterans Day, Thanksgiving, Christmas.
 */
function pennsylvania(y: number): Day[] {
  const out: Day[] = [];
  fixedObserved(out, y, 1, 1, "New Year's Day");
  out.push({ day: nthWeekday(y, 1, MON, 3), name: 'Martin Luther King, Jr. Day', observed: false });
  out.push({ day: nthWeekday(y, 2, MON, 3), name: "Presidents' Day", observed: false });
  out.push({ day: easterSunday(y) - 2, name: 'Good Friday', observed: false });
  out.push({ day: lastWeekday(y, 5, MON), name: 'Memorial Day', observed: false });
  fixedObserved(out, y, 6, 14, 'Flag Day');
  if (y >= 2019) fixedObserved(out, y, 6, 19, 'Juneteenth');
  fixedObserved(out, y, 7, 4, 'Independence Day');
  out.push({ day: nthWeekday(y, 9, MON, 1), name: 'Labor Day', observed: false });
  out.push({ day: nthWeekday(y, 10, MON, 2), name: 'Columbus Day', observed: false });
  out.push({ day: nthWeekday(y, 11, MON, 1) + 1, name: 'Election Day', observed: false });
  fixedObserved(out, y, 11, 11, 'Veterans Day');
  out.push({ day: nthWeekday(y, 11, THU, 4), name: 'Thanksgiving Day', observed: false });
  fixedObserved(out, y, 12, 25, 'Christmas Day');
  return out;
}

/**
 * Rhode Island: "a state or federal holiday" (§ 5-61-2) — federal ∪ R.I. Gen. Laws § 25-1-1, which adds
 * Rhode Island Independence Day (May 4), Victory Day, Election Day in even years (state general
 * elections) and moves New Year's, July 4, Veterans Day and Christmas from a Saturday to the Monday
 * (federal moves them to the Friday: both are banned).
 */
function rhodeIsland(y: number): Day[] {
  const out = usFederal(y);
  for (const [m, d, name] of [[1, 1, "New Year's Day"], [7, 4, 'Independence Day'], [11, 11, "Veterans' Day"], [12, 25, 'Christmas Day']] as const) {
    const day = daysFromCivil(y, m, d);
    if (weekdayOfDay(day) === SAT) out.push({ day: day + 2, name: `${name} (observed, R.I.)`, observed: true });
  }
  fixedObserved(out, y, 5, 4, 'Rhode Island Independence Day', false);
  out.push({ day: nthWeekday(y, 8, MON, 2), name: 'Victory Day', observed: false });
  if (y % 2 === 0) out.push({ day: nthWeekday(y, 11, MON, 1) + 1, name: 'Election Day', observed: false });
  return out;
}

/**
 * Oklahoma. compliance.md §2 marks OK holidays [U] ("none found in OTSA", 15 O.S. § 775C.4; one
 * secondary says holidays) → conservative: banned. "Holiday" is undefined there, so the union of
 * federal and Oklahoma legal holidays (25 O.S. § 82.1(A)): adds the day after Thanksgiving and the
 * days around Christmas (weekday Christmas: Dec 24 and 26; Saturday: Thu+Fri before; Sunday: Mon+Tue
 * after). § 82.1 also names every Saturday and Sunday; those are not banned, since compliance.md gives
 * OK 08–20 windows on both.
 */
function oklahoma(y: number): Day[] {
  const out = usFederal(y);
  out.push({ day: nthWeekday(y, 11, THU, 4) + 1, name: 'Day after Thanksgiving', observed: false });
  const christmas = daysFromCivil(y, 12, 25);
  const wd = weekdayOfDay(christmas);
  const around = wd === SAT ? [-2, -1] : wd === 0 ? [1, 2] : [-1, 1];
  for (const k of around) out.push({ day: christmas + k, name: 'Christmas holiday (25 O.S. § 82.1)', observed: false });
  return out;
}

/** Utah legal holidays (Utah Code § 63G-1-301): federal list + Pioneer Day (Jul 24). */
function utah(y: number): Day[] {
  const out = usFederal(y);
  fixedObserved(out, y, 7, 24, 'Pioneer Day');
  return out;
}

/** British Columbia statutory holidays (Employment Standards Act s.1; Boxing Day and Easter Monday are not). */
function britishColumbia(y: number): Day[] {
  const out: Day[] = [];
  fixedObserved(out, y, 1, 1, "New Year's Day", false);
  if (y >= 2013) out.push({ day: nthWeekday(y, 2, MON, 3), name: 'Family Day', observed: false });
  out.push({ day: easterSunday(y) - 2, name: 'Good Friday', observed: false });
  // Victoria Day: the Monday preceding May 25
  const may25 = daysFromCivil(y, 5, 25);
  out.push({ day: may25 - (((weekdayOfDay(may25) - MON + 7) % 7) || 7), name: 'Victoria Day', observed: false });
  fixedObserved(out, y, 7, 1, 'Canada Day', false);
  out.push({ day: nthWeekday(y, 8, MON, 1), name: 'B.C. Day', observed: false });
  out.push({ day: nthWeekday(y, 9, MON, 1), name: 'Labour Day', observed: false });
  if (y >= 2023) fixedObserved(out, y, 9, 30, 'National Day for Truth and Reconciliation', false);
  out.push({ day: nthWeekday(y, 10, MON, 2), name: 'Thanksgiving Day', observed: false });
  fixedObserved(out, y, 11, 11, 'Remembrance Day', false);
  fixedObserved(out, y, 12, 25, 'Christmas Day', false);
  return out;
}

/**
 * France jours fériés (Code du travail L3133-1) + Alsace-Moselle's Good Friday and Dec 26
 * (a phone number cannot tell the region; conservative). No observed-day shifting in France.
 */
function france(y: number): Day[] {
  const e = easterSunday(y);
  const fixed: [number, number, string][] = [
    [1, 1, "Jour de l'an"], [5, 1, 'Fête du Travail'], [5, 8, 'Victoire 1945'], [7, 14, 'Fête nationale'],
    [8, 15, 'Assomption'], [11, 1, 'Toussaint'], [11, 11, 'Armistice 1918'], [12, 25, 'Noël'],
    [12, 26, 'Saint-Étienne (Alsace-Moselle)'],
  ];
  return [
    ...fixed.map(([m, d, name]) => ({ day: daysFromCivil(y, m, d), name, observed: false })),
    { day: e - 2, name: 'Vendredi saint (Alsace-Moselle)', observed: false },
    { day: e + 1, name: 'Lundi de Pâques', observed: false },
    { day: e + 39, name: 'Ascension', observed: false },
    { day: e + 50, name: 'Lundi de Pentecôte', observed: false },
  ];
}

const BUILDERS: Record<HolidayCalendarId, (y: number) => Day[]> = {
  'US-FED': usFederal,
  'US-AL': alabama,
  'US-LA': louisiana,
  'US-OK': oklahoma,
  'US-PA': pennsylvania,
  'US-RI': rhodeIsland,
  'US-UT': utah,
  'CA-BC': britishColumbia,
  FR: france,
};

/** Days of `year`; next year's builder adds e.g. Fri Dec 31 observed for a Saturday New Year's Day. */
function daysOfYear(calendar: HolidayCalendarId, year: number): Day[] {
  return [...BUILDERS[calendar](year), ...BUILDERS[calendar](year + 1)].filter((h) => yearOfDay(h.day) === year);
}

/**
 * Holidays of `calendar` whose local date falls in `year`, sorted (one entry per date).
 * @example holidaysFor('US-FED', 2027).find((h) => h.date === '2027-07-05')?.observed // true
 */
export function holidaysFor(calendar: HolidayCalendarId, year: number): Holiday[] {
  const seen = new Map<number, Day>();
  for (const h of daysOfYear(calendar, year)) {
    const prev = seen.get(h.day);
    if (!prev || (prev.observed && !h.observed)) seen.set(h.day, h);
  }
  return [...seen.values()]
    .sort((a, b) => a.day - b.day)
    .map((h) => ({ date: dayToIso(h.day), name: h.name, observed: h.observed }));
}

const daySets = new Map<HolidayCalendarId, Map<number, ReadonlySet<number>>>();

/** Epoch-day set of `calendar` for `year` (memoized per calendar-year). */
export function holidayDaySet(calendar: HolidayCalendarId, year: number): ReadonlySet<number> {
  let byYear = daySets.get(calendar);
  if (byYear === undefined) {
    byYear = new Map();
    daySets.set(calendar, byYear);
  }
  let s = byYear.get(year);
  if (s === undefined) {
    s = new Set(daysOfYear(calendar, year).map((h) => h.day));
    byYear.set(year, s);
  }
  return s;
}

/**
 * Is a local date (epoch day or 'YYYY-MM-DD') a holiday of `calendar`?
 * @example isHoliday('US-UT', '2026-07-24') // true (Pioneer Day)
 */
export function isHoliday(calendar: HolidayCalendarId, date: number | string): boolean {
  const day = typeof date === 'string' ? isoToDay(date) : date;
  return holidayDaySet(calendar, yearOfDay(day)).has(day);
}
