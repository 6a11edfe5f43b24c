import { createHash } from 'node:crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { requestWithRetry, type RetryOptions } from './requestWithRetry';

/** RingCentral's production API server; the credential may point at the developer sandbox (or an emulator in tests). */
export const RINGCENTRAL_SERVER = 'https://platform.ringcentral.com';
/** A token this close to its end is renewed before use. */
const RENEW_BEFORE_MS = 5 * 60_000;
const MAX_TOKENS = 64;

/** What the transport needs from the `missedCallRingCentralApi` credential (a JWT-flow app's keys and a user's JWT). */
export interface RingCentralAuth {
  serverUrl: string;
  clientId: string;
  clientSecret: string;
  jwt: string;
}

/** @example ringCentralAuthFrom({ serverUrl: 'https://platform.devtest.ringcentral.com/', clientId: 'c', clientSecret: 's', jwt: 'j' }).serverUrl // 'https://platform.devtest.ringcentral.com' */
export function ringCentralAuthFrom(c: IDataObject): RingCentralAuth {
  const str = (k: string) => (typeof c[k] === 'string' ? (c[k] as string).trim() : '');
  return { serverUrl: (str('serverUrl') || RINGCENTRAL_SERVER).replace(/\/+$/, ''), clientId: str('clientId'), clientSecret: str('clientSecret'), jwt: str('jwt') };
}

type Helpers = Pick<IExecuteFunctions['helpers'], 'httpRequest'>;

export type RingCentralFailure = 'AUTH_FAILED' | 'INVALID_NUMBER' | 'RATE_LIMITED' | 'PROVIDER_ERROR' | 'NETWORK_ERROR';

export type RingCentralTokenResult =
  | { ok: true; token: string; expiresAt: number; reused: boolean }
  | { ok: false; reason: RingCentralFailure; httpStatus: number | null; message: string };

/**
 * Access tokens by app and JWT (a hash of them, never the secrets): a read-through cache, not state.
 * Losing it costs one token request; each n8n process (main, workers) keeps its own. RingCentral
 * throttles token requests per app, so concurrent sends share one request in flight.
 */
const tokens = new Map<string, { token: string; expiresAt: number }>();
const inFlight = new Map<string, Promise<RingCentralTokenResult>>();

function tokenKey(a: RingCentralAuth): string {
  return createHash('sha256').update(`${a.serverUrl}\n${a.clientId}\n${a.clientSecret}\n${a.jwt}`).digest('hex');
}

/** Forgets every cached token (tests). */
export function clearRingCentralTokens(): void {
  tokens.clear();
  inFlight.clear();
}

/** RingCentral's error text: OAuth's `error_description`, the REST API's `message`, or the first of `errors`. */
function errorMessage(body: IDataObject, status: number): string {
  const first = Array.isArray(body.errors) && body.errors[0] !== null && typeof body.errors[0] === 'object' ? (body.errors[0] as IDataObject) : null;
  const m = body.error_description ?? body.message ?? first?.message;
  return typeof m === 'string' && m !== '' ? m.slice(0, 300) : `HTTP ${status}`;
}

/** The `errorCode`s of a REST API error answer (top level and `errors[]`). */
function errorCodes(body: IDataObject): string[] {
  const codes = typeof body.errorCode === 'string' ? [body.errorCode] : [];
  if (Array.isArray(body.errors)) for (const e of body.errors) if (e !== null && typeof e === 'object' && typeof (e as IDataObject).errorCode === 'string') codes.push((e as IDataObject).errorCode as string);
  return codes;
}

/**
 * An access token for the credential's user: the cached one while it has more than five minutes
 * left, else a new one from `POST /restapi/oauth/token` (JWT bearer grant, the app's client id and
 * secret as Basic auth). `fresh` drops the cached token first (RingCentral refused it).
 * @example const t = await ringCentralToken(this.helpers, auth, { now: Date.now() });
 */
export async function ringCentralToken(helpers: Helpers, auth: RingCentralAuth, o: { now: number; fresh?: boolean }): Promise<RingCentralTokenResult> {
  const key = tokenKey(auth);
  if (o.fresh) tokens.delete(key);
  const hit = tokens.get(key);
  if (hit && hit.expiresAt - RENEW_BEFORE_MS > o.now) return { ok: true, token: hit.token, expiresAt: hit.expiresAt, reused: true };
  let pending = inFlight.get(key);
  if (!pending) {
    pending = requestToken(helpers, auth, o.now).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  const r = await pending;
  if (r.ok) {
    if (tokens.size >= MAX_TOKENS && !tokens.has(key)) tokens.delete(tokens.keys().next().value!);
    tokens.set(key, { token: r.token, expiresAt: r.expiresAt });
  }
  return r;
}

async function requestToken(helpers: Helpers, auth: RingCentralAuth, now: number): Promise<RingCentralTokenResult> {
  if (!auth.clientId || !auth.clientSecret || !auth.jwt) {
    return { ok: false, reason: 'AUTH_FAILED', httpStatus: null, message: 'The RingCentral credential needs a client ID, a client secret and a JWT' };
  }
  const form = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: auth.jwt });
  const r = await requestWithRetry(
    helpers,
    {
      method: 'POST',
      url: `${auth.serverUrl}/restapi/oauth/token`,
      headers: {
        Authorization: `Basic ${Buffer.from(`${auth.clientId}:${auth.clientSecret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
      },
      body: form.toString(),
      json: false,
      timeout: 30_000,
    },
    // a token request creates nothing: one retry after a short wait on 429/5xx, never a long block
    { maxAttempts: 2, baseDelayMs: 1000, maxDelayMs: 10_000 },
  );
  if (r.kind === 'network') return { ok: false, reason: 'NETWORK_ERROR', httpStatus: null, message: r.message };
  const { status, body } = r;
  if (status === 200 && typeof body.access_token === 'string' && body.access_token !== '') {
    const seconds = Number(body.expires_in);
    return { ok: true, token: body.access_token, expiresAt: now + (Number.isFinite(seconds) && seconds > 0 ? seconds : 3600) * 1000, reused: false };
  }
  if (status === 429) return { ok: false, reason: 'RATE_LIMITED', httpStatus: status, message: errorMessage(body, status) };
  // 400 invalid_grant (an expired or revoked JWT), 401 invalid_client: the credential must change
  const reason = status === 400 || status === 401 || status === 403 ? 'AUTH_FAILED' : 'PROVIDER_ERROR';
  return { ok: false, reason, httpStatus: status, message: `RingCentral refused the credential: ${errorMessage(body, status)}` };
}

export interface RingCentralSmsInput {
  /** E.164 */
  to: string;
  /** an SMS-enabled number of the credential's user (or one it may text from), E.164 */
  from: string;
  text: string;
}

export type RingCentralSendResult =
  | { ok: true; id: string; status: string; attempts: number; waits: number[] }
  | { ok: false; reason: RingCentralFailure; httpStatus: number | null; message: string; code: string | null; attempts: number; waits: number[] };

/**
 * Delivery error codes that RingCentral's SMS guide names for an invalid or unavailable number
 * (a landline, a number that cannot take texts): `SMS-UP-410` to `SMS-UP-413`.
 */
const INVALID_NUMBER_CODES = /^SMS-UP-41[0-3]$/;

/**
 * Sends one SMS from the credential user's number (`POST /restapi/v1.0/account/~/extension/~/sms`,
 * JSON, Bearer access token), with retries on 429 and 5xx (Retry-After, else doubling backoff).
 * A 401 drops the cached token and sends once more with a new one (nothing was created). Never
 * throws for HTTP answers. An answer whose `messageStatus` is `SendingFailed` or `DeliveryFailed`
 * is a failure: INVALID_NUMBER when its `deliveryErrorCode` says the number cannot take a text.
 * RingCentral usually answers `Queued` and learns the delivery later; a refusal names its
 * `errorCode` (the report's `code`).
 * @example const r = await sendRingCentralSms(this.helpers, auth, { to, from, text }, retry, Date.now());
 */
export async function sendRingCentralSms(helpers: Helpers, auth: RingCentralAuth, input: RingCentralSmsInput, retry: RetryOptions, now: number): Promise<RingCentralSendResult> {
  const fail = (reason: RingCentralFailure, httpStatus: number | null, message: string, attempts = 0, waits: number[] = [], code: string | null = null): RingCentralSendResult =>
    ({ ok: false, reason, httpStatus, message, code, attempts, waits });
  let attempts = 0;
  const waits: number[] = [];
  for (let fresh = false; ; fresh = true) {
    const t = await ringCentralToken(helpers, auth, { now, fresh });
    if (!t.ok) return fail(t.reason, t.httpStatus, t.message, attempts, waits);
    const r = await requestWithRetry(
      helpers,
      {
        method: 'POST',
        url: `${auth.serverUrl}/restapi/v1.0/account/~/extension/~/sms`,
        headers: { Authorization: `Bearer ${t.token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ from: { phoneNumber: input.from }, to: [{ phoneNumber: input.to }], text: input.text }),
        json: false,
        timeout: 30_000,
      },
      retry,
    );
    attempts += r.attempts;
    waits.push(...r.waits);
    // no answer: the request may have reached RingCentral, so it is never sent again blindly
    if (r.kind === 'network') return fail('NETWORK_ERROR', null, r.message, attempts, waits);
    const { status, body } = r;
    // a token RingCentral no longer accepts (revoked, or the user's session ended): once more with a new one
    if (status === 401 && !fresh && t.reused) continue;
    if (status >= 200 && status < 300) {
      const state = typeof body.messageStatus === 'string' ? body.messageStatus : 'Queued';
      const id = body.id === undefined || body.id === null ? '' : String(body.id);
      if (state === 'SendingFailed' || state === 'DeliveryFailed') {
        const code = typeof body.deliveryErrorCode === 'string' ? body.deliveryErrorCode : null;
        const invalid = code !== null && INVALID_NUMBER_CODES.test(code);
        return fail(invalid ? 'INVALID_NUMBER' : 'PROVIDER_ERROR', status, `RingCentral could not send the text: ${state}${code ? ` (${code})` : ''}`, attempts, waits, code);
      }
      if (id === '') return fail('PROVIDER_ERROR', status, 'RingCentral answered without a message id', attempts, waits);
      return { ok: true, id, status: state, attempts, waits };
    }
    const codes = errorCodes(body);
    const code = codes[0] ?? null;
    if (status === 429) return fail('RATE_LIMITED', status, errorMessage(body, status), attempts, waits, code);
    if (status === 401) return fail('AUTH_FAILED', status, errorMessage(body, status), attempts, waits, code);
    return fail('PROVIDER_ERROR', status, errorMessage(body, status), attempts, waits, code);
  }
}
