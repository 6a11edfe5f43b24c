import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sendVonageSms, vonageAuthFrom, type VonageAuth } from '../../../nodes/transport/vonage';
import { fetchHttpRequest } from '../../emulators/fetchHttpRequest';
import { startVonageEmulator, type VonageEmulator } from '../../emulators/vonageEmulator';

let vg: VonageEmulator;
let auth: VonageAuth;
const waits: number[] = [];
const helpers = { httpRequest: fetchHttpRequest } as never;
const retry = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 5000, sleep: async (ms: number) => void waits.push(ms) };
const msg = { to: '+13055550123', from: '+15125550142', text: 'Hi Dana, Brightside Plumbing here.' };

beforeAll(async () => {
  vg = await startVonageEmulator({ numbers: ['+15125550142'] });
});
afterAll(() => vg.close());
beforeEach(() => {
  vg.reset();
  waits.length = 0;
  auth = vonageAuthFrom({ apiKey: vg.apiKey, apiSecret: vg.apiSecret, baseUrl: `${vg.url}/` });
});

describe('vonageAuthFrom', () => {
  it.each([
    [{ apiKey: ' abcd1234 ', apiSecret: 's' }, { apiKey: 'abcd1234', apiSecret: 's', baseUrl: 'https://rest.nexmo.com' }],
    [{ apiKey: 'k', apiSecret: 's', baseUrl: 'http://127.0.0.1:9/' }, { apiKey: 'k', apiSecret: 's', baseUrl: 'http://127.0.0.1:9' }],
  ])('reads %j', (creds, want) => {
    expect(vonageAuthFrom(creds)).toEqual(want);
  });
});

describe('sendVonageSms against the emulator', () => {
  it('sends one text from the Vonage number, as the spec describes it, and returns the message id', async () => {
    const r = await sendVonageSms(helpers, auth, { ...msg, clientRef: 'touch-1' }, retry);
    expect(r).toEqual({ ok: true, id: vg.texts[0]!.id, parts: 1, attempts: 1, waits: [] });
    expect(vg.texts).toMatchObject([{ to: '13055550123', from: '15125550142', text: msg.text, type: 'text', clientRef: 'touch-1' }]);
    expect(vg.requests[0]!.body).toEqual({ api_key: vg.apiKey, api_secret: vg.apiSecret, from: '15125550142', to: '13055550123', text: msg.text, 'client-ref': 'touch-1' });
    expect(vg.violations).toEqual([]);
  });

  it('sends text outside GSM-7 as unicode, and a long text as one message of several parts', async () => {
    const r = await sendVonageSms(helpers, auth, { ...msg, text: `Olá Dana 😀 ${'x'.repeat(100)}` }, retry);
    expect(r).toMatchObject({ ok: true, parts: 2 });
    expect(vg.texts[0]).toMatchObject({ type: 'unicode', parts: 2 });
    expect(vg.violations).toEqual([]);
  });

  it('retries throttling (status 1) and an internal error (5) with doubling backoff, then sends once', async () => {
    vg.script({ kind: 'status', status: '1' }, { kind: 'status', status: '5' });
    const r = await sendVonageSms(helpers, auth, msg, retry);
    expect(r).toMatchObject({ ok: true, attempts: 3, waits: [100, 200] });
    expect(vg.texts).toHaveLength(1);
  });

  it('gives up after the last attempt: RATE_LIMITED with the status code', async () => {
    vg.script({ kind: 'status', status: '1' }, { kind: 'status', status: '1' }, { kind: 'status', status: '1' });
    expect(await sendVonageSms(helpers, auth, msg, retry)).toMatchObject({ ok: false, reason: 'RATE_LIMITED', code: '1', attempts: 3 });
  });

  it('retries an HTTP 5xx too', async () => {
    vg.script({ kind: 'server_error', status: 503 });
    expect(await sendVonageSms(helpers, auth, msg, retry)).toMatchObject({ ok: true, attempts: 2, waits: [100] });
  });

  it.each([
    ['6', 'INVALID_NUMBER'],
    ['33', 'INVALID_NUMBER'],
    ['7', 'NUMBER_BARRED'],
    ['29', 'PROVIDER_ERROR'],
    ['9', 'PROVIDER_ERROR'],
  ])('status %s is %s, with Vonage\'s error text, and is not retried', async (status, reason) => {
    vg.script({ kind: 'status', status, errorText: `error ${status}` });
    expect(await sendVonageSms(helpers, auth, msg, retry)).toMatchObject({ ok: false, reason, code: status, message: `error ${status}`, attempts: 1 });
    expect(vg.texts).toEqual([]);
  });

  it('refused keys: AUTH_FAILED (status 4), never quoting the secret', async () => {
    const r = await sendVonageSms(helpers, { ...auth, apiSecret: 'WrongSecret00000' }, msg, retry);
    expect(r).toMatchObject({ ok: false, reason: 'AUTH_FAILED', code: '4', attempts: 1 });
    if (!r.ok) expect(r.message).not.toContain('WrongSecret00000');
  });

  it('a sender that is not the account\'s number: PROVIDER_ERROR 15', async () => {
    expect(await sendVonageSms(helpers, auth, { ...msg, from: '+15125559999' }, retry)).toMatchObject({ ok: false, reason: 'PROVIDER_ERROR', code: '15' });
    expect(vg.violations).toEqual([]);
  });

  it('no answer at all: NETWORK_ERROR, never sent again', async () => {
    expect(await sendVonageSms(helpers, { ...auth, baseUrl: 'http://127.0.0.1:1' }, msg, retry)).toMatchObject({ ok: false, reason: 'NETWORK_ERROR', httpStatus: null, attempts: 1 });
  });
});
