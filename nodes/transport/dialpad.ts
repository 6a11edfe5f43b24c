import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { requestWithRetry, type RetryOptions } from './requestWithRetry';

/** Dialpad's API host; the credential may point at its sandbox (or an emulator in tests). */
export const DIALPAD_API_BASE = 'https://dialpad.com';

/** What the transport needs from the `missedCallDialpadApi` credential. */
export interface DialpadAuth {
  apiKey: string;
  baseUrl: string;
}

/** @example dialpadAuthFrom({ apiKey: 'k', baseUrl: 'https://sandbox.dialpad.com/' }) // { apiKey: 'k', baseUrl: 'https://sandbox.dialpad.com' } */
export function dialpadAuthFrom(c: IDataObject): DialpadAuth {
  const str = (k: string) => (typeof c[k] === 'string' ? (c[k] as string).trim() : '');
  return { apiKey: str('apiKey'), baseUrl: (str('baseUrl') || DIALPAD_API_BASE).replace(/\/+$/, '') };
}

export interface DialpadSmsInput {
  /** E.164 */
  to: string;
  /** a Dialpad number of a user or group, E.164: the number the caller called, so their reply reaches the team */
  from: string;
  text: string;
}

/** Stable outcome codes of one Dialpad SMS send (the Follow-up Sender's Not Sent reasons). */
export type DialpadFailure = 'INVALID_NUMBER' | 'RATE_LIMITED' | 'PROVIDER_ERROR' | 'NETWORK_ERROR';

export type DialpadSendResult =
  | { ok: true; id: string; status: string; attempts: number; waits: number[] }
  | { ok: false; reason: DialpadFailure; httpStatus: number | null; message: string; attempts: number; waits: number[] };

/** Dialpad's error message: `{ error: { message } }`, or `{ message }`. */
function errorMessage(body: IDataObject, status: number): string {
  const error = body.error !== null && typeof body.error === 'object' ? (body.error as IDataObject) : null;
  const m = error?.message ?? body.message;
  return typeof m === 'string' && m !== '' ? m.slice(0, 300) : `HTTP ${status}`;
}

/**
 * Sends one SMS from a Dialpad number (POST /api/v2/sms, JSON, Bearer API key), with retries on 429
 * and 5xx (Retry-After, else doubling backoff). Never throws for HTTP answers. An answer whose
 * `message_status` is `failed` is a failure (INVALID_NUMBER when its `message_delivery_result` is
 * `invalid_destination`); `pending` and `success` are sent.
 * @example const r = await sendDialpadSms(this.helpers, auth, { to, from, text }, { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 30000 });
 */
export async function sendDialpadSms(
  helpers: Pick<IExecuteFunctions['helpers'], 'httpRequest'>,
  auth: DialpadAuth,
  input: DialpadSmsInput,
  retry: RetryOptions,
): Promise<DialpadSendResult> {
  const request: IHttpRequestOptions = {
    method: 'POST',
    url: `${auth.baseUrl}/api/v2/sms`,
    headers: { Authorization: `Bearer ${auth.apiKey}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ to_numbers: [input.to], from_number: input.from, text: input.text, infer_country_code: false }),
    json: false,
    timeout: 30_000,
  };
  const r = await requestWithRetry(helpers, request, retry);
  // no answer: the request may have reached Dialpad, so it is never sent again blindly (the touch stays failed)
  if (r.kind === 'network') return { ok: false, reason: 'NETWORK_ERROR', httpStatus: null, message: r.message, attempts: r.attempts, waits: r.waits };
  const { status, body, attempts, waits } = r;
  if (status >= 200 && status < 300) {
    const state = typeof body.message_status === 'string' ? body.message_status : 'pending';
    if (state !== 'failed' && body.id !== undefined && body.id !== null) return { ok: true, id: String(body.id), status: state, attempts, waits };
    const result = typeof body.message_delivery_result === 'string' ? body.message_delivery_result : null;
    if (state !== 'failed') return { ok: false, reason: 'PROVIDER_ERROR', httpStatus: status, message: 'Dialpad answered without a message id', attempts, waits };
    // invalid_destination: this number cannot take a text (the sequence goes on by its other channels)
    return { ok: false, reason: result === 'invalid_destination' ? 'INVALID_NUMBER' : 'PROVIDER_ERROR', httpStatus: status, message: `Dialpad could not send the text${result ? `: ${result}` : ''}`, attempts, waits };
  }
  return { ok: false, reason: status === 429 ? 'RATE_LIMITED' : 'PROVIDER_ERROR', httpStatus: status, message: errorMessage(body, status), attempts, waits };
}
