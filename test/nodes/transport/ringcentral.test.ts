import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  clearRingCentralTokens,
  ringCentralAuthFrom,
  ringCentralToken,
  sendRingCentralSms,
  type RingCentralAuth,
} from '../../../nodes/transport/ringcentral';
import { fetchHttpRequest } from '../../emulators/fetchHttpRequest';
import { startRingCentralEmulator, type RingCentralEmulator } from '../../emulators/ringcentralEmulator';

let rc: RingCentralEmulator;
let auth: RingCentralAuth;
const waits: number[] = [];
const helpers = { httpRequest: fetchHttpRequest } as never;
const retry = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 5000, sleep: async (ms: number) => void waits.push(ms) };
const msg = { to: '+13055550123', from: '+15125550142', text: 'Hi Dana, Brightside Plumbing here.' };
const tokenCalls = () => rc.requests.filter((r) => r.path === '/restapi/oauth/token');
const smsCalls = () => rc.requests.filter((r) => r.path.endsWith('/sms'));

beforeAll(async () => {
  rc = await startRingCentralEmulator({ numbers: ['+15125550142'] });
});
afterAll(() => rc.close());
beforeEach(async () => {
  rc.reset();
  rc.tokenLifetimeSeconds = 3600;
  rc.revokeTokens();
  clearRingCentralTokens();
  waits.length = 0;
  auth = ringCentralAuthFrom({ serverUrl: `${rc.url}/`, clientId: rc.clientId, clientSecret: rc.clientSecret, jwt: rc.jwt });
});

describe('ringCentralAuthFrom', () => {
  it.each([
    [{ clientId: ' c ', clientSecret: 's', jwt: 'j' }, { serverUrl: 'https://platform.ringcentral.com', clientId: 'c', clientSecret: 's', jwt: 'j' }],
    [{ serverUrl: 'https://platform.devtest.ringcentral.com//', jwt: 'j' }, { serverUrl: 'https://platform.devtest.ringcentral.com', clientId: '', clientSecret: '', jwt: 'j' }],
  ])('reads %j', (creds, want) => {
    expect(ringCentralAuthFrom(creds)).toEqual(want);
  });
});

describe('ringCentralToken', () => {
  it('exchanges the JWT once and reuses the token until five minutes before it ends', async () => {
    const now = Date.now();
    const a = await ringCentralToken(helpers, auth, { now });
    expect(a).toMatchObject({ ok: true, reused: false, expiresAt: now + 3_600_000 });
    expect(await ringCentralToken(helpers, auth, { now: now + 54 * 60_000 })).toMatchObject({ ok: true, reused: true });
    const renewed = await ringCentralToken(helpers, auth, { now: now + 56 * 60_000 });
    expect(renewed).toMatchObject({ ok: true, reused: false });
    expect(tokenCalls()).toHaveLength(2);
    expect(tokenCalls()[0]!.body).toEqual({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: rc.jwt });
    expect(rc.violations).toEqual([]);
  });

  it('makes one token request for concurrent sends', async () => {
    const now = Date.now();
    const all = await Promise.all(Array.from({ length: 8 }, () => ringCentralToken(helpers, auth, { now })));
    expect(new Set(all.map((t) => (t.ok ? t.token : '')))).toEqual(new Set([rc.tokensIssued[0]]));
    expect(tokenCalls()).toHaveLength(1);
  });

  it('keeps one token per app and JWT', async () => {
    const other = { ...auth, jwt: 'another-users-jwt' };
    expect(await ringCentralToken(helpers, auth, { now: Date.now() })).toMatchObject({ ok: true });
    expect(await ringCentralToken(helpers, other, { now: Date.now() })).toMatchObject({ ok: false, reason: 'AUTH_FAILED', httpStatus: 400 });
    expect(await ringCentralToken(helpers, auth, { now: Date.now() })).toMatchObject({ ok: true, reused: true });
  });

  it.each([
    ['a wrong client secret', { clientSecret: 'wrong' }, 401, /Invalid client/],
    ['an unknown JWT', { jwt: 'expired.jwt.value' }, 400, /JWT is unknown, expired or revoked/],
  ])('refuses %s with RingCentral\'s reason, never a secret', async (_name, change, status, text) => {
    const r = await ringCentralToken(helpers, { ...auth, ...change }, { now: Date.now() });
    expect(r).toMatchObject({ ok: false, reason: 'AUTH_FAILED', httpStatus: status });
    if (!r.ok) {
      expect(r.message).toMatch(text);
      expect(r.message).not.toContain(auth.clientSecret);
      expect(r.message).not.toContain(rc.jwt);
    }
  });

  it('asks for nothing when the credential lacks a key', async () => {
    expect(await ringCentralToken(helpers, { ...auth, jwt: '' }, { now: Date.now() })).toMatchObject({ ok: false, reason: 'AUTH_FAILED', httpStatus: null });
    expect(rc.requests).toEqual([]);
  });
});

describe('sendRingCentralSms against the emulator', () => {
  it('sends one text from the user\'s number, as the spec describes it, and returns the message id', async () => {
    const r = await sendRingCentralSms(helpers, auth, msg, retry, Date.now());
    expect(r).toEqual({ ok: true, id: rc.texts[0]!.id, status: 'Queued', attempts: 1, waits: [] });
    expect(rc.texts).toMatchObject([{ to: [msg.to], from: msg.from, text: msg.text }]);
    expect(smsCalls()[0]!.body).toEqual({ from: { phoneNumber: msg.from }, to: [{ phoneNumber: msg.to }], text: msg.text });
    expect(rc.violations).toEqual([]);
  });

  it('waits Retry-After on 429 and doubles the backoff on 5xx, then sends once', async () => {
    rc.script({ kind: 'rate_limit', retryAfterSeconds: 2 }, { kind: 'server_error', status: 502 });
    const r = await sendRingCentralSms(helpers, auth, msg, retry, Date.now());
    expect(r).toMatchObject({ ok: true, attempts: 3, waits: [2000, 200] });
    expect(rc.texts).toHaveLength(1);
  });

  it('gives up after the last attempt: RATE_LIMITED with RingCentral\'s code', async () => {
    rc.script({ kind: 'rate_limit' }, { kind: 'rate_limit' }, { kind: 'rate_limit' });
    expect(await sendRingCentralSms(helpers, auth, msg, retry, Date.now())).toMatchObject({ ok: false, reason: 'RATE_LIMITED', httpStatus: 429, code: 'CMN-301', attempts: 3 });
  });

  it('a revoked token: a new one, and the text goes once', async () => {
    await sendRingCentralSms(helpers, auth, msg, retry, Date.now());
    rc.revokeTokens();
    const r = await sendRingCentralSms(helpers, auth, msg, retry, Date.now());
    expect(r).toMatchObject({ ok: true });
    expect(rc.texts).toHaveLength(2);
    expect(tokenCalls()).toHaveLength(2);
    expect(smsCalls().map((c) => c.status)).toEqual([200, 401, 200]);
  });

  it('a token refused right after it was issued is not asked for again: AUTH_FAILED', async () => {
    rc.tokenLifetimeSeconds = 0; // every token is already over when it arrives
    const r = await sendRingCentralSms(helpers, auth, msg, retry, Date.now());
    expect(r).toMatchObject({ ok: false, reason: 'AUTH_FAILED', httpStatus: 401, code: 'TokenInvalid' });
    expect(tokenCalls()).toHaveLength(1);
    expect(rc.texts).toEqual([]);
  });

  it('a number that cannot take a text (SMS-UP-410..413): INVALID_NUMBER; other failures PROVIDER_ERROR', async () => {
    rc.script({ kind: 'failed', status: 'SendingFailed', deliveryErrorCode: 'SMS-UP-411' }, { kind: 'failed', status: 'SendingFailed', deliveryErrorCode: 'SMS-RC-413' });
    expect(await sendRingCentralSms(helpers, auth, msg, retry, Date.now())).toMatchObject({ ok: false, reason: 'INVALID_NUMBER', code: 'SMS-UP-411', httpStatus: 200 });
    expect(await sendRingCentralSms(helpers, auth, msg, retry, Date.now())).toMatchObject({ ok: false, reason: 'PROVIDER_ERROR', code: 'SMS-RC-413' });
    expect(rc.texts).toEqual([]);
  });

  it('a number that is not the user\'s: PROVIDER_ERROR with RingCentral\'s code and message', async () => {
    const r = await sendRingCentralSms(helpers, auth, { ...msg, from: '+15125559999' }, retry, Date.now());
    expect(r).toMatchObject({ ok: false, reason: 'PROVIDER_ERROR', httpStatus: 400, code: 'CMN-101', message: 'Parameter [from.phoneNumber] value is invalid' });
    expect(rc.violations).toEqual([]);
  });

  it('no answer at all: NETWORK_ERROR, never sent again', async () => {
    const r = await sendRingCentralSms(helpers, { ...auth, serverUrl: 'http://127.0.0.1:1' }, msg, retry, Date.now());
    expect(r).toMatchObject({ ok: false, reason: 'NETWORK_ERROR', httpStatus: null });
  });
});
