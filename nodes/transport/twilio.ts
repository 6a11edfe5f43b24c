import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { requestWithRetry, type RetryOptions } from './requestWithRetry';

export { retryAfterMs, type RetryOptions } from './requestWithRetry';

/** Twilio REST base URL; the credential may point elsewhere (an emulator in tests). */
export const TWILIO_API_BASE = 'https://api.twilio.com';

/** What the transport needs from the `twilioApi` credential (auth token or API key + secret). */
export interface TwilioAuth {
  accountSid: string;
  /** basic-auth user: the Account SID, or an API key SID (SK…) */
  username: string;
  password: string;
  baseUrl: string;
}

/**
 * Reads the credential fields tolerantly (`authType` 'authToken' | 'apiKey', n8n's own field names).
 * @example twilioAuthFrom({ accountSid: 'AC…', authToken: 't' }) // { username: 'AC…', password: 't', … }
 */
export function twilioAuthFrom(c: IDataObject): TwilioAuth {
  const str = (k: string) => (typeof c[k] === 'string' ? (c[k] as string).trim() : '');
  const accountSid = str('accountSid');
  const apiKey = str('apiKeySid') || str('apiKey');
  const apiSecret = str('apiKeySecret') || str('apiSecret');
  const useKey = str('authType') === 'apiKey' || (!str('authToken') && apiKey !== '');
  const baseUrl = (str('baseUrl') || TWILIO_API_BASE).replace(/\/+$/, '');
  return useKey
    ? { accountSid, username: apiKey, password: apiSecret, baseUrl }
    : { accountSid, username: accountSid, password: str('authToken'), baseUrl };
}

export interface TwilioSmsInput {
  to: string;
  body: string;
  /** a Twilio number; or `messagingServiceSid` (one of the two is required) */
  from?: string;
  messagingServiceSid?: string;
  statusCallback?: string;
}

/** Stable outcome codes of one SMS send. */
export type TwilioFailure =
  | 'OPTED_OUT' // 21610: the recipient replied STOP to this sender
  | 'INVALID_NUMBER' // 21211
  | 'NOT_MOBILE' // 21614
  | 'RATE_LIMITED' // 429 after the last attempt
  | 'PROVIDER_ERROR' // 5xx after the last attempt, or any other 4xx
  | 'NETWORK_ERROR';

export type TwilioSendResult =
  | { ok: true; sid: string; status: string; attempts: number; waits: number[] }
  | {
      ok: false;
      reason: TwilioFailure;
      /** Twilio error code when the answer had one */
      code: number | null;
      httpStatus: number | null;
      message: string;
      attempts: number;
      waits: number[];
    };

const CODE_REASONS: Record<number, TwilioFailure> = { 21610: 'OPTED_OUT', 21211: 'INVALID_NUMBER', 21614: 'NOT_MOBILE' };

/**
 * Creates one Message (POST /2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded) with
 * retries on 429 and 5xx: waits Retry-After when given, else `baseDelayMs · 2^(attempt-1)`.
 * Never throws for HTTP answers; Twilio's 21610/21211/21614 map to stable reasons.
 * @example
 * const r = await sendTwilioSms(this.helpers, auth, { to, from, body }, { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 30000 });
 */
export async function sendTwilioSms(
  helpers: Pick<IExecuteFunctions['helpers'], 'httpRequest'>,
  auth: TwilioAuth,
  input: TwilioSmsInput,
  retry: RetryOptions,
): Promise<TwilioSendResult> {
  const form = new URLSearchParams();
  form.set('To', input.to);
  if (input.from) form.set('From', input.from);
  if (input.messagingServiceSid) form.set('MessagingServiceSid', input.messagingServiceSid);
  form.set('Body', input.body);
  if (input.statusCallback) form.set('StatusCallback', input.statusCallback);
  const request: IHttpRequestOptions = {
    method: 'POST',
    url: `${auth.baseUrl}/2010-04-01/Accounts/${encodeURIComponent(auth.accountSid)}/Messages.json`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: form.toString(),
    auth: { username: auth.username, password: auth.password },
    json: false,
    timeout: 30_000,
  };
  const r = await requestWithRetry(helpers, request, retry);
  // no answer: the request may have reached Twilio, so it is never sent again blindly (the touch stays failed)
  if (r.kind === 'network') return { ok: false, reason: 'NETWORK_ERROR', code: null, httpStatus: null, message: r.message, attempts: r.attempts, waits: r.waits };
  const { status, body, attempts, waits } = r;
  if (status >= 200 && status < 300) return { ok: true, sid: String(body.sid ?? ''), status: String(body.status ?? 'queued'), attempts, waits };
  const code = typeof body.code === 'number' ? body.code : Number.isFinite(Number(body.code)) && body.code !== undefined ? Number(body.code) : null;
  const message = typeof body.message === 'string' ? body.message : `HTTP ${status}`;
  const reason: TwilioFailure = (code !== null ? CODE_REASONS[code] : undefined) ?? (status === 429 ? 'RATE_LIMITED' : 'PROVIDER_ERROR');
  return { ok: false, reason, code, httpStatus: status, message, attempts, waits };
}
