import type { Provider } from '../schema/callEvent';

/** Stable codes of {@link WebhookParseError}. */
export const WEBHOOK_PARSE_ERROR_CODES = [
  /** body is not valid JSON / form / JWT, or not an object */
  'MALFORMED_BODY',
  /** a field the event needs is absent, null or empty */
  'MISSING_FIELD',
  /** a field has the wrong type or an unparseable value */
  'INVALID_FIELD',
  /** the body is not an event this provider sends (or not one we can read) */
  'UNSUPPORTED_EVENT',
  /** the provider name is not one of PROVIDERS */
  'UNSUPPORTED_PROVIDER',
  /** the generic mapping is missing or unsafe (e.g. a `__proto__` path) */
  'INVALID_MAPPING',
  /** a handshake needs a secret or an HMAC function that was not passed */
  'MISSING_SECRET',
] as const;
export type WebhookParseErrorCode = (typeof WEBHOOK_PARSE_ERROR_CODES)[number];

/** Longest message kept: messages quote offending values, which come from the (untrusted) body. */
export const MAX_PARSE_ERROR_MESSAGE = 300;

function clip(message: string): string {
  return message.length <= MAX_PARSE_ERROR_MESSAGE ? message : `${message.slice(0, MAX_PARSE_ERROR_MESSAGE - 1)}…`;
}

/** Thrown by `classifyWebhook` for input it cannot read; `code` is stable, `message` is for humans (at most ~300 chars). */
export class WebhookParseError extends Error {
  readonly code: WebhookParseErrorCode;
  readonly provider: Provider | string;
  /** dotted path of the offending field, when one is to blame */
  readonly field: string | null;

  constructor(code: WebhookParseErrorCode, provider: Provider | string, message: string, field: string | null = null) {
    super(`${provider}: ${clip(message)}`);
    this.name = 'WebhookParseError';
    this.code = code;
    this.provider = provider;
    this.field = field;
  }
}
