import { createHmac } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import { afterEach, describe, expect, it } from 'vitest';
import { REEMIT_GRACE_MS, REEMITTED_KIND, sweepSettledCalls, type FilterReason } from '../../../nodes/shared/triggerPipeline';
import type { Ledger } from '../../../nodes/ledger';
import { afterHours, bilingual, fourTouch } from '../../../shared/templates';
import {
  BASE_PARAMS,
  dialAction,
  fixture,
  fixtureJson,
  harness,
  parentNoAnswer,
  recordAction,
  sha256Hex,
  signedTwilio,
  TWILIO_CREDS,
  TWILIO_TOKEN,
  WEBHOOK_URL,
  type Harness,
} from './fakeWebhook';
import { failWrites } from '../ledger/failWrites';

/** failWrites in the trigger harness's embedded ledger (its user folder) */
const EMBEDDED = { credentials: {}, params: {} };

const CALLER = '+13055550123';
const TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';
const at = (iso: string) => ({ currentTime: iso });
const NOW = '2027-03-10T15:00:00.000Z';
const plus = (s: number) => new Date(Date.parse(NOW) + s * 1000).toISOString();

let h: Harness;
afterEach(async () => {
  await h?.cleanup();
});

type Out = { json: Record<string, any> }[][] | undefined;
const enrolled = (r: { workflowData?: unknown }) => ((r.workflowData as Out)?.[0] ?? []).map((i) => i.json);
const filtered = (r: { workflowData?: unknown }) => ((r.workflowData as Out)?.[1] ?? []).map((i) => i.json);

describe('Missed Call Trigger: authenticity', () => {
  it.each([
    ['a wrong signature', { 'x-twilio-signature': 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' }, 'BAD_SIGNATURE'],
    ['no signature', {}, 'MISSING_SIGNATURE'],
  ])('answers 401 with a short JSON error for %s and emits nothing', async (_, sigHeader, code) => {
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    const req = signedTwilio(parentNoAnswer('CA1', CALLER));
    const headers = { 'content-type': 'application/x-www-form-urlencoded', ...sigHeader };
    const { result, reply } = await h.call({ ...req, headers });
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body!)).toEqual({ error: 'UNAUTHORIZED', code });
    expect(result).toEqual({ noWebhookResponse: true });
    expect(await (await h.ledger()).callEvents('CA1')).toEqual([]);
  });

  it('fails closed with 401 when the credential is missing', async () => {
    h = harness(BASE_PARAMS, {});
    const { reply } = await h.call(signedTwilio(parentNoAnswer('CA1', CALLER)));
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body!).code).toBe('MISSING_SECRET');
  });

  it('accepts a signature over the URL with the query string n8n received', async () => {
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    const { reply, result } = await h.call(signedTwilio(parentNoAnswer('CA1', CALLER), undefined, '?leg=parent'));
    expect(reply.status).toBe(200);
    expect(enrolled(result)).toHaveLength(1);
  });

  it('verifies a delivery to the test URL while the editor listens (n8n 2.x getWebhookResourceUrl): Twilio signed that URL', async () => {
    const TEST_URL = 'https://n8n.example.com/webhook-test/abc/missed-call';
    h = harness(BASE_PARAMS, TWILIO_CREDS, undefined, { resourceUrl: TEST_URL });
    const toTest = { ...signedTwilio(parentNoAnswer('CA-TEST', CALLER), undefined, '', TEST_URL), path: '/webhook-test/abc/missed-call' };
    const { reply, result } = await h.call(toTest);
    expect(reply.status).toBe(200);
    expect(enrolled(result)).toHaveLength(1);
    // a signature over the production URL is not the one Twilio made for this delivery
    const { reply: wrong } = await h.call({ ...signedTwilio(parentNoAnswer('CA-TEST-2', CALLER)), path: '/webhook-test/abc/missed-call' });
    expect(wrong.status).toBe(401);
  });

  it('checks the bodySHA256 variant for Twilio JSON bodies: a matching hash passes auth, a changed body is 401', async () => {
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    const body = JSON.stringify({ CallSid: 'CJ1', CallStatus: 'no-answer', Direction: 'inbound', From: CALLER, To: '+15125550142' });
    const query = `?bodySHA256=${sha256Hex(body)}`;
    const signature = createHmac('sha1', TWILIO_TOKEN).update(WEBHOOK_URL + query, 'utf8').digest('base64');
    const headers = { 'content-type': 'application/json', 'x-twilio-signature': signature };
    const ok = await h.call({ rawBody: body, headers, path: `/webhook/abc/missed-call${query}` });
    expect(ok.reply.status).toBe(200);
    expect(enrolled(ok.result).map((i) => i.call.callId)).toEqual(['CJ1']);
    const bad = await h.call({ rawBody: body.replace('CJ1', 'CJ2'), headers, path: `/webhook/abc/missed-call${query}` });
    expect(JSON.parse(bad.reply.body!)).toEqual({ error: 'UNAUTHORIZED', code: 'BODY_HASH_MISMATCH' });
  });

  it('reads a body n8n left unread (a v2 trigger with another content type) and verifies it byte for byte', async () => {
    const vector = fixtureJson<{ configuredToken: string }>('aircall-token-vector.json');
    const creds = { missedCallAircallApi: { apiId: 'x', apiToken: 'y', webhookToken: vector.configuredToken } };
    h = harness({ ...BASE_PARAMS, provider: 'aircall' }, creds, undefined, { body: 'unread' });
    const ok = await h.call({ rawBody: fixture('aircall-call.ended-inbound-voicemail.json'), headers: { 'content-type': 'application/vnd.aircall+json' } });
    expect(ok.reply.status).toBe(200);
    expect(enrolled(ok.result)).toHaveLength(1);
  });

  it('a body that cannot be read fails closed (401), it does not throw', async () => {
    h = harness(BASE_PARAMS, TWILIO_CREDS, undefined, { body: 'unreadable' });
    const { reply, result } = await h.call(signedTwilio(parentNoAnswer('CA1', CALLER)));
    expect(reply.status).toBe(401);
    expect(result).toEqual({ noWebhookResponse: true });
  });

  it('accepts the Aircall fixture with its webhook token and refuses the one from another webhook', async () => {
    const vector = fixtureJson<{ configuredToken: string }>('aircall-token-vector.json');
    h = harness({ ...BASE_PARAMS, provider: 'aircall' }, { missedCallAircallApi: { apiId: 'x', apiToken: 'y', webhookToken: vector.configuredToken } });
    const good = await h.call({ rawBody: fixture('aircall-call.ended-inbound-voicemail.json'), headers: { 'content-type': 'application/json' } });
    expect(good.reply.status).toBe(200);
    const bad = await h.call({ rawBody: fixture('aircall-call.archived-inbound-unanswered-no-reason.json'), headers: { 'content-type': 'application/json' } });
    expect(bad.reply.status).toBe(401);
    expect(JSON.parse(bad.reply.body!).code).toBe('BAD_TOKEN');
  });
});

describe('Missed Call Trigger: malformed bodies and handshakes', () => {
  it('answers 400 with the parse error message for a signed but unreadable Twilio body', async () => {
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    const { reply, result } = await h.call(signedTwilio({ Foo: 'bar' }));
    expect(reply.status).toBe(400);
    const body = JSON.parse(reply.body!);
    expect(body.error).toBe('MISSING_FIELD');
    expect(body.message).toMatch(/CallSid/);
    expect(result.workflowData).toBeUndefined();
  });

  it('answers 400 for Aircall JSON that does not parse', async () => {
    h = harness({ ...BASE_PARAMS, provider: 'aircall' }, { missedCallAircallApi: { webhookToken: 't' } });
    const { reply } = await h.call({ rawBody: '{"token": "t", ', headers: { 'content-type': 'application/json' } });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body!).error).toBe('MALFORMED_BODY');
  });

  it('echoes the RingCentral Validation-Token and emits nothing', async () => {
    h = harness({ ...BASE_PARAMS, provider: 'ringcentral' }, { missedCallRingCentralWebhook: { verificationToken: 'hello-world' } });
    const { reply, result } = await h.call({ rawBody: '', headers: { 'content-type': 'application/json', 'validation-token': '8aaa2a77-4a5d' } });
    expect(reply.status).toBe(200);
    expect(reply.headers['validation-token']).toBe('8aaa2a77-4a5d');
    expect(result).toEqual({ noWebhookResponse: true });
  });

  it('answers Zoom endpoint.url_validation with the vector encryptedToken and emits nothing', async () => {
    const v = fixtureJson<any>('zoom-signature-vector.json');
    const signed = v.signed.find((s: any) => s.file === 'zoom-endpoint.url_validation.json');
    h = harness(
      { ...BASE_PARAMS, provider: 'zoom', ...at(new Date(Number(signed.headers['x-zm-request-timestamp']) * 1000).toISOString()) },
      { missedCallZoomPhoneWebhook: { secretToken: v.secretToken } },
    );
    const { reply, result } = await h.call({ rawBody: fixture('zoom-endpoint.url_validation.json'), headers: { 'content-type': 'application/json', ...signed.headers } });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body!)).toEqual(v.urlValidation.expectedResponse);
    expect(result.workflowData).toBeUndefined();
  });

  it('refuses a Zoom delivery signed with another secret', async () => {
    const v = fixtureJson<any>('zoom-signature-vector.json');
    const signed = v.signed[0];
    h = harness(
      { ...BASE_PARAMS, provider: 'zoom', ...at(new Date(Number(signed.headers['x-zm-request-timestamp']) * 1000).toISOString()) },
      { missedCallZoomPhoneWebhook: { secretToken: 'another-secret' } },
    );
    const { reply } = await h.call({ rawBody: fixture(signed.file), headers: { 'content-type': 'application/json', ...signed.headers } });
    expect(reply.status).toBe(401);
  });
});

describe('Missed Call Trigger: responses to Twilio', () => {
  it.each([
    ['a <Dial action> no-answer', dialAction('CA2', CALLER)],
    ['a <Record action> voicemail', recordAction('CA3', CALLER)],
    ['a child-leg status callback', Object.fromEntries(new URLSearchParams(fixture('twilio-status-callback-child-leg-no-answer.txt').trim()))],
  ])('answers %s with empty TwiML as text/xml', async (_, params) => {
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    const { reply } = await h.call(signedTwilio(params as Record<string, string>));
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/xml');
    expect(reply.body).toBe(TWIML);
  });

  it('answers other providers with 200 JSON', async () => {
    const vector = fixtureJson<{ configuredToken: string }>('aircall-token-vector.json');
    h = harness({ ...BASE_PARAMS, provider: 'aircall' }, { missedCallAircallApi: { webhookToken: vector.configuredToken } });
    const { reply } = await h.call({ rawBody: fixture('aircall-call.created-inbound.json'), headers: { 'content-type': 'application/json' } });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json');
    expect(JSON.parse(reply.body!)).toEqual({ received: true });
  });
});

describe('Missed Call Trigger: one emission per call', () => {
  it('emits once when the provider retries the same final event five times within the re-emit grace period', async () => {
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    const req = signedTwilio(parentNoAnswer('CA5', CALLER));
    const results = [];
    for (let i = 0; i < 5; i++) results.push((await h.call(req, at(plus(i * 2)))).result);
    expect(results.map((r) => enrolled(r).length)).toEqual([1, 0, 0, 0, 0]);
    expect(results.every((r) => filtered(r).length === 0)).toBe(true);
    const ledger = await h.ledger();
    expect(await ledger.callEvents('CA5')).toHaveLength(5);
    expect(await ledger.enrollmentsOf(CALLER)).toHaveLength(1);
  });

  it('says on the Enrolled item which language the caller’s texts go out in: that of the department whose line was called', async () => {
    h = harness({ ...BASE_PARAMS, templateJson: JSON.stringify(bilingual) }, TWILIO_CREDS);
    const es = enrolled((await h.call(signedTwilio(parentNoAnswer('CA-es', CALLER, { To: '+17135550141' })))).result)[0]!;
    expect([es.call.department, es.contact.language]).toEqual(['Español', 'es']);
    const en = enrolled((await h.call(signedTwilio(parentNoAnswer('CA-en', '+13055550124', { To: '+17135550140' })))).result)[0]!;
    expect([en.call.department, en.contact.language]).toEqual(['Office', 'en']);
  });

  it('says on the Enrolled item the contact’s preferred language before the department’s, also on a re-emission', async () => {
    h = harness({ ...BASE_PARAMS, templateJson: JSON.stringify(bilingual) }, TWILIO_CREDS);
    const ledger = await h.ledger();
    const before = Date.parse(NOW) - 60_000;
    await ledger.setContactLanguage(CALLER, 'es', 'crm', before);
    const es = enrolled((await h.call(signedTwilio(parentNoAnswer('CA-pref-es', CALLER, { To: '+17135550140' })))).result)[0]!;
    expect([es.call.department, es.contact.language]).toEqual(['Office', 'es']);
    await ledger.setContactLanguage('+13055550124', 'en', 'agent', before);
    const en = enrolled((await h.call(signedTwilio(parentNoAnswer('CA-pref-en', '+13055550124', { To: '+17135550141' })))).result)[0]!;
    expect([en.call.department, en.contact.language]).toEqual(['Español', 'en']);
    // set after the first emission, before the provider's retry re-emits the item: read again then
    const req = signedTwilio(parentNoAnswer('CA-pref-fr', '+13055550125', { To: '+17135550140' }));
    expect(enrolled((await h.call(req)).result)[0]!.contact.language).toBe('en');
    await ledger.setContactLanguage('+13055550125', 'fr', 'agent', Date.parse(plus(5)));
    const again = enrolled((await h.call(req, at(plus(REEMIT_GRACE_MS / 1000 + 20)))).result)[0]!;
    expect([again.reemitted?.reason, again.contact.language]).toEqual(['FIRST_TOUCH_PENDING', 'fr']);
  });

  it('emits the enrollment item with the call, the masked contact and first touch due at call + offset', async () => {
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    const { result } = await h.call(signedTwilio(parentNoAnswer('CA6', CALLER)));
    const [item] = enrolled(result);
    expect(item!.call).toMatchObject({ callId: 'CA6', class: 'missed', provider: 'twilio', from: CALLER });
    expect(item!.enrollment).toMatchObject({ templateId: fourTouch.id, created: true });
    expect(item!.contact).toMatchObject({ phone: CALLER, masked: '+1305555****', language: 'en' });
    expect(item).not.toHaveProperty('caller');
    const first = fourTouch.steps[0]!;
    expect(item!.firstTouch).toEqual({
      id: expect.any(String),
      stepId: first.id,
      dueAt: new Date(Date.parse(NOW) + first.delay.minutes * 60_000).toISOString(),
      channel: first.channel,
      enrollmentId: item!.enrollment.id,
    });
  });

  const sweep = async (atIso: string, worker = 'poller') =>
    sweepSettledCalls(await h.ledger(), { now: Date.parse(atIso), worker, limit: 50, leaseMs: 600_000 });

  it('holds a Twilio Dial no-answer and emits exactly once, as voicemail, when the recording follows', async () => {
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    const first = await h.call(signedTwilio(dialAction('CA7', CALLER)));
    expect(first.result.workflowData).toBeUndefined();
    expect(await (await h.ledger()).pendingCall('call:twilio:CA7')).toMatchObject({ status: 'pending', settleAt: Date.parse(NOW) + 90_000 });
    const second = await h.call(signedTwilio(recordAction('CA7', CALLER)), at(plus(20)));
    expect(enrolled(second.result).map((i) => i.call.class)).toEqual(['voicemail']);
    expect(await (await h.ledger()).pendingCall('call:twilio:CA7')).toMatchObject({ status: 'resolved', outcome: 'final' });
    // once its first touch went out, later retries and the scheduler's settle sweep never fire the call again
    const touchId = enrolled(second.result)[0]!.firstTouch.id;
    expect(await (await h.ledger()).beginSend(touchId, 'k', Date.parse(plus(21)))).toBe('go');
    const again = await h.call(signedTwilio(dialAction('CA7', CALLER)), at(plus(400)));
    expect(again.result.workflowData).toBeUndefined();
    expect(await sweep(plus(500))).toEqual({ claimed: 0, outcomes: [] });
    expect(await (await h.ledger()).enrollmentsOf(CALLER)).toHaveLength(1);
  });

  it('parks a held Dial no-answer in the ledger; the settle sweep enrolls it as missed once the window elapsed, once', async () => {
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    expect((await h.call(signedTwilio(dialAction('CA9', CALLER)))).result.workflowData).toBeUndefined();
    // another call meanwhile does not fire it (nothing sweeps inside the webhook any more)
    const other = await h.call(signedTwilio(parentNoAnswer('CA10', '+13055550124')), at(plus(91)));
    expect(enrolled(other.result).map((i) => i.call.callId)).toEqual(['CA10']);
    expect(await sweep(plus(89))).toEqual({ claimed: 0, outcomes: [] });
    const [a, b] = await Promise.all([sweep(plus(90), 'p1'), sweep(plus(90), 'p2')]);
    const outcomes = [...a.outcomes, ...b.outcomes];
    expect(outcomes.map((o) => [o.callKey, o.outcome, o.enrolled?.call.class, o.enrolled?.correlation.via])).toEqual([
      ['call:twilio:CA9', 'enrolled', 'missed', 'settled'],
    ]);
    const ledger = await h.ledger();
    const [enrollment] = await ledger.enrollmentsOf(CALLER);
    expect(enrollment).toMatchObject({ callId: 'CA9', templateId: fourTouch.id, status: 'active' });
    const first = fourTouch.steps[0]!;
    expect((await ledger.touchesOf(enrollment!.id)).map((t) => [t.stepId, t.dueAt])).toEqual([[first.id, Date.parse(NOW) + first.delay.minutes * 60_000]]);
    expect(await sweep(plus(200))).toEqual({ claimed: 0, outcomes: [] });
    // a late final event of the same call is a no-op once the scheduler handed out its first touch
    const due = (await ledger.touchesOf(enrollment!.id))[0]!.dueAt;
    const handedOut = await ledger.claimDueTouches({ now: Math.max(due, Date.parse(plus(300))), limit: 10, worker: 'w', leaseMs: 60_000 });
    expect(handedOut.map((t) => t.enrollmentId)).toContain(enrollment!.id);
    expect((await h.call(signedTwilio(recordAction('CA9', CALLER)), at(plus(300)))).result.workflowData).toBeUndefined();
    expect(await ledger.enrollmentsOf(CALLER)).toHaveLength(1);
  });

  it('parks a settled call that fails the filters as filtered, and the sweep records it without enrolling', async () => {
    h = harness({ ...BASE_PARAMS, filters: { ignoreNumbers: CALLER } }, TWILIO_CREDS);
    await h.call(signedTwilio(dialAction('CA15', CALLER)));
    const r = await sweep(plus(90));
    expect(r.outcomes.map((o) => [o.outcome, o.filtered?.filtered.reason])).toEqual([['filtered', 'IGNORED_NUMBER']]);
    expect(await (await h.ledger()).enrollmentsOf(CALLER)).toEqual([]);
  });

  it('a <Dial> leg an agent’s voicemail box took (machine detection) is no answer: the caller is enrolled once the window settles', async () => {
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    const leg = { AccountSid: 'AC123', CallSid: 'CAleg9', ParentCallSid: 'CA19', Direction: 'outbound-dial', From: CALLER, To: '+15125550100', CallbackSource: 'call-progress-events', SequenceNumber: '2' };
    const { result } = await h.call(signedTwilio({ ...leg, CallStatus: 'completed', AnsweredBy: 'machine_end_beep', CallDuration: '21' }));
    expect(result.workflowData).toBeUndefined();
    const r = await sweep(plus(90));
    expect(r.outcomes.map((o) => [o.outcome, o.enrolled?.call.class, o.enrolled?.contact.phone])).toEqual([['enrolled', 'missed', CALLER]]);
    expect(await (await h.ledger()).auditTrail({ kinds: ['call_connected'] })).toEqual([]);
  });

  it('never fires a held call whose other leg was answered', async () => {
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    const leg = { AccountSid: 'AC123', CallSid: 'CAleg1', ParentCallSid: 'CA13', Direction: 'outbound-dial', From: CALLER, To: '+15125550100', CallbackSource: 'call-progress-events', SequenceNumber: '2' };
    await h.call(signedTwilio({ ...leg, CallStatus: 'no-answer' }));
    await h.call(signedTwilio({ ...leg, CallSid: 'CAleg2', CallStatus: 'completed' }), at(plus(5)));
    expect(await sweep(plus(300))).toEqual({ claimed: 0, outcomes: [] });
    expect(await (await h.ledger()).enrollmentsOf(CALLER)).toEqual([]);
  });
});

describe('Missed Call Trigger: a human conversation ends the follow-up', () => {
  it('a later call from the caller that a person answers ends the sequence and cancels its touches, once', async () => {
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    const [first] = enrolled((await h.call(signedTwilio(parentNoAnswer('CA20', CALLER)))).result);
    const id = first!.enrollment.id as string;
    const answered = signedTwilio(dialAction('CA21', CALLER.replace('+1', ''), 'completed', { DialBridged: 'true' }));
    for (let i = 0; i < 3; i++) {
      const { result, reply } = await h.call(answered, at(plus(600 + i)));
      expect(enrolled(result)).toEqual([]);
      expect(reply.status).toBe(200);
    }
    const ledger = await h.ledger();
    expect(await ledger.enrollment(id)).toMatchObject({ status: 'exited', endReason: 'call_connected' });
    expect((await ledger.touchesOf(id)).every((t) => t.status === 'cancelled')).toBe(true);
    const audit = await ledger.auditTrail({ phone: CALLER, kinds: ['call_connected'] });
    expect(audit.map((a) => a.data)).toEqual([{ callId: 'CA21', provider: 'twilio', direction: 'inbound', at: Date.parse(plus(600)), exitedEnrollments: [id] }]);
  });

  it('a caller who replied within the in-conversation window (default 24 h) starts no new sequence; after it, or with 0, they do', async () => {
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    const ledger = await h.ledger();
    await ledger.recordReply(CALLER, { text: 'ok call me after 5', class: 'reply', channel: 'sms', now: Date.parse(NOW) - 2 * 3_600_000 });
    const { result } = await h.call(signedTwilio(parentNoAnswer('CA30', CALLER)));
    expect(enrolled(result)).toEqual([]);
    expect(filtered(result).map((i) => i.filtered.reason)).toEqual(['ENROLLMENT_IN_CONVERSATION']);
    expect(filtered(result)[0]!.filtered.detail).toBe(
      "the caller replied or spoke with a person in the last 24 h, so a person is talking with them (the trigger's In-Conversation Window; 0 turns it off, e.g. while testing)",
    );
    // 23 h after the reply: still in the conversation; 25 h after it: a new sequence
    expect(filtered((await h.call(signedTwilio(parentNoAnswer('CA31', CALLER)), at(plus(21 * 3600)))).result).map((i) => i.filtered.reason)).toEqual(['ENROLLMENT_IN_CONVERSATION']);
    expect(enrolled((await h.call(signedTwilio(parentNoAnswer('CA32', CALLER)), at(plus(23 * 3600)))).result)).toHaveLength(1);
    await h.cleanup();

    h = harness({ ...BASE_PARAMS, filters: { conversationHours: 0 } }, TWILIO_CREDS);
    await (await h.ledger()).recordReply(CALLER, { text: 'ok call me after 5', class: 'reply', channel: 'sms', now: Date.parse(NOW) - 60_000 });
    expect(enrolled((await h.call(signedTwilio(parentNoAnswer('CA33', CALLER)))).result)).toHaveLength(1);
  });

  it('a caller who spoke with a person on a call within the in-conversation window starts no new sequence; after it they do', async () => {
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    const [first] = enrolled((await h.call(signedTwilio(parentNoAnswer('CA50', CALLER)))).result);
    // the caller rings back and a person answers: the run ends and the conversation is on record
    await h.call(signedTwilio(dialAction('CA51', CALLER.replace('+1', ''), 'completed', { DialBridged: 'true' })), at(plus(600)));
    const ledger = await h.ledger();
    expect(await ledger.enrollment(first!.enrollment.id as string)).toMatchObject({ status: 'exited', endReason: 'call_connected' });
    expect((await ledger.contact(CALLER))!.lastConversationAt).toBe(Date.parse(plus(600)));
    // a missed call 2 h after the conversation: filtered; 25 h after it: a new sequence
    const two = await h.call(signedTwilio(parentNoAnswer('CA52', CALLER)), at(plus(600 + 2 * 3600)));
    expect(enrolled(two.result)).toEqual([]);
    expect(filtered(two.result).map((i) => i.filtered.reason)).toEqual(['ENROLLMENT_IN_CONVERSATION']);
    expect(enrolled((await h.call(signedTwilio(parentNoAnswer('CA53', CALLER)), at(plus(600 + 25 * 3600)))).result)).toHaveLength(1);
  });

  it('an agent’s call a caller picked up counts as a conversation, for a known caller and a number never dealt with alike', async () => {
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    const ledger = await h.ledger();
    await ledger.upsertContact({ phone: CALLER, name: 'Ana', now: Date.parse(NOW) - 30 * 86_400_000 });
    const agentCall = (sid: string, to: string) =>
      signedTwilio({ AccountSid: 'AC123', CallSid: sid, CallStatus: 'completed', Direction: 'outbound-api', From: '+15125550142', To: to, CallDuration: '95' });
    await h.call(agentCall('CA60', CALLER), at(plus(60)));
    expect((await ledger.contact(CALLER))!.lastConversationAt).toBe(Date.parse(plus(60)));
    // nothing was running, so nothing ended and nothing was audited for the call itself
    expect(await ledger.auditTrail({ kinds: ['call_connected'] })).toEqual([]);
    expect(filtered((await h.call(signedTwilio(parentNoAnswer('CA61', CALLER)), at(plus(3600)))).result).map((i) => i.filtered.reason)).toEqual([
      'ENROLLMENT_IN_CONVERSATION',
    ]);
    // a number the ledger never dealt with gets a contact holding only the conversation: its miss within
    // the window is filtered too, and one after it enrolls
    const stranger = '+13055550177';
    await h.call(agentCall('CA62', stranger), at(plus(60)));
    expect(await ledger.contact(stranger)).toMatchObject({ lastConversationAt: Date.parse(plus(60)), name: null, consent: null });
    expect(await ledger.enrollmentsOf(stranger)).toEqual([]);
    expect(filtered((await h.call(signedTwilio(parentNoAnswer('CA63', stranger)), at(plus(3600)))).result).map((i) => i.filtered.reason)).toEqual([
      'ENROLLMENT_IN_CONVERSATION',
    ]);
    expect(enrolled((await h.call(signedTwilio(parentNoAnswer('CA64', stranger)), at(plus(60 + 25 * 3600)))).result)).toHaveLength(1);
    expect(await ledger.auditTrail({ kinds: ['call_connected'] })).toEqual([]);
  });

  it('a first-time caller whose call a person answered and who calls again 10 minutes later, missed, starts no sequence', async () => {
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    const ledger = await h.ledger();
    expect(await ledger.contact(CALLER)).toBeNull();
    // the first call ever from this number: the agent picks up (Dial bridged), nothing to end
    const { result } = await h.call(signedTwilio(dialAction('CA70', CALLER.replace('+1', ''), 'completed', { DialBridged: 'true' })));
    expect(enrolled(result)).toEqual([]);
    expect((await ledger.contact(CALLER))!.lastConversationAt).toBe(Date.parse(NOW));
    const again = await h.call(signedTwilio(parentNoAnswer('CA71', CALLER)), at(plus(600)));
    expect(enrolled(again.result)).toEqual([]);
    expect(filtered(again.result).map((i) => i.filtered.reason)).toEqual(['ENROLLMENT_IN_CONVERSATION']);
    expect(await ledger.enrollmentsOf(CALLER)).toEqual([]);
  });

  it('an In-Conversation Window above 720 h applies as 720 h, the longest the ledger keeps a conversation for', async () => {
    h = harness({ ...BASE_PARAMS, filters: { conversationHours: 10_000 } }, TWILIO_CREDS);
    const ledger = await h.ledger();
    await ledger.recordReply(CALLER, { text: 'call me', class: 'reply', channel: 'sms', now: Date.parse(NOW) - 29 * 86_400_000 });
    await ledger.recordReply('+13055550178', { text: 'call me', class: 'reply', channel: 'sms', now: Date.parse(NOW) - 31 * 86_400_000 });
    expect(filtered((await h.call(signedTwilio(parentNoAnswer('CA80', CALLER)))).result).map((i) => i.filtered.reason)).toEqual(['ENROLLMENT_IN_CONVERSATION']);
    expect(enrolled((await h.call(signedTwilio(parentNoAnswer('CA81', '+13055550178')))).result)).toHaveLength(1);
  });

  it('an agent’s call-back the caller answers ends the sequence; one a machine answered does not', async () => {
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    const [first] = enrolled((await h.call(signedTwilio(parentNoAnswer('CA40', CALLER)))).result);
    const id = first!.enrollment.id as string;
    const agentCall = (sid: string, extra: Record<string, string>) =>
      signedTwilio({ AccountSid: 'AC123', CallSid: sid, CallStatus: 'completed', Direction: 'outbound-api', From: '+15125550142', To: CALLER, CallDuration: '95', ...extra });
    await h.call(agentCall('CA41', { AnsweredBy: 'machine_end_beep' }), at(plus(300)));
    const ledger = await h.ledger();
    expect((await ledger.enrollment(id))!.status).toBe('active');
    await h.call(agentCall('CA42', {}), at(plus(900)));
    expect(await ledger.enrollment(id)).toMatchObject({ status: 'exited', endReason: 'call_connected' });
    expect((await ledger.auditTrail({ phone: CALLER, kinds: ['call_connected'] })).map((a) => a.data)).toMatchObject([{ callId: 'CA42', direction: 'outbound' }]);
  });

  it('a click-to-call (our call rings the agent, then dials the caller) that the caller answers ends their sequence', async () => {
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    const [first] = enrolled((await h.call(signedTwilio(parentNoAnswer('CA60', CALLER)))).result);
    const id = first!.enrollment.id as string;
    const ledger = await h.ledger();
    const AGENT = '+15125550177';
    const status = { AccountSid: 'AC123', CallbackSource: 'call-progress-events', From: '+15125550142' };
    await h.call(signedTwilio({ ...status, CallSid: 'CA61', Direction: 'outbound-api', To: AGENT, CallStatus: 'in-progress', SequenceNumber: '1' }), at(plus(300)));
    expect((await ledger.enrollment(id))!.status).toBe('active');
    // the agent picked up; their <Dial> to the caller rings out first, then a second try is answered
    const leg = (sid: string, CallStatus: string) => signedTwilio({ ...status, CallSid: sid, ParentCallSid: 'CA61', Direction: 'outbound-dial', To: CALLER, CallStatus, SequenceNumber: '2' });
    const unanswered = await h.call(leg('CA62', 'no-answer'), at(plus(330)));
    expect(unanswered.result.workflowData).toBeUndefined();
    expect((await ledger.enrollment(id))!.status).toBe('active');
    expect(await sweepSettledCalls(ledger, { now: Date.parse(plus(600)), worker: 'poller', limit: 50, leaseMs: 600_000 })).toEqual({ claimed: 0, outcomes: [] });
    await h.call(leg('CA63', 'in-progress'), at(plus(700)));
    expect(await ledger.enrollment(id)).toMatchObject({ status: 'exited', endReason: 'call_connected' });
    expect((await ledger.auditTrail({ phone: CALLER, kinds: ['call_connected'] })).map((a) => a.data)).toMatchObject([{ callId: 'CA61', direction: 'outbound', exitedEnrollments: [id] }]);
  });

  describe('call-backs with Twilio asynchronous AMD (Outbound Calls Use Async AMD)', () => {
    const STATUS = { AccountSid: 'AC123', Direction: 'outbound-api', From: '+15125550142', To: CALLER, CallbackSource: 'call-progress-events' };
    const answeredAt = (sid: string) => signedTwilio({ ...STATUS, CallSid: sid, CallStatus: 'in-progress', SequenceNumber: '1' });
    const completedAt = (sid: string) => signedTwilio({ ...STATUS, CallSid: sid, CallStatus: 'completed', CallDuration: '40', SequenceNumber: '2' });
    const verdict = (sid: string, answeredBy: string) => signedTwilio({ AccountSid: 'AC123', CallSid: sid, AnsweredBy: answeredBy, MachineDetectionDuration: '2100' });
    async function enrolledCaller(sid: string, asyncAmd: boolean) {
      h = harness({ ...BASE_PARAMS, twilioAsyncAmd: asyncAmd }, TWILIO_CREDS);
      const [first] = enrolled((await h.call(signedTwilio(parentNoAnswer(sid, CALLER)))).result);
      return { id: first!.enrollment.id as string, ledger: await h.ledger() };
    }

    it('waits for the verdict: a person ends the sequence, with the number from the answer', async () => {
      const { id, ledger } = await enrolledCaller('CA50', true);
      const answered = await h.call(answeredAt('CA51'), at(plus(300)));
      expect(answered.reply.status).toBe(200);
      expect((await ledger.enrollment(id))!.status).toBe('active');
      const human = await h.call(verdict('CA51', 'human'), at(plus(303)));
      expect(human.reply.status).toBe(200);
      expect(await ledger.enrollment(id)).toMatchObject({ status: 'exited', endReason: 'call_connected' });
      expect((await ledger.auditTrail({ phone: CALLER, kinds: ['call_connected'] })).map((a) => a.data)).toMatchObject([{ callId: 'CA51', direction: 'outbound' }]);
    });

    it('a voicemail box leaves the sequence running, also when the call completes afterwards', async () => {
      const { id, ledger } = await enrolledCaller('CA52', true);
      await h.call(answeredAt('CA53'), at(plus(300)));
      await h.call(verdict('CA53', 'machine_end_beep'), at(plus(304)));
      await h.call(completedAt('CA53'), at(plus(340)));
      expect((await ledger.enrollment(id))!.status).toBe('active');
      expect(await ledger.auditTrail({ kinds: ['call_connected'] })).toEqual([]);
    });

    it('a call that completes without a verdict counts as answered', async () => {
      const { id, ledger } = await enrolledCaller('CA54', true);
      await h.call(answeredAt('CA55'), at(plus(300)));
      expect((await ledger.enrollment(id))!.status).toBe('active');
      await h.call(completedAt('CA55'), at(plus(330)));
      expect(await ledger.enrollment(id)).toMatchObject({ status: 'exited', endReason: 'call_connected' });
    });

    it('without the option the answer ends the sequence at once, and a verdict alone is accepted', async () => {
      const { id, ledger } = await enrolledCaller('CA56', false);
      const lone = await h.call(verdict('CA99', 'human'), at(plus(200)));
      expect(lone.reply.status).toBe(200);
      expect((await ledger.enrollment(id))!.status).toBe('active');
      await h.call(answeredAt('CA57'), at(plus(300)));
      expect(await ledger.enrollment(id)).toMatchObject({ status: 'exited', endReason: 'call_connected' });
    });
  });

  it('a call another number makes, or one nobody answered, leaves the sequence running', async () => {
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    const [first] = enrolled((await h.call(signedTwilio(parentNoAnswer('CA22', CALLER)))).result);
    await h.call(signedTwilio(dialAction('CA23', '+13055550199', 'completed')), at(plus(60)));
    await h.call(signedTwilio(parentNoAnswer('CA24', CALLER, { Direction: 'outbound-api' })), at(plus(120)));
    const ledger = await h.ledger();
    expect((await ledger.enrollment(first!.enrollment.id as string))!.status).toBe('active');
    expect(await ledger.auditTrail({ kinds: ['call_connected'] })).toEqual([]);
  });
});

describe('Missed Call Trigger: filters go to the Filtered output and the audit trail', () => {
  it('drops an outbound call on no output at all (it is not a miss)', async () => {
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    const { result } = await h.call(signedTwilio(parentNoAnswer('CF1', CALLER, { Direction: 'outbound-api' })));
    expect(result).toEqual({ noWebhookResponse: true });
  });

  const cases: [string, IDataObject, Record<string, string>, string, FilterReason][] = [
    ['an unselected class', { classes: ['voicemail'] }, parentNoAnswer('CF2', CALLER), NOW, 'CLASS_NOT_SELECTED'],
    ['an ignored number', { filters: { ignoreNumbers: `+13055550100, ${CALLER}` } }, parentNoAnswer('CF3', CALLER), NOW, 'IGNORED_NUMBER'],
    ['an ignored number written as dialled', { filters: { ignoreNumbers: `+13055550100\n${CALLER.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, '($1) $2-$3')}` } }, parentNoAnswer('CF7', CALLER), NOW, 'IGNORED_NUMBER'],
    ['a withheld number', {}, parentNoAnswer('CF4', 'anonymous'), NOW, 'NO_CALLER_NUMBER'],
    ['a night call when only opening hours enroll', { filters: { calendar: 'open_hours' } }, parentNoAnswer('CF5', CALLER), '2027-03-10T03:00:00.000Z', 'OUTSIDE_CALENDAR'],
    ['a day call when only after-hours calls enroll', { filters: { calendar: 'after_hours' } }, parentNoAnswer('CF6', CALLER), NOW, 'OUTSIDE_CALENDAR'],
  ];

  it.each(cases)('filters %s', async (_, params, body, now, reason) => {
    h = harness({ ...BASE_PARAMS, ...params }, TWILIO_CREDS);
    const { result } = await h.call(signedTwilio(body), at(now));
    expect(enrolled(result)).toEqual([]);
    expect(filtered(result).map((i) => i.filtered.reason)).toEqual([reason]);
    const audit = await (await h.ledger()).auditTrail({});
    expect(audit.find((a) => a.kind === 'missed_call_filtered')?.data).toMatchObject({ reason, callId: body.CallSid });
  });

  it('filters a direction other than inbound when the call class is a miss', async () => {
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    const leg = { AccountSid: 'AC123', CallSid: 'CAx', Direction: 'trunking-originating', From: CALLER, To: '+15125550142', CallStatus: 'no-answer', CallbackSource: 'call-progress-events' };
    const { result } = await h.call(signedTwilio(leg));
    expect(filtered(result).map((i) => i.filtered.reason)).toEqual(['NOT_INBOUND']);
    const off = harness({ ...BASE_PARAMS, filters: { inboundOnly: false } }, TWILIO_CREDS);
    const r2 = await off.call(signedTwilio({ ...leg, CallSid: 'CAy' }));
    expect(enrolled(r2.result)).toHaveLength(1);
    await off.cleanup();
  });

  it.each([
    ['in the template after-hours calendar during opening hours', '2027-03-10T15:00:00.000Z', 'OUTSIDE_CALENDAR'],
    ['in the template after-hours calendar at night', '2027-03-10T03:00:00.000Z', null],
  ])('applies the template calendar %s', async (_, now, reason) => {
    h = harness({ ...BASE_PARAMS, templateJson: JSON.stringify(afterHours) }, TWILIO_CREDS);
    const { result } = await h.call(signedTwilio(parentNoAnswer('CC1', CALLER)), at(now));
    if (reason) expect(filtered(result).map((i) => i.filtered.reason)).toEqual([reason]);
    else expect(enrolled(result)).toHaveLength(1);
  });

  it('lets a miss without a known ring time pass the minimum ring filter (Aircall never-answered call)', async () => {
    const vector = fixtureJson<{ configuredToken: string }>('aircall-token-vector.json');
    const body = fixtureJson<any>('aircall-call.ended-inbound-missed-novoicemail-derived.json');
    body.token = vector.configuredToken;
    h = harness({ ...BASE_PARAMS, provider: 'aircall', filters: { minRingSeconds: 5 } }, { missedCallAircallApi: { webhookToken: vector.configuredToken } });
    const { result } = await h.call({ rawBody: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expect(enrolled(result).map((i) => [i.call.class, i.call.ringSeconds])).toEqual([['missed', null]]);
  });

  it('filters a Twilio queue hangup that waited less than the minimum ring time', async () => {
    h = harness({ ...BASE_PARAMS, filters: { minRingSeconds: 10 } }, TWILIO_CREDS);
    const q = { AccountSid: 'AC123', CallSid: 'CQ1', Direction: 'inbound', From: CALLER, To: '+15125550142', CallStatus: 'in-progress', QueueResult: 'hangup', QueueSid: 'QU1' };
    const short = await h.call(signedTwilio({ ...q, QueueTime: '4' }));
    expect(filtered(short.result).map((i) => i.filtered.reason)).toEqual(['RING_TOO_SHORT']);
    const long = await h.call(signedTwilio({ ...q, CallSid: 'CQ2', From: '+13055550124', QueueTime: '40' }));
    expect(enrolled(long.result).map((i) => i.call.class)).toEqual(['abandoned']);
  });

  it('filters a repeat caller within the window but not after it', async () => {
    h = harness({ ...BASE_PARAMS, filters: { repeatCallerMinutes: 30 } }, TWILIO_CREDS);
    const a = await h.call(signedTwilio(parentNoAnswer('CR1', CALLER)));
    expect(enrolled(a.result)).toHaveLength(1);
    const b = await h.call(signedTwilio(parentNoAnswer('CR2', CALLER)), at(plus(10 * 60)));
    expect(filtered(b.result).map((i) => i.filtered.reason)).toEqual(['REPEAT_CALLER']);
    expect(filtered(b.result)[0]!.filtered.detail).toBe("the caller already triggered within 30 min (the trigger's Repeat-Caller Window; 0 turns it off)");
    const c = await h.call(signedTwilio(parentNoAnswer('CR3', CALLER)), at(plus(31 * 60)));
    expect(filtered(c.result).map((i) => i.filtered.reason)).toEqual(['ENROLLMENT_ACTIVE_ENROLLMENT']);
    // says since when and how to end it (an operator testing with their own phone calls again)
    expect(filtered(c.result)[0]!.filtered.detail).toBe(
      `the caller is already in this sequence (started ${new Date(Date.parse(NOW)).toISOString()}); a new call starts one once it ends (Missed Call Ledger → Contact → End Sequences ends it now)`,
    );
  });

  it.each([
    ['mobile', 1, 0],
    ['landline', 0, 1],
    ['fixedVoip', 0, 1],
  ])('with Mobile Only and Twilio Lookup, a %s caller is enrolled %i / filtered %i times', async (type, nEnrolled, nFiltered) => {
    h = harness(
      { ...BASE_PARAMS, filters: { mobileOnly: true, lookupLineType: true } },
      { missedCallTwilioApi: { ...TWILIO_CREDS.missedCallTwilioApi, lookupBaseUrl: 'http://lookup.test' } },
      () => ({ phone_number: CALLER, line_type_intelligence: { type } }),
    );
    const { result } = await h.call(signedTwilio(parentNoAnswer('CM1', CALLER)));
    expect(enrolled(result)).toHaveLength(nEnrolled);
    expect(filtered(result)).toHaveLength(nFiltered);
    if (nFiltered) expect(filtered(result)[0]!.filtered.reason).toBe('NOT_MOBILE');
    expect(h.httpRequests[0]).toMatchObject({ method: 'GET', url: `http://lookup.test/v2/PhoneNumbers/${encodeURIComponent(CALLER)}`, qs: { Fields: 'line_type_intelligence' } });
  });
});

describe('Missed Call Trigger: enrollment', () => {
  it('names the department from the line that was called and records informational consent from the call', async () => {
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    const { result } = await h.call(signedTwilio(parentNoAnswer('CD1', CALLER)));
    expect(enrolled(result)[0]!.call.department).toBe('Service');
    const contact = await (await h.ledger()).contact(CALLER);
    expect(contact!.consent).toMatchObject({ level: 'informational', source: 'inbound_call:twilio:CD1' });
  });

  it('never lowers a stronger consent already on record', async () => {
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    const ledger = await h.ledger();
    await ledger.upsertContact({ phone: CALLER, now: Date.parse(NOW) - 1000 });
    await ledger.recordConsent(CALLER, 'written', 'web_form', Date.parse(NOW) - 1000);
    await h.call(signedTwilio(parentNoAnswer('CD2', CALLER)));
    expect((await ledger.contact(CALLER))!.consent).toMatchObject({ level: 'written', source: 'web_form' });
  });

  it('enrolls the caller when the Twilio Lookup fails (a lookup outage never loses a call), once across retries', async () => {
    h = harness(
      { ...BASE_PARAMS, filters: { mobileOnly: true, lookupLineType: true } },
      { missedCallTwilioApi: { ...TWILIO_CREDS.missedCallTwilioApi, lookupBaseUrl: 'http://lookup.test' } },
      () => {
        throw new Error('lookup down');
      },
    );
    const first = await h.call(signedTwilio(parentNoAnswer('CR1', CALLER)));
    const retry = await h.call(signedTwilio(parentNoAnswer('CR1', CALLER)));
    expect(enrolled(first.result)).toHaveLength(1);
    expect(enrolled(first.result)[0]!.contact.lineType).toBe('unknown');
    expect(enrolled(retry.result)).toHaveLength(0);
    expect((await (await h.ledger()).enrollmentsOf(CALLER)).length).toBe(1);
  });

  it.each([
    ['never', { policy: 'never' }, 'ENROLLMENT_REENTRY_BLOCKED'],
    ['after_days (within the days)', { policy: 'after_days', days: 30 }, 'ENROLLMENT_REENTRY_BLOCKED'],
  ])('honors the template re-entry policy %s after the first sequence ended', async (_, reentry, reason) => {
    const template = { ...fourTouch, reentry };
    h = harness({ ...BASE_PARAMS, templateJson: JSON.stringify(template) }, TWILIO_CREDS);
    const first = await h.call(signedTwilio(parentNoAnswer('CE1', CALLER)));
    const id = enrolled(first.result)[0]!.enrollment.id as string;
    const ledger = await h.ledger();
    await ledger.completeEnrollment(id, Date.parse(plus(3600)));
    const second = await h.call(signedTwilio(parentNoAnswer('CE2', CALLER)), at(plus(7200)));
    expect(filtered(second.result).map((i) => [i.filtered.reason, i.enrollment?.created])).toEqual([[reason, false]]);
    expect(filtered(second.result)[0]!.filtered.detail).toMatch(reentry.policy === 'never' ? /^the template never lets a caller start this sequence again \(started .+\) \(Re-entry\)$/ : /only 30 day\(s\) after their last sequence/);
  });

  it('enrolls again after completion when the policy is after_completion', async () => {
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    const first = await h.call(signedTwilio(parentNoAnswer('CE3', CALLER)));
    await (await h.ledger()).completeEnrollment(enrolled(first.result)[0]!.enrollment.id, Date.parse(plus(3600)));
    const second = await h.call(signedTwilio(parentNoAnswer('CE4', CALLER)), at(plus(7200)));
    expect(enrolled(second.result)).toHaveLength(1);
  });

  it('a failing enrollment answers 503 and leaves no claim behind: the provider retry enrolls the call', async () => {
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    const ledger = await h.ledger();
    const heal = await failWrites(EMBEDDED, { op: 'INSERT', table: 'touches', column: 'step_id', value: 'sms-first' });
    const failed = await h.call(signedTwilio(parentNoAnswer('CF1', CALLER))).finally(heal);
    expect(failed.reply.status).toBe(503);
    expect(await ledger.enrollmentsOf(CALLER)).toEqual([]);
    const retry = await h.call(signedTwilio(parentNoAnswer('CF1', CALLER)));
    expect(enrolled(retry.result)).toHaveLength(1);
    // claim and enrollment were one transaction: nothing to give back
    expect((await ledger.auditTrail({})).map((a) => a.kind).filter((k) => k === 'missed_call_trigger_failed' || k === 'claim_released')).toEqual([
      'missed_call_trigger_failed',
    ]);
  });

  it('with a carrier lookup, claims the call before looking it up: a duplicate costs no lookup, a failing enrollment gives the claim back', async () => {
    h = harness(
      { ...BASE_PARAMS, filters: { mobileOnly: true, lookupLineType: true } },
      { missedCallTwilioApi: { ...TWILIO_CREDS.missedCallTwilioApi, lookupBaseUrl: 'http://lookup.test' } },
      () => ({ line_type_intelligence: { type: 'mobile' } }),
    );
    const ledger = await h.ledger();
    const heal = await failWrites(EMBEDDED, { op: 'INSERT', table: 'touches', column: 'step_id', value: 'sms-first' });
    const failed = await h.call(signedTwilio(parentNoAnswer('CF2', CALLER))).finally(heal);
    expect(failed.reply.status).toBe(503);
    const retry = await h.call(signedTwilio(parentNoAnswer('CF2', CALLER)));
    const duplicate = await h.call(signedTwilio(parentNoAnswer('CF2', CALLER)));
    expect([enrolled(retry.result).length, enrolled(duplicate.result).length]).toEqual([1, 0]);
    // one lookup: the retry reads the line type the failed delivery recorded
    expect(h.httpRequests).toHaveLength(1);
    expect((await ledger.auditTrail({})).map((a) => a.kind).filter((k) => k === 'missed_call_trigger_failed' || k === 'claim_released')).toEqual([
      'claim_released',
      'missed_call_trigger_failed',
    ]);
  });

  it('answers 200 for an invalid template, emits the call on Filtered (TEMPLATE_INVALID, why) and audits it with the call', async () => {
    h = harness({ ...BASE_PARAMS, templateJson: JSON.stringify({ ...fourTouch, steps: [] }) }, TWILIO_CREDS);
    const { result, reply } = await h.call(signedTwilio(parentNoAnswer('CT1', CALLER)));
    expect(reply.status).toBe(200);
    expect(result.workflowData?.[0]).toEqual([]);
    expect(result.workflowData?.[1]).toHaveLength(1);
    expect(result.workflowData![1]![0]!.json).toMatchObject({
      call: { callId: 'CT1', from: CALLER },
      filtered: { reason: 'TEMPLATE_INVALID', detail: expect.stringMatching(/^The sequence template has \d+ error\(s\), first: /) },
      contact: null,
    });
    // a provider's retry of the same call emits nothing more
    const again = await h.call(signedTwilio(parentNoAnswer('CT1', CALLER)));
    expect(again.result.workflowData).toBeUndefined();
    const audit = await (await h.ledger()).auditTrail({});
    const entry = audit.find((a) => a.kind === 'TEMPLATE_INVALID');
    expect(entry?.data).toMatchObject({ call: { callId: 'CT1', from: CALLER } });
    expect(await (await h.ledger()).enrollmentsOf(CALLER)).toEqual([]);
  });

  it('loads the template from a URL with a short timeout', async () => {
    h = harness({ ...BASE_PARAMS, templateSource: 'url', templateUrl: 'https://templates.test/four.json' }, TWILIO_CREDS, () => fourTouch);
    const { result } = await h.call(signedTwilio(parentNoAnswer('CU1', CALLER)));
    expect(enrolled(result)).toHaveLength(1);
    expect(h.httpRequests[0]).toMatchObject({ method: 'GET', url: 'https://templates.test/four.json', timeout: 3000 });
  });

  it('audits TEMPLATE_INVALID when the template URL cannot be fetched', async () => {
    h = harness({ ...BASE_PARAMS, templateSource: 'url', templateUrl: 'https://templates.test/gone.json' }, TWILIO_CREDS);
    const { result } = await h.call(signedTwilio(parentNoAnswer('CU2', CALLER)));
    expect(result.workflowData?.[1]?.[0]?.json).toMatchObject({ filtered: { reason: 'TEMPLATE_INVALID' } });
    const audit = await (await h.ledger()).auditTrail({});
    expect(audit.some((a) => a.kind === 'TEMPLATE_INVALID')).toBe(true);
  });
});

describe('Missed Call Trigger: other providers end to end', () => {
  it('enrolls the Dialpad JWT fixture signed with the vector secret and refuses the wrong secret', async () => {
    const v = fixtureJson<any>('dialpad-signature-vector.json');
    const jwt = fixture(v.file).trim();
    h = harness({ ...BASE_PARAMS, provider: 'dialpad', currentTime: '' }, { missedCallDialpadWebhook: { jwtSecret: v.secret } });
    const ok = await h.call({ rawBody: jwt, headers: { 'content-type': 'application/jwt' } });
    expect(ok.reply.status).toBe(200);
    expect(ok.reply.headers['content-type']).toBe('application/json');
    const bad = harness({ ...BASE_PARAMS, provider: 'dialpad', currentTime: '' }, { missedCallDialpadWebhook: { jwtSecret: v.wrongSecret } });
    const no = await bad.call({ rawBody: jwt, headers: { 'content-type': 'application/jwt' } });
    expect(no.reply.status).toBe(401);
    await bad.cleanup();
  });

  it('verifies a generic header token in constant time', async () => {
    const genericMapping = JSON.stringify({ callId: 'call.id', from: 'call.from', to: 'call.to', status: 'call.status', direction: 'call.direction', statusMap: { missed: 'missed' } });
    const params = { ...BASE_PARAMS, provider: 'generic', genericMapping, genericAuth: 'headerToken', genericHeader: 'X-Webhook-Token', genericToken: 's3cret' };
    h = harness(params);
    const body = JSON.stringify({ call: { id: 'G1', from: CALLER, to: '+15125550142', status: 'missed', direction: 'inbound' } });
    const bad = await h.call({ rawBody: body, headers: { 'content-type': 'application/json', 'x-webhook-token': 'nope' } });
    expect(bad.reply.status).toBe(401);
    const ok = await h.call({ rawBody: body, headers: { 'content-type': 'application/json', 'x-webhook-token': 's3cret' } });
    expect(enrolled(ok.result).map((i) => i.call.callId)).toEqual(['G1']);
    const none = await h.call({ rawBody: body.replace('G1', 'G2'), headers: { 'content-type': 'application/json' } });
    expect(none.reply.status).toBe(401);
  });

  it('verifies the Zoom callee_missed fixture with the vector signature', async () => {
    const v = fixtureJson<any>('zoom-signature-vector.json');
    const signed = v.signed.find((s: any) => s.file === 'zoom-phone.callee_missed-derived.json');
    const when = new Date(Number(signed.headers['x-zm-request-timestamp']) * 1000).toISOString();
    h = harness({ ...BASE_PARAMS, provider: 'zoom', currentTime: when }, { missedCallZoomPhoneWebhook: { secretToken: v.secretToken } });
    const { reply } = await h.call({ rawBody: fixture(signed.file), headers: { 'content-type': 'application/json', ...signed.headers } });
    expect(reply.status).toBe(200);
    // tampering with one byte breaks the signature
    const tampered = fixture(signed.file).replace('"', ' "');
    const r2 = await h.call({ rawBody: tampered, headers: { 'content-type': 'application/json', ...signed.headers } });
    expect(r2.reply.status).toBe(401);
  });
});

describe('Missed Call Trigger: a call whose execution never started', () => {
  const GRACE_S = REEMIT_GRACE_MS / 1000;
  /** What happened to the first touch between the first delivery and the retry. */
  const settle: Record<string, (l: Ledger, touchId: string, now: number) => Promise<unknown>> = {
    nothing: async () => undefined,
    sent: async (l, id, now) => {
      expect(await l.beginSend(id, 'k', now)).toBe('go');
      await l.completeTouch(id, { status: 'sent', provider: 'sandbox', now });
    },
    claimed: async (l, id, now) => {
      const due = (await l.touch(id))!.dueAt;
      expect((await l.claimDueTouches({ now: Math.max(now, due), limit: 10, worker: 'scheduler', leaseMs: 60_000 })).map((t) => t.id)).toEqual([id]);
    },
    deferred: (l, id, now) => l.rescheduleTouch(id, now + 3_600_000, 'gate_defer:QUIET_HOURS', now),
  };

  it.each([
    ['re-emits the same enrollment and first touch once', 'nothing', GRACE_S + 20, 1],
    ['re-emits it exactly at the end of the grace period', 'nothing', GRACE_S, 1],
    ['does not re-emit within the grace period (the first execution may be in flight)', 'nothing', GRACE_S - 1, 0],
    ['does not re-emit after the first touch was sent', 'sent', GRACE_S + 20, 0],
    ['does not re-emit after the scheduler claimed the first touch', 'claimed', GRACE_S + 20, 0],
    ['does not re-emit after the gate deferred the first touch', 'deferred', GRACE_S + 20, 0],
  ] as const)('on a provider retry of a claimed call, %s', async (_, state, retryAfterS, expected) => {
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    const req = signedTwilio(parentNoAnswer('CP1', CALLER));
    const first = enrolled((await h.call(req)).result);
    expect(first).toHaveLength(1);
    const ledger = await h.ledger();
    await settle[state]!(ledger, first[0]!.firstTouch.id, Date.parse(NOW) + 1000);

    const retry = await h.call(req, at(plus(retryAfterS)));
    expect(retry.reply.status).toBe(200);
    expect(filtered(retry.result)).toEqual([]);
    const again = enrolled(retry.result);
    expect(again).toHaveLength(expected);
    const audits = await ledger.auditTrail({ kinds: [REEMITTED_KIND] });
    expect(audits).toHaveLength(expected);
    expect(await ledger.enrollmentsOf(CALLER)).toHaveLength(1);
    if (expected === 0) return;
    const { reemitted, correlation: _c, ...rest } = again[0]!;
    const { correlation: _c0, ...original } = first[0]!;
    expect(rest).toEqual(original);
    expect(reemitted).toEqual({ reason: 'FIRST_TOUCH_PENDING', enrolledAt: NOW });
    expect(audits[0]).toMatchObject({ enrollmentId: first[0]!.enrollment.id, touchId: first[0]!.firstTouch.id, data: { callId: 'CP1', ageMs: retryAfterS * 1000 } });
  });

  it('re-emits on every later retry while the first touch stays untouched, and stops once it was sent', async () => {
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    const req = signedTwilio(parentNoAnswer('CP2', CALLER));
    const first = enrolled((await h.call(req)).result)[0]!;
    const counts = [];
    for (const s of [30, 60]) counts.push(enrolled((await h.call(req, at(plus(s)))).result).length);
    const ledger = await h.ledger();
    expect(await ledger.beginSend(first.firstTouch.id, `${first.enrollment.id}:${first.firstTouch.stepId}`, Date.parse(plus(61)))).toBe('go');
    counts.push(enrolled((await h.call(req, at(plus(90)))).result).length);
    expect(counts).toEqual([1, 1, 0]);
  });

  it('does not re-emit an enrollment of another template (another trigger on the same ledger)', async () => {
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    const req = signedTwilio(parentNoAnswer('CP3', CALLER));
    expect(enrolled((await h.call(req)).result)).toHaveLength(1);
    const other = await h.call(req, { ...at(plus(60)), templateJson: JSON.stringify({ ...fourTouch, id: 'another-template' }) });
    expect(enrolled(other.result)).toEqual([]);
    expect(enrolled((await h.call(req, at(plus(61)))).result)).toHaveLength(1);
  });

  it.each([
    ['Twilio (TwiML answered by the node: a 5xx is not retried)', 'twilio', undefined],
    ['Aircall (n8n answers 200 once the execution is queued, a failed start answers 5xx)', 'aircall', 'n8n'],
  ] as const)('leaves the answer of an emitting delivery to n8n only where a 5xx is retried: %s', async (_, provider, answeredBy) => {
    const vector = fixtureJson<{ configuredToken: string }>('aircall-token-vector.json');
    h =
      provider === 'twilio'
        ? harness(BASE_PARAMS, TWILIO_CREDS)
        : harness({ ...BASE_PARAMS, provider: 'aircall' }, { missedCallAircallApi: { webhookToken: vector.configuredToken } });
    const req = provider === 'twilio' ? signedTwilio(parentNoAnswer('CP4', CALLER)) : { rawBody: fixture('aircall-call.ended-inbound-voicemail.json'), headers: { 'content-type': 'application/json' } };
    const { result, reply } = await h.call(req);
    expect(enrolled(result)).toHaveLength(1);
    expect(reply.status).toBe(200);
    expect(reply.answeredBy).toBe(answeredBy);
    expect(result.noWebhookResponse).toBe(answeredBy ? undefined : true);
  });
});
