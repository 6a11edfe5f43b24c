/**
 * End to end in a real n8n 2.40.7 with the packed package installed as a community package:
 * signed Twilio webhooks → Missed Call Trigger → Consent Gate → Follow-up Sender → Twilio emulator.
 * Time is driven through the nodes' "Current Time" parameters, never by sleeping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bilingual, fourTouch } from '../../shared/templates';
import { describeExecution, nodeOutputs } from './harness/n8nApi';
import { startE2e, triggerWorkflow, type E2eEnv } from './harness/e2eEnv';
import { NAMES } from './harness/workflows';
import { callSid, dialActionNoAnswer, dialLegNoAnswer, parentNoAnswer } from './harness/twilioWebhook';

let env: E2eEnv;
const timings: Record<string, number> = {};

beforeAll(async () => {
  env = await startE2e('first-touch');
}, 600_000);

afterAll(async () => {
  if (!env) return;
  await env.close();
  env.saveTimings(timings); // test-artifacts/e2e/first-touch.timings.json
}, 60_000);

/** Miami caller; 10:00 EST on a Wednesday, inside every quiet-hours window. */
const CALLER_A = '+13055550123';
const CALL_AT_A = '2027-03-10T15:00:00.000Z';

describe('a missed Twilio call in a real n8n', () => {
  it('sends the first SMS, personalized with business name, department and next step, after the final event', async () => {
    const t0 = Date.now();
    const { id, url } = await env.publishTrigger(triggerWorkflow({ name: 'a: first touch', template: fourTouch, now: CALL_AT_A, creds: env.creds }));
    const sid = callSid('scenario-a');

    // 1. the <Dial>ed agent leg was not answered: provisional, the trigger holds it (settle window)
    const leg = await env.twilioPost(url, dialLegNoAnswer(env.twilio.accountSid, sid, CALLER_A, new Date(CALL_AT_A)));
    expect(leg.status, leg.body).toBe(200);
    expect(leg.contentType).toContain('text/xml');
    expect(env.twilio.messages).toHaveLength(0);

    // 2. the inbound call's final status: nobody answered → enroll and text back
    const fin = await env.twilioPost(url, parentNoAnswer(env.twilio.accountSid, sid, CALLER_A, new Date(CALL_AT_A)));
    expect(fin.status, fin.body).toBe(200);
    const [exec] = await env.api.waitForExecutions(id, 1);
    env.assertSucceeded(exec!);

    const sent = nodeOutputs(exec!, NAMES.senderNow)[0] ?? [];
    expect(sent, describeExecution(exec!)).toHaveLength(1);
    expect(env.twilio.violations).toEqual([]);
    expect(env.twilio.messages).toHaveLength(1);
    const sms = env.twilio.messages[0]!;
    expect(sms.to).toBe(CALLER_A);
    expect(sms.from).toBe('+15125550142');
    expect(sms.body).toContain('Brightside Plumbing');
    expect(sms.body).toContain('Service'); // department "service" from the number called, by its template name
    expect(sms.body).toMatch(/call you back/); // the next step the caller can expect
    expect(sms.body).toContain('Reply STOP to opt out');

    const ledger = await env.ledger();
    const [enrollment] = await ledger.enrollmentsOf(CALLER_A);
    expect(enrollment).toMatchObject({ templateId: 'four-touch', callId: sid, status: 'active' });
    const touches = await ledger.touchesOf(enrollment!.id);
    expect(touches.map((x) => [x.stepId, x.status])).toEqual([
      ['sms-first', 'sent'],
      ['email-next-day', 'pending'],
    ]);
    expect(touches[0]!.providerMessageId).toBe(sms.sid);
    timings.a = Date.now() - t0;
  }, 60_000);
});

describe('a missed Twilio call to the Spanish line', () => {
  // Houston caller, Wednesday 10:00 CST
  const CALLER = '+17135550177';
  const CALL_AT = '2027-03-10T16:00:00.000Z';

  it('texts back in Spanish (the department’s language) with the business name, and records the language', async () => {
    const { id, url } = await env.publishTrigger(triggerWorkflow({ name: 'languages: Spanish line', template: bilingual, now: CALL_AT, creds: env.creds }));
    const sid = callSid('spanish-line');
    const call = { ...parentNoAnswer(env.twilio.accountSid, sid, CALLER, new Date(CALL_AT)), To: '+17135550141', Called: '+17135550141' };
    const r = await env.twilioPost(url, call);
    expect(r.status, r.body).toBe(200);
    const [exec] = await env.api.waitForExecutions(id, 1);
    env.assertSucceeded(exec!);
    // the Enrolled item says it, for a workflow that routes by language
    expect(nodeOutputs(exec!, NAMES.trigger)[0]?.[0]).toMatchObject({ contact: { language: 'es' }, call: { department: 'Español' } });
    expect(env.twilio.violations).toEqual([]);
    const sms = env.twilio.messages.find((m) => m.to === CALLER);
    expect(sms?.body).toBe('Hola, le escribe Casa Verde Landscaping. No pudimos atender su llamada; le llamaremos pronto, o responda a este mensaje con lo que necesita. Responda STOP para no recibir mensajes.');
    const ledger = await env.ledger();
    const [enrollment] = await ledger.enrollmentsOf(CALLER);
    const [first] = await ledger.touchesOf(enrollment!.id);
    expect(first).toMatchObject({ stepId: 'sms-first', status: 'sent', detail: { variant: 'lang:es', language: 'es' } });
  }, 60_000);
});

describe('a missed Twilio call that only settles', () => {
  // Wednesday 11:00 EST; no final event ever comes for this call
  const CALLER = '+13055550134';
  const CALL_AT = '2027-03-10T16:00:00.000Z';
  const at = (seconds: number) => new Date(Date.parse(CALL_AT) + seconds * 1000).toISOString();

  it('enrolls a Dial no-answer once its 90 s settle window elapsed, and the scheduler sends the first SMS', async () => {
    const t0 = Date.now();
    const { id, url } = await env.publishTrigger(triggerWorkflow({ name: 'a: settle', template: fourTouch, now: CALL_AT, creds: env.creds, settleSeconds: 90 }));
    const before = env.twilio.messages.length;
    const reply = await env.twilioPost(url, dialActionNoAnswer(env.twilio.accountSid, callSid('scenario-a-settle'), CALLER));
    expect(reply.status, reply.body).toBe(200);
    expect(reply.body).toContain('<Response');
    expect(await env.api.executions(id)).toEqual([]); // parked: nothing emitted yet
    const ledger = await env.ledger();
    expect(await ledger.enrollmentsOf(CALLER)).toEqual([]);

    // 89 s later the window is still open (the first touch would already be due at +60 s)
    expect(await env.schedulerRun(at(89), 'caller-settle@e2e.example')).toBeNull();
    expect(await ledger.enrollmentsOf(CALLER)).toEqual([]);
    // at +90 s the scheduler's settle sweep enrolls the call and the same poll claims its first touch
    const run = await env.schedulerRun(at(90), 'caller-settle@e2e.example', 20_000);
    expect(run, 'the +90 s poll claimed nothing').not.toBeNull();
    env.assertSucceeded(run!);
    const sent = env.twilio.messages.slice(before);
    expect(sent.map((m) => m.to), describeExecution(run!)).toEqual([CALLER]);
    expect(sent[0]!.body).toContain('Brightside Plumbing');
    expect(await ledger.enrollmentsOf(CALLER)).toHaveLength(1);
    timings.aSettle = Date.now() - t0;
  }, 60_000);
});

describe('g provider retries', () => {
  it('turns five deliveries of the same webhook into one enrollment and one first touch', async () => {
    const t0 = Date.now();
    const caller = '+13055550177';
    const { id, url } = await env.publishTrigger(triggerWorkflow({ name: 'g: retries', template: fourTouch, now: CALL_AT_A, creds: env.creds }));
    const before = env.twilio.messages.length;
    const body = parentNoAnswer(env.twilio.accountSid, callSid('scenario-g'), caller, new Date(CALL_AT_A));
    // Twilio retries a webhook that timed out: the same signed request, here five times at once
    const replies = await Promise.all([1, 2, 3, 4, 5].map(() => env.twilioPost(url, body)));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    // and once more after the first one finished
    await env.api.waitForExecutions(id, 1);
    expect((await env.twilioPost(url, body)).status).toBe(200);

    const execs = await env.api.waitForExecutions(id, 1);
    expect(execs).toHaveLength(1);
    env.assertSucceeded(execs[0]!);
    const mine = env.twilio.messages.slice(before).filter((m) => m.to === caller);
    expect(mine).toHaveLength(1);
    const ledger = await env.ledger();
    const enrollments = await ledger.enrollmentsOf(caller);
    expect(enrollments).toHaveLength(1);
    const touches = await ledger.touchesOf(enrollments[0]!.id);
    expect(touches.filter((x) => x.stepId === 'sms-first')).toHaveLength(1);
    expect(touches.find((x) => x.stepId === 'sms-first')!.status).toBe('sent');
    timings.g = Date.now() - t0;
  }, 60_000);
});

describe('e quiet hours', () => {
  // Wednesday 2027-03-10, 20:45 in Miami (EST, UTC−5): after Florida's 8 pm limit
  const CALLER_E = '+13055550145';
  const CALL_AT_E = '2027-03-11T01:45:00.000Z';
  const EIGHT_AM_MIAMI = '2027-03-11T13:00:00.000Z';

  it('defers a 20:45 Miami call to 08:00 local the next day, then sends it when the scheduler reaches 08:00', async () => {
    const t0 = Date.now();
    const { id, url } = await env.publishTrigger(triggerWorkflow({ name: 'e: quiet hours', template: fourTouch, now: CALL_AT_E, creds: env.creds }));
    const before = env.twilio.messages.length;
    expect((await env.twilioPost(url, parentNoAnswer(env.twilio.accountSid, callSid('scenario-e'), CALLER_E, new Date(CALL_AT_E)))).status).toBe(200);
    const [exec] = await env.api.waitForExecutions(id, 1);
    env.assertSucceeded(exec!);

    const deferred = nodeOutputs(exec!, NAMES.gateNow)[1] ?? [];
    expect(deferred, describeExecution(exec!)).toHaveLength(1);
    const gate = deferred[0]!.gate as { verdict: string; notBefore: string };
    expect(gate.verdict).toBe('defer');
    expect(new Date(gate.notBefore).toISOString()).toBe(EIGHT_AM_MIAMI);
    expect(nodeOutputs(exec!, NAMES.senderNow)).toEqual([]); // the sender never ran
    expect(env.twilio.messages.slice(before)).toEqual([]);

    const ledger = await env.ledger();
    const [enrollment] = await ledger.enrollmentsOf(CALLER_E);
    const [first] = await ledger.touchesOf(enrollment!.id);
    expect(first).toMatchObject({ stepId: 'sms-first', status: 'pending' });
    expect(new Date(first!.dueAt).toISOString()).toBe(EIGHT_AM_MIAMI);

    // one minute before 08:00 nothing is due; at 08:00 the scheduler claims it, the gate sends
    expect(await env.schedulerRun('2027-03-11T12:59:00.000Z', 'caller-e@e2e.example')).toBeNull();
    // the activation poll has run when publish returns: a claim would show in the ledger already
    expect((await ledger.touch(first!.id))!).toMatchObject({ status: 'pending', claims: 0 });
    expect(env.twilio.messages.slice(before)).toEqual([]);
    const run = await env.schedulerRun(EIGHT_AM_MIAMI, 'caller-e@e2e.example', 20_000);
    expect(run, 'the 08:00 poll claimed nothing').not.toBeNull();
    env.assertSucceeded(run!);
    const sent = env.twilio.messages.slice(before);
    expect(sent.map((m) => m.to), describeExecution(run!)).toEqual([CALLER_E]);
    expect(sent[0]!.body).toContain('Brightside Plumbing');
    expect((await ledger.touch(first!.id))!.status).toBe('sent');
    timings.e = Date.now() - t0;
  }, 60_000);
});
