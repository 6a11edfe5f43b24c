/**
 * The other phone systems in a real n8n 2.40.7: Aircall, RingCentral, Dialpad, Vonage and Zoom Phone
 * post one missed call each, built from test/fixtures/telephony and signed with the trigger
 * credential's secret as the provider signs it, through n8n's own request handling: JSON bodies
 * n8n parses itself (sent in the fixtures' indented layout, so a check over a re-serialized parse
 * would fail), Dialpad's `application/jwt` body n8n leaves unread, headers as n8n passes them.
 * Each caller gets exactly one first SMS at the Twilio emulator; a provisional miss (Dialpad, Zoom,
 * Vonage) waits for its 90 s settle window, driven by the scheduler at a later Current Time.
 * A badly signed delivery of the same call is 401 and records and starts nothing.
 * Then the business calls each enrolled caller back, through a second trigger workflow of the
 * provider at a later Current Time (a conversation ends only enrollments created before it): a
 * call-back nobody answers leaves the sequence running; one the customer answers ends it at once
 * (`call_connected`, direction outbound), and neither starts an execution or sends anything.
 * Between those two, a second caller is texted after a missed call of their own like the first,
 * then calls the business again and a person answers (the provider's answered inbound call, e.g.
 * Aircall call.answered + call.ended, a Vonage inbound leg + answered agent leg): their sequence
 * ends at once (`call_connected`, direction inbound); that call enrolls, starts and sends nothing,
 * and every other enrollment (the first caller's still active), touch and audited conversation in
 * the ledger is as before.
 * Last, texts to a Zoom Phone number reach Sequence Exit through the trigger's Message output, and a
 * Dialpad caller is texted from the Dialpad number they called (the Dialpad emulator) and their reply
 * there ends the sequence.
 */
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fourTouch } from '../../shared/templates';
import { describeExecution, nodeOutputs } from './harness/n8nApi';
import { PROVIDER_SECRETS, startE2e, triggerWorkflow, type E2eEnv } from './harness/e2eEnv';
import { REPO } from './harness/paths';
import { BUSINESS_NUMBER, NAMES, type SignedProvider } from './harness/workflows';
import { enrollCaller } from '../nodes/harness/fixtures';
import { startDialpadEmulator, type DialpadEmulator } from '../emulators/dialpadEmulator';
import { startRingCentralEmulator, type RingCentralEmulator } from '../emulators/ringcentralEmulator';

let env: E2eEnv;
const timings: Record<string, number> = {};

beforeAll(async () => {
  env = await startE2e('providers');
}, 600_000);

afterAll(async () => {
  if (!env) return;
  await env.close();
  env.saveTimings(timings); // test-artifacts/e2e/providers.timings.json
}, 60_000);

type Json = Record<string, any>;
const fixtureJson = <T = Json>(name: string) => JSON.parse(readFileSync(join(REPO, 'test/fixtures/telephony', name), 'utf8')) as T;
interface Delivery {
  body: string;
  headers: Record<string, string>;
}

const AGENT_NUMBER = '+15125550177';
const digits = (e164: string) => e164.slice(1);
/** a +1 number's area code, exchange and line: `+13055550151` → ['305', '555', '0151'] */
const nanp = (e164: string) => [e164.slice(2, 5), e164.slice(5, 8), e164.slice(8)] as const;
/** a caller and the call of theirs a delivery is about */
interface Who {
  caller: string;
  callId: string;
}
/** the fixtures' layout: indented, trailing newline */
const layout = (o: unknown) => `${JSON.stringify(o, null, 2)}\n`;
const seconds = (iso: string, offset = 0) => Math.floor(Date.parse(iso) / 1000) + offset;
const isoAt = (iso: string, offset: number) => new Date(Date.parse(iso) + offset * 1000).toISOString();

const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
function hs256(payload: object, secret: string): string {
  const input = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

async function post(url: string, d: Delivery): Promise<{ status: number; contentType: string; body: string }> {
  try {
    const res = await fetch(url, { method: 'POST', headers: d.headers, body: d.body });
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: await res.text() };
  } catch (e) {
    throw new Error(`POST ${url} failed: ${(e as Error).message} (is n8n still running?)\n--- n8n log tail ---\n${env.logTail()}`);
  }
}

async function publish(provider: SignedProvider, now: string, name = `providers: ${provider}`) {
  return env.publishTrigger(triggerWorkflow({ name, provider, template: fourTouch, now, creds: env.creds }));
}

/** A delivery signed wrongly: 401 with `code`, no execution, nothing recorded for the call. */
async function expectRefused(wf: { id: string; url: string }, d: Delivery, callId: string, code: string) {
  const reply = await post(wf.url, d);
  expect(reply.status, reply.body).toBe(401);
  expect(JSON.parse(reply.body)).toEqual({ error: 'UNAUTHORIZED', code });
  expect(await env.api.executions(wf.id)).toEqual([]);
  expect(await (await env.ledger()).callEvents(callId)).toEqual([]);
}

/** Exactly one first SMS to `caller`, personalized, and the enrollment of `callId` with its first touch sent. */
async function expectOneFirstSms(caller: string, callId: string, context: string) {
  const mine = env.twilio.messages.filter((m) => m.to === caller);
  expect(mine, context).toHaveLength(1);
  const sms = mine[0]!;
  expect(sms.from).toBe(BUSINESS_NUMBER);
  expect(sms.body).toContain('Brightside Plumbing');
  expect(sms.body).toContain('Reply STOP to opt out');
  // every call here went to the Service line: the template's department, not the provider's line,
  // office or extension-user name; and the greeting is a name or "there", never a number
  expect(sms.body).toContain('call to Service');
  expect(sms.body).toMatch(/^Hi \p{L}/u);
  expect(env.twilio.violations).toEqual([]);
  const ledger = await env.ledger();
  const enrollments = await ledger.enrollmentsOf(caller);
  expect(enrollments).toHaveLength(1);
  expect(enrollments[0]).toMatchObject({ templateId: 'four-touch', callId, status: 'active' });
  const first = (await ledger.touchesOf(enrollments[0]!.id)).find((t) => t.stepId === 'sms-first');
  expect(first).toMatchObject({ status: 'sent', providerMessageId: sms.sid });
}

/** The call decided at once: n8n answers 200 once it stored the execution, which texts the caller. */
async function expectTextedNow(wf: { id: string; url: string }, d: Delivery, caller: string, callId: string) {
  const reply = await post(wf.url, d);
  expect(reply.status, reply.body).toBe(200);
  const [exec] = await env.api.waitForExecutions(wf.id, 1);
  env.assertSucceeded(exec!);
  expect(nodeOutputs(exec!, NAMES.senderNow)[0] ?? [], describeExecution(exec!)).toHaveLength(1);
  await expectOneFirstSms(caller, callId, describeExecution(exec!));
}

/**
 * A provisional miss: every delivery is answered 200 by the trigger and parks the call (no
 * execution) until its settle window ends 90 s after `now`; the scheduler at +89 s finds nothing,
 * at +90 s its settle sweep enrolls the call and the same poll sends the first SMS.
 */
async function expectTextedAfterSettling(wf: { id: string; url: string }, deliveries: Delivery[], o: { provider: SignedProvider; now: string; caller: string; callId: string }) {
  for (const d of deliveries) {
    const reply = await post(wf.url, d);
    expect(reply.status, reply.body).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ received: true });
  }
  expect(await env.api.executions(wf.id)).toEqual([]);
  const ledger = await env.ledger();
  expect(await ledger.enrollmentsOf(o.caller)).toEqual([]);
  expect(await ledger.pendingCall(`call:${o.provider}:${o.callId}`)).toMatchObject({ status: 'pending', settleAt: Date.parse(o.now) + 90_000 });

  const email = `${o.provider}-caller@e2e.example`;
  expect(await env.schedulerRun(isoAt(o.now, 89), email)).toBeNull();
  expect(env.twilio.messages.filter((m) => m.to === o.caller)).toEqual([]);
  const run = await env.schedulerRun(isoAt(o.now, 90), email, 20_000);
  expect(run, 'the +90 s poll claimed nothing').not.toBeNull();
  env.assertSucceeded(run!);
  expect(await env.api.executions(wf.id)).toEqual([]); // the trigger workflow never ran
  await expectOneFirstSms(o.caller, o.callId, describeExecution(run!));
}

const callBackTriggers = new Map<SignedProvider, Promise<{ id: string; url: string }>>();
/** The provider's call-back trigger workflow at `now`, published once. */
function callBackTrigger(provider: SignedProvider, now: string) {
  let p = callBackTriggers.get(provider);
  if (!p) callBackTriggers.set(provider, (p = publish(provider, now, `providers: ${provider} call-backs`)));
  return p;
}

/** The caller's one enrollment, active: the one the missed-call test above created. */
async function activeEnrollment(caller: string) {
  const enrollments = await (await env.ledger()).enrollmentsOf(caller);
  expect(enrollments, `${caller} was not enrolled (did the missed-call test fail?)`).toHaveLength(1);
  expect(enrollments[0]!.status).toBe('active');
  return enrollments[0]!;
}

/** Posts each delivery of one call that starts nothing at once (a call-back, an answered call, a provisional miss): the trigger answers 200 `{ received: true }`. */
async function postReceived(wf: { id: string; url: string }, deliveries: Delivery[]) {
  for (const d of deliveries) {
    const reply = await post(wf.url, d);
    expect(reply.status, reply.body).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ received: true });
  }
}

/** Recorded as the business's call to the caller (every event of `callId` outbound, to the caller), no execution, still one SMS. */
async function expectCallBackRecorded(wf: { id: string }, o: { caller: string; callId: string; events: number }) {
  const events = await (await env.ledger()).callEvents(o.callId);
  expect(events.map((e) => (e.payload as Json).direction)).toEqual(Array(o.events).fill('outbound'));
  expect(events.map((e) => (e.payload as Json).to)).toEqual(Array(o.events).fill(o.caller));
  expect(await env.api.executions(wf.id)).toEqual([]);
  expect(env.twilio.messages.filter((m) => m.to === o.caller)).toHaveLength(1);
}

type CallBack = { provider: SignedProvider; at: string; caller: string; callId: string; deliveries: Delivery[] };

/** (1) A call-back nobody answers: recorded, nothing parked as a miss, the sequence keeps running. */
async function expectUnansweredCallBackKeepsSequence(o: CallBack) {
  const wf = await callBackTrigger(o.provider, o.at);
  const enrollment = await activeEnrollment(o.caller);
  await postReceived(wf, o.deliveries);
  const ledger = await env.ledger();
  await expectCallBackRecorded(wf, { ...o, events: o.deliveries.length });
  expect(await ledger.pendingCall(`call:${o.provider}:${o.callId}`)).toBeNull();
  expect((await ledger.enrollment(enrollment.id))!.status).toBe('active');
  expect(await ledger.auditTrail({ phone: o.caller, kinds: ['call_connected'] })).toEqual([]);
}

/** (2) A call-back the customer answers: the sequence ends at once (call_connected, outbound), its next touch cancelled. */
async function expectAnsweredCallBackEndsSequence(o: CallBack) {
  const wf = await callBackTrigger(o.provider, o.at);
  const enrollment = await activeEnrollment(o.caller);
  await postReceived(wf, o.deliveries);
  const ledger = await env.ledger();
  expect(await ledger.enrollment(enrollment.id)).toMatchObject({ status: 'exited', endReason: 'call_connected' });
  expect((await ledger.auditTrail({ phone: o.caller, kinds: ['call_connected'] })).map((a) => a.data)).toMatchObject([
    { callId: o.callId, provider: o.provider, direction: 'outbound', exitedEnrollments: [enrollment.id] },
  ]);
  expect((await ledger.touchesOf(enrollment.id)).map((t) => [t.stepId, t.status])).toEqual([
    ['sms-first', 'sent'],
    ['email-next-day', 'cancelled'],
  ]);
  await expectCallBackRecorded(wf, { ...o, events: o.deliveries.length });
}

/** Every enrollment in the ledger with its touches, and every audited conversation. */
async function ledgerSnapshot() {
  const ledger = await env.ledger();
  const enrollments = await ledger.enrollmentsCreated({ since: 0, until: Number.MAX_SAFE_INTEGER });
  return {
    enrollments,
    touches: await ledger.touchesOfEnrollments(enrollments.map((e) => e.id)),
    conversations: await ledger.auditTrail({ kinds: ['call_connected'] }),
  };
}

/**
 * (3) The caller, texted after an earlier miss, calls again and a person answers: their sequence
 * ends at once (call_connected, inbound), its next touch cancelled; the call enrolls, parks, starts
 * and sends nothing; every other enrollment, touch and audited conversation is as before.
 */
async function expectAnsweredInboundEndsSequence(o: CallBack) {
  const wf = await callBackTrigger(o.provider, o.at);
  const enrollment = await activeEnrollment(o.caller);
  const before = await ledgerSnapshot();
  // the control: another caller's sequence is running (the first caller's, after the unanswered call-back)
  expect(before.enrollments.filter((e) => e.id !== enrollment.id && e.status === 'active').length).toBeGreaterThan(0);
  const sent = env.twilio.messages.length;
  await postReceived(wf, o.deliveries);

  const ledger = await env.ledger();
  expect(await ledger.enrollment(enrollment.id)).toMatchObject({ status: 'exited', endReason: 'call_connected' });
  expect((await ledger.auditTrail({ phone: o.caller, kinds: ['call_connected'] })).map((a) => a.data)).toMatchObject([
    { callId: o.callId, provider: o.provider, direction: 'inbound', exitedEnrollments: [enrollment.id] },
  ]);
  expect((await ledger.touchesOf(enrollment.id)).map((t) => [t.stepId, t.status])).toEqual([
    ['sms-first', 'sent'],
    ['email-next-day', 'cancelled'],
  ]);
  // recorded as the caller's inbound call (an agent leg, where the provider has one, is the business's)
  const events = (await ledger.callEvents(o.callId)).map((e) => e.payload as Json);
  expect(events).toHaveLength(o.deliveries.length);
  const inbound = events.filter((e) => e.direction === 'inbound');
  expect(inbound.length).toBeGreaterThan(0);
  expect(inbound.map((e) => e.from)).toEqual(Array(inbound.length).fill(o.caller));
  expect(await ledger.enrollmentsOf(o.caller)).toHaveLength(1);
  expect(await ledger.pendingCall(`call:${o.provider}:${o.callId}`)).toBeNull();
  expect(await env.api.executions(wf.id)).toEqual([]);
  expect(env.twilio.messages).toHaveLength(sent);

  const after = await ledgerSnapshot();
  const others = (s: typeof before) => ({
    enrollments: s.enrollments.filter((e) => e.id !== enrollment.id),
    touches: s.touches.filter((t) => t.enrollmentId !== enrollment.id),
  });
  expect(after.enrollments).toHaveLength(before.enrollments.length);
  expect(others(after)).toEqual(others(before));
  expect(after.conversations.filter((a) => a.phone !== o.caller)).toEqual(before.conversations);
  // nobody else was in a conversation: not the agent, whose leg some providers report
  expect(await ledger.contact(AGENT_NUMBER)).toBeNull();
}

/**
 * A second caller's missed call at the spec's `now`, delivered as the first caller's was: one first
 * SMS, at once (another execution of the trigger) or from the scheduler's settle sweep at +90 s.
 */
async function expectSecondCallerTexted(wf: { id: string; url: string }, spec: ProviderSpec, who: Who) {
  const missed = spec.missed;
  if (!missed.provisional) {
    const earlier = (await env.api.executions(wf.id)).length;
    const reply = await post(wf.url, missed.delivery(who));
    expect(reply.status, reply.body).toBe(200);
    const execs = await env.api.waitForExecutions(wf.id, earlier + 1);
    for (const e of execs) env.assertSucceeded(e);
    await expectOneFirstSms(who.caller, who.callId, execs.map(describeExecution).join('\n'));
    return;
  }
  await postReceived(wf, missed.deliveries(who));
  const run = await env.schedulerRun(isoAt(spec.now, 90), `${spec.provider}-caller2@e2e.example`, 20_000);
  expect(run, 'the +90 s poll claimed nothing').not.toBeNull();
  env.assertSucceeded(run!);
  await expectOneFirstSms(who.caller, who.callId, describeExecution(run!));
}

/** The call-backs follow five minutes after the missed call, after the enrollment of the caller. */
const callBackAt = (now: string) => isoAt(now, 300);

/** One phone system: its missed call and the call-backs that follow, as the provider delivers them. */
interface ProviderSpec {
  title: string;
  provider: SignedProvider;
  /** the Current Time of its trigger workflow */
  now: string;
  caller: string;
  callId: string;
  /** a delivery of the missed call signed wrongly ("refuses {what}"), answered 401 with `code` */
  refused: { what: string; code: string; delivery: () => Delivery };
  /** the missed call signed right ("texts the caller once {when}"): decided at once, or provisional until its settle window ends; `who` another caller's (default: `caller`, `callId`) */
  missed: { when: string } & ({ provisional: false; delivery: (who?: Who) => Delivery } | { provisional: true; deliveries: (who?: Who) => Delivery[] });
  /** how the first SMS greets the caller, where the provider's payload decides it */
  greeting?: RegExp;
  /**
   * a second caller, texted after a missed call (`missedId`) of their own delivered as `missed`, who
   * calls the business again at `callBackAt(now)` (call `id`) and a person answers ("… when {how}")
   */
  answeredInbound: { how: string; caller: string; missedId: string; id: string; deliveries: () => Delivery[] };
  /** a call-back nobody answers ("after a call-back {unanswered.how}") and one the caller answers, each a call of its own */
  callBacks: { unanswered: { how: string; id: string }; answered: { id: string } };
  /** the deliveries of call-back `id` to the caller at `callBackAt(now)` */
  callBack: (id: string, answered: boolean) => Delivery[];
}

// One Current Time per provider, Wednesday 2027-03-10 between 10:00 and 10:40 in Miami (EST):
// inside Florida's 8 am–8 pm texting hours; each caller is a Miami mobile number of its own.

function aircall(): ProviderSpec {
  const NOW = '2027-03-10T15:00:00.000Z';
  const CALLER = '+13055550151';
  const CALL_ID = '780836801';

  /** the caller as Aircall writes them: `+1 305-555-0151` */
  const rawDigits = (e164: string) => `+1 ${nanp(e164).join('-')}`;
  /** call.ended of an inbound call no agent answered, no voicemail; the token in the body authenticates it */
  const callEnded = (token: string, who: Who = { caller: CALLER, callId: CALL_ID }): Delivery => {
    const e = fixtureJson<Json>('aircall-call.ended-inbound-missed-novoicemail-derived.json');
    e.token = token;
    e.timestamp = seconds(NOW, -2);
    Object.assign(e.data, {
      id: Number(who.callId),
      direct_link: `https://api.aircall.io/v1/calls/${who.callId}`,
      started_at: seconds(NOW, -30),
      ended_at: seconds(NOW, -3),
      duration: 27,
      raw_digits: rawDigits(who.caller),
    });
    Object.assign(e.data.number, { digits: '+1 512-555-0142', name: 'Brightside main line', country: 'US', time_zone: 'America/Chicago' });
    return { body: layout(e), headers: { 'content-type': 'application/json', 'user-agent': 'Aircall-Webhooks' } };
  };

  const CALL_BACK_AT = callBackAt(NOW);
  /** call.ended of a call an agent placed to the caller from the main line, `answered_at` set when the caller picked up */
  const callBackEnded = (id: string, answered: boolean): Delivery => {
    const e = fixtureJson<Json>(answered ? 'aircall-call.ended-outbound-answered.json' : 'aircall-call.ended-outbound-unanswered-derived.json');
    e.token = PROVIDER_SECRETS.aircall;
    const [start, end] = answered ? [-60, -3] : [-150, -120];
    e.timestamp = seconds(CALL_BACK_AT, end + 1);
    Object.assign(e.data, {
      id: Number(id),
      direct_link: `https://api.aircall.io/v1/calls/${id}`,
      started_at: seconds(CALL_BACK_AT, start),
      ...(answered ? { answered_at: seconds(CALL_BACK_AT, start + 8) } : {}),
      ended_at: seconds(CALL_BACK_AT, end),
      duration: end - start,
      raw_digits: rawDigits(CALLER),
    });
    Object.assign(e.data.number, { digits: '+1 512-555-0142', name: 'Brightside main line', country: 'US', time_zone: 'America/Chicago' });
    return { body: layout(e), headers: { 'content-type': 'application/json', 'user-agent': 'Aircall-Webhooks' } };
  };

  /** `caller`'s inbound call an agent picked up: call.answered (`answered_at`, no end yet), then call.ended with both */
  const answeredInbound = (id: string, caller: string): Delivery[] =>
    (['call.answered', 'call.ended'] as const).map((event) => {
      const e = fixtureJson<Json>('aircall-call.answered-inbound.json');
      const [start, answered, end] = [-60, -52, -3];
      const ended = event === 'call.ended';
      e.event = event;
      e.token = PROVIDER_SECRETS.aircall;
      e.timestamp = seconds(CALL_BACK_AT, ended ? end + 1 : answered);
      Object.assign(e.data, {
        id: Number(id),
        direct_link: `https://api.aircall.io/v1/calls/${id}`,
        started_at: seconds(CALL_BACK_AT, start),
        answered_at: seconds(CALL_BACK_AT, answered),
        ...(ended ? { status: 'done', ended_at: seconds(CALL_BACK_AT, end), duration: end - start } : {}),
        raw_digits: rawDigits(caller),
      });
      Object.assign(e.data.number, { digits: '+1 512-555-0142', name: 'Brightside main line', country: 'US', time_zone: 'America/Chicago' });
      return { body: layout(e), headers: { 'content-type': 'application/json', 'user-agent': 'Aircall-Webhooks' } };
    });
  const AGAIN = { caller: '+13055550161', missedId: '780836802', id: '780836961' };

  return {
    title: 'Aircall',
    provider: 'aircall',
    now: NOW,
    caller: CALLER,
    callId: CALL_ID,
    refused: { what: "the call with another webhook's token", code: 'BAD_TOKEN', delivery: () => callEnded('8f8da879a8bfd89b6c4ff3b73efc0409') },
    missed: { when: 'for a call.ended missed call carrying the webhook token', provisional: false, delivery: (who) => callEnded(PROVIDER_SECRETS.aircall, who) },
    answeredInbound: { how: 'an agent answers (call.answered, then call.ended)', ...AGAIN, deliveries: () => answeredInbound(AGAIN.id, AGAIN.caller) },
    callBacks: { unanswered: { how: 'the caller did not answer', id: '780836951' }, answered: { id: '780836952' } },
    callBack: (id, answered) => [callBackEnded(id, answered)],
  };
}

function ringCentral(): ProviderSpec {
  const NOW = '2027-03-10T15:10:00.000Z';
  const CALLER = '+13055550152';
  const CALL_ID = 's-a6abd24ca6774373a8120a3390d3e152';

  /** telephony/sessions notification: the inbound party Disconnected with missedCall; the Verification-Token header authenticates it */
  const disconnected = (token: string, who: Who = { caller: CALLER, callId: CALL_ID }): Delivery => {
    const e = fixtureJson<Json>('ringcentral-telephony-sessions-disconnected-missed.json');
    e.uuid = `1823485288313944${who.callId.slice(-3)}`;
    e.timestamp = isoAt(NOW, -1);
    Object.assign(e.body, { telephonySessionId: who.callId, sessionId: `425008160${who.callId.slice(-3)}`, eventTime: isoAt(NOW, -2) });
    const party = e.body.parties[0];
    party.id = `p-${who.callId.slice(2)}-2`;
    party.to.phoneNumber = BUSINESS_NUMBER;
    party.from.phoneNumber = who.caller;
    return { body: layout(e), headers: { 'content-type': 'application/json; charset=UTF-8', 'verification-token': token, 'user-agent': 'RingCentral-Webhooks' } };
  };

  const CALL_BACK_AT = callBackAt(NOW);
  let notification = 0;
  /** telephony/sessions notification of a call the caller's extension placed to them: its Outbound party Answered or Disconnected */
  const callBackSession = (sessionId: string, code: 'Answered' | 'Disconnected', at: number): Delivery => {
    const e = fixtureJson<Json>(code === 'Answered' ? 'ringcentral-telephony-sessions-outbound-answered.json' : 'ringcentral-telephony-sessions-outbound-disconnected.json');
    e.uuid = `18234852883139441${String(++notification).padStart(2, '0')}`;
    e.timestamp = isoAt(CALL_BACK_AT, at + 1);
    Object.assign(e.body, { telephonySessionId: sessionId, sessionId: `4250081602${String(notification).padStart(2, '0')}`, eventTime: isoAt(CALL_BACK_AT, at) });
    const party = e.body.parties[0];
    party.id = `p-${sessionId.slice(2)}-1`;
    party.to.phoneNumber = CALLER;
    party.from.phoneNumber = BUSINESS_NUMBER;
    return { body: layout(e), headers: { 'content-type': 'application/json; charset=UTF-8', 'verification-token': PROVIDER_SECRETS.ringcentral, 'user-agent': 'RingCentral-Webhooks' } };
  };

  /** telephony/sessions notifications of `caller`'s session to the main line: the Inbound party ringing (Setup), Answered by the extension, then Disconnected without missedCall */
  const answeredInbound = (sessionId: string, caller: string): Delivery[] =>
    ([['Setup', -60], ['Answered', -52], ['Disconnected', -3]] as const).map(([code, at]) => {
      const e = fixtureJson<Json>(code === 'Disconnected' ? 'ringcentral-telephony-sessions-disconnected-missed.json' : 'ringcentral-telephony-sessions-setup-inbound.json');
      e.uuid = `18234852883139441${String(++notification).padStart(2, '0')}`;
      e.timestamp = isoAt(CALL_BACK_AT, at + 1);
      Object.assign(e.body, { sequence: { Setup: 3, Answered: 4, Disconnected: 6 }[code], telephonySessionId: sessionId, sessionId: `4250081602${String(notification).padStart(2, '0')}`, eventTime: isoAt(CALL_BACK_AT, at) });
      const party = e.body.parties[0];
      party.id = `p-${sessionId.slice(2)}-2`;
      party.status.code = code;
      party.missedCall = false;
      party.to.phoneNumber = BUSINESS_NUMBER;
      party.from.phoneNumber = caller;
      return { body: layout(e), headers: { 'content-type': 'application/json; charset=UTF-8', 'verification-token': PROVIDER_SECRETS.ringcentral, 'user-agent': 'RingCentral-Webhooks' } };
    });
  const AGAIN = { caller: '+13055550162', missedId: 's-a6abd24ca6774373a8120a3390d3e162', id: 's-a6abd24ca6774373a8120a3390d3e262' };

  return {
    title: 'RingCentral',
    provider: 'ringcentral',
    now: NOW,
    caller: CALLER,
    callId: CALL_ID,
    refused: { what: "a notification with another subscription's verification token", code: 'BAD_TOKEN', delivery: () => disconnected('another-subscription-token') },
    missed: { when: 'for a Disconnected party marked missedCall', provisional: false, delivery: (who) => disconnected(PROVIDER_SECRETS.ringcentral, who) },
    answeredInbound: { how: 'an extension answers (its party Answered, then Disconnected)', ...AGAIN, deliveries: () => answeredInbound(AGAIN.id, AGAIN.caller) },
    callBacks: { unanswered: { how: 'that disconnected unanswered', id: 's-a6abd24ca6774373a8120a3390d3e253' }, answered: { id: 's-a6abd24ca6774373a8120a3390d3e254' } },
    callBack: (id, answered) =>
      answered ? [callBackSession(id, 'Answered', -50), callBackSession(id, 'Disconnected', -3)] : [callBackSession(id, 'Disconnected', -120)],
  };
}

function dialpad(): ProviderSpec {
  const NOW = '2027-03-10T15:20:00.000Z';
  const CALLER = '+13055550153';
  const CALL_ID = '6287391741714153';

  /** the `missed` call event as Dialpad sends it to a webhook with a secret: an HS256 JWT as the raw body */
  /** an unknown caller as Dialpad names them: `(305) 555-0153` */
  const contactName = (e164: string) => {
    const [area, exchange, line] = nanp(e164);
    return `(${area}) ${exchange}-${line}`;
  };
  const missed = (secret: string, who: Who = { caller: CALLER, callId: CALL_ID }): Delivery => {
    const e = fixtureJson<Json>('dialpad-call-missed-derived.json');
    const ms = (s: number) => Date.parse(NOW) + s * 1000;
    Object.assign(e, {
      call_id: Number(who.callId),
      master_call_id: Number(who.callId),
      event_timestamp: ms(-3),
      date_started: ms(-30),
      date_rang: ms(-29),
      date_ended: ms(-4),
      external_number: who.caller,
      internal_number: BUSINESS_NUMBER,
      iat: seconds(NOW, -3),
    });
    Object.assign(e.contact, { name: contactName(who.caller), phone: who.caller });
    Object.assign(e.target, { phone: BUSINESS_NUMBER });
    return { body: hs256(e, secret), headers: { 'content-type': 'application/jwt' } };
  };

  const CALL_BACK_AT = callBackAt(NOW);
  /** the `hangup` event of a call placed to the caller from the business number, `date_connected` set when the caller picked up */
  const callBackHangup = (id: string, answered: boolean): Delivery => {
    const e = fixtureJson<Json>(answered ? 'dialpad-call-hangup-outbound-derived.json' : 'dialpad-call-hangup-outbound-unanswered-derived.json');
    const [start, end] = answered ? [-60, -3] : [-150, -120];
    const ms = (s: number) => Date.parse(CALL_BACK_AT) + s * 1000;
    Object.assign(e, {
      call_id: Number(id),
      master_call_id: Number(id),
      event_timestamp: ms(end + 1),
      date_started: ms(start),
      date_rang: ms(start + 1),
      ...(answered ? { date_connected: ms(start + 8), duration: (end - start - 8) * 1000 } : {}),
      date_ended: ms(end),
      total_duration: (end - start) * 1000,
      external_number: CALLER,
      internal_number: BUSINESS_NUMBER,
      iat: seconds(CALL_BACK_AT, end + 1),
    });
    Object.assign(e.contact, { name: contactName(CALLER), phone: CALLER });
    Object.assign(e.target, { phone: BUSINESS_NUMBER });
    return { body: hs256(e, PROVIDER_SECRETS.dialpad), headers: { 'content-type': 'application/jwt' } };
  };

  /** `caller`'s inbound call an operator picked up: the `connected` event, then `hangup` with `date_connected` */
  const answeredInbound = (id: string, caller: string): Delivery[] =>
    (['connected', 'hangup'] as const).map((state) => {
      const e = fixtureJson<Json>('dialpad-call-hangup-unanswered-derived.json');
      const [start, connected, end] = [-60, -52, -3];
      const hangup = state === 'hangup';
      const ms = (s: number) => Date.parse(CALL_BACK_AT) + s * 1000;
      Object.assign(e, {
        call_id: Number(id),
        master_call_id: Number(id),
        state,
        event_timestamp: ms(hangup ? end + 1 : connected),
        date_started: ms(start),
        date_rang: ms(start + 1),
        date_connected: ms(connected),
        date_ended: hangup ? ms(end) : null,
        duration: hangup ? (end - connected) * 1000 : 0,
        total_duration: hangup ? (end - start) * 1000 : null,
        external_number: caller,
        internal_number: BUSINESS_NUMBER,
        iat: seconds(CALL_BACK_AT, hangup ? end + 1 : connected),
      });
      Object.assign(e.contact, { name: contactName(caller), phone: caller });
      Object.assign(e.target, { phone: BUSINESS_NUMBER });
      return { body: hs256(e, PROVIDER_SECRETS.dialpad), headers: { 'content-type': 'application/jwt' } };
    });
  const AGAIN = { caller: '+13055550163', missedId: '6287391741714163', id: '6287391741714263' };

  return {
    title: 'Dialpad',
    provider: 'dialpad',
    now: NOW,
    caller: CALLER,
    callId: CALL_ID,
    refused: { what: 'a JWT signed with another secret', code: 'BAD_SIGNATURE', delivery: () => missed('another-dialpad-secret') },
    missed: { when: 'when the settle window of the provisional missed event ends', provisional: true, deliveries: (who) => [missed(PROVIDER_SECRETS.dialpad, who)] },
    answeredInbound: { how: 'an operator answers (connected, then hangup)', ...AGAIN, deliveries: () => answeredInbound(AGAIN.id, AGAIN.caller) },
    // Dialpad names an unknown caller by their formatted number: no name to greet them by
    greeting: /^Hi there, /,
    callBacks: { unanswered: { how: 'that hung up unconnected', id: '6287391741714253' }, answered: { id: '6287391741714254' } },
    callBack: (id, answered) => [callBackHangup(id, answered)],
  };
}

/** a Vonage Voice API event `body` under its Bearer JWT (HS256, `iat`, a jti hashed from `jtiSeed`, payload_hash of `signedBody`) signed with `secret` */
function signedVonage(body: string, iat: number, jtiSeed: string, secret: string, signedBody?: string): Delivery {
  const claims = {
    iat,
    jti: createHash('sha256').update(jtiSeed).digest('hex').slice(0, 32),
    iss: 'Vonage',
    payload_hash: createHash('sha256').update(signedBody ?? body).digest('hex'),
    api_key: 'e2e0a1b2',
    application_id: '5f0c6a2e-0000-4000-8000-0305555015a4',
  };
  return { body, headers: { 'content-type': 'application/json', authorization: `Bearer ${hs256(claims, secret)}`, 'user-agent': 'Vonage-Voice-Webhooks' } };
}

function vonage(): ProviderSpec {
  const NOW = '2027-03-10T15:30:00.000Z';
  const CALLER = '+13055550154';
  const CALL_ID = 'CON-5f0c6a2e-3b1d-4c8e-9a7f-0305555015a4';

  const CALL_BACK_AT = callBackAt(NOW);
  /** a Voice API event at `at` s after `base` (of the conversation unless `fields` say another), its Bearer JWT (HS256, payload_hash of `signedBody`) with `secret` */
  const eventAt = (base: string) => (fixture: string, fields: Json, at: number, secret: string, signedBody?: string): Delivery => {
    const event = { ...fixtureJson<Json>(fixture), conversation_uuid: CALL_ID, timestamp: isoAt(base, at), ...fields };
    const jti = `${base}${fixture}${at}${event.conversation_uuid === CALL_ID ? '' : event.conversation_uuid}`;
    return signedVonage(layout(event), seconds(base, at), jti, secret, signedBody);
  };
  const event = eventAt(NOW);
  /** the two legs of `who`'s call to the main line (conversation `who.callId`): theirs, and the connect leg to the agent */
  const legs = (who: Who) => ({
    inbound: { conversation_uuid: who.callId, uuid: who.callId.slice(4).replace('-3b1d-', '-1111-'), direction: 'inbound', from: digits(who.caller), to: digits(BUSINESS_NUMBER) },
    agent: { conversation_uuid: who.callId, uuid: who.callId.slice(4).replace('-3b1d-', '-2222-'), direction: 'outbound', from: digits(BUSINESS_NUMBER), to: digits(AGENT_NUMBER) },
  });
  /** Vonage answers the inbound leg (NCCO), connects an agent leg nobody answers, the caller hangs up */
  const conversation = (secret: string, who: Who = { caller: CALLER, callId: CALL_ID }): Delivery[] => {
    const { inbound, agent } = legs(who);
    return [
      event('vonage-event-answered-inbound.json', inbound, -40, secret),
      event('vonage-event-unanswered.json', agent, -10, secret),
      event('vonage-event-completed-inbound.json', { ...inbound, start_time: isoAt(NOW, -40), end_time: isoAt(NOW, -5), duration: '35', network: 'US-MOBILE' }, -5, secret),
    ];
  };
  /** the conversation's first event with another caller in its body, under the JWT of the real one */
  const forged = (): Delivery => {
    const [answered] = conversation(PROVIDER_SECRETS.vonage);
    const { inbound } = legs({ caller: CALLER, callId: CALL_ID });
    return event('vonage-event-answered-inbound.json', { ...inbound, from: '13055550999' }, -40, PROVIDER_SECRETS.vonage, answered!.body);
  };

  /** a call the business places to the caller: a conversation of its own with one outbound leg (as vonageCalls.test.ts) */
  const callBack = (conversation: string, answered: boolean): Delivery[] => {
    const later = eventAt(CALL_BACK_AT);
    const leg = { uuid: conversation.slice(4).replace('-3b1d-', '-3333-'), conversation_uuid: conversation, direction: 'outbound', from: digits(BUSINESS_NUMBER), to: digits(CALLER) };
    const s = PROVIDER_SECRETS.vonage;
    if (!answered) {
      return [later('vonage-event-started.json', leg, -150, s), later('vonage-event-ringing.json', leg, -149, s), later('vonage-event-timeout.json', leg, -120, s)];
    }
    return [
      later('vonage-event-started.json', leg, -60, s),
      later('vonage-event-ringing.json', leg, -59, s),
      later('vonage-event-answered-outbound.json', { ...leg, start_time: isoAt(CALL_BACK_AT, -52) }, -52, s),
      later('vonage-event-completed-outbound.json', { ...leg, start_time: isoAt(CALL_BACK_AT, -52), end_time: isoAt(CALL_BACK_AT, -3), duration: '49', network: 'US-MOBILE' }, -3, s),
    ];
  };

  /** `caller`'s call (conversation `con`) an agent took: Vonage answers the inbound leg (NCCO), the agent leg rings and is answered, both legs complete */
  const answeredInbound = (con: string, caller: string): Delivery[] => {
    const later = eventAt(CALL_BACK_AT);
    const { inbound, agent } = legs({ caller, callId: con });
    const s = PROVIDER_SECRETS.vonage;
    const talk = { start_time: isoAt(CALL_BACK_AT, -52) };
    return [
      later('vonage-event-answered-inbound.json', inbound, -60, s),
      later('vonage-event-started.json', agent, -58, s),
      later('vonage-event-ringing.json', agent, -57, s),
      later('vonage-event-answered-outbound.json', { ...agent, ...talk }, -52, s),
      later('vonage-event-completed-outbound.json', { ...agent, ...talk, end_time: isoAt(CALL_BACK_AT, -3), duration: '49', network: 'US-FIXED' }, -3, s),
      later('vonage-event-completed-inbound.json', { ...inbound, start_time: isoAt(CALL_BACK_AT, -60), end_time: isoAt(CALL_BACK_AT, -2), duration: '58', network: 'US-MOBILE' }, -2, s),
    ];
  };
  const AGAIN = { caller: '+13055550164', missedId: 'CON-5f0c6a2e-3b1d-4c8e-9a7f-0305555016a4', id: 'CON-7a1d9b3e-3b1d-4c8e-9a7f-0305555016d4' };

  return {
    title: 'Vonage',
    provider: 'vonage',
    now: NOW,
    caller: CALLER,
    callId: CALL_ID,
    refused: { what: 'an event whose body is not the one its JWT payload_hash signed', code: 'BODY_HASH_MISMATCH', delivery: forged },
    missed: { when: 'when the settle window of the unanswered agent leg ends', provisional: true, deliveries: (who) => conversation(PROVIDER_SECRETS.vonage, who) },
    answeredInbound: { how: 'an agent answers (the inbound leg, then an answered agent leg)', ...AGAIN, deliveries: () => answeredInbound(AGAIN.id, AGAIN.caller) },
    callBacks: {
      unanswered: { how: 'that rang out (an outbound-only conversation)', id: 'CON-7a1d9b3e-3b1d-4c8e-9a7f-0305555015b4' },
      answered: { id: 'CON-7a1d9b3e-3b1d-4c8e-9a7f-0305555015c4' },
    },
    callBack,
  };
}

function zoomPhone(): ProviderSpec {
  const NOW = '2027-03-10T15:40:00.000Z';
  const CALLER = '+13055550155';
  const CALL_ID = '7362181212466715500';

  /** a Zoom delivery of `e`, signed with x-zm-signature over `v0:{timestamp}:{raw body}` at `ts` (epoch s) */
  const signedZoom = (e: Json, ts: number, secret: string): Delivery => {
    const body = layout(e);
    const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
    return { body, headers: { 'content-type': 'application/json; charset=utf-8', 'x-zm-request-timestamp': String(ts), 'x-zm-signature': signature, 'user-agent': 'Zoom Marketplace/1.0a' } };
  };

  /** phone.callee_missed */
  const calleeMissed = (secret: string, who: Who = { caller: CALLER, callId: CALL_ID }): Delivery => {
    const e = fixtureJson<Json>('zoom-phone.callee_missed-derived.json');
    e.event_ts = Date.parse(NOW) - 4000;
    const o = e.payload.object;
    Object.assign(o, { call_id: who.callId, ringing_start_time: isoAt(NOW, -30).replace('.000Z', 'Z'), call_end_time: isoAt(NOW, -5).replace('.000Z', 'Z') });
    Object.assign(o.callee, { phone_number: BUSINESS_NUMBER, timezone: 'America/Chicago' });
    Object.assign(o.caller, { phone_number: who.caller, name: 'José Núñez' }); // not ASCII: the signature is over UTF-8 bytes
    return signedZoom(e, seconds(NOW, -4), secret);
  };

  const CALL_BACK_AT = callBackAt(NOW);
  const zoomTime = (s: number) => isoAt(CALL_BACK_AT, s).replace('.000Z', 'Z');
  /** phone.caller_* of a call the business's user placed to the caller: connected and ended answered, or ended unanswered */
  const callBack = (id: string, answered: boolean): Delivery[] => {
    const at = (fixture: string, s: number, times: Json) => {
      const e = fixtureJson<Json>(fixture);
      e.event_ts = Date.parse(CALL_BACK_AT) + s * 1000;
      const o = e.payload.object;
      Object.assign(o, { call_id: id, ...times });
      Object.assign(o.caller, { phone_number: BUSINESS_NUMBER, timezone: 'America/Chicago' });
      Object.assign(o.callee, { phone_number: CALLER });
      return signedZoom(e, seconds(CALL_BACK_AT, s), PROVIDER_SECRETS.zoom);
    };
    if (!answered) return [at('zoom-phone.caller_ended-unanswered-derived.json', -120, { ringing_start_time: zoomTime(-150), call_end_time: zoomTime(-120) })];
    return [
      at('zoom-phone.caller_connected-derived.json', -52, { ringing_start_time: zoomTime(-60), connected_start_time: zoomTime(-52) }),
      at('zoom-phone.caller_ended-answered-derived.json', -3, { ringing_start_time: zoomTime(-60), answer_start_time: zoomTime(-52), call_end_time: zoomTime(-3) }),
    ];
  };

  /** `caller`'s call the business's user picked up: phone.callee_answered, then phone.callee_ended with answer_start_time (callee_missed's field set) */
  const answeredInbound = (id: string, caller: string): Delivery[] => {
    const at = (event: string, s: number, times: Json) => {
      const e = fixtureJson<Json>('zoom-phone.callee_missed-derived.json');
      e.event = event;
      e.event_ts = Date.parse(CALL_BACK_AT) + s * 1000;
      const o = e.payload.object;
      delete o.call_end_time;
      delete o.handup_result;
      Object.assign(o, { call_id: id, ringing_start_time: zoomTime(-60), answer_start_time: zoomTime(-52), ...times });
      Object.assign(o.callee, { phone_number: BUSINESS_NUMBER, timezone: 'America/Chicago' });
      Object.assign(o.caller, { phone_number: caller, name: 'Zoë Ortiz' });
      return signedZoom(e, seconds(CALL_BACK_AT, s), PROVIDER_SECRETS.zoom);
    };
    return [at('phone.callee_answered', -52, {}), at('phone.callee_ended', -3, { call_end_time: zoomTime(-3), handup_result: 'Call connected' })];
  };
  const AGAIN = { caller: '+13055550165', missedId: '7362181212466715600', id: '7362181212466715660' };

  return {
    title: 'Zoom Phone',
    provider: 'zoom',
    now: NOW,
    caller: CALLER,
    callId: CALL_ID,
    refused: { what: 'a delivery signed with another secret token', code: 'BAD_SIGNATURE', delivery: () => calleeMissed('another-zoom-secret') },
    missed: { when: 'when the settle window of the provisional callee_missed event ends', provisional: true, deliveries: (who) => [calleeMissed(PROVIDER_SECRETS.zoom, who)] },
    answeredInbound: { how: 'a user answers (callee_answered, then callee_ended)', ...AGAIN, deliveries: () => answeredInbound(AGAIN.id, AGAIN.caller) },
    greeting: /^Hi José, /,
    callBacks: { unanswered: { how: 'that ended unanswered', id: '7362181212466715553' }, answered: { id: '7362181212466715554' } },
    callBack,
  };
}

// The same five tests for every provider, in order: the later ones need the enrollment the missed-call test created,
// active until the call-back the caller answers (the answered inbound call is a second caller's, so it stays active for it).
describe.each([aircall(), ringCentral(), dialpad(), vonage(), zoomPhone()])('$title', (spec) => {
  const { provider, caller, callId } = spec;
  const at = callBackAt(spec.now);
  let wf: { id: string; url: string };

  beforeAll(async () => {
    wf = await publish(provider, spec.now);
  }, 30_000);

  it(`refuses ${spec.refused.what}: 401, nothing recorded or started`, async () => {
    await expectRefused(wf, spec.refused.delivery(), callId, spec.refused.code);
  });

  it(`texts the caller once ${spec.missed.when}`, async () => {
    const t0 = Date.now();
    const missed = spec.missed;
    if (missed.provisional) await expectTextedAfterSettling(wf, missed.deliveries(), { provider, now: spec.now, caller, callId });
    else await expectTextedNow(wf, missed.delivery(), caller, callId);
    if (spec.greeting) expect(env.twilio.messages.find((m) => m.to === caller)!.body).toMatch(spec.greeting);
    timings[provider] = Date.now() - t0;
  }, 60_000);

  it(`keeps the sequence running after a call-back ${spec.callBacks.unanswered.how}`, async () => {
    const t0 = Date.now();
    const { id } = spec.callBacks.unanswered;
    await expectUnansweredCallBackKeepsSequence({ provider, at, caller, callId: id, deliveries: spec.callBack(id, false) });
    timings[`${provider}CallBackUnanswered`] = Date.now() - t0;
  }, 30_000);

  it(`ends a texted caller's sequence at once when they call again and ${spec.answeredInbound.how}; nothing else changes`, async () => {
    const t0 = Date.now();
    const { caller: again, missedId, id } = spec.answeredInbound;
    await expectSecondCallerTexted(wf, spec, { caller: again, callId: missedId });
    await expectAnsweredInboundEndsSequence({ provider, at, caller: again, callId: id, deliveries: spec.answeredInbound.deliveries() });
    timings[`${provider}AnsweredInbound`] = Date.now() - t0;
  }, 60_000);

  it('ends the sequence at once when the caller answers a call-back', async () => {
    const t0 = Date.now();
    const { id } = spec.callBacks.answered;
    await expectAnsweredCallBackEndsSequence({ provider, at, caller, callId: id, deliveries: spec.callBack(id, true) });
    timings[`${provider}CallBackAnswered`] = Date.now() - t0;
  }, 30_000);
});

/**
 * Vonage with machine detection: trigger workflows published with "Outbound Calls Use Machine
 * Detection" and "Agent Legs Use Machine Detection" on. A caller is texted after a missed call (the
 * agent leg rang out) as above; then, through a second such workflow five minutes later, a call-back
 * a voicemail box answers (answered, `machine` verdict, completed after 40 s) leaves their sequence
 * running, and one they answer themselves ends it only at the `human` verdict. A new caller whose
 * agent leg a voicemail box took (inbound answered, agent answered, `machine` verdict, both legs
 * completed) is a provisional miss `agent_voicemail`: one first SMS when the settle window ends,
 * nothing before. Verdict events carry `call_uuid` and no direction, signed like the other events.
 */
describe('Vonage with machine detection on call-backs and agent legs', () => {
  const NOW = '2027-03-10T15:50:00.000Z';
  const LATER = callBackAt(NOW);
  const CALLER = '+13055550156';
  const CALL_ID = 'CON-5f0c6a2e-3b1d-4c8e-9a7f-0305555015a6';
  const MACHINE_CALL_BACK = 'CON-7a1d9b3e-3b1d-4c8e-9a7f-0305555015b6';
  const HUMAN_CALL_BACK = 'CON-7a1d9b3e-3b1d-4c8e-9a7f-0305555015c6';
  const VOICEMAIL_BOX = { caller: '+13055550157', callId: 'CON-5f0c6a2e-3b1d-4c8e-9a7f-0305555015a7' };
  const detection = { vonageMachineDetection: true, vonageAgentMachineDetection: true };
  const s = PROVIDER_SECRETS.vonage;
  let first: { id: string; url: string };
  let later: { id: string; url: string };

  beforeAll(async () => {
    const at = (name: string, now: string) => env.publishTrigger(triggerWorkflow({ name, provider: 'vonage', template: fourTouch, now, creds: env.creds, params: detection }));
    first = await at('providers: vonage machine detection', NOW);
    later = await at('providers: vonage machine detection, later', LATER);
  }, 30_000);

  /** `event` at `at` s after `base`, signed */
  const vonageAt = (base: string, event: Json, at: number) => signedVonage(layout({ ...event, timestamp: isoAt(base, at) }), seconds(base, at), `${base}${event.uuid ?? event.call_uuid}${event.status}${at}`, s);
  /** a leg of conversation `con` (its own uuid by `tag`) and machine detection's verdict on it, which names it `call_uuid` */
  const leg = (con: string, tag: string, direction: 'inbound' | 'outbound', from: string, to: string) => {
    const uuid = con.slice(4).replace('-3b1d-', `-${tag}-`);
    const numbers = { conversation_uuid: con, from: digits(from), to: digits(to) };
    return {
      event: (status: string, more: Json = {}) => ({ uuid, ...numbers, direction, status, ...more }),
      verdict: (status: 'human' | 'machine', more: Json = {}) => ({ call_uuid: uuid, ...numbers, status, ...more }),
    };
  };
  const callBackLeg = (con: string) => leg(con, '3333', 'outbound', BUSINESS_NUMBER, CALLER);
  const eventTypes = async (callId: string) => (await (await env.ledger()).callEvents(callId)).map((e) => (e.payload as Json).eventType);

  it('texts the caller once when the settle window of the unanswered agent leg ends', async () => {
    const t0 = Date.now();
    const inbound = leg(CALL_ID, '1111', 'inbound', CALLER, BUSINESS_NUMBER);
    const agent = leg(CALL_ID, '2222', 'outbound', BUSINESS_NUMBER, AGENT_NUMBER);
    const deliveries = [
      vonageAt(NOW, inbound.event('answered'), -40),
      vonageAt(NOW, agent.event('timeout'), -10),
      vonageAt(NOW, inbound.event('completed', { start_time: isoAt(NOW, -40), end_time: isoAt(NOW, -5), duration: '35' }), -5),
    ];
    await expectTextedAfterSettling(first, deliveries, { provider: 'vonage', now: NOW, caller: CALLER, callId: CALL_ID });
    timings.vonageMachineDetection = Date.now() - t0;
  }, 60_000);

  it('keeps the sequence running after a call-back a voicemail box answered (machine verdict), also once it completed with talk time', async () => {
    const t0 = Date.now();
    const enrollment = await activeEnrollment(CALLER);
    const c = callBackLeg(MACHINE_CALL_BACK);
    const talk = { start_time: isoAt(LATER, -52) };
    await postReceived(later, [vonageAt(LATER, c.event('started'), -60), vonageAt(LATER, c.event('ringing'), -59), vonageAt(LATER, c.event('answered', talk), -52)]);
    const ledger = await env.ledger();
    expect((await ledger.enrollment(enrollment.id))!.status).toBe('active');
    await postReceived(later, [
      vonageAt(LATER, c.verdict('machine'), -49),
      vonageAt(LATER, c.event('completed', { ...talk, end_time: isoAt(LATER, -12), duration: '40', network: 'US-MOBILE' }), -12),
    ]);
    expect(await eventTypes(MACHINE_CALL_BACK)).toEqual(['started', 'ringing', 'answered', 'machine', 'completed']);
    await expectCallBackRecorded(later, { caller: CALLER, callId: MACHINE_CALL_BACK, events: 5 });
    expect(await ledger.enrollment(enrollment.id)).toMatchObject({ status: 'active', endReason: null });
    expect(await ledger.auditTrail({ phone: CALLER, kinds: ['call_connected'] })).toEqual([]);
    expect((await ledger.touchesOf(enrollment.id)).filter((t) => t.status === 'cancelled')).toEqual([]);
    expect(await ledger.pendingCall(`call:vonage:${MACHINE_CALL_BACK}`)).toBeNull();
    timings.vonageMachineCallBack = Date.now() - t0;
  }, 30_000);

  it('ends the sequence when a person answers a call-back at the human verdict, not at the answer', async () => {
    const t0 = Date.now();
    const enrollment = await activeEnrollment(CALLER);
    const c = callBackLeg(HUMAN_CALL_BACK);
    const talk = { start_time: isoAt(LATER, -30) };
    await postReceived(later, [vonageAt(LATER, c.event('started'), -38), vonageAt(LATER, c.event('ringing'), -37), vonageAt(LATER, c.event('answered', talk), -30)]);
    const ledger = await env.ledger();
    expect((await ledger.enrollment(enrollment.id))!.status, 'ended at the answer, before any verdict').toBe('active');
    expect(await ledger.auditTrail({ phone: CALLER, kinds: ['call_connected'] })).toEqual([]);

    await postReceived(later, [vonageAt(LATER, c.verdict('human'), -28)]);
    expect(await ledger.enrollment(enrollment.id)).toMatchObject({ status: 'exited', endReason: 'call_connected' });
    expect((await ledger.auditTrail({ phone: CALLER, kinds: ['call_connected'] })).map((a) => a.data)).toMatchObject([
      { callId: HUMAN_CALL_BACK, provider: 'vonage', direction: 'outbound', exitedEnrollments: [enrollment.id] },
    ]);
    expect((await ledger.touchesOf(enrollment.id)).map((t) => [t.stepId, t.status])).toEqual([
      ['sms-first', 'sent'],
      ['email-next-day', 'cancelled'],
    ]);
    // the call's end changes nothing more
    await postReceived(later, [vonageAt(LATER, c.event('completed', { ...talk, end_time: isoAt(LATER, -3), duration: '27', network: 'US-MOBILE' }), -3)]);
    expect(await ledger.auditTrail({ phone: CALLER, kinds: ['call_connected'] })).toHaveLength(1);
    await expectCallBackRecorded(later, { caller: CALLER, callId: HUMAN_CALL_BACK, events: 5 });
    timings.vonageHumanCallBack = Date.now() - t0;
  }, 30_000);

  it("texts a new caller once, as missed (agent_voicemail), when the settle window of the call an agent's voicemail box took ends; nothing before", async () => {
    const t0 = Date.now();
    const { caller, callId } = VOICEMAIL_BOX;
    const inbound = leg(callId, '1111', 'inbound', caller, BUSINESS_NUMBER);
    const agent = leg(callId, '2222', 'outbound', BUSINESS_NUMBER, AGENT_NUMBER);
    const talk = { start_time: isoAt(LATER, -32) };
    const deliveries = [
      vonageAt(LATER, inbound.event('answered'), -40),
      vonageAt(LATER, agent.event('answered', talk), -32),
      vonageAt(LATER, agent.verdict('machine', { sub_state: 'beep_start' }), -28),
      vonageAt(LATER, agent.event('completed', { ...talk, end_time: isoAt(LATER, -10), duration: '22', network: 'US-FIXED' }), -10),
      vonageAt(LATER, inbound.event('completed', { start_time: isoAt(LATER, -40), end_time: isoAt(LATER, -5), duration: '35', network: 'US-MOBILE' }), -5),
    ];
    const sent = env.twilio.messages.length;
    // parked (no execution, no SMS, no enrollment) until LATER + 90 s; the scheduler at +89 s finds nothing, at +90 s texts once
    await expectTextedAfterSettling(later, deliveries, { provider: 'vonage', now: LATER, caller, callId });
    expect(env.twilio.messages).toHaveLength(sent + 1);
    const ledger = await env.ledger();
    const [enrollment] = await ledger.enrollmentsOf(caller);
    expect(enrollment!.callEvent).toMatchObject({ provider: 'vonage', callId, class: 'missed', reason: 'agent_voicemail', direction: 'inbound', from: caller, to: BUSINESS_NUMBER });
    expect(await eventTypes(callId)).toEqual(['answered', 'answered', 'machine:beep_start', 'completed', 'completed']);
    // no conversation: not the caller's, and the agent is nobody's contact
    expect(await ledger.auditTrail({ phone: caller, kinds: ['call_connected'] })).toEqual([]);
    expect(await ledger.contact(AGENT_NUMBER)).toBeNull();
    timings.vonageAgentVoicemail = Date.now() - t0;
  }, 60_000);
});

/**
 * Texts to the business's Zoom Phone number: a trigger workflow whose Message output goes to the
 * export's Sequence Exit (Record Reply). Each signed `phone.sms_received` is one execution: a reply
 * ends the caller's sequence as Re-engaged; Zoom's own opt-out verdict records the opt-out (Zoom
 * confirms it itself, so nothing is sent) and Zoom's redelivery of it changes nothing; a text signed
 * with another secret is 401 and starts nothing.
 */
describe('Texts to a Zoom Phone number', () => {
  const NOW = '2027-03-10T16:10:00.000Z';
  const [OPT_OUT, REENGAGED] = [0, 3];
  let wf: { id: string; url: string };

  beforeAll(async () => {
    wf = await env.publishTrigger(triggerWorkflow({ name: 'providers: zoom texts', provider: 'zoom', template: fourTouch, now: NOW, creds: env.creds, messagesToExit: true }));
  }, 30_000);

  const smsReceived = (o: { from: string; text: string; id: string; optStatus?: string }, secret = PROVIDER_SECRETS.zoom): Delivery => {
    const e = fixtureJson<Json>('zoom-phone.sms_received-optout-derived.json');
    e.event_ts = Date.parse(NOW) - 2000;
    Object.assign(e.payload.object, {
      sender: { phone_number: o.from },
      to_members: [{ id: 'u1', type: 'user', display_name: 'Service', phone_number: BUSINESS_NUMBER }],
      message: o.text,
      message_id: o.id,
      date_time: isoAt(NOW, -2).replace('.000Z', 'Z'),
      phone_number_campaign_opt_statuses: o.optStatus ? [{ consumer_phone_number: o.from, zoom_phone_user_number: BUSINESS_NUMBER, opt_status: o.optStatus }] : [],
    });
    const body = layout(e);
    const ts = seconds(NOW, -2);
    const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
    return { body, headers: { 'content-type': 'application/json; charset=utf-8', 'x-zm-request-timestamp': String(ts), 'x-zm-signature': signature, 'user-agent': 'Zoom Marketplace/1.0a' } };
  };

  /** `caller` enrolled in fourTouch 10 minutes before NOW, their first touch due an hour after */
  const enrolled = async (caller: string) => (await enrollCaller(await env.ledger(), { phone: caller, at: Date.parse(NOW) - 600_000, dueAt: Date.parse(NOW) + 3_600_000 })).enrollment;

  /** posts `d`, waits for execution number `n` of the workflow, and returns Sequence Exit's outputs */
  const exitOutputs = async (d: Delivery, n: number) => {
    const reply = await post(wf.url, d);
    expect(reply.status, reply.body).toBe(200);
    const execs = await env.api.waitForExecutions(wf.id, n);
    const exec = execs.find((e) => Number(e.id) === Math.max(...execs.map((x) => Number(x.id))))!;
    env.assertSucceeded(exec);
    expect(nodeOutputs(exec, NAMES.senderNow), describeExecution(exec)).toEqual([]);
    return nodeOutputs(exec, NAMES.exit);
  };

  it('refuses a text signed with another secret token: 401, nothing started', async () => {
    const reply = await post(wf.url, smsReceived({ from: '+13055550181', text: 'STOP', id: 'IQ-forged' }, 'another-zoom-secret'));
    expect(reply.status, reply.body).toBe(401);
    expect(await env.api.executions(wf.id)).toEqual([]);
  });

  it('a reply ends the sequence as Re-engaged', async () => {
    const caller = '+13055550182';
    const enrollment = await enrolled(caller);
    const outs = await exitOutputs(smsReceived({ from: caller, text: 'Can you call me back after 3?', id: 'IQ-reply-1' }), 1);
    expect(outs.map((o) => o.length)).toEqual([0, 0, 0, 1, 0]);
    expect(outs[REENGAGED]![0]!.exit).toMatchObject({ class: 'reply', source: 'zoom', exitedEnrollments: [enrollment.id] });
    expect(await (await env.ledger()).enrollment(enrollment.id)).toMatchObject({ status: 'exited', endReason: 'replied' });
    expect(env.twilio.messages.filter((m) => m.to === caller)).toEqual([]);
  }, 30_000);

  it("records Zoom's opt-out at once, sends nothing, and a redelivery changes nothing", async () => {
    const caller = '+13055550183';
    const enrollment = await enrolled(caller);
    const stop = { from: caller, text: 'STOP', id: 'IQ-stop-1', optStatus: 'opt_out' };
    const outs = await exitOutputs(smsReceived(stop), 2);
    expect(outs[OPT_OUT]![0]!.exit).toMatchObject({ class: 'stop', action: 'opted_out', firstTime: true, source: 'zoom' });
    const ledger = await env.ledger();
    expect((await ledger.contact(caller))!.optOut.sms).not.toBeNull();
    expect((await ledger.enrollment(enrollment.id))!.status).toBe('exited');
    const again = await exitOutputs(smsReceived(stop), 3);
    expect(again[OPT_OUT]![0]!.exit).toMatchObject({ action: 'duplicate', duplicate: true });
    expect(env.twilio.messages.filter((m) => m.to === caller)).toEqual([]);
  }, 30_000);
});

/**
 * Texts to the business's Vonage number through the Messages API (its inbound URL at the trigger,
 * signed like the voice events: HS256 JWT with the body's payload_hash): a STOP ends the caller's
 * sequence and records the opt-out, with nothing sent; one signed with another secret is 401.
 */
describe('Texts to a Vonage number (Messages API)', () => {
  const NOW = '2027-03-10T16:20:00.000Z';
  const OPT_OUT = 0;
  let wf: { id: string; url: string };

  beforeAll(async () => {
    wf = await env.publishTrigger(triggerWorkflow({ name: 'providers: vonage texts', provider: 'vonage', template: fourTouch, now: NOW, creds: env.creds, messagesToExit: true }));
  }, 30_000);

  const inboundSms = (o: { from: string; text: string; id: string }, secret = PROVIDER_SECRETS.vonage): Delivery =>
    signedVonage(
      layout({ channel: 'sms', message_uuid: o.id, to: digits(BUSINESS_NUMBER), from: digits(o.from), timestamp: isoAt(NOW, -2), text: o.text, sms: { num_messages: '1', keyword: o.text.split(' ')[0]!.toUpperCase() }, message_type: 'text' }),
      seconds(NOW, -1),
      o.id,
      secret,
    );

  it('refuses a text signed with another secret: 401, nothing started', async () => {
    const reply = await post(wf.url, inboundSms({ from: '+13055550186', text: 'STOP', id: 'mu-forged' }, 'another-vonage-secret'));
    expect(reply.status, reply.body).toBe(401);
    expect(await env.api.executions(wf.id)).toEqual([]);
  });

  it('a STOP ends the sequence and records the opt-out, sending nothing', async () => {
    const caller = '+13055550187';
    const { enrollment } = await enrollCaller(await env.ledger(), { phone: caller, at: Date.parse(NOW) - 600_000, dueAt: Date.parse(NOW) + 3_600_000 });
    const reply = await post(wf.url, inboundSms({ from: caller, text: 'STOP', id: 'mu-stop-1' }));
    expect(reply.status, reply.body).toBe(200);
    const [exec] = await env.api.waitForExecutions(wf.id, 1);
    env.assertSucceeded(exec!);
    expect(nodeOutputs(exec!, NAMES.senderNow)).toEqual([]);
    const outs = nodeOutputs(exec!, NAMES.exit);
    expect(outs[OPT_OUT]![0]!.exit, describeExecution(exec!)).toMatchObject({ class: 'stop', action: 'opted_out', source: 'vonage' });
    const ledger = await env.ledger();
    expect((await ledger.contact(caller))!.optOut.sms).not.toBeNull();
    expect((await ledger.enrollment(enrollment.id))!.status).toBe('exited');
    expect(env.twilio.messages.filter((m) => m.to === caller)).toEqual([]);
  }, 30_000);
});

/**
 * Dialpad end to end, texts included: the first-touch sender sends through Dialpad (the emulator,
 * which checks each request against Dialpad's OpenAPI spec) from the number the caller called, and
 * the trigger's Message output feeds Sequence Exit. A caller who leaves a voicemail on the business's
 * Dialpad number gets one text from that number and none through Twilio; their signed Dialpad SMS
 * reply ends the sequence as Re-engaged.
 */
describe('Dialpad end to end: the text comes from the Dialpad number, the reply to it ends the sequence', () => {
  const NOW = '2027-03-10T16:30:00.000Z';
  const CALLER = '+13055550191';
  const CALL_ID = '6287391741714991';
  const REENGAGED = 3;
  let dp: DialpadEmulator;
  let wf: { id: string; url: string };

  beforeAll(async () => {
    dp = await startDialpadEmulator({ numbers: [BUSINESS_NUMBER] });
    const dialpadApi = { name: 'Dialpad API (emulator)', id: await env.api.createCredential('Dialpad API (emulator)', 'missedCallDialpadApi', { apiKey: dp.apiKey, baseUrl: dp.url }) };
    wf = await env.publishTrigger(
      triggerWorkflow({
        name: 'providers: dialpad texts',
        provider: 'dialpad',
        template: fourTouch,
        now: NOW,
        creds: env.creds,
        messagesToExit: true,
        sms: { params: { smsProvider: 'dialpad', dialpadFromNumber: '' }, credentials: { missedCallDialpadApi: dialpadApi } },
      }),
    );
  }, 30_000);
  afterAll(() => dp?.close());

  const ms = (s: number) => Date.parse(NOW) + s * 1000;
  const signed = (e: Json) => ({ body: hs256({ ...e, iat: seconds(NOW, -2) }, PROVIDER_SECRETS.dialpad), headers: { 'content-type': 'application/jwt' } });

  it('texts a caller who left a voicemail once, from the Dialpad number they called', async () => {
    const e = fixtureJson<Json>('dialpad-call-voicemail_uploaded-derived.json');
    Object.assign(e, { call_id: Number(CALL_ID), master_call_id: Number(CALL_ID), event_timestamp: ms(-3), date_started: ms(-60), date_rang: ms(-59), date_ended: ms(-20), external_number: CALLER, internal_number: BUSINESS_NUMBER });
    Object.assign(e.contact, { name: 'Dana Lee', phone: CALLER });
    Object.assign(e.target, { phone: BUSINESS_NUMBER });
    const twilioBefore = env.twilio.messages.length;
    const reply = await post(wf.url, signed(e));
    expect(reply.status, reply.body).toBe(200);
    const [exec] = await env.api.waitForExecutions(wf.id, 1);
    env.assertSucceeded(exec!);
    const send = nodeOutputs(exec!, NAMES.senderNow)[0]![0]!.send as Json;
    expect(send, describeExecution(exec!)).toMatchObject({ outcome: 'sent', provider: 'dialpad' });
    expect(dp.violations).toEqual([]);
    expect(dp.texts).toHaveLength(1);
    expect(dp.texts[0]).toMatchObject({ to: [CALLER], from: BUSINESS_NUMBER });
    expect(dp.texts[0]!.text).toContain('Brightside Plumbing');
    expect(send.messageId).toBe(dp.texts[0]!.id);
    expect(env.twilio.messages.length).toBe(twilioBefore);
    const [enrollment] = await (await env.ledger()).enrollmentsOf(CALLER);
    expect(enrollment).toMatchObject({ status: 'active', callEvent: { provider: 'dialpad', class: 'voicemail' } });
  }, 30_000);

  it("ends the sequence when the caller answers that text on Dialpad", async () => {
    const sms = { id: 5432100001, direction: 'inbound', text: 'Thanks, can you call me back after 3?', from_number: CALLER, to_number: [BUSINESS_NUMBER], event_timestamp: ms(-2), target: { phone: BUSINESS_NUMBER, type: 'user', id: '2', name: 'Service' } };
    const reply = await post(wf.url, signed(sms));
    expect(reply.status, reply.body).toBe(200);
    const execs = await env.api.waitForExecutions(wf.id, 2);
    const exec = execs.find((x) => Number(x.id) === Math.max(...execs.map((y) => Number(y.id))))!;
    env.assertSucceeded(exec);
    expect(nodeOutputs(exec, NAMES.senderNow)).toEqual([]);
    const outs = nodeOutputs(exec, NAMES.exit);
    expect(outs.map((o) => o.length), describeExecution(exec)).toEqual([0, 0, 0, 1, 0]);
    expect(outs[REENGAGED]![0]!.exit).toMatchObject({ class: 'reply', source: 'dialpad', channel: 'sms' });
    const [enrollment] = await (await env.ledger()).enrollmentsOf(CALLER);
    expect(enrollment).toMatchObject({ status: 'exited', endReason: 'replied' });
    expect(dp.texts).toHaveLength(1);
  }, 30_000);
});

/**
 * RingCentral end to end, texts included: the first-touch sender exchanges the credential's JWT for
 * an access token and sends through RingCentral (the emulator, which checks each request against
 * RingCentral's API spec) from the number the caller called; the trigger's Message output feeds
 * Sequence Exit. A caller who rang the business's RingCentral number and was missed gets one text
 * from that number and none through Twilio; their RingCentral SMS reply ends the sequence as Re-engaged.
 */
describe('RingCentral end to end: the text comes from the RingCentral number, the reply to it ends the sequence', () => {
  const NOW = '2027-03-10T16:40:00.000Z';
  const CALLER = '+13055550193';
  const CALL_ID = 's-a6abd24ca6774373a8120a3390d3e193';
  const REENGAGED = 3;
  let rc: RingCentralEmulator;
  let wf: { id: string; url: string };

  beforeAll(async () => {
    rc = await startRingCentralEmulator({ numbers: [BUSINESS_NUMBER] });
    const data = { serverUrl: rc.url, clientId: rc.clientId, clientSecret: rc.clientSecret, jwt: rc.jwt };
    const ringCentralApi = { name: 'RingCentral API (emulator)', id: await env.api.createCredential('RingCentral API (emulator)', 'missedCallRingCentralApi', data) };
    wf = await env.publishTrigger(
      triggerWorkflow({
        name: 'providers: ringcentral texts',
        provider: 'ringcentral',
        template: fourTouch,
        now: NOW,
        creds: env.creds,
        messagesToExit: true,
        sms: { params: { smsProvider: 'ringcentral', ringCentralFromNumber: '' }, credentials: { missedCallRingCentralApi: ringCentralApi } },
      }),
    );
  }, 30_000);
  afterAll(() => rc?.close());

  const headers = { 'content-type': 'application/json; charset=UTF-8', 'verification-token': PROVIDER_SECRETS.ringcentral, 'user-agent': 'RingCentral-Webhooks' };

  it('texts a missed caller once, from the RingCentral number they called, with a token from the JWT', async () => {
    const e = fixtureJson<Json>('ringcentral-telephony-sessions-disconnected-missed.json');
    e.uuid = '1823485288313944193';
    e.timestamp = isoAt(NOW, -1);
    Object.assign(e.body, { telephonySessionId: CALL_ID, sessionId: '425008160193', eventTime: isoAt(NOW, -2) });
    const party = e.body.parties[0];
    party.id = `p-${CALL_ID.slice(2)}-2`;
    party.to.phoneNumber = BUSINESS_NUMBER;
    party.from.phoneNumber = CALLER;
    const twilioBefore = env.twilio.messages.length;
    const reply = await post(wf.url, { body: layout(e), headers });
    expect(reply.status, reply.body).toBe(200);
    const [exec] = await env.api.waitForExecutions(wf.id, 1);
    env.assertSucceeded(exec!);
    const send = nodeOutputs(exec!, NAMES.senderNow)[0]![0]!.send as Json;
    expect(send, describeExecution(exec!)).toMatchObject({ outcome: 'sent', provider: 'ringcentral' });
    expect(rc.violations).toEqual([]);
    expect(rc.requests.map((r) => `${r.path.endsWith('/sms') ? 'sms' : 'token'} ${r.status}`)).toEqual(['token 200', 'sms 200']);
    expect(rc.texts).toHaveLength(1);
    expect(rc.texts[0]).toMatchObject({ to: [CALLER], from: BUSINESS_NUMBER });
    expect(rc.texts[0]!.text).toContain('Brightside Plumbing');
    expect(send.messageId).toBe(rc.texts[0]!.id);
    expect(env.twilio.messages.length).toBe(twilioBefore);
    const [enrollment] = await (await env.ledger()).enrollmentsOf(CALLER);
    expect(enrollment).toMatchObject({ status: 'active', callEvent: { provider: 'ringcentral', class: 'missed' } });
  }, 30_000);

  it('ends the sequence when the caller answers that text on RingCentral', async () => {
    const sms = fixtureJson<Json>('ringcentral-instant-message-sms-inbound.json');
    sms.uuid = 'ed1cf00c-0420-4bf5-a0ae-e659bb9f7193';
    sms.timestamp = isoAt(NOW, -1);
    Object.assign(sms.body, { id: '606090030193', subject: 'Thanks, can you call me back after 3?', creationTime: isoAt(NOW, -2), lastModifiedTime: isoAt(NOW, -2) });
    sms.body.from = { phoneNumber: CALLER };
    sms.body.to = [{ phoneNumber: BUSINESS_NUMBER }];
    const reply = await post(wf.url, { body: layout(sms), headers });
    expect(reply.status, reply.body).toBe(200);
    const execs = await env.api.waitForExecutions(wf.id, 2);
    const exec = execs.find((x) => Number(x.id) === Math.max(...execs.map((y) => Number(y.id))))!;
    env.assertSucceeded(exec);
    expect(nodeOutputs(exec, NAMES.senderNow)).toEqual([]);
    const outs = nodeOutputs(exec, NAMES.exit);
    expect(outs.map((o) => o.length), describeExecution(exec)).toEqual([0, 0, 0, 1, 0]);
    expect(outs[REENGAGED]![0]!.exit).toMatchObject({ class: 'reply', source: 'ringcentral', channel: 'sms' });
    const [enrollment] = await (await env.ledger()).enrollmentsOf(CALLER);
    expect(enrollment).toMatchObject({ status: 'exited', endReason: 'replied' });
    expect(rc.texts).toHaveLength(1);
  }, 30_000);
});
