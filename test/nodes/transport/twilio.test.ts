import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { retryAfterMs, sendTwilioSms, twilioAuthFrom, type TwilioAuth } from '../../../nodes/transport/twilio';
import { fetchHttpRequest } from '../../emulators/fetchHttpRequest';
import { startTwilioEmulator, type TwilioEmulator } from '../../emulators/twilioEmulator';

let tw: TwilioEmulator;
let auth: TwilioAuth;
const waits: number[] = [];
const helpers = { httpRequest: fetchHttpRequest } as never;
const retry = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 5000, sleep: async (ms: number) => void waits.push(ms) };
const msg = { to: '+13055550123', from: '+15125550100', body: 'Hi Dana, Brightside Plumbing here.' };

beforeAll(async () => {
  tw = await startTwilioEmulator();
  auth = twilioAuthFrom({ accountSid: tw.accountSid, authToken: tw.authToken, baseUrl: `${tw.url}/` });
});
afterAll(() => tw.close());
beforeEach(() => {
  tw.reset();
  waits.length = 0;
});

describe('twilioAuthFrom', () => {
  it.each([
    [{ accountSid: 'AC1', authToken: 't' }, { accountSid: 'AC1', username: 'AC1', password: 't', baseUrl: 'https://api.twilio.com' }],
    [{ authType: 'apiKey', accountSid: 'AC1', apiKeySid: 'SK1', apiKeySecret: 's' }, { accountSid: 'AC1', username: 'SK1', password: 's', baseUrl: 'https://api.twilio.com' }],
    [{ accountSid: 'AC1', authToken: 't', baseUrl: 'http://127.0.0.1:9/' }, { accountSid: 'AC1', username: 'AC1', password: 't', baseUrl: 'http://127.0.0.1:9' }],
  ])('reads %j as basic auth for the right base URL', (creds, want) => {
    expect(twilioAuthFrom(creds)).toEqual(want);
  });
});

describe('retryAfterMs', () => {
  it.each([
    ['2', 0, 2000],
    ['0.5', 0, 500],
    [['3'], 0, 3000],
    ['Thu, 01 Jan 1970 00:00:10 GMT', 4000, 6000],
    [undefined, 0, null],
    ['soon', 0, null],
  ])('reads %j at %i as %j ms', (h, now, want) => {
    expect(retryAfterMs(h, now)).toBe(want);
  });
});

describe('sendTwilioSms against the emulator', () => {
  it('creates one message with a spec-valid form request', async () => {
    const r = await sendTwilioSms(helpers, auth, { ...msg, statusCallback: 'https://hooks.example.com/status' }, retry);
    expect(r).toMatchObject({ ok: true, attempts: 1, status: 'queued' });
    expect(tw.messages).toEqual([expect.objectContaining({ to: msg.to, from: msg.from, body: msg.body, statusCallback: 'https://hooks.example.com/status' })]);
    expect(r.ok && r.sid).toBe(tw.messages[0]!.sid);
    expect(tw.violations).toEqual([]);
  });

  it('sends through a Messaging Service without a From number', async () => {
    const r = await sendTwilioSms(helpers, auth, { to: msg.to, body: 'x', messagingServiceSid: 'MG' + 'e'.repeat(32) }, retry);
    expect(r.ok).toBe(true);
    expect(tw.messages[0]).toMatchObject({ from: null, messagingServiceSid: 'MG' + 'e'.repeat(32) });
    expect(tw.violations).toEqual([]);
  });

  it.each([
    [21610, 'OPTED_OUT'],
    [21211, 'INVALID_NUMBER'],
    [21614, 'NOT_MOBILE'],
    [21606, 'PROVIDER_ERROR'],
  ])('maps Twilio error %i to %s without retrying', async (code, reason) => {
    tw.script({ kind: 'error', code });
    const r = await sendTwilioSms(helpers, auth, msg, retry);
    expect(r).toMatchObject({ ok: false, reason, code, httpStatus: 400, attempts: 1 });
    expect(waits).toEqual([]);
    expect(tw.messages).toHaveLength(0);
  });

  it('waits Retry-After on a 429, then succeeds with one message', async () => {
    tw.script({ kind: 'rate_limit', retryAfterSeconds: 2 });
    const r = await sendTwilioSms(helpers, auth, msg, retry);
    expect(r).toMatchObject({ ok: true, attempts: 2, waits: [2000] });
    expect(waits).toEqual([2000]);
    expect(tw.messages).toHaveLength(1);
  });

  it('backs off exponentially on 5xx and gives up after max attempts', async () => {
    tw.script({ kind: 'server_error' }, { kind: 'server_error', status: 503 }, { kind: 'server_error' });
    const r = await sendTwilioSms(helpers, auth, msg, retry);
    expect(r).toMatchObject({ ok: false, reason: 'PROVIDER_ERROR', httpStatus: 500, attempts: 3 });
    expect(waits).toEqual([100, 200]);
    expect(tw.messages).toHaveLength(0);
  });

  it('gives up at once (RATE_LIMITED) when Retry-After exceeds the longest wait', async () => {
    tw.script({ kind: 'rate_limit', retryAfterSeconds: 600 });
    const r = await sendTwilioSms(helpers, auth, msg, retry);
    expect(r).toMatchObject({ ok: false, reason: 'RATE_LIMITED', httpStatus: 429, attempts: 1 });
    expect(waits).toEqual([]);
  });

  it('reports a wrong token as a provider error (401) and the emulator records it', async () => {
    const r = await sendTwilioSms(helpers, { ...auth, password: 'wrong' }, msg, retry);
    expect(r).toMatchObject({ ok: false, reason: 'PROVIDER_ERROR', httpStatus: 401, code: 20003 });
    expect(tw.violations.map((v) => v.rule)).toEqual(['auth']);
  });

  it('reports an unreachable server as NETWORK_ERROR without retrying', async () => {
    const r = await sendTwilioSms(helpers, { ...auth, baseUrl: 'http://127.0.0.1:1' }, msg, retry);
    expect(r).toMatchObject({ ok: false, reason: 'NETWORK_ERROR', attempts: 1 });
  });
});
