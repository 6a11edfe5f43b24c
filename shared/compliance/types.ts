import type { PhoneInfo } from '../phone/types';
import type { HolidayCalendarId } from './holidays';
import type { ReasonCode } from './reasons';

export type Channel = 'sms' | 'email' | 'voice';
export type Consent = 'none' | 'informational' | 'marketing' | 'written';
export type Classification = 'informational' | 'marketing';

/** Evidence tag from compliance.md: [R] rule text, [S] secondary, [T] tested, [U] unverified. */
export type TextsCovered = 'yes' | 'no' | 'unverified';

/** Half-open interval of local minutes since midnight, [start, end). */
export type Interval = readonly [start: number, end: number];

/** Allowed intervals per local weekday, index 0 = Sunday … 6 = Saturday; `[]` = whole day banned. */
export type WeeklyWindows = readonly [
  sun: readonly Interval[],
  mon: readonly Interval[],
  tue: readonly Interval[],
  wed: readonly Interval[],
  thu: readonly Interval[],
  fri: readonly Interval[],
  sat: readonly Interval[],
];

/** One dated version of a jurisdiction's time rule (local dates, `effectiveUntil` exclusive). */
export interface RuleVersion {
  effectiveFrom?: string;
  effectiveUntil?: string;
  windows: WeeklyWindows;
  /** the rule's holiday calendar (if any) is a whole-day ban while this version is in force */
  holidaysBanned: boolean;
  /** channels the statute clearly covers (used when state windows are restricted to them) */
  channels: readonly Channel[];
  textsCovered: TextsCovered;
  /** statute + evidence tag */
  source: string;
}

export interface JurisdictionRule {
  /** 'US', 'US-FL', 'CA-BC', 'FR', 'DEFAULT' … */
  id: string;
  name: string;
  kind: 'federal' | 'state' | 'national' | 'provincial' | 'courtesy' | 'template';
  holidayCalendar: HolidayCalendarId | null;
  /** frequency cap: at most `max` automated touches per `hours` */
  cap: { max: number; hours: number } | null;
  /** consent needed for marketing content under this rule */
  marketingConsent: 'written' | 'express';
  /** also evaluate the windows in these fixed zones (Mississippi's literal "Central Standard Time") */
  fixedZones?: readonly string[];
  /** empty → no time-of-day restriction (e.g. Arizona: consent rule only) */
  versions: readonly RuleVersion[];
  /** citation summary: statute(s) + evidence tag(s) */
  source: string;
}

/** The template's own send window ("send during business hours only"), on the business's wall clock. */
export interface BusinessWindow {
  /** IANA zone of the business */
  zone: string;
  /** opening intervals per local weekday (Sun … Sat); `[]` = closed all day */
  windows: WeeklyWindows;
  /** closed local dates 'YYYY-MM-DD', `from` … `to` inclusive (`to` defaults to `from`); malformed → RangeError */
  closures?: readonly { from: string; to?: string }[];
}

export interface DecideInput {
  /** instant of the decision (epoch ms ok) */
  now: Date | number;
  /** null → unparseable number → block */
  phone: PhoneInfo | null;
  channel: Channel;
  /** of the message content */
  classification: Classification;
  /** best consent on record for this contact */
  consent: Consent;
  /** the least consent the sequence template requires (`consent.required`); lower → block CONSENT_BELOW_TEMPLATE */
  requiredConsent?: Consent;
  optedOut?: boolean;
  /** automated touches to this contact in the last 24 h */
  sentLast24h?: number;
  /** their instants, if known (gives an exact cap notBefore) */
  recentSends?: (Date | number)[];
  /** the template's own frequency cap */
  maxPer24h?: number;
  /** healthcare, debt collection… → manual */
  sensitiveIndustry?: boolean;
  /** → manual */
  highValueAccount?: boolean;
  /** e.g. from a known address */
  extraZones?: string[];
  /** e.g. 'US-TX' from a known address */
  extraJurisdictions?: string[];
  /** jurisdiction id → 'YYYY-MM-DD' local dates banned like holidays (governor-proclaimed days); ids without a rule are ignored; a malformed date throws RangeError */
  extraHolidays?: Record<string, string[]>;
  /** default true (conservative): every window applies to SMS; false → only rules whose statute covers SMS */
  stateWindowsForSms?: boolean;
  /** default true (conservative): windows apply to email too; false → email has no time window */
  windowsForEmail?: boolean;
  /** default 14; no allowed instant within it → block */
  horizonDays?: number;
  /** the template sends during business hours only: every channel also waits for the business to be open */
  businessHours?: BusinessWindow;
}

export type Verdict = 'send' | 'defer' | 'block' | 'manual';

export interface Reason {
  code: ReasonCode;
  message: string;
}

export interface Decision {
  verdict: Verdict;
  /** ISO instant (UTC, 'Z'): earliest instant allowed in every candidate zone under every rule; null unless defer */
  notBefore: string | null;
  /** zones considered (candidate zones + fixed statutory zones) */
  zones: string[];
  /** rule ids applied */
  rules: string[];
  reasons: Reason[];
}
