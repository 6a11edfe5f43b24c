export { decide } from './decide';
export { resolveRules } from './resolveRules';
export { capNotBefore, type Cap } from './capNotBefore';
export { CONSENT_LEVELS, consentRank } from './consentRank';
export { JURISDICTIONS, JURISDICTION_BY_ID, NATIONAL_RULE_COUNTRIES } from './jurisdictions';
export {
  HOLIDAY_CALENDARS,
  easterSunday,
  holidaysFor,
  isHoliday,
  type Holiday,
  type HolidayCalendarId,
} from './holidays';
export { firstAllowedInstant, nextAllowedInstant, intervalsOn, type RuleInZones, type WindowMode } from './allowedInstant';
export { zoneOffset, localToInstant, isValidZone } from './zoneClock';
export { REASON_CODES, REASON_MESSAGES, REASON_VERDICT, type ReasonCode } from './reasons';
export type * from './types';
