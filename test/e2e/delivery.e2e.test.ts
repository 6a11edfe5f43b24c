/**
 * SMS delivery status in a real n8n 2.40.7 (regular mode): the first-touch sender asks Twilio (the
 * emulator) for status callbacks at the export's "Delivery Status" trigger (a Missed Call SMS Trigger),
 * which feeds Sequence Exit in Record Delivery Status mode.
 * - i1 a text the carrier refuses as a landline (30006): Undelivered, the number is recorded as a
 *   landline, and the sequence goes on without texting it: the email and the callback task still go
 *   out, the final SMS is blocked by the Consent Gate (LANDLINE_SMS) and never reaches Twilio;
 * - i2 a delivered text: Delivered once; a repeated and a late, older callback change nothing;
 * - the trigger checks Twilio's signature for the URL n8n reports: a forged or unsigned callback gets
 *   403, starts nothing and records nothing; a signed body that is no status callback fails its
 *   execution, naming it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fourTouch } from '../../shared/templates';
import { startE2e, triggerWorkflow, type E2eEnv } from './harness/e2eEnv';
import { describeExecution, executionError, nodeOutputs, type Execution } from './harness/n8nApi';
import { at, received, step } from './harness/scenarios';
import { twilioSignature } from '../../nodes/shared/signatures';
import { callSid, parentNoAnswer } from './harness/twilioWebhook';
import { deliveryWorkflow, NAMES } from './harness/workflows';

let env: E2eEnv;
let hook: { id: string; url: string };

beforeAll(async () => {
  env = await startE2e('delivery');
  hook = await env.publishReply(deliveryWorkflow({ name: 'Delivery status (exported)', template: fourTouch, creds: env.creds }));
}, 600_000);

afterAll(async () => {
  await env?.close();
}, 60_000);

const GATE_BLOCK = 2; // Consent Gate outputs: Send, Defer, Block, Manual

/** The Status Callback URL a user gives the sender: the trigger's URL (and the scenario's instant). */
function statusCallbackUrl(atIso: string): string {
  const u = new URL(hook.url);
  u.searchParams.set('at', atIso);
  return u.toString();
}

/** A missed call through a trigger workflow whose sender asks for status callbacks; returns the first text's sid. */
async function firstText(label: string, phone: string, callAt: string): Promise<{ sid: string; enrollmentId: string }> {
  const wf = triggerWorkflow({ name: `${label}: trigger`, template: fourTouch, now: callAt, creds: env.creds });
  wf.nodes.find((n) => n.name === NAMES.senderNow)!.parameters.statusCallback = statusCallbackUrl(at(callAt, 0.05));
  const { id, url } = await env.publishTrigger(wf);
  const answer = await env.twilioPost(url, parentNoAnswer(env.twilio.accountSid, callSid(label), phone, new Date(callAt)));
  expect(answer.status, answer.body).toBe(200);
  const [exec] = await env.api.waitForExecutions(id, 1);
  env.assertSucceeded(exec!);
  const texts = env.twilio.messages.filter((m) => m.to === phone);
  expect(texts, describeExecution(exec!)).toHaveLength(1);
  expect(texts[0]!.statusCallback).toBe(statusCallbackUrl(at(callAt, 0.05)));
  const [enrollment] = await (await env.ledger()).enrollmentsOf(phone);
  return { sid: texts[0]!.sid, enrollmentId: enrollment!.id };
}

let callbacks = 0;
/** The emulator posts the message's status callback as Twilio does; returns the webhook execution it started. */
async function deliver(sid: string, status: string, errorCode?: number): Promise<Execution> {
  const code = await env.twilio.deliver(sid, status, errorCode !== undefined ? { errorCode } : {});
  expect(code).toBe(200);
  const execs = await env.api.waitForExecutions(hook.id, ++callbacks);
  return execs[0]!; // newest first
}

/** Items per Sequence Exit (delivery) output, and the one item of the callback. */
function outcome(e: Execution) {
  const outs = nodeOutputs(e, NAMES.exitDelivery);
  return { counts: [0, 1, 2].map((i) => outs[i]?.length ?? 0), item: outs.flat()[0] as Record<string, unknown> };
}

describe('i1 a text the carrier refuses as a landline', () => {
  const CALLER = '+13055550811';
  const EMAIL = 'caller-i1@e2e.example';
  const CALL_AT = '2027-03-10T15:00:00.000Z'; // Wednesday 10:00 in Miami

  it('is recorded as undelivered, the number as a landline, and no SMS touch follows while the email and callback task do', async () => {
    const { sid, enrollmentId } = await firstText('scenario-i1', CALLER, CALL_AT);

    const sent = await deliver(sid, 'sent');
    env.assertSucceeded(sent);
    expect(outcome(sent).counts, describeExecution(sent)).toEqual([0, 0, 1]);
    expect(outcome(sent).item).toMatchObject({ status: 'sent', reason: 'not_final', touch: { stepId: 'sms-first' } });

    const refused = await deliver(sid, 'undelivered', 30006);
    env.assertSucceeded(refused);
    const { counts, item } = outcome(refused);
    expect(counts, describeExecution(refused)).toEqual([0, 1, 0]);
    expect(item).toMatchObject({
      messageId: sid,
      status: 'undelivered',
      previousStatus: 'sent',
      errorCode: 30006,
      problem: { kind: 'landline', scope: 'contact' },
      phone: CALLER,
      effects: ['carrier_line_type:landline'],
    });

    const ledger = await env.ledger();
    const [first] = await ledger.touchesOf(enrollmentId);
    expect(first).toMatchObject({ stepId: 'sms-first', providerMessageId: sid, deliveryStatus: 'undelivered', deliveryError: 30006 });
    expect((await ledger.contact(CALLER))!.carrierLineType).toMatchObject({ type: 'landline', source: 'twilio_delivery' });
    const audit = await ledger.auditTrail({ enrollmentId, limit: 200 });
    expect(audit.filter((a) => a.kind === 'message_undelivered').map((a) => a.data)).toEqual([
      expect.objectContaining({ touchId: first!.id, messageId: sid, status: 'undelivered', errorCode: 30006 }),
    ]);

    // the sequence goes on by email and callback task
    await step(env, at(CALL_AT, 24), EMAIL, 'email-next-day');
    expect(received(env, CALLER, EMAIL).mail).toHaveLength(1);
    await step(env, at(CALL_AT, 48), EMAIL, 'callback-day-2');
    expect(received(env, CALLER, EMAIL).tasks).toHaveLength(1);

    // the final SMS is judged again and blocked: the carrier said landline
    const final = await env.schedulerRun(at(CALL_AT, 6 * 24), EMAIL, 20_000);
    expect(final, 'the poll claimed nothing (expected sms-final)').not.toBeNull();
    env.assertSucceeded(final!);
    const blocked = nodeOutputs(final!, NAMES.gateDue)[GATE_BLOCK] ?? [];
    expect(blocked, describeExecution(final!)).toHaveLength(1);
    expect((blocked[0]!.gate as { reasons: { code: string }[] }).reasons.map((r) => r.code)).toContain('LANDLINE_SMS');
    expect(received(env, CALLER, EMAIL).sms).toHaveLength(1);
    expect(env.twilio.violations).toEqual([]);
  }, 120_000);
});

describe('i2 a delivered text', () => {
  const CALLER = '+13055550812';
  const CALL_AT = '2027-04-07T15:00:00.000Z'; // Wednesday 11:00 EDT

  it('goes to Delivered once; a repeated and an older callback change nothing', async () => {
    const { sid, enrollmentId } = await firstText('scenario-i2', CALLER, CALL_AT);

    const delivered = await deliver(sid, 'delivered');
    env.assertSucceeded(delivered);
    expect(outcome(delivered).counts, describeExecution(delivered)).toEqual([1, 0, 0]);
    expect(outcome(delivered).item).toMatchObject({ status: 'delivered', previousStatus: null, changed: true, problem: null, effects: [] });

    const again = await deliver(sid, 'delivered');
    expect(outcome(again).item).toMatchObject({ changed: false, reason: 'duplicate' });
    const late = await deliver(sid, 'sent');
    expect(outcome(late).counts).toEqual([0, 0, 1]);
    expect(outcome(late).item).toMatchObject({ changed: false, reason: 'out_of_order', previousStatus: 'delivered' });

    const ledger = await env.ledger();
    const [first] = await ledger.touchesOf(enrollmentId);
    expect(first).toMatchObject({ deliveryStatus: 'delivered', deliveryError: null });
    expect((await ledger.contact(CALLER))!.carrierLineType ?? null).toBeNull();
  }, 60_000);
});

describe('bad callbacks', () => {
  it('a forged and an unsigned callback get 403 and start nothing; a signed body that is no status callback fails its execution with the reason', async () => {
    /** POSTs `form` with `signature` */
    const post = (form: Record<string, string>, signature: string | null) => {
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
      if (signature !== null) headers['x-twilio-signature'] = signature;
      return fetch(hook.url, { method: 'POST', headers, body: new URLSearchParams(form).toString() });
    };
    const before = (await env.api.executions(hook.id)).length;
    const sid = 'SM00000000000000000000000000000001';
    const failed = { MessageSid: sid, MessageStatus: 'undelivered', ErrorCode: '21610', To: '+13055550813', From: '+15125550100' };
    const forged = await post(failed, twilioSignature('f'.repeat(32), hook.url, failed));
    expect([forged.status, await forged.json()]).toEqual([403, { error: 'FORBIDDEN', code: 'BAD_SIGNATURE' }]);
    const unsigned = await post(failed, null);
    expect([unsigned.status, await unsigned.json()]).toEqual([403, { error: 'FORBIDDEN', code: 'MISSING_SIGNATURE' }]);
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await env.api.executions(hook.id)).length).toBe(before);
    expect((await (await env.ledger()).contact('+13055550813'))?.optOut.sms ?? null).toBeNull();

    const inbound = { MessageSid: sid, SmsStatus: 'received', Body: 'hi', From: '+13055550813' };
    const r = await post(inbound, twilioSignature(env.twilio.authToken, hook.url, inbound));
    expect(r.status).toBe(200); // signed: answered on receipt; the execution shows the fault
    const [e] = await env.api.waitForExecutions(hook.id, ++callbacks);
    expect(e!.status).toBe('error');
    expect(executionError(e!)).toMatch(/no delivery status of a sent message/);
  }, 60_000);
});
