import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { MissedCallTrigger } from '../../../nodes/MissedCallTrigger/MissedCallTrigger.node';
import { missedCallTriggerProperties } from '../../../nodes/MissedCallTrigger/description';
import { BASE_PARAMS, fixture, fixtureJson, harness, type Harness } from './fakeWebhook';
import { signedVonage, VONAGE_SECRET } from './vonageDelivery';

/** Texts the phone system reports come out of the Message output, for Sequence Exit's Record Reply. */

const NOW = Date.parse('2027-03-10T15:00:00.000Z');
const NOW_S = NOW / 1000;
const ZOOM_SECRET = 'zoom-secret-for-message-tests';
const DIALPAD_SECRET = 'dialpad-secret-for-message-tests';
const RC_TOKEN = 'rc-verification-token';

type Json = Record<string, any>;
type Out = { json: Json }[][] | undefined;
const output = (r: { workflowData?: unknown }, n: number) => ((r.workflowData as Out)?.[n] ?? []).map((i) => i.json);

let h: Harness | undefined;
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

/** `signed`: the body the signature was made for (another one: a tampered delivery) */
function zoom(body: string, signed = body) {
  h = harness({ ...BASE_PARAMS, provider: 'zoom', currentTime: new Date(NOW).toISOString() }, { missedCallZoomPhoneWebhook: { secretToken: ZOOM_SECRET } });
  const sig = `v0=${createHmac('sha256', ZOOM_SECRET).update(`v0:${NOW_S}:${signed}`).digest('hex')}`;
  return h.call({ rawBody: body, headers: { 'content-type': 'application/json', 'x-zm-signature': sig, 'x-zm-request-timestamp': String(NOW_S) } });
}

/** The Zoom Phone `phone.sms_received` fixture with another text and opt statuses. */
function zoomSms(message: string, optStatuses: Json[] | undefined): string {
  const e = fixtureJson<Json>('zoom-phone.sms_received-optout-derived.json');
  e.payload.object.message = message;
  if (optStatuses === undefined) delete e.payload.object.phone_number_campaign_opt_statuses;
  else e.payload.object.phone_number_campaign_opt_statuses = optStatuses;
  return JSON.stringify(e);
}

function ringcentral(event: Json, token = RC_TOKEN) {
  h = harness({ ...BASE_PARAMS, provider: 'ringcentral', currentTime: new Date(NOW).toISOString() }, { missedCallRingCentralWebhook: { verificationToken: RC_TOKEN } });
  return h.call({ rawBody: JSON.stringify(event), headers: { 'content-type': 'application/json', 'verification-token': token } });
}

const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
function hs256(payload: object, secret: string): string {
  const input = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

function dialpad(payload: Json, secret = DIALPAD_SECRET) {
  h = harness({ ...BASE_PARAMS, provider: 'dialpad', currentTime: new Date(NOW).toISOString() }, { missedCallDialpadWebhook: { jwtSecret: DIALPAD_SECRET } });
  return h.call({ rawBody: hs256({ ...payload, iat: NOW_S }, secret), headers: { 'content-type': 'application/jwt' } });
}

/** a Vonage Messages API webhook, signed as Vonage signs its webhooks (HS256 JWT with the body's hash) */
function vonage(event: Json, secret = VONAGE_SECRET) {
  h = harness({ ...BASE_PARAMS, provider: 'vonage', currentTime: new Date(NOW).toISOString() }, { missedCallVonageWebhook: { signatureSecret: VONAGE_SECRET } });
  return h.call(signedVonage(event, NOW - 1000, secret));
}
const vonageSms = (text: string, more: Json = {}) => ({
  channel: 'sms',
  message_uuid: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
  to: '15125550142',
  from: '13055550123',
  timestamp: new Date(NOW - 2000).toISOString(),
  text,
  sms: { num_messages: '1' },
  message_type: 'text',
  ...more,
});

const dialpadSms = (text: string, direction = 'inbound') => ({
  id: 5432109876,
  direction,
  text,
  from_number: '+13055550123',
  to_number: ['+15125550142'],
  event_timestamp: NOW - 2000,
});

describe('Missed Call Trigger: the Message output', () => {
  it('is the third output', () => {
    expect(new MissedCallTrigger().description.outputNames).toEqual(['Enrolled', 'Filtered', 'Message']);
    const notice = missedCallTriggerProperties.find((p) => p.name === 'messageNotice');
    expect(notice?.displayOptions?.show?.provider).toEqual(['dialpad', 'ringcentral', 'vonage', 'zoom']);
  });

  it('emits a Zoom Phone text with Zoom\'s own opt-out verdict, and nothing else', async () => {
    const { result, reply } = await zoom(fixture('zoom-phone.sms_received-optout-derived.json'));
    expect(output(result, 0)).toEqual([]);
    expect(output(result, 1)).toEqual([]);
    expect(output(result, 2)).toEqual([
      {
        event: 'message',
        channel: 'sms',
        provider: 'zoom',
        eventType: 'phone.sms_received',
        messageId: 'IQ-abc123',
        from: '+14155557777',
        to: '+14155551001',
        text: 'STOP',
        optOutType: 'STOP',
        receivedAt: '2024-04-25T17:10:00.000Z',
      },
    ]);
    // n8n answers once the execution is stored: a failed start is a 5xx that Zoom retries
    expect(reply.answeredBy).toBe('n8n');
    expect(result.noWebhookResponse).toBeUndefined();
    // the trigger records nothing of a text: Sequence Exit does
    expect((await (await h!.ledger()).contact('+14155557777'))).toBeNull();
  });

  it.each([
    ['opt_in', 'START'],
    ['pending', null],
  ])('reads Zoom\'s opt status %s as %s', async (status, verdict) => {
    const { result } = await zoom(zoomSms('ok', [{ consumer_phone_number: '+14155557777', zoom_phone_user_number: '+14155551001', opt_status: status }]));
    expect(output(result, 2).map((m) => m.optOutType)).toEqual([verdict]);
  });

  it('leaves a text without the phone system\'s verdict to Sequence Exit, even one that reads STOP', async () => {
    const { result } = await zoom(zoomSms('stop texting me please', undefined));
    expect(output(result, 2)).toMatchObject([{ text: 'stop texting me please', optOutType: null }]);
  });

  it('emits a RingCentral inbound SMS', async () => {
    const { result, reply } = await ringcentral(fixtureJson('ringcentral-instant-message-sms-inbound.json'));
    expect(reply.answeredBy).toBe('n8n');
    expect(output(result, 2)).toEqual([
      {
        event: 'message',
        channel: 'sms',
        provider: 'ringcentral',
        eventType: 'instant-message:SMS',
        messageId: '606090030016',
        from: '+14157809227',
        to: '+16508974563',
        text: 'Hi there',
        optOutType: null,
        receivedAt: '2016-02-22T17:01:00.000Z',
      },
    ]);
  });

  it.each([
    [true, 'STOP'],
    [false, 'START'],
  ])('emits a RingCentral A2P opt-out record (active %s) as %s for the consumer', async (active, verdict) => {
    const e = fixtureJson<Json>('ringcentral-a2p-sms-optout.json');
    e.body.active = active;
    const { result } = await ringcentral(e);
    expect(output(result, 2)).toMatchObject([{ provider: 'ringcentral', from: '+12125550100', to: '+16505550100', text: '', optOutType: verdict, messageId: '12345678901234567890' }]);
  });

  it('emits a Dialpad inbound SMS and ignores an outbound one', async () => {
    const inbound = await dialpad(dialpadSms('Can you call me after 3?'));
    expect(output(inbound.result, 2)).toEqual([
      {
        event: 'message',
        channel: 'sms',
        provider: 'dialpad',
        eventType: 'sms',
        messageId: '5432109876',
        from: '+13055550123',
        to: '+15125550142',
        text: 'Can you call me after 3?',
        optOutType: null,
        receivedAt: new Date(NOW - 2000).toISOString(),
      },
    ]);
    await h!.cleanup();
    const outbound = await dialpad(dialpadSms('We missed your call', 'outbound'));
    expect(outbound.result).toEqual({ noWebhookResponse: true });
    expect(outbound.reply.status).toBe(200);
  });

  it('emits a Vonage inbound SMS (Messages API), and ignores a sent message\'s status', async () => {
    const inbound = await vonage(vonageSms('stop'));
    expect(inbound.reply.status).toBe(200);
    expect(output(inbound.result, 2)).toEqual([
      {
        event: 'message',
        channel: 'sms',
        provider: 'vonage',
        eventType: 'inbound-sms',
        messageId: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
        from: '+13055550123',
        to: '+15125550142',
        // no verdict of Vonage's own: Sequence Exit reads the text
        text: 'stop',
        optOutType: null,
        receivedAt: new Date(NOW - 2000).toISOString(),
      },
    ]);
    await h!.cleanup();
    const status = await vonage(vonageSms('', { status: 'delivered' }));
    expect(status.reply.status).toBe(200);
    expect(status.result).toEqual({ noWebhookResponse: true });
  });

  it.each([
    ['Vonage', async () => vonage(vonageSms('STOP'), 'another-secret')],
    ['Zoom', async () => zoom(zoomSms('call me', undefined), zoomSms('STOP', undefined))],
    ['RingCentral', async () => ringcentral(fixtureJson('ringcentral-instant-message-sms-inbound.json'), 'wrong-token')],
    ['Dialpad', async () => dialpad(dialpadSms('STOP'), 'wrong-secret')],
  ])('refuses a %s text that is not signed as the credential says, and emits nothing', async (_, post) => {
    const { result, reply } = await post();
    if (reply.status === 200) throw new Error('accepted an unsigned text');
    expect(reply.status).toBe(401);
    expect(result).toEqual({ noWebhookResponse: true });
  });
});
