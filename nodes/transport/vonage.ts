import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { sleep as n8nSleep } from 'n8n-workflow';
import { smsEncoding } from '../../shared/template/smsEncoding';
import { requestWithRetry, type RetryOptions } from './requestWithRetry';

/** Vonage's SMS API host; the credential may point elsewhere (an emulator in tests). */
export const VONAGE_REST_BASE = 'https://rest.nexmo.com';

/** What the transport needs from the `missedCallVonageApi` credential. */
export interface VonageAuth {
  apiKey: string;
  apiSecret: string;
  baseUrl: string;
}

/** @example vonageAuthFrom({ apiKey: ' abcd1234 ', apiSecret: 's' }).baseUrl // 'https://rest.nexmo.com' */
export function vonageAuthFrom(c: IDataObject): VonageAuth {
  const str = (k: string) => (typeof c[k] === 'string' ? (c[k] as string).trim() : '');
  return { apiKey: str('apiKey'), apiSecret: str('apiSecret'), baseUrl: (str('baseUrl') || VONAGE_REST_BASE).replace(/\/+$/, '') };
}

export interface VonageSmsInput {
  /** E.164 */
  to: string;
  /** a Vonage number of the account, E.164 */
  from: string;
  text: string;
  /** the sender's own reference (up to 40 characters), e.g. the touch id */
  clientRef?: string;
  /** where Vonage posts this text's delivery receipt (else the account's default) */
  callback?: string;
}

export type VonageFailure = 'AUTH_FAILED' | 'INVALID_NUMBER' | 'NUMBER_BARRED' | 'RATE_LIMITED' | 'PROVIDER_ERROR' | 'NETWORK_ERROR';

export type VonageSendResult =
  | { ok: true; id: string; parts: number; attempts: number; waits: number[] }
  | { ok: false; reason: VonageFailure; httpStatus: number | null; code: string | null; message: string; attempts: number; waits: number[] };

/** Status codes the SMS API answers (its spec's `x-errors`) that another try may clear: throttled, internal error, too many binds. */
const RETRYABLE = new Set(['1', '5', '10']);
/** Invalid message (an unrecognized number prefix), number de-activated: this number cannot take a text. */
const INVALID_NUMBER = new Set(['6', '33']);

/** E.164 without `+`, as the SMS API takes numbers. */
const digits = (e164: string) => e164.replace(/^\+/, '');

/**
 * Sends one SMS from a Vonage number with the SMS API (`POST /sms/json`, form-encoded, the API key
 * and secret in the form). The API answers 200 with a status per message part: `0` is sent (the
 * first part's id is the message id); throttling, an internal error and too many binds (`1`, `5`,
 * `10`) are retried like 429 and 5xx (doubling backoff); `6` and `33` mean the number cannot take a
 * text (INVALID_NUMBER), `7` that it is barred (NUMBER_BARRED), `4` refused keys (AUTH_FAILED), any
 * other code PROVIDER_ERROR with the API's `error-text`. Text outside GSM-7 goes as `unicode`.
 * Never throws for HTTP answers.
 * @example const r = await sendVonageSms(this.helpers, auth, { to, from, text }, retry);
 */
export async function sendVonageSms(
  helpers: Pick<IExecuteFunctions['helpers'], 'httpRequest'>,
  auth: VonageAuth,
  input: VonageSmsInput,
  retry: RetryOptions,
): Promise<VonageSendResult> {
  const form = new URLSearchParams({ api_key: auth.apiKey, api_secret: auth.apiSecret, from: digits(input.from), to: digits(input.to), text: input.text });
  if (smsEncoding(input.text).encoding === 'UCS-2') form.set('type', 'unicode');
  if (input.clientRef) form.set('client-ref', input.clientRef.slice(0, 40));
  if (input.callback) form.set('callback', input.callback);
  const wait = retry.sleep ?? n8nSleep;
  const maxAttempts = Math.max(1, Math.floor(retry.maxAttempts));
  let attempts = 0;
  const waits: number[] = [];
  for (;;) {
    const r = await requestWithRetry(
      helpers,
      {
        method: 'POST',
        url: `${auth.baseUrl}/sms/json`,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: form.toString(),
        json: false,
        timeout: 30_000,
      },
      { ...retry, maxAttempts: maxAttempts - attempts },
    );
    attempts += r.attempts;
    waits.push(...r.waits);
    const fail = (reason: VonageFailure, httpStatus: number | null, code: string | null, message: string): VonageSendResult =>
      ({ ok: false, reason, httpStatus, code, message, attempts, waits });
    // no answer: the request may have reached Vonage, so it is never sent again blindly
    if (r.kind === 'network') return fail('NETWORK_ERROR', null, null, r.message);
    const { status, body } = r;
    if (status === 429) return fail('RATE_LIMITED', status, null, 'Vonage is throttling the account');
    if (status === 401) return fail('AUTH_FAILED', status, null, 'Vonage refused the API key and secret');
    if (status < 200 || status >= 300) return fail('PROVIDER_ERROR', status, null, `HTTP ${status}`);
    const parts = Array.isArray(body.messages) ? (body.messages as IDataObject[]) : [];
    const first = parts[0];
    const code = first && typeof first.status === 'string' ? first.status : null;
    if (code === null) return fail('PROVIDER_ERROR', status, null, 'Vonage answered without a message status');
    if (parts.every((p) => p.status === '0')) {
      const id = first!['message-id'];
      if (typeof id !== 'string' || id === '') return fail('PROVIDER_ERROR', status, code, 'Vonage answered without a message id');
      return { ok: true, id, parts: parts.length, attempts, waits };
    }
    const failed = parts.find((p) => p.status !== '0')!;
    const failedCode = String(failed.status);
    const text = typeof failed['error-text'] === 'string' && failed['error-text'] !== '' ? (failed['error-text'] as string).slice(0, 300) : `status ${failedCode}`;
    // a part went out already: sending again would repeat it, so only an answer with no part sent is retried
    const noneSent = parts.every((p) => p.status !== '0');
    if (noneSent && RETRYABLE.has(failedCode) && attempts < maxAttempts) {
      const delay = retry.baseDelayMs * 2 ** (attempts - 1);
      if (delay <= retry.maxDelayMs) {
        waits.push(delay);
        await wait(delay);
        continue;
      }
    }
    if (failedCode === '1') return fail('RATE_LIMITED', status, failedCode, text);
    if (failedCode === '4') return fail('AUTH_FAILED', status, failedCode, text);
    if (failedCode === '7') return fail('NUMBER_BARRED', status, failedCode, text);
    if (INVALID_NUMBER.has(failedCode)) return fail('INVALID_NUMBER', status, failedCode, text);
    return fail('PROVIDER_ERROR', status, failedCode, noneSent ? text : `${text} (after ${parts.filter((p) => p.status === '0').length} of ${parts.length} parts went out)`);
  }
}
