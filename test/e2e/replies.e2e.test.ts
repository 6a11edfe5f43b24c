/**
 * Replies, opt-outs and call classes in a real n8n 2.40.7 (regular mode, one n8n for the file):
 * c a reply between touches ends the automation and hands the caller to HubSpot (emulator),
 * d STOP / START through the exported reply webhook, across two templates,
 * b voicemail, true missed and abandoned calls get the first message their template defines,
 * c2 a later call from the caller that a person answers ends the automation (no CRM flag: they talked),
 * c3 with "Outbound Calls Use Async AMD", a call-back ends it only once AMD says a person answered.
 * The scheduler claims every touch due at its instant, so the scenarios use separate months and
 * run in this order (c: March, d: April, c2: May, b: June and c3: July, without scheduler runs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SequenceTemplate } from '../../shared/schema';
import { fourTouch } from '../../shared/templates';
import { startE2e, triggerWorkflow, type E2eEnv } from './harness/e2eEnv';
import { describeExecution, nodeOutputs } from './harness/n8nApi';
import { answeredCallScenario, at, claimedPhones, enrollByCall, fill, received, reply, replyHandoffScenario } from './harness/scenarios';
import { asyncAmdVerdict, callSid, outboundStatus, parentNoAnswer } from './harness/twilioWebhook';
import { BUSINESS_NUMBER, NAMES } from './harness/workflows';

let env: E2eEnv;
const timings: Record<string, number> = {};

beforeAll(async () => {
  env = await startE2e('replies');
}, 600_000);

afterAll(async () => {
  if (!env) return;
  await env.close();
  env.saveTimings(timings); // test-artifacts/e2e/replies.timings.json
}, 60_000);

describe('c a reply between touches', () => {
  it('ends the sequence, flags the HubSpot contact “Re-engaged — needs callback” with the department’s owner and a callback task, and no touch follows', async () => {
    const t0 = Date.now();
    // Wednesday 10:00 in Miami
    await replyHandoffScenario(env, { phone: '+13055550311', email: 'caller-c@e2e.example', callAt: '2027-03-10T15:00:00.000Z', label: 'scenario-c' });
    timings.c = Date.now() - t0;
  }, 90_000);
});

describe('d STOP and START', () => {
  const CALLER = '+13055550422';
  const EMAIL = 'caller-d@e2e.example';
  const CALL_AT = '2027-04-07T15:00:00.000Z'; // Wednesday 11:00 EDT
  /** the same business with a second template (another id: another sequence, another enrollment) */
  const second: SequenceTemplate = { ...fourTouch, id: 'four-touch-second', name: 'Second sequence for the same line' };

  it('records the opt-out, confirms it exactly once, and no workflow or template texts the caller afterwards', async () => {
    const t0 = Date.now();
    const { enrollmentId } = await enrollByCall(env, 'scenario-d', CALLER, CALL_AT);
    expect(received(env, CALLER).sms).toHaveLength(1);

    const stop = await reply(env, CALLER, 'STOP', at(CALL_AT, 0.2));
    const out = nodeOutputs(stop, NAMES.exit);
    expect(out.map((x) => x.length), describeExecution(stop)).toEqual([1, 0, 0, 0, 0]);
    expect(out[0]![0]!.exit).toMatchObject({ action: 'opted_out', firstTime: true });
    expect(nodeOutputs(stop, NAMES.crmReengaged)).toEqual([]); // an opt-out is no lead
    const sms = received(env, CALLER).sms;
    expect(sms).toHaveLength(2);
    expect(sms[1]).toBe("You're unsubscribed from Brightside Plumbing texts. No more messages will be sent. Reply START to resubscribe.");
    expect(env.twilio.messages.filter((m) => m.to === CALLER)[1]!.from).toBe(BUSINESS_NUMBER);

    // a second STOP (another message) is recorded, but confirmed no more
    const again = await reply(env, CALLER, 'stop', at(CALL_AT, 0.4));
    expect(nodeOutputs(again, NAMES.exit)[0]![0]!.exit).toMatchObject({ action: 'opted_out', firstTime: false });
    expect(received(env, CALLER).sms).toHaveLength(2);

    const ledger = await env.ledger();
    expect((await ledger.contact(CALLER))!.optOut.sms).not.toBeNull();
    expect((await ledger.enrollment(enrollmentId))!.status).toBe('exited');

    // the scheduler at every later step instant claims nothing for the caller
    for (const hours of [24, 48, 6 * 24]) {
      const run = await env.schedulerRun(at(CALL_AT, hours), EMAIL);
      if (run) env.assertSucceeded(run);
      expect(claimedPhones(run)).not.toContain(CALLER);
    }
    // a second workflow with another template, and the caller misses a call there a week later
    const { id, url } = await env.publishTrigger(triggerWorkflow({ name: 'd: second template', template: second, now: at(CALL_AT, 7 * 24), creds: env.creds }));
    const call = await env.twilioPost(url, parentNoAnswer(env.twilio.accountSid, callSid('scenario-d-second'), CALLER, new Date(at(CALL_AT, 7 * 24))));
    expect(call.status, call.body).toBe(200);
    const [exec] = await env.api.waitForExecutions(id, 1);
    env.assertSucceeded(exec!);
    const [enrolled, filtered] = nodeOutputs(exec!, NAMES.trigger);
    expect(enrolled ?? [], describeExecution(exec!)).toEqual([]);
    expect(JSON.stringify(filtered ?? [])).toContain('ENROLLMENT_OPTED_OUT');
    expect(nodeOutputs(exec!, NAMES.senderNow)).toEqual([]);
    const r = received(env, CALLER, EMAIL);
    expect([r.sms.length, r.mail.length, r.tasks.length]).toEqual([2, 0, 0]);
    expect((await ledger.enrollmentsOf(CALLER)).map((e) => e.templateId)).toEqual(['four-touch']);
    timings.dStop = Date.now() - t0;
  }, 90_000);

  it('re-subscribes on START: a later missed call is followed up again', async () => {
    const t0 = Date.now();
    const start = await reply(env, CALLER, 'START', at(CALL_AT, 8 * 24));
    expect(nodeOutputs(start, NAMES.exit).map((x) => x.length), describeExecution(start)).toEqual([0, 1, 0, 0, 0]);
    expect(nodeOutputs(start, NAMES.exit)[1]![0]!.exit).toMatchObject({ action: 'opted_in', wasOptedOut: true });
    expect(received(env, CALLER).sms).toHaveLength(2); // START itself sends nothing
    const ledger = await env.ledger();
    expect((await ledger.contact(CALLER))!.optOut.sms).toBeNull();

    const later = at(CALL_AT, 9 * 24);
    await enrollByCall(env, 'scenario-d-later', CALLER, later);
    const sms = received(env, CALLER).sms;
    expect(sms).toHaveLength(3);
    expect(sms[2]).toContain('Brightside Plumbing');
    expect(sms[2]).toContain('Reply STOP to opt out');
    timings.dStart = Date.now() - t0;
  }, 60_000);
});

describe('c2 a call a person answers between touches', () => {
  it('ends the sequence at once: the trigger runs no execution, no touch follows and nothing goes to the CRM', async () => {
    await answeredCallScenario(env, { phone: '+13055550312', email: 'caller-c2@e2e.example', callAt: '2027-05-12T15:00:00.000Z', label: 'scenario-c2' });
  }, 90_000);
});

describe('b first message per call class', () => {
  // Wednesday 2027-06-09 11:00 EDT in Miami
  const CALL_AT = '2027-06-09T15:00:00.000Z';
  const vars = { businessName: fourTouch.business.name, department: 'Service' };
  const stepText = fourTouch.steps[0]!.message as { text: string; variants: { text: string }[] };
  const missedTexts = [stepText.text, ...stepText.variants.map((v) => v.text)].map((t) => fill(t, vars));
  const voicemailText = fill(fourTouch.trigger.firstMessage!.voicemail!, vars);
  const sid = (s: string) => callSid(`scenario-b-${s}`);
  const base = (s: string, from: string) => ({ AccountSid: env.twilio.accountSid, ApiVersion: '2010-04-01', CallSid: sid(s), From: from, To: BUSINESS_NUMBER });

  const calls: [string, string, string, () => Record<string, string>, () => string[]][] = [
    [
      'a voicemail (<Record> action with a recording)',
      '+13055550531',
      'voicemail',
      () => ({
        ...base('voicemail', '+13055550531'),
        RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${env.twilio.accountSid}/Recordings/RE0123456789abcdef0123456789abcdef`,
        RecordingSid: 'RE0123456789abcdef0123456789abcdef',
        RecordingDuration: '14',
        Digits: 'hangup',
      }),
      () => [voicemailText],
    ],
    ['a true missed call (final no-answer)', '+13055550532', 'missed', () => parentNoAnswer(env.twilio.accountSid, sid('missed'), '+13055550532', new Date(CALL_AT)), () => missedTexts],
    [
      'an abandoned call (caller hung up in the queue)',
      '+13055550533',
      'abandoned',
      () => ({ ...base('abandoned', '+13055550533'), Direction: 'inbound', CallStatus: 'in-progress', QueueResult: 'hangup', QueueSid: 'QU0123456789abcdef0123456789abcdef', QueueTime: '75' }),
      () => missedTexts,
    ],
  ];

  let trigger: Promise<{ id: string; url: string }> | null = null;
  let executions = 0;

  it.each(calls)('texts %s the first message its template defines', async (_what, phone, callClass, body, expected) => {
    const t0 = Date.now();
    trigger ??= env.publishTrigger(triggerWorkflow({ name: 'b: call classes', template: fourTouch, now: CALL_AT, creds: env.creds }));
    const { id, url } = await trigger;
    const res = await env.twilioPost(url, body());
    expect(res.status, res.body).toBe(200);
    const [exec] = await env.api.waitForExecutions(id, ++executions);
    env.assertSucceeded(exec!);
    const sms = received(env, phone).sms;
    expect(sms, describeExecution(exec!)).toHaveLength(1);
    expect(expected()).toContain(sms[0]);
    // voicemail's own text differs from the step's: each class really got its own message
    if (expected().length > 1) expect(sms[0]).not.toBe(voicemailText);
    const [enrollment] = await (await env.ledger()).enrollmentsOf(phone);
    expect(enrollment!.callEvent).toMatchObject({ class: callClass });
    timings[`b:${phone}`] = Date.now() - t0;
  }, 60_000);
});

describe('c3 call-backs with asynchronous AMD', () => {
  // Wednesday 2027-07-14 11:00 EDT in Miami
  const CALL_AT = '2027-07-14T15:00:00.000Z';
  const CALLER = '+13055550313';

  it('an answered call-back waits for the AMD verdict: a voicemail box leaves the sequence running, a person ends it', async () => {
    const t0 = Date.now();
    const { workflowId, url, enrollmentId } = await enrollByCall(env, 'scenario-c3', CALLER, CALL_AT, fourTouch, { twilioAsyncAmd: true });
    const ledger = await env.ledger();
    const post = async (params: Record<string, string>) => {
      const r = await env.twilioPost(url, params);
      expect(r.status, r.body).toBe(200);
    };
    const statusNow = async () => (await ledger.enrollment(enrollmentId))!.status;
    const connected = () => ledger.auditTrail({ phone: CALLER, kinds: ['call_connected'] });
    const sid = env.twilio.accountSid;

    // a call-back a voicemail box picks up: answered, then AMD's machine verdict, then the end of the call
    const machine = callSid('scenario-c3-machine');
    await post(outboundStatus(sid, machine, CALLER, 'in-progress', new Date(CALL_AT)));
    expect(await statusNow(), 'the answer ended the sequence before the AMD verdict').toBe('active');
    await post(asyncAmdVerdict(sid, machine, 'machine_end_beep'));
    await post(outboundStatus(sid, machine, CALLER, 'completed', new Date(CALL_AT)));
    expect(await statusNow()).toBe('active');
    expect(await connected()).toEqual([]);
    expect((await ledger.callEvents(machine)).map((e) => (e.payload as { reason: string }).reason)).toEqual(['outbound_awaiting_amd', 'outbound_machine', 'outbound_answered']);

    // a call-back the customer picks up: answered, then the human verdict ends the sequence
    const human = callSid('scenario-c3-human');
    await post(outboundStatus(sid, human, CALLER, 'in-progress', new Date(CALL_AT)));
    expect(await statusNow(), 'the answer ended the sequence before the AMD verdict').toBe('active');
    await post(asyncAmdVerdict(sid, human, 'human'));
    expect(await ledger.enrollment(enrollmentId)).toMatchObject({ status: 'exited', endReason: 'call_connected' });
    expect((await connected()).map((a) => a.data)).toMatchObject([{ callId: human, provider: 'twilio', direction: 'outbound', exitedEnrollments: [enrollmentId] }]);
    await post(outboundStatus(sid, human, CALLER, 'completed', new Date(CALL_AT)));
    expect(await connected()).toHaveLength(1);

    // no execution for any call-back, nothing sent after the first SMS, the next touch cancelled
    expect(await env.api.waitForExecutions(workflowId, 1)).toHaveLength(1);
    expect(received(env, CALLER)).toMatchObject({ sms: [expect.any(String)], tasks: [] });
    expect((await ledger.touchesOf(enrollmentId)).map((t) => [t.stepId, t.status])).toEqual([
      ['sms-first', 'sent'],
      ['email-next-day', 'cancelled'],
    ]);
    timings.c3 = Date.now() - t0;
  }, 60_000);
});
