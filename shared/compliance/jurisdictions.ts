/**
 * Quiet-hours rules as data (compliance.md §1, §2, §2.1, §4; researched 2026-11-27, NOT legal advice).
 * Evidence tags: [R] rule text quoted, [S] secondary source, [U] unverified/conflicting (read conservatively).
 * Windows are local wall-clock [start, end) minutes per weekday (Sun … Sat); `[]` bans the whole day.
 * Scope: every rule is treated as binding consumer follow-ups (compliance.md §2 "Other notes").
 */
import type { Channel, Interval, JurisdictionRule, RuleVersion, TextsCovered, WeeklyWindows } from './types';

/** ['HH:MM', 'HH:MM') → minutes interval. */
function hm(start: string, end: string): Interval {
  const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  return [toMin(start), toMin(end)];
}

/** Same window every day. */
function daily(...w: Interval[]): WeeklyWindows {
  return [w, w, w, w, w, w, w];
}

/** Distinct weekday / Saturday / Sunday windows. */
function week(weekday: Interval[], sat: Interval[], sun: Interval[]): WeeklyWindows {
  return [sun, weekday, weekday, weekday, weekday, weekday, sat];
}

const VOICE: readonly Channel[] = ['voice'];
const VOICE_SMS: readonly Channel[] = ['voice', 'sms'];

function v(windows: WeeklyWindows, textsCovered: TextsCovered, source: string, extra: Partial<RuleVersion> = {}): RuleVersion {
  return {
    windows,
    holidaysBanned: false,
    channels: textsCovered === 'yes' ? VOICE_SMS : VOICE,
    textsCovered,
    source,
    ...extra,
  };
}

function state(id: string, name: string, versions: RuleVersion[], more: Partial<JurisdictionRule> = {}): JurisdictionRule {
  return {
    id,
    name,
    kind: 'state',
    holidayCalendar: null,
    cap: null,
    marketingConsent: 'written',
    versions,
    source: versions.map((x) => x.source).join(' | '),
    ...more,
  };
}

const CAP3 = { max: 3, hours: 24 } as const;

export const JURISDICTIONS: readonly JurisdictionRule[] = [
  {
    id: 'US',
    name: 'United States (TCPA)',
    kind: 'federal',
    holidayCalendar: null,
    cap: null,
    marketingConsent: 'written',
    versions: [
      v(daily(hm('08:00', '21:00')), 'yes', '47 CFR § 64.1200(c)(1) "before the hour of 8 a.m. or after 9 p.m." + (e) texts [R]; PEWC § 64.1200(a)(2), (f)(9) [R]'),
    ],
    source: '47 U.S.C. § 227; 47 CFR § 64.1200(c)(1), (e) [R]',
  },
  state('US-FL', 'Florida', [
    v(daily(hm('08:00', '20:00')), 'unverified', 'Fla. Stat. § 501.616(6)(a)–(b) [R]; FTSA § 501.059 covers texts, § 501.616 text coverage [U]'),
  ], { cap: CAP3 }),
  // holidays [U] (OTSA text shows none; one secondary says holidays) → banned, conservative (holidays.ts)
  state('US-OK', 'Oklahoma', [
    v(daily(hm('08:00', '20:00')), 'yes', '15 O.S. § 775C.4 (OTSA, HB 3168) [R]; holidays [U]: none in OTSA, one secondary says holidays → banned (conservative)', { holidaysBanned: true }),
  ], { cap: CAP3, holidayCalendar: 'US-OK' }),
  state('US-MD', 'Maryland', [
    v(daily(hm('08:00', '20:00')), 'yes', 'Md. Com. Law § 14-4502(c) [R]; 3 calls or texts / 24 h [S]'),
  ], { cap: CAP3 }),
  state('US-TX', 'Texas', [
    v(week([hm('09:00', '21:00')], [hm('09:00', '21:00')], [hm('12:00', '21:00')]), 'yes', 'Tex. Bus. & Com. Code § 301.051 [R]; texts since SB 140 (2025) [S]'),
  ]),
  state('US-WA', 'Washington', [
    v(daily(hm('08:00', '20:00')), 'unverified', 'RCW 80.36.390, RCW 19.158.040(2) [R]; commercial texts need prior consent RCW 19.190.060/.070 [R]'),
  ], { marketingConsent: 'written' }),
  state('US-LA', 'Louisiana', [
    v(week([hm('08:00', '20:00')], [hm('08:00', '20:00')], []), 'unverified', 'La. PSC General Order R-29617 § V(A) "no Sundays or legal holidays"; La. R.S. 45:844.12 [S]; legal holidays La. R.S. 1:55 ∪ PSC list (conservative)', { holidaysBanned: true }),
  ], { holidayCalendar: 'US-LA' }),
  state('US-AL', 'Alabama', [
    v(week([hm('08:00', '20:00')], [hm('08:00', '20:00')], []), 'unverified', 'Ala. Admin. Code r. 770-X-5-.17(2) [R]; holidays Ala. Code § 1-3-8 [S]', { holidaysBanned: true }),
  ], { holidayCalendar: 'US-AL' }),
  state('US-MS', 'Mississippi', [
    v(week([hm('08:00', '20:00')], [hm('08:00', '20:00')], []), 'yes', 'Miss. Code § 77-3-723(1) "8:00 a.m. and 8:00 p.m. Central Standard Time … not on a Sunday" [R]; holiday ban repealed 2024 [S]'),
  ], { fixedZones: ['Etc/GMT+6'] }),
  state('US-UT', 'Utah', [
    v(week([hm('08:00', '21:00')], [hm('08:00', '21:00')], []), 'unverified', 'Utah Code § 13-25a-103(3) (9 p.m.–8 a.m., Sunday, legal holiday) [R]; applied even with consent (conservative)', { holidaysBanned: true }),
  ], { holidayCalendar: 'US-UT' }),
  state('US-CT', 'Connecticut', [
    v(daily(hm('09:00', '20:00')), 'yes', 'Conn. Gen. Stat. § 42-288a(c) [R]; texts since 2014 / P.A. 23-98 [S]'),
  ]),
  // Deliberately one hour stricter than the statute (compliance.md §2, §8): restore 21:00 only once
  // counsel rules out the unverified 08–20 amendment the vendor tables report.
  state('US-NJ', 'New Jersey', [
    v(daily(hm('08:00', '20:00')), 'unverified', 'N.J.S.A. 56:8-128(c) says 08–21 [R]; vendor tables say 08–20 "effective early 2024" [U] → conservative 08–20'),
  ]),
  state('US-GA', 'Georgia', [
    v(daily(hm('08:00', '21:00')), 'no', 'O.C.G.A. § 46-5-23 (ADAD equipment only) 08–21 [S]'),
  ]),
  state('US-PA', 'Pennsylvania', [
    v(daily(hm('08:00', '21:00')), 'unverified', '73 P.S. § 2245(a)(1) [R]; legal-holiday ban § 2245(a)(10), Act 73 of 2019 [S]', {
      effectiveUntil: '2026-10-18',
      holidaysBanned: true,
    }),
    v(week([hm('09:00', '19:00')], [hm('09:00', '19:00')], []), 'yes', 'Act 47 of 2026 (SB 992, signed 2026-07-20, +90 days): 09–19, no Sundays, texts [S]; legal holidays [S]', {
      effectiveFrom: '2026-10-18',
      holidaysBanned: true,
    }),
  ], { holidayCalendar: 'US-PA' }),
  state('US-RI', 'Rhode Island', [
    v(week([hm('09:00', '18:00')], [hm('10:00', '17:00')], []), 'unverified', 'R.I. Gen. Laws § 5-61-3.6(a), § 5-61-2(2) (Mon–Fri 9–18, Sat 10–17, no state/federal holiday) [R]', { holidaysBanned: true }),
  ], { holidayCalendar: 'US-RI' }),
  state('US-OR', 'Oregon', [
    v(daily(hm('08:00', '20:00')), 'yes', 'ORS 646.561/.563 as amended by HB 3865 (2025), texts from 2026-01-01 [S]'),
  ], { cap: CAP3 }),
  state('US-VA', 'Virginia', [
    v(daily(hm('08:00', '21:00')), 'yes', 'Va. Code § 59.1-511 [R]; texts SB 1339 (2026) [S]'),
  ]),
  state('US-KY', 'Kentucky', [v(daily(hm('10:00', '21:00')), 'unverified', 'KRS 367.46955(16) [R]')]),
  state('US-WY', 'Wyoming', [v(daily(hm('08:00', '20:00')), 'unverified', 'Wyo. Stat. § 40-12-302(d) [R]')]),
  state('US-MA', 'Massachusetts', [v(daily(hm('08:00', '20:00')), 'unverified', 'M.G.L. c.159C § 3; 201 CMR 12.02 [R via secondary]')]),
  state('US-MI', 'Michigan', [v(daily(hm('09:00', '21:00')), 'unverified', 'MCL 750.540e(1)(f) [R]')]),
  state('US-MN', 'Minnesota', [v(daily(hm('09:00', '21:00')), 'unverified', 'Minn. Stat. § 325E.30 [R via secondary]')]),
  state('US-NM', 'New Mexico', [v(daily(hm('09:00', '21:00')), 'unverified', 'NMSA § 57-12-22(B)(5) [R]')]),
  // An automated text-back is an autodialer message: the ADAD Act's 09:00 start binds, not the live-call 08:00
  state('US-IL', 'Illinois', [
    v(daily(hm('09:00', '21:00')), 'unverified', '815 ILCS 413/15(a) live calls 08–21 [R via secondary]; 815 ILCS 305/15 autodialer 09–21 [S] → 09–21 (stricter)'),
  ]),
  // SDCL 37-30-28 allows autodialed solicitations only "weekdays between 9 a.m. and 9 p.m.": Saturday is no weekday
  state('US-SD', 'South Dakota', [
    v(week([hm('09:00', '21:00')], [], []), 'unverified', 'SDCL 37-30-28 autodialer "weekdays between 9 a.m. and 9 p.m." [R], 37-30A-3(2) [S]; Saturday and Sunday banned (conservative, [U])'),
  ]),
  state('US-ME', 'Maine', [
    v(week([hm('09:00', '17:00')], [], []), 'unverified', '10 M.R.S. § 1498(3) autodialer weekdays 09–17, 1 per 8 h [S]'),
  ], { cap: { max: 1, hours: 8 } }),
  state('US-AZ', 'Arizona', [], {
    source: 'A.R.S. § 44-1278(B)(3) no unsolicited sales calls to mobiles [R via secondary]; HB 2498 (2024) texts [S] → marketing needs written consent',
  }),
  {
    id: 'CA',
    name: 'Canada (CRTC Unsolicited Telecommunications Rules)',
    kind: 'national',
    holidayCalendar: null,
    cap: null,
    marketingConsent: 'express',
    versions: [
      v(week([hm('09:00', '21:30')], [hm('10:00', '18:00')], [hm('10:00', '18:00')]), 'no', 'CRTC UTR telemarketing calls 09:00–21:30 weekdays, 10:00–18:00 weekends [S]; CASL (SMS/email) has no window'),
    ],
    source: 'CRTC Unsolicited Telecommunications Rules [S]; CASL S.C. 2010, c. 23 (consent) [S]',
  },
  {
    id: 'CA-BC',
    name: 'British Columbia (telemarketer licensing)',
    kind: 'provincial',
    holidayCalendar: 'CA-BC',
    cap: null,
    marketingConsent: 'express',
    versions: [
      v(week([hm('09:00', '21:30')], [hm('10:00', '18:00')], [hm('10:00', '18:00')]), 'no', 'BC Telemarketer Licensing Regulation (BPCPA): weekdays 09:00–21:30, weekends 10:00–18:00, no statutory holidays [S]; 1 call / 30 days per offer not enforced here', { holidaysBanned: true }),
    ],
    source: 'Consumer Protection BC, Telemarketer Licensing Regulation [S]',
  },
  {
    id: 'FR',
    name: 'France (démarchage téléphonique)',
    kind: 'national',
    holidayCalendar: 'FR',
    cap: null,
    marketingConsent: 'express',
    versions: [
      v(week([hm('10:00', '13:00'), hm('14:00', '20:00')], [], []), 'no', 'Code de la consommation D.223-9 (Décret 2022-1313): Mon–Fri 10–13, 14–20, no public holidays [R]; ≤4 attempts / 30 days not enforced here', { holidaysBanned: true }),
    ],
    source: 'Code de la consommation art. D.223-9 [R]; GDPR + ePrivacy art. 13 consent [S]',
  },
  {
    id: 'DEFAULT',
    name: 'Courtesy window (no statutory window, e.g. UK PECR, EU)',
    kind: 'courtesy',
    holidayCalendar: null,
    cap: null,
    marketingConsent: 'express',
    versions: [
      {
        windows: daily(hm('08:00', '21:00')),
        holidaysBanned: false,
        channels: ['voice', 'sms', 'email'],
        textsCovered: 'no',
        source: 'Courtesy 08:00–21:00 local: no statutory time window (UK PECR, EU ePrivacy) — product policy',
      },
    ],
    source: 'Product policy (courtesy); PECR reg. 22 / ePrivacy art. 13 consent [S]',
  },
];

/** Rules by id. */
export const JURISDICTION_BY_ID: ReadonlyMap<string, JurisdictionRule> = new Map(JURISDICTIONS.map((r) => [r.id, r]));

/** Country ids with a national rule of their own; any other country gets DEFAULT. */
export const NATIONAL_RULE_COUNTRIES: ReadonlySet<string> = new Set(['US', 'CA', 'FR']);
