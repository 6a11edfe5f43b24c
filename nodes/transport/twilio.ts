import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { sleep as n8nSleep } from 'n8n-workflow';

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

export interface RetryOptions {
  /** total attempts including the first (≥ 1) */
  maxAttempts: number;
  /** first backoff; doubles per attempt */
  baseDelayMs: number;
  /** a longer wait (Retry-After or backoff) gives up instead of blocking the execution */
  maxDelayMs: number;
  /** injectable for tests; defaults to n8n-workflow's sleep */
  sleep?: (ms: number) => Promise<void>;
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

/** Seconds or an HTTP date → milliseconds to wait; null when absent or unreadable. */
export function retryAfterMs(header: unknown, now: number): number | null {
  const v = Array.isArray(header) ? header[0] : header;
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  const s = String(v).trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const at = Date.parse(s);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function parseBody(body: unknown): IDataObject {
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as IDataObject;
    } catch {
      return { message: body.slice(0, 200) };
    }
  }
  if (Buffer.isBuffer(body)) return parseBody(body.toString('utf8'));
  return body !== null && typeof body === 'object' ? (body as IDataObject) : {};
}

function headerOf(headers: unknown, name: string): unknown {
  if (headers === null || typeof headers !== 'object') return undefined;
  for (const [k, v] of Object.entries(headers as Record<string, unknown>)) if (k.toLowerCase() === name) return v;
  return undefined;
}

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
    returnFullResponse: true,
    ignoreHttpStatusErrors: true,
    json: false,
    timeout: 30_000,
  };
  const wait = retry.sleep ?? n8nSleep;
  const waits: number[] = [];
  const maxAttempts = Math.max(1, Math.floor(retry.maxAttempts));
  for (let attempt = 1; ; attempt++) {
    let res: { statusCode?: number; headers?: unknown; body?: unknown };
    try {
      res = (await helpers.httpRequest(request)) as typeof res;
    } catch (e) {
      // the request may have reached Twilio: never retried blindly (the touch stays failed)
      const message = e instanceof Error ? e.message : 'request failed';
      return { ok: false, reason: 'NETWORK_ERROR', code: null, httpStatus: null, message, attempts: attempt, waits };
    }
    const status = res.statusCode ?? 0;
    const body = parseBody(res.body);
    if (status >= 200 && status < 300) {
      return { ok: true, sid: String(body.sid ?? ''), status: String(body.status ?? 'queued'), attempts: attempt, waits };
    }
    const code = typeof body.code === 'number' ? body.code : Number.isFinite(Number(body.code)) && body.code !== undefined ? Number(body.code) : null;
    const message = typeof body.message === 'string' ? body.message : `HTTP ${status}`;
    const retryable = status === 429 || status >= 500;
    if (retryable && attempt < maxAttempts) {
      const delay = retryAfterMs(headerOf(res.headers, 'retry-after'), Date.now()) ?? retry.baseDelayMs * 2 ** (attempt - 1);
      if (delay <= retry.maxDelayMs) {
        waits.push(delay);
        await wait(delay);
        continue;
      }
    }
    const reason: TwilioFailure =
      (code !== null ? CODE_REASONS[code] : undefined) ?? (status === 429 ? 'RATE_LIMITED' : 'PROVIDER_ERROR');
    return { ok: false, reason, code, httpStatus: status, message, attempts: attempt, waits };
  }
}
