/**
 * The other phone systems in a real n8n 2.40.7: Aircall, RingCentral, Dialpad, Vonage and Zoom Phone
 * post one missed call each, built from test/fixtures/telephony and signed with the trigger
 * credential's secret as the provider signs it, through n8n's own request handling: JSON bodies
 * n8n parses itself (sent in the fixtures' indented layout, so a check over a re-serialized parse
 * would fail), Dialpad's `application/jwt` body n8n leaves unread, headers as n8n passes them.
 * Each caller gets exactly one first SMS at the Twilio emulator; a provisional miss (Dialpad, Zoom,
 * Vonage) waits for its 90 s settle window, driven by the scheduler at a later Current Time.
 * A badly signed delivery of the same call is 401 and records and starts nothing.
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

async function publish(provider: SignedProvider, now: string) {
  return env.publishTrigger(triggerWorkflow({ name: `providers: ${provider}`, provider, template: fourTouch, now, creds: env.creds }));
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

// One Current Time per provider, Wednesday 2027-03-10 between 10:00 and 10:40 in Miami (EST):
// inside Florida's 8 am–8 pm texting hours; each caller is a Miami mobile number of its own.

describe('Aircall', () => {
  const NOW = '2027-03-10T15:00:00.000Z';
  const CALLER = '+13055550151';
  const CALL_ID = '780836801';
  let wf: { id: string; url: string };

  /** call.ended of an inbound call no agent answered, no voicemail; the token in the body authenticates it */
  const callEnded = (token: string): Delivery => {
    const e = fixtureJson<Json>('aircall-call.ended-inbound-missed-novoicemail-derived.json');
    e.token = token;
    e.timestamp = seconds(NOW, -2);
    Object.assign(e.data, {
      id: Number(CALL_ID),
      direct_link: `https://api.aircall.io/v1/calls/${CALL_ID}`,
      started_at: seconds(NOW, -30),
      ended_at: seconds(NOW, -3),
      duration: 27,
      raw_digits: '+1 305-555-0151',
    });
    Object.assign(e.data.number, { digits: '+1 512-555-0142', name: 'Brightside main line', country: 'US', time_zone: 'America/Chicago' });
    return { body: layout(e), headers: { 'content-type': 'application/json', 'user-agent': 'Aircall-Webhooks' } };
  };

  beforeAll(async () => {
    wf = await publish('aircall', NOW);
  }, 30_000);

  it('refuses the call with another webhook\'s token: 401, nothing recorded or started', async () => {
    await expectRefused(wf, callEnded('8f8da879a8bfd89b6c4ff3b73efc0409'), CALL_ID, 'BAD_TOKEN');
  });

  it('texts the caller once for a call.ended missed call carrying the webhook token', async () => {
    const t0 = Date.now();
    await expectTextedNow(wf, callEnded(PROVIDER_SECRETS.aircall), CALLER, CALL_ID);
    timings.aircall = Date.now() - t0;
  }, 60_000);
});

describe('RingCentral', () => {
  const NOW = '2027-03-10T15:10:00.000Z';
  const CALLER = '+13055550152';
  const CALL_ID = 's-a6abd24ca6774373a8120a3390d3e152';
  let wf: { id: string; url: string };

  /** telephony/sessions notification: the inbound party Disconnected with missedCall; the Verification-Token header authenticates it */
  const disconnected = (token: string): Delivery => {
    const e = fixtureJson<Json>('ringcentral-telephony-sessions-disconnected-missed.json');
    e.uuid = '1823485288313944152';
    e.timestamp = isoAt(NOW, -1);
    Object.assign(e.body, { telephonySessionId: CALL_ID, sessionId: '425008160152', eventTime: isoAt(NOW, -2) });
    const party = e.body.parties[0];
    party.id = `p-${CALL_ID.slice(2)}-2`;
    party.to.phoneNumber = BUSINESS_NUMBER;
    party.from.phoneNumber = CALLER;
    return { body: layout(e), headers: { 'content-type': 'application/json; charset=UTF-8', 'verification-token': token, 'user-agent': 'RingCentral-Webhooks' } };
  };

  beforeAll(async () => {
    wf = await publish('ringcentral', NOW);
  }, 30_000);

  it('refuses a notification with another subscription\'s verification token: 401, nothing recorded or started', async () => {
    await expectRefused(wf, disconnected('another-subscription-token'), CALL_ID, 'BAD_TOKEN');
  });

  it('texts the caller once for a Disconnected party marked missedCall', async () => {
    const t0 = Date.now();
    await expectTextedNow(wf, disconnected(PROVIDER_SECRETS.ringcentral), CALLER, CALL_ID);
    timings.ringcentral = Date.now() - t0;
  }, 60_000);
});

describe('Dialpad', () => {
  const NOW = '2027-03-10T15:20:00.000Z';
  const CALLER = '+13055550153';
  const CALL_ID = '6287391741714153';
  let wf: { id: string; url: string };

  /** the `missed` call event as Dialpad sends it to a webhook with a secret: an HS256 JWT as the raw body */
  const missed = (secret: string): Delivery => {
    const e = fixtureJson<Json>('dialpad-call-missed-derived.json');
    const ms = (s: number) => Date.parse(NOW) + s * 1000;
    Object.assign(e, {
      call_id: Number(CALL_ID),
      master_call_id: Number(CALL_ID),
      event_timestamp: ms(-3),
      date_started: ms(-30),
      date_rang: ms(-29),
      date_ended: ms(-4),
      external_number: CALLER,
      internal_number: BUSINESS_NUMBER,
      iat: seconds(NOW, -3),
    });
    Object.assign(e.contact, { name: '(305) 555-0153', phone: CALLER });
    Object.assign(e.target, { phone: BUSINESS_NUMBER });
    return { body: hs256(e, secret), headers: { 'content-type': 'application/jwt' } };
  };

  beforeAll(async () => {
    wf = await publish('dialpad', NOW);
  }, 30_000);

  it('refuses a JWT signed with another secret: 401, nothing recorded or started', async () => {
    await expectRefused(wf, missed('another-dialpad-secret'), CALL_ID, 'BAD_SIGNATURE');
  });

  it('texts the caller once when the settle window of the provisional missed event ends', async () => {
    const t0 = Date.now();
    await expectTextedAfterSettling(wf, [missed(PROVIDER_SECRETS.dialpad)], { provider: 'dialpad', now: NOW, caller: CALLER, callId: CALL_ID });
    // Dialpad names an unknown caller by their formatted number: no name to greet them by
    expect(env.twilio.messages.find((m) => m.to === CALLER)!.body).toMatch(/^Hi there, /);
    timings.dialpad = Date.now() - t0;
  }, 60_000);
});

describe('Vonage', () => {
  const NOW = '2027-03-10T15:30:00.000Z';
  const CALLER = '+13055550154';
  const CALL_ID = 'CON-5f0c6a2e-3b1d-4c8e-9a7f-0305555015a4';
  let wf: { id: string; url: string };

  /** a Voice API event of the conversation, its Bearer JWT (HS256, payload_hash of `signedBody`) with `secret` */
  const event = (fixture: string, fields: Json, at: number, secret: string, signedBody?: string): Delivery => {
    const body = layout({ ...fixtureJson<Json>(fixture), conversation_uuid: CALL_ID, timestamp: isoAt(NOW, at), ...fields });
    const claims = {
      iat: seconds(NOW, at),
      jti: createHash('sha256').update(`${fixture}${at}`).digest('hex').slice(0, 32),
      iss: 'Vonage',
      payload_hash: createHash('sha256').update(signedBody ?? body).digest('hex'),
      api_key: 'e2e0a1b2',
      application_id: '5f0c6a2e-0000-4000-8000-0305555015a4',
    };
    return { body, headers: { 'content-type': 'application/json', authorization: `Bearer ${hs256(claims, secret)}`, 'user-agent': 'Vonage-Voice-Webhooks' } };
  };
  const inbound = { uuid: '5f0c6a2e-1111-4c8e-9a7f-0305555015a4', direction: 'inbound', from: digits(CALLER), to: digits(BUSINESS_NUMBER) };
  const agent = { uuid: '5f0c6a2e-2222-4c8e-9a7f-0305555015a4', direction: 'outbound', from: digits(BUSINESS_NUMBER), to: digits(AGENT_NUMBER) };
  /** Vonage answers the inbound leg (NCCO), connects an agent leg nobody answers, the caller hangs up */
  const conversation = (secret: string): Delivery[] => [
    event('vonage-event-answered-inbound.json', inbound, -40, secret),
    event('vonage-event-unanswered.json', agent, -10, secret),
    event('vonage-event-completed-inbound.json', { ...inbound, start_time: isoAt(NOW, -40), end_time: isoAt(NOW, -5), duration: '35', network: 'US-MOBILE' }, -5, secret),
  ];

  beforeAll(async () => {
    wf = await publish('vonage', NOW);
  }, 30_000);

  it('refuses an event whose body is not the one its JWT payload_hash signed: 401, nothing recorded or started', async () => {
    const [answered] = conversation(PROVIDER_SECRETS.vonage);
    const forged = event('vonage-event-answered-inbound.json', { ...inbound, from: '13055550999' }, -40, PROVIDER_SECRETS.vonage, answered!.body);
    await expectRefused(wf, forged, CALL_ID, 'BODY_HASH_MISMATCH');
  });

  it('texts the caller once when the settle window of the unanswered agent leg ends', async () => {
    const t0 = Date.now();
    await expectTextedAfterSettling(wf, conversation(PROVIDER_SECRETS.vonage), { provider: 'vonage', now: NOW, caller: CALLER, callId: CALL_ID });
    timings.vonage = Date.now() - t0;
  }, 60_000);
});

describe('Zoom Phone', () => {
  const NOW = '2027-03-10T15:40:00.000Z';
  const CALLER = '+13055550155';
  const CALL_ID = '7362181212466715500';
  let wf: { id: string; url: string };

  /** phone.callee_missed signed with x-zm-signature over `v0:{timestamp}:{raw body}` */
  const calleeMissed = (secret: string): Delivery => {
    const e = fixtureJson<Json>('zoom-phone.callee_missed-derived.json');
    e.event_ts = Date.parse(NOW) - 4000;
    const o = e.payload.object;
    Object.assign(o, { call_id: CALL_ID, ringing_start_time: isoAt(NOW, -30).replace('.000Z', 'Z'), call_end_time: isoAt(NOW, -5).replace('.000Z', 'Z') });
    Object.assign(o.callee, { phone_number: BUSINESS_NUMBER, timezone: 'America/Chicago' });
    Object.assign(o.caller, { phone_number: CALLER, name: 'José Núñez' }); // not ASCII: the signature is over UTF-8 bytes
    const body = layout(e);
    const ts = String(seconds(NOW, -4));
    const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
    return { body, headers: { 'content-type': 'application/json; charset=utf-8', 'x-zm-request-timestamp': ts, 'x-zm-signature': signature, 'user-agent': 'Zoom Marketplace/1.0a' } };
  };

  beforeAll(async () => {
    wf = await publish('zoom', NOW);
  }, 30_000);

  it('refuses a delivery signed with another secret token: 401, nothing recorded or started', async () => {
    await expectRefused(wf, calleeMissed('another-zoom-secret'), CALL_ID, 'BAD_SIGNATURE');
  });

  it('texts the caller once when the settle window of the provisional callee_missed event ends', async () => {
    const t0 = Date.now();
    await expectTextedAfterSettling(wf, [calleeMissed(PROVIDER_SECRETS.zoom)], { provider: 'zoom', now: NOW, caller: CALLER, callId: CALL_ID });
    expect(env.twilio.messages.find((m) => m.to === CALLER)!.body).toMatch(/^Hi José, /);
    timings.zoom = Date.now() - t0;
  }, 60_000);
});
