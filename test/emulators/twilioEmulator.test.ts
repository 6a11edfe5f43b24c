import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyTwilio } from '../../nodes/shared/signatures/verifyTwilio';
import { startTwilioEmulator, twilioRequestSignature, type TwilioEmulator } from './twilioEmulator';

let tw: TwilioEmulator;
beforeAll(async () => {
  tw = await startTwilioEmulator({ apiKeys: [{ sid: 'SK' + 'b'.repeat(32), secret: 'key-secret' }] });
});
afterAll(() => tw.close());
beforeEach(() => tw.reset());

const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

async function post(path: string, form: Record<string, string | string[]>, auth = basic(tw.accountSid, tw.authToken), type = 'application/x-www-form-urlencoded') {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x);
  const res = await fetch(`${tw.url}${path}`, { method: 'POST', headers: { Authorization: auth, 'Content-Type': type }, body: body.toString() });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
const messages = () => `/2010-04-01/Accounts/${tw.accountSid}/Messages.json`;
const MG = 'MG' + 'a'.repeat(32);

describe('the Twilio emulator', () => {
  it.each([
    ['a From number', { To: '+13055550123', From: '+15125550100', Body: 'Hi' }],
    ['a Messaging Service', { To: '+13055550123', MessagingServiceSid: MG, Body: 'Hi', StatusCallback: 'https://example.com/cb' }],
  ])('accepts a spec-valid message create with %s and stores it', async (_n, form) => {
    const r = await post(messages(), form);
    expect(r.status).toBe(201);
    expect(r.json.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(tw.messages).toHaveLength(1);
    expect(tw.messages[0]!.body).toBe('Hi');
    expect(tw.violations).toEqual([]);
  });

  it('accepts an API key as the basic-auth user', async () => {
    const r = await post(messages(), { To: '+13055550123', From: '+15125550100', Body: 'Hi' }, basic('SK' + 'b'.repeat(32), 'key-secret'));
    expect(r.status).toBe(201);
  });

  it.each([
    ['an unknown form field', { To: '+1305', From: '+1512', Body: 'x', Colour: 'red' }, 'unknown_field'],
    ['a missing required To', { From: '+1512', Body: 'x' }, 'required'],
    ['a malformed Messaging Service SID', { To: '+1305', MessagingServiceSid: 'MG123', Body: 'x' }, 'pattern'],
    ['a bad enum value', { To: '+1305', From: '+1512', Body: 'x', RiskCheck: 'maybe' }, 'enum'],
    ['a non-integer ValidityPeriod', { To: '+1305', From: '+1512', Body: 'x', ValidityPeriod: 'soon' }, 'type'],
    ['a StatusCallback that is not a URI', { To: '+1305', From: '+1512', Body: 'x', StatusCallback: 'not a url' }, 'type'],
    ['no Body, MediaUrl or ContentSid', { To: '+1305', From: '+1512' }, 'semantic'],
    ['neither From nor MessagingServiceSid', { To: '+1305', Body: 'x' }, 'semantic'],
  ])('rejects %s with a Twilio-shaped 400 and records the violation', async (_n, form, rule) => {
    const r = await post(messages(), form as Record<string, string>);
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ status: 400, code: expect.any(Number), message: expect.any(String), more_info: expect.stringContaining('twilio.com') });
    expect(tw.violations.map((v) => v.rule)).toContain(rule);
    expect(tw.messages).toHaveLength(0);
  });

  it.each([
    ['no auth', ''],
    ['a wrong token', basic('AC' + 'c'.repeat(32), 'nope')],
  ])('answers 401 (20003) to %s', async (_n, auth) => {
    const r = await post(messages(), { To: '+1305', From: '+1512', Body: 'x' }, auth);
    expect(r.status).toBe(401);
    expect(r.json.code).toBe(20003);
    expect(tw.violations[0]!.rule).toBe('auth');
  });

  it('rejects a path that is not in the spec, another account and a JSON body', async () => {
    expect((await post('/2010-04-01/Accounts/x/Calls.json', { To: '+1' })).status).toBe(404);
    const other = `/2010-04-01/Accounts/AC${'d'.repeat(32)}/Messages.json`;
    expect((await post(other, { To: '+1305', From: '+1512', Body: 'x' })).status).toBe(400);
    expect((await post(messages(), { To: '+1305' }, undefined, 'application/json')).status).toBe(400);
    expect(tw.violations.map((v) => v.rule)).toEqual(['unknown_path', 'auth', 'content_type']);
  });

  it.each([
    [21610, 400],
    [21211, 400],
    [21614, 400],
  ])('can be scripted to answer error %i', async (code, status) => {
    tw.script({ kind: 'error', code });
    const r = await post(messages(), { To: '+13055550123', From: '+15125550100', Body: 'Hi' });
    expect(r).toMatchObject({ status, json: { code, status } });
    expect(tw.messages).toHaveLength(0);
    expect(tw.violations).toEqual([]);
  });

  it('can be scripted to answer 429 with Retry-After, then behave normally', async () => {
    tw.script({ kind: 'rate_limit', retryAfterSeconds: 2 });
    const res = await fetch(`${tw.url}${messages()}`, {
      method: 'POST',
      headers: { Authorization: basic(tw.accountSid, tw.authToken), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'To=%2B13055550123&From=%2B15125550100&Body=Hi',
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect((await post(messages(), { To: '+13055550123', From: '+15125550100', Body: 'Hi' })).status).toBe(201);
  });

  it('serves Lookups v2 with line type intelligence and checks its query', async () => {
    tw.lineTypes.set('+13055550123', 'landline');
    const get = (q: string) =>
      fetch(`${tw.url}/v2/PhoneNumbers/%2B13055550123${q}`, { headers: { Authorization: basic(tw.accountSid, tw.authToken) } });
    const ok = await get('?Fields=line_type_intelligence');
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { line_type_intelligence: { type: string } }).line_type_intelligence.type).toBe('landline');
    expect((await get('?Colour=red')).status).toBe(400);
    expect(tw.violations.map((v) => v.rule)).toEqual(['query_param']);
  });

  describe('status callbacks (deliver)', () => {
    const hits: { url: string; headers: IncomingHttpHeaders; body: string }[] = [];
    let answer = 204;
    const hook = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        hits.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(answer).end();
      });
    });
    let base = '';
    beforeAll(async () => {
      await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
      base = `127.0.0.1:${(hook.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => hook.close(() => resolve())));
    beforeEach(() => {
      hits.length = 0;
      answer = 204;
    });

    const send = async (statusCallback: string) => (await post(messages(), { To: '+13055550123', From: '+15125550100', Body: 'Hi', StatusCallback: statusCallback })).json.sid as string;

    it('signs like Twilio (the documented vector)', () => {
      const params = { Digits: '1234', To: '+18005551212', From: '+14158675310', Caller: '+14158675310', CallSid: 'CA1234567890ABCDE' };
      expect(twilioRequestSignature('12345', 'https://example.com/myapp.php?foo=1&bar=2', params)).toBe('L/OH5YylLD5NRKLltdqwSvS0BnU=');
    });

    it('posts the status form with Basic Auth from the URL, signed over the URL without userinfo, and returns the answer’s status', async () => {
      const sid = await send(`http://hook%20user:p%40ss@${base}/webhook/sms-status?tenant=a`);
      answer = 200;
      expect(await tw.deliver(sid, 'undelivered', { errorCode: 30006 })).toBe(200);
      expect(hits).toHaveLength(1);
      const hit = hits[0]!;
      expect(hit.url).toBe('/webhook/sms-status?tenant=a');
      expect(Object.fromEntries(new URLSearchParams(hit.body))).toEqual({
        MessageSid: sid,
        SmsSid: sid,
        MessageStatus: 'undelivered',
        SmsStatus: 'undelivered',
        ErrorCode: '30006',
        To: '+13055550123',
        From: '+15125550100',
        AccountSid: tw.accountSid,
        ApiVersion: '2010-04-01',
      });
      expect(hit.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
      expect(hit.headers.authorization).toBe(basic('hook user', 'p@ss'));
      const url = `http://${base}/webhook/sms-status?tenant=a`;
      expect(verifyTwilio({ url, headers: hit.headers as Record<string, string>, rawBody: hit.body }, tw.authToken)).toEqual({ ok: true });
      expect(verifyTwilio({ url, headers: hit.headers as Record<string, string>, rawBody: hit.body }, 'another-token')).toMatchObject({ ok: false });
    });

    it('sends no ErrorCode and no Authorization when none is given, and reports a failing hook’s status', async () => {
      const sid = await send(`http://${base}/status`);
      answer = 503;
      expect(await tw.deliver(sid, 'delivered')).toBe(503);
      const form = Object.fromEntries(new URLSearchParams(hits[0]!.body));
      expect(form).toMatchObject({ MessageStatus: 'delivered', SmsStatus: 'delivered' });
      expect(form).not.toHaveProperty('ErrorCode');
      expect(hits[0]!.headers.authorization).toBeUndefined();
    });

    it('refuses an unknown sid and a message sent without a status callback', async () => {
      await expect(tw.deliver('SM' + '0'.repeat(32), 'delivered')).rejects.toThrow(/no accepted message/);
      const plain = (await post(messages(), { To: '+13055550123', From: '+15125550100', Body: 'Hi' })).json.sid as string;
      await expect(tw.deliver(plain, 'delivered')).rejects.toThrow(/no status callback/);
      expect(hits).toEqual([]);
    });
  });
});
