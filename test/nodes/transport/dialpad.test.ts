import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dialpadAuthFrom, sendDialpadSms, type DialpadAuth } from '../../../nodes/transport/dialpad';
import { fetchHttpRequest } from '../../emulators/fetchHttpRequest';
import { startDialpadEmulator, type DialpadEmulator } from '../../emulators/dialpadEmulator';

let dp: DialpadEmulator;
let auth: DialpadAuth;
const waits: number[] = [];
const helpers = { httpRequest: fetchHttpRequest } as never;
const retry = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 5000, sleep: async (ms: number) => void waits.push(ms) };
const msg = { to: '+13055550123', from: '+15125550142', text: 'Hi Dana, Brightside Plumbing here.' };

beforeAll(async () => {
  dp = await startDialpadEmulator({ numbers: ['+15125550142'] });
  auth = dialpadAuthFrom({ apiKey: dp.apiKey, baseUrl: `${dp.url}/` });
});
afterAll(() => dp.close());
beforeEach(() => {
  dp.reset();
  waits.length = 0;
});

describe('dialpadAuthFrom', () => {
  it.each([
    [{ apiKey: ' k ' }, { apiKey: 'k', baseUrl: 'https://dialpad.com' }],
    [{ apiKey: 'k', baseUrl: 'https://sandbox.dialpad.com/' }, { apiKey: 'k', baseUrl: 'https://sandbox.dialpad.com' }],
  ])('reads %j', (creds, want) => {
    expect(dialpadAuthFrom(creds)).toEqual(want);
  });
});

describe('sendDialpadSms against the emulator', () => {
  it('sends one text from the Dialpad number, as the spec describes it, and returns its id', async () => {
    const r = await sendDialpadSms(helpers, auth, msg, retry);
    expect(r).toEqual({ ok: true, id: dp.texts[0]!.id, status: 'pending', attempts: 1, waits: [] });
    expect(dp.texts).toMatchObject([{ to: [msg.to], from: msg.from, text: msg.text }]);
    expect(dp.requests[0]!.body).toEqual({ to_numbers: [msg.to], from_number: msg.from, text: msg.text, infer_country_code: false });
    expect(dp.violations).toEqual([]);
  });

  it('waits Retry-After on 429 and doubles the backoff on 5xx, then sends once', async () => {
    dp.script({ kind: 'rate_limit', retryAfterSeconds: 2 }, { kind: 'server_error', status: 502 });
    const r = await sendDialpadSms(helpers, auth, msg, retry);
    expect(r).toMatchObject({ ok: true, attempts: 3, waits: [2000, 200] });
    expect(dp.texts).toHaveLength(1);
  });

  it('gives up after the last attempt: RATE_LIMITED, or PROVIDER_ERROR for 5xx', async () => {
    dp.script({ kind: 'rate_limit' }, { kind: 'rate_limit' }, { kind: 'rate_limit' });
    expect(await sendDialpadSms(helpers, auth, msg, retry)).toMatchObject({ ok: false, reason: 'RATE_LIMITED', httpStatus: 429, attempts: 3 });
    dp.script({ kind: 'server_error' });
    expect(await sendDialpadSms(helpers, auth, msg, { ...retry, maxAttempts: 1 })).toMatchObject({ ok: false, reason: 'PROVIDER_ERROR', httpStatus: 500, message: 'Internal error', attempts: 1 });
    expect(dp.texts).toEqual([]);
  });

  it('does not wait longer than Max Retry Wait', async () => {
    dp.script({ kind: 'rate_limit', retryAfterSeconds: 120 });
    expect(await sendDialpadSms(helpers, auth, msg, retry)).toMatchObject({ ok: false, reason: 'RATE_LIMITED', attempts: 1, waits: [] });
  });

  it('reports Dialpad\'s own message for a refused text, and does not retry a 400', async () => {
    const r = await sendDialpadSms(helpers, auth, { ...msg, from: '+15125550199' }, retry);
    expect(r).toEqual({ ok: false, reason: 'PROVIDER_ERROR', httpStatus: 400, message: '+15125550199 is not assigned to a user or group of this company', attempts: 1, waits: [] });
  });

  it.each([
    ['invalid_destination', 'INVALID_NUMBER'],
    ['rejected_spam', 'PROVIDER_ERROR'],
  ])('reads a 200 whose message_status is failed (%s) as %s', async (result, reason) => {
    dp.script({ kind: 'failed', result });
    expect(await sendDialpadSms(helpers, auth, msg, retry)).toEqual({ ok: false, reason, httpStatus: 200, message: `Dialpad could not send the text: ${result}`, attempts: 1, waits: [] });
    expect(dp.texts).toEqual([]);
  });

  it('reports a wrong API key as 401', async () => {
    expect(await sendDialpadSms(helpers, { ...auth, apiKey: 'wrong' }, msg, retry)).toMatchObject({ ok: false, reason: 'PROVIDER_ERROR', httpStatus: 401, message: 'Invalid API key' });
  });

  it('never sends again after a request that got no answer', async () => {
    const r = await sendDialpadSms(helpers, { ...auth, baseUrl: 'http://127.0.0.1:1' }, msg, retry);
    expect(r).toMatchObject({ ok: false, reason: 'NETWORK_ERROR', httpStatus: null, attempts: 1 });
  });
});
