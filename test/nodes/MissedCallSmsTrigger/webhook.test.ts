import { createHmac } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import { afterEach, describe, expect, it } from 'vitest';
import { MissedCallSmsTrigger } from '../../../nodes/MissedCallSmsTrigger/MissedCallSmsTrigger.node';
import { inboundMessage } from '../../../nodes/SequenceExit/inboundMessage';
import { twilioItemSignature } from '../../../nodes/shared/twilioItemSignature';
import { fixture, harness, signedTwilio, TWILIO_CREDS, TWILIO_TOKEN, WEBHOOK_URL, type Harness, type HarnessOptions } from '../MissedCallTrigger/fakeWebhook';

const STOP = Object.fromEntries(new URLSearchParams(fixture('twilio-sms-inbound-optout-stop.txt').trim()));
const STATUS = { MessageSid: 'SM1', SmsSid: 'SM1', AccountSid: 'AC123', From: '+15125550100', To: '+13055550123', MessageStatus: 'undelivered', SmsStatus: 'undelivered', ErrorCode: '30006', ApiVersion: '2010-04-01' };
const TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

let h: Harness;
afterEach(async () => h?.cleanup());

const trigger = (creds: Record<string, IDataObject> = TWILIO_CREDS, opts: HarnessOptions = {}) =>
  (h = harness({}, creds, undefined, { node: new MissedCallSmsTrigger(), ...opts }));
type Out = { json: IDataObject }[][] | undefined;
const emitted = (r: { workflowData?: unknown }) => ((r.workflowData as Out)?.[0] ?? []).map((i) => i.json);

describe('Missed Call SMS Trigger', () => {
  it('answers a signed inbound text with empty TwiML at once and emits it as n8n’s Webhook node would, for Sequence Exit', async () => {
    const { result, reply } = await trigger().call(signedTwilio(STOP));
    expect(reply).toEqual({ status: 200, headers: { 'content-type': 'text/xml' }, body: TWIML });
    expect(result.noWebhookResponse).toBe(true);
    const [json] = emitted(result);
    expect(json).toMatchObject({ event: 'message', body: STOP, query: {}, params: {}, webhookUrl: WEBHOOK_URL, executionMode: 'production' });
    expect((json!.headers as IDataObject)['x-twilio-signature']).toBeTypeOf('string');
    // Sequence Exit reads it as a Twilio STOP, and its own signature check passes on it too
    expect(inboundMessage(json!)).toMatchObject({ ok: true, message: { channel: 'sms', source: 'twilio', from: STOP.From, text: 'STOP' } });
    expect(twilioItemSignature(json!, TWILIO_TOKEN)).toEqual({ ok: true });
  });

  it('emits a signed status callback as event "status"', async () => {
    const { result, reply } = await trigger().call(signedTwilio(STATUS));
    expect(reply.status).toBe(200);
    expect(emitted(result)).toEqual([expect.objectContaining({ event: 'status', body: STATUS })]);
  });

  it.each([
    ['a forged signature (another token)', signedTwilio(STOP, 'not-the-token'), 'BAD_SIGNATURE'],
    ['no signature', { ...signedTwilio(STOP), headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 'MISSING_SIGNATURE'],
    ['a body changed after signing', { ...signedTwilio(STOP), rawBody: new URLSearchParams({ ...STOP, Body: 'START' }).toString() }, 'BAD_SIGNATURE'],
    ['a signature for another URL', signedTwilio(STOP, TWILIO_TOKEN, '', 'https://evil.example.com/webhook/abc/missed-call'), 'BAD_SIGNATURE'],
  ])('refuses %s with 403 and starts nothing', async (_, req, code) => {
    const { result, reply } = await trigger().call(req);
    expect(reply).toEqual({ status: 403, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: 'FORBIDDEN', code }) });
    expect(result).toEqual({ noWebhookResponse: true });
  });

  it('fails closed without a credential (403) and answers 503 + Retry-After when the credential cannot be read now', async () => {
    const none = await trigger({}).call(signedTwilio(STOP));
    expect(none.reply).toMatchObject({ status: 403, body: JSON.stringify({ error: 'FORBIDDEN', code: 'MISSING_CREDENTIAL' }) });
    expect(none.result.workflowData).toBeUndefined();
    await h.cleanup();
    const busy = await trigger(TWILIO_CREDS, {
      nodeCredentials: { missedCallTwilioApi: { id: 'c1', name: 'Twilio' } },
      getCredentials: async () => {
        throw new Error('database is locked');
      },
    }).call(signedTwilio(STOP));
    expect(busy.reply).toMatchObject({ status: 503, headers: { 'retry-after': '5' }, body: JSON.stringify({ error: 'UNAVAILABLE', code: 'CREDENTIALS_UNAVAILABLE' }) });
    expect(busy.result.workflowData).toBeUndefined();
  });

  it('fails closed when the credential has no Auth Token (an API Key credential cannot check signatures)', async () => {
    const { reply } = await trigger({ missedCallTwilioApi: { authType: 'apiKey', accountSid: 'AC123', apiKeySid: 'SK1', apiKeySecret: 's' } }).call(signedTwilio(STOP));
    expect(reply).toMatchObject({ status: 403, body: JSON.stringify({ error: 'FORBIDDEN', code: 'MISSING_SECRET' }) });
  });

  it('reads a cached Auth Token again once when a signature fails: a rotated token works at once', async () => {
    let token = 'old-token';
    let reads = 0;
    trigger(TWILIO_CREDS, {
      nodeCredentials: { missedCallTwilioApi: { id: 'c1', name: 'Twilio' } },
      getCredentials: async () => (reads++, { authType: 'authToken', accountSid: 'AC123', authToken: token }),
    });
    expect((await h.call(signedTwilio(STOP, 'old-token'))).reply.status).toBe(200);
    expect(reads).toBe(1);
    expect((await h.call(signedTwilio(STOP, 'old-token'))).reply.status).toBe(200);
    expect(reads).toBe(1);
    token = 'new-token';
    expect((await h.call(signedTwilio(STOP, 'new-token'))).reply.status).toBe(200);
    expect(reads).toBe(2);
  });

  it('checks the URL with its query, a Signed URL behind a proxy, and a URL Twilio was given with a user and password', async () => {
    expect((await trigger().call(signedTwilio(STOP, TWILIO_TOKEN, '?tenant=miami'))).reply.status).toBe(200);
    const proxied = signedTwilio(STOP, TWILIO_TOKEN, '', 'https://public.example.com/hooks/sms');
    expect((await h.call(proxied)).reply.status).toBe(403);
    const viaSigned = await h.call(proxied, { signedUrl: 'https://public.example.com/hooks/sms' });
    expect(viaSigned.reply.status).toBe(200);
    // Twilio was given https://user:pass@host/…: it signs that URL and sends the pair as Basic auth
    const withUser = signedTwilio(STOP, TWILIO_TOKEN, '', WEBHOOK_URL.replace('https://', 'https://ops:s3cret@'));
    withUser.headers = { ...withUser.headers, authorization: `Basic ${Buffer.from('ops:s3cret').toString('base64')}`, cookie: 'n8n-auth=x' };
    const r = await h.call(withUser);
    expect(r.reply.status).toBe(200);
    const headers = emitted(r.result)[0]!.headers as IDataObject;
    expect(headers.authorization).toBeUndefined();
    expect(headers.cookie).toBeUndefined();
  });

  it('checks a request to the Test URL while the editor listens (n8n 2.x getWebhookResourceUrl): Twilio signed that URL', async () => {
    const testUrl = WEBHOOK_URL.replace('/webhook/', '/webhook-test/');
    trigger(TWILIO_CREDS, { resourceUrl: testUrl });
    const r = await h.call(signedTwilio(STOP, TWILIO_TOKEN, '', testUrl));
    expect(r.reply.status).toBe(200);
    expect(emitted(r.result)[0]).toMatchObject({ webhookUrl: testUrl });
    // the production URL's signature does not pass there
    expect((await h.call(signedTwilio(STOP))).reply.status).toBe(403);
  });

  it('answers 400 to a form body with a broken %-escape, starting nothing', async () => {
    const rawBody = 'From=%2B13055550123&Body=%E0%A4%A';
    const signature = createHmac('sha1', TWILIO_TOKEN).update(WEBHOOK_URL, 'utf8').digest('base64');
    const { result, reply } = await trigger().call({ rawBody, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature } });
    expect(reply.status).toBe(400);
    expect(result.workflowData).toBeUndefined();
  });
});
