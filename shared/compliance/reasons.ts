/** Stable reason codes of `decide()` with their human messages. Never rename a code. */
export const REASON_MESSAGES = {
  ALLOWED: 'Allowed now in every candidate zone under every applicable rule.',
  INVALID_NUMBER: 'The phone number could not be parsed.',
  UNKNOWN_ZONE: 'The recipient’s time zone is unknown; quiet hours cannot be checked.',
  LANDLINE_SMS: 'The number is a landline; SMS cannot be delivered.',
  TOLL_FREE_SMS: 'The number is toll-free; do not text it.',
  PREMIUM_OR_PAGER_SMS: 'The number is a premium-rate or pager line; do not text it.',
  OPTED_OUT: 'The contact has opted out.',
  NO_CONSENT: 'No consent on record for this contact.',
  MARKETING_NEEDS_WRITTEN_CONSENT: 'Marketing content needs prior express written consent here.',
  MARKETING_NEEDS_EXPRESS_CONSENT: 'Marketing content needs express consent here.',
  CONSENT_BELOW_TEMPLATE: 'The contact’s consent on record is below the consent the sequence template requires.',
  SENSITIVE_INDUSTRY: 'Sensitive industry: a person must review this message.',
  HIGH_VALUE_ACCOUNT: 'High-value account: a person must review this message.',
  CAP_REACHED: 'The frequency cap for the last period is reached.',
  QUIET_HOURS: 'Outside the allowed sending hours.',
  DAY_BANNED: 'No sending allowed on this weekday.',
  HOLIDAY: 'No sending allowed on this holiday.',
  BUSINESS_HOURS: 'Outside the business’s opening hours; the template sends during business hours only.',
  NO_ALLOWED_INSTANT: 'No allowed instant within the horizon.',
} as const;

export type ReasonCode = keyof typeof REASON_MESSAGES;

export const REASON_CODES = Object.keys(REASON_MESSAGES) as ReasonCode[];

/** Which verdict a reason forces (precedence block > manual > defer > send). */
export const REASON_VERDICT: Record<ReasonCode, 'send' | 'defer' | 'block' | 'manual'> = {
  ALLOWED: 'send',
  INVALID_NUMBER: 'block',
  UNKNOWN_ZONE: 'block',
  LANDLINE_SMS: 'block',
  TOLL_FREE_SMS: 'block',
  PREMIUM_OR_PAGER_SMS: 'block',
  OPTED_OUT: 'block',
  NO_CONSENT: 'block',
  MARKETING_NEEDS_WRITTEN_CONSENT: 'block',
  MARKETING_NEEDS_EXPRESS_CONSENT: 'block',
  CONSENT_BELOW_TEMPLATE: 'block',
  SENSITIVE_INDUSTRY: 'manual',
  HIGH_VALUE_ACCOUNT: 'manual',
  CAP_REACHED: 'defer',
  QUIET_HOURS: 'defer',
  DAY_BANNED: 'defer',
  HOLIDAY: 'defer',
  BUSINESS_HOURS: 'defer',
  NO_ALLOWED_INSTANT: 'block',
};
