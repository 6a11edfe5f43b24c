import type { Severity } from './types';

/** Every lint code with its default severity and a one-line summary. Codes are stable API. */
export const LINT_RULES = {
  SCHEMA: { severity: 'error', summary: 'The template does not match the schema.' },
  FIRST_TOUCH_LATE: { severity: 'error', summary: 'The first SMS or email reaches the caller later than 2 minutes after the call.' },
  SAME_CHANNEL_3X: { severity: 'warning', summary: 'Three consumer touches in a row use the same channel.' },
  DUPLICATE_TEXT: { severity: 'warning', summary: 'A touch repeats the text of an earlier touch.' },
  NEAR_DUPLICATE_TEXT: { severity: 'warning', summary: 'A touch is nearly identical to an earlier one; each touch should add something new.' },
  TOO_FEW_TOUCHES: { severity: 'warning', summary: 'Fewer than 3 consumer touches.' },
  TOO_MANY_TOUCHES: { severity: 'error', summary: 'More than 7 consumer touches.' },
  MISSING_BUSINESS_NAME: { severity: 'error', summary: 'A consumer message does not name the business.' },
  MISSING_NEXT_STEP: { severity: 'warning', summary: 'A consumer message has no clear next step (reply, call, link).' },
  FIRST_SMS_NO_OPTOUT: { severity: 'error', summary: 'The first SMS does not say how to opt out.' },
  CAP_VIOLATION: { severity: 'error', summary: 'More consumer touches in a 24 h window than a cap allows.' },
  TOUCHES_TOO_CLOSE: { severity: 'warning', summary: 'Two SMS or email touches that can reach the same caller land less than an hour apart.' },
  NO_EXIT_ON_REPLY: { severity: 'error', summary: 'A reply does not end the automation.' },
  CALLBACK_NO_QUEUE: { severity: 'error', summary: 'A callback task has no queue to route to.' },
  MARKETING_NO_WRITTEN_CONSENT: { severity: 'error', summary: 'A marketing sequence does not require written consent.' },
  GENERIC_TEXT: { severity: 'warning', summary: 'A "sorry we missed you" text with no personalization.' },
  UNKNOWN_PLACEHOLDER: { severity: 'error', summary: 'A {{placeholder}} that the renderer does not know.' },
  SMS_SEGMENTS: { severity: 'warning', summary: 'An SMS is longer than 3 segments.' },
  DELAY_ORDER: { severity: 'error', summary: 'A step timed from the call lands before the step above it.' },
  FINAL_TOO_LATE: { severity: 'info', summary: 'A touch lands more than 7 days after the call.' },
  DEPARTMENT_NUMBER: { severity: 'error', summary: 'A department line is not a valid phone number in E.164.' },
  SENSITIVE_DETAIL: { severity: 'warning', summary: 'A message of a sensitive-industry business names a health, account or case detail.' },
  HOLD_FIRST_TOUCH_UNUSED: { severity: 'warning', summary: 'The first touch is held to opening hours, but the sequence does not keep to business hours.' },
  DEPARTMENT_NUMBER_SHARED: { severity: 'warning', summary: 'Two departments list the same line; calls to it go to the first.' },
  MISSING_TRANSLATION: { severity: 'warning', summary: 'A department has another language than the texts, and an SMS or email its callers get has no translation into it.' },
  SMS_AVOIDABLE_UCS2: { severity: 'info', summary: 'An SMS written in GSM-7 can go out in UCS-2 (more segments) because of a date or a name; "Keep texts in the basic SMS alphabet" would avoid it.' },
  TRANSLATION_UNUSED: { severity: 'info', summary: 'A translation nobody gets: no department has its language, or it is the language the texts are written in.' },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type LintCode = keyof typeof LINT_RULES;
export const LINT_CODES = Object.keys(LINT_RULES) as LintCode[];
