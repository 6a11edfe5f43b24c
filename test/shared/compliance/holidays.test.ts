import { describe, expect, it } from 'vitest';
import { easterSunday, holidaysFor, isHoliday, type HolidayCalendarId } from '../../../shared/compliance/holidays';
import { dayToIso } from '../../../shared/compliance/zoneClock';

describe('easterSunday', () => {
  it.each([
    [2019, '2019-04-21'], [2024, '2024-03-31'], [2025, '2025-04-20'], [2026, '2026-04-05'],
    [2027, '2027-03-28'], [2038, '2038-04-25'], [2285, '2285-03-22'],
  ])('puts Easter %i on %s', (year, date) => {
    expect(dayToIso(easterSunday(year))).toBe(date);
  });
});

describe('holiday calendars', () => {
  it.each<[HolidayCalendarId, string, string]>([
    ['US-FED', '2027-07-05', 'observed Independence Day (Jul 4 2027 is a Sunday)'],
    ['US-FED', '2027-12-24', 'observed Christmas (Dec 25 2027 is a Saturday)'],
    ['US-FED', '2027-12-31', "observed New Year's Day 2028 (a Saturday)"],
    ['US-FED', '2026-11-26', 'Thanksgiving (4th Thursday)'],
    ['US-FED', '2026-05-25', 'Memorial Day (last Monday of May)'],
    ['US-FED', '2026-06-19', 'Juneteenth'],
    ['US-RI', '2026-08-10', 'Victory Day (2nd Monday of August)'],
    ['US-RI', '2027-11-25', 'Thanksgiving'],
    ['US-RI', '2027-02-15', "Washington's Birthday (federal, so RI bans it)"],
    ['US-RI', '2027-05-04', 'Rhode Island Independence Day (§ 25-1-1)'],
    ['US-RI', '2025-05-05', 'Rhode Island Independence Day observed (May 4 2025 is a Sunday)'],
    ['US-RI', '2026-11-03', 'Election Day in an even year'],
    ['US-RI', '2026-07-06', 'Independence Day observed on the Monday (Jul 4 2026 is a Saturday; R.I. state employees)'],
    ['US-RI', '2026-07-03', 'Independence Day observed on the Friday (federal)'],
    ['US-RI', '2027-12-27', 'Christmas observed on the Monday (Dec 25 2027 is a Saturday)'],
    ['US-OK', '2026-11-26', 'Thanksgiving'],
    ['US-OK', '2026-11-27', 'the day after Thanksgiving (25 O.S. § 82.1)'],
    ['US-OK', '2026-12-24', 'Christmas Eve (Christmas 2026 is a Friday)'],
    ['US-OK', '2027-12-23', 'Thursday before a Saturday Christmas'],
    ['US-OK', '2022-12-27', 'Tuesday after a Sunday Christmas'],
    ['US-OK', '2027-06-18', 'Juneteenth observed (federal; "holiday" is undefined, so the union)'],
    ['US-OK', '2027-10-11', 'Columbus Day (federal)'],
    ['US-UT', '2026-07-24', 'Pioneer Day'],
    ['US-UT', '2027-07-23', 'Pioneer Day observed (Jul 24 2027 is a Saturday)'],
    ['US-PA', '2027-06-14', 'Flag Day'],
    ['US-PA', '2027-03-26', 'Good Friday'],
    ['US-PA', '2027-11-02', 'Election Day (Tuesday after the first Monday of November)'],
    ['US-PA', '2026-11-03', 'Election Day 2026'],
    ['US-AL', '2027-04-26', 'Confederate Memorial Day (4th Monday of April)'],
    ['US-AL', '2027-06-07', "Jefferson Davis' Birthday (1st Monday of June)"],
    ['US-LA', '2027-02-09', 'Mardi Gras (47 days before Easter)'],
    ['US-LA', '2027-03-26', 'Good Friday'],
    ['US-LA', '2026-11-27', 'the day after Thanksgiving'],
    // compliance.md §2: LA bans "legal holidays" (PSC GO R-29617 § V(A)); La. R.S. 1:55(A)(1) names them
    ['US-LA', '2027-01-18', 'MLK Day (La. R.S. 1:55)'],
    ['US-LA', '2027-01-08', 'Battle of New Orleans (Jan 8)'],
    ['US-LA', '2027-02-15', "Washington's Birthday"],
    ['US-LA', '2027-05-31', 'National Memorial Day'],
    ['US-LA', '2027-08-30', 'Huey P. Long Day (Aug 30)'],
    ['US-LA', '2026-08-31', 'Huey P. Long Day observed (Aug 30 2026 is a Sunday)'],
    ['US-LA', '2027-10-11', 'Columbus Day'],
    ['US-LA', '2027-11-01', "All Saints' Day (Nov 1)"],
    ['US-LA', '2027-11-11', "Veterans' Day"],
    ['US-LA', '2026-11-03', 'general election day in an even year'],
    ['US-LA', '2028-01-10', 'Inauguration Day (2nd Monday of January after the governor’s election)'],
    ['CA-BC', '2027-05-24', 'Victoria Day (Monday before May 25)'],
    ['CA-BC', '2026-05-18', 'Victoria Day 2026'],
    ['CA-BC', '2026-08-03', 'B.C. Day'],
    ['CA-BC', '2026-09-30', 'National Day for Truth and Reconciliation'],
    ['CA-BC', '2026-02-16', 'Family Day'],
    ['FR', '2027-03-29', 'Lundi de Pâques'],
    ['FR', '2027-05-06', 'Ascension (Easter + 39)'],
    ['FR', '2027-05-17', 'Lundi de Pentecôte (Easter + 50)'],
    ['FR', '2026-07-14', 'Fête nationale'],
  ])('%s lists %s (%s)', (cal, date) => {
    expect(isHoliday(cal, date)).toBe(true);
    expect(holidaysFor(cal, Number(date.slice(0, 4))).map((h) => h.date)).toContain(date);
  });

  it.each<[HolidayCalendarId, string, string]>([
    ['US-FED', '2027-07-06', 'an ordinary Tuesday'],
    ['US-FED', '2026-07-24', 'Pioneer Day is Utah-only'],
    ['US-FED', '2026-06-14', 'Flag Day is not a federal holiday'],
    ['US-LA', '2027-11-02', 'no Louisiana election-day holiday in an odd year'],
    ['US-LA', '2027-01-11', 'no inauguration in 2027'],
    ['US-RI', '2027-11-02', 'no R.I. Election Day holiday in an odd year'],
    ['US-RI', '2026-05-05', 'the day after a weekday May 4'],
    ['US-OK', '2026-07-24', 'Pioneer Day is Utah-only'],
    ['US-OK', '2026-12-28', 'an ordinary Monday after Christmas week'],
    ['CA-BC', '2026-12-26', 'Boxing Day is not a BC statutory holiday'],
    ['CA-BC', '2027-03-29', 'Easter Monday is not a BC statutory holiday'],
    ['FR', '2027-07-05', 'US holidays do not leak into France'],
  ])('%s does not list %s (%s)', (cal, date) => {
    expect(isHoliday(cal, date)).toBe(false);
  });

  it('marks observed days and keeps one sorted entry per date', () => {
    const list = holidaysFor('US-FED', 2027);
    expect(list.find((h) => h.date === '2027-07-05')).toMatchObject({ observed: true });
    expect(list.find((h) => h.date === '2027-07-04')).toMatchObject({ observed: false });
    const dates = list.map((h) => h.date);
    expect(dates).toEqual([...new Set(dates)].sort());
    expect(list).toHaveLength(15);
  });
});
