/**
 * Scenarios that run both in regular mode and in queue mode (test/e2e/queue.e2e.test.ts), written
 * against E2eEnv only: a (first touch), c (reply → exit → CRM flag), c2 (a call a person answers
 * ends the sequence), g (provider retries), h (restart mid-sequence), plus the steps they share.
 */
import { expect } from 'vitest';
import { fourTouch } from '../../../shared/templates';
import type { SequenceTemplate } from '../../../shared/schema';
import { CRM_FLAG, OWNERS, type E2eEnv } from './e2eEnv';
import { describeExecution, nodeOutputs, type Execution } from './n8nApi';
import { callSid, dialActionAnswered, parentNoAnswer } from './twilioWebhook';
import { BUSINESS_NUMBER, NAMES, replyWorkflow, schedulerWorkflow, triggerWorkflow } from './workflows';

const HOUR = 3_600_000;
/** how long step() waits for the scheduler's execution of a touch that is due */
const STEP_WAIT_MS = 20_000;
export const at = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * HOUR).toISOString();

/** Messages, mails and CRM deliveries one caller received so far. */
export function received(env: E2eEnv, phone: string, email = '\u0000') {
  return {
    sms: env.twilio.messages.filter((m) => m.to === phone).map((m) => m.body),
    mail: env.smtp.received.filter((m) => m.to && JSON.stringify(m.to).includes(email)).map((m) => m.subject ?? ''),
    tasks: env.crm.deliveries.filter((d) => JSON.stringify(d.body).includes(phone)),
  };
}

/** The template text with `{{name|fallback}}` filled from `vars` (the test's oracle for first messages). */
export function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{\{\s*(\w+)\s*(?:\|([^}]*))?\}\}/g, (_, name: string, fallback?: string) => vars[name] ?? fallback ?? '');
}

/** A missed call (final no-answer) through a fresh trigger workflow (further trigger `params`); checks the first SMS went out. */
export async function enrollByCall(env: E2eEnv, label: string, phone: string, callAt: string, template: SequenceTemplate = fourTouch, params?: Record<string, unknown>) {
  const { id, url } = await env.publishTrigger(triggerWorkflow({ name: `${label}: trigger`, template, now: callAt, creds: env.creds, params }));
  const body = parentNoAnswer(env.twilio.accountSid, callSid(label), phone, new Date(callAt));
  const reply = await env.twilioPost(url, body);
  expect(reply.status, reply.body).toBe(200);
  const [exec] = await env.api.waitForExecutions(id, 1);
  env.assertSucceeded(exec!);
  expect(nodeOutputs(exec!, NAMES.senderNow)[0] ?? [], describeExecution(exec!)).toHaveLength(1);
  const ledger = await env.ledger();
  const enrollment = (await ledger.enrollmentsOf(phone)).find((e) => e.callId === callSid(label));
  expect(enrollment, `no enrollment for ${label}`).toBeDefined();
  return { workflowId: id, url, body, enrollmentId: enrollment!.id };
}

/** Runs the scheduler at `now` and checks that it claimed, gated and handled exactly `stepId`. */
export async function step(env: E2eEnv, now: string, email: string, stepId: string): Promise<Execution> {
  // a claim is expected: wait for its execution as long as a loaded machine needs (the wait ends
  // when it appears); only polls expected to claim nothing use schedulerRun's short quiet window
  const run = await env.schedulerRun(now, email, STEP_WAIT_MS);
  expect(run, `the poll at ${now} claimed nothing (expected ${stepId})`).not.toBeNull();
  env.assertSucceeded(run!);
  const claimed = (nodeOutputs(run!, NAMES.scheduler)[0] ?? []).map((i) => (i.touch as { stepId: string }).stepId);
  expect(claimed, describeExecution(run!)).toEqual([stepId]);
  // re-gated: the gate judged the touch at this instant and let it through
  const send = nodeOutputs(run!, NAMES.gateDue)[0] ?? [];
  expect(send.map((i) => (i.gate as { verdict: string }).verdict), describeExecution(run!)).toEqual(['send']);
  return run!;
}

/** Phones of the touches a scheduler execution claimed ([] for none). */
export function claimedPhones(run: Execution | null): string[] {
  return run ? (nodeOutputs(run, NAMES.scheduler)[0] ?? []).map((i) => (i.touch as { phone: string }).phone) : [];
}

/** a: a missed call's final event → one personalized first SMS (the trigger recorded the consent the gate needed). */
export async function firstTouchScenario(env: E2eEnv, o: { phone: string; callAt: string; label: string }) {
  const before = env.twilio.messages.length;
  const { enrollmentId } = await enrollByCall(env, o.label, o.phone, o.callAt);
  expect(env.twilio.violations).toEqual([]);
  const sent = env.twilio.messages.slice(before);
  expect(sent.map((m) => m.to)).toEqual([o.phone]);
  expect(sent[0]!.from).toBe(BUSINESS_NUMBER);
  expect(sent[0]!.body).toContain('Brightside Plumbing');
  expect(sent[0]!.body).toContain('Service'); // department from the number called
  expect(sent[0]!.body).toContain('Reply STOP to opt out');
  const ledger = await env.ledger();
  const touches = await ledger.touchesOf(enrollmentId);
  expect(touches.map((x) => [x.stepId, x.status])).toEqual([
    ['sms-first', 'sent'],
    ['email-next-day', 'pending'],
  ]);
  expect(touches[0]!.providerMessageId).toBe(sent[0]!.sid);
  // consent came from the inbound call itself (no override anywhere in the workflow)
  expect((await ledger.contact(o.phone))?.consent).toMatchObject({ level: 'informational' });
}

/** g: the same signed webhook five times at once and once more later → one enrollment, one first SMS. */
export async function retriesScenario(env: E2eEnv, o: { phone: string; callAt: string; label: string }) {
  const { id, url } = await env.publishTrigger(triggerWorkflow({ name: `${o.label}: retries`, template: fourTouch, now: o.callAt, creds: env.creds }));
  const before = env.twilio.messages.length;
  const body = parentNoAnswer(env.twilio.accountSid, callSid(o.label), o.phone, new Date(o.callAt));
  const replies = await Promise.all([1, 2, 3, 4, 5].map(() => env.twilioPost(url, body)));
  expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  await env.api.waitForExecutions(id, 1);
  expect((await env.twilioPost(url, body)).status).toBe(200);
  const execs = await env.api.waitForExecutions(id, 1);
  expect(execs).toHaveLength(1);
  env.assertSucceeded(execs[0]!);
  expect(env.twilio.messages.slice(before).filter((m) => m.to === o.phone)).toHaveLength(1);
  const ledger = await env.ledger();
  const enrollments = await ledger.enrollmentsOf(o.phone);
  expect(enrollments).toHaveLength(1);
  const touches = await ledger.touchesOf(enrollments[0]!.id);
  expect(touches.filter((x) => x.stepId === 'sms-first').map((x) => x.status)).toEqual(['sent']);
}

const replyWorkflows = new WeakMap<E2eEnv, Promise<{ id: string; url: string }>>();
let replyCount = 0;

/** The exported reply workflow (fourTouch's path), published once per environment. */
export function replyEndpoint(env: E2eEnv): Promise<{ id: string; url: string }> {
  let p = replyWorkflows.get(env);
  if (!p) {
    p = env.publishReply(replyWorkflow({ name: 'Replies (exported)', template: fourTouch, creds: env.creds, owners: OWNERS }));
    replyWorkflows.set(env, p);
  }
  return p;
}

/** Posts an inbound SMS to the reply workflow and returns its (successful) execution. */
export async function reply(env: E2eEnv, from: string, text: string, atIso: string, sid?: string): Promise<Execution> {
  const { id, url } = await replyEndpoint(env);
  const before = (await env.api.executions(id)).length;
  const r = await env.inboundSms(url, { from, text, at: atIso, sid: sid ?? `SM${(++replyCount).toString().padStart(4, '0')}${Date.now().toString(16)}` });
  expect(r.status, r.body).toBe(200);
  const all = await env.api.waitForExecutions(id, before + 1);
  const exec = all[0]!; // newest first
  env.assertSucceeded(exec);
  return exec;
}

/**
 * c: a reply between touches → Sequence Exit (Re-engaged) → CRM Flag: HubSpot contact "Re-engaged —
 * needs callback" with the department's owner and a callback task; no later automated touch.
 */
export async function replyHandoffScenario(env: E2eEnv, o: { phone: string; email: string; callAt: string; label: string }) {
  const { enrollmentId } = await enrollByCall(env, o.label, o.phone, o.callAt);
  expect(received(env, o.phone, o.email).sms).toHaveLength(1);
  const hsBefore = { tasks: env.hubspot.tasks.length };

  const text = 'Yes please call me, the water heater is leaking';
  const exec = await reply(env, o.phone, text, at(o.callAt, 0.5));
  const exitOut = nodeOutputs(exec, NAMES.exit);
  expect(exitOut.map((x) => x.length), describeExecution(exec)).toEqual([0, 0, 0, 1, 0]);
  expect(exitOut[3]![0]!.exit).toMatchObject({ class: 'reply', action: 'reply_recorded', phone: o.phone });
  const [flag] = (nodeOutputs(exec, NAMES.crmReengaged)[0] ?? []).map((j) => j.crm as Record<string, unknown>);
  expect(flag, describeExecution(exec)).toMatchObject({ outcome: 'done', operation: 'flagReengaged', provider: 'hubspot', ownerId: OWNERS.service });

  expect(env.hubspot.violations).toEqual([]);
  const contact = env.hubspot.contacts.find((c) => c.properties.phone === o.phone);
  expect(contact?.properties).toMatchObject({ hs_lead_status: 'REENGAGED_NEEDS_CALLBACK', hubspot_owner_id: OWNERS.service });
  const tasks = env.hubspot.tasks.slice(hsBefore.tasks).filter((t) => t.associations.some((a) => a.toId === contact!.id));
  expect(tasks).toHaveLength(1);
  expect(tasks[0]!.properties).toMatchObject({ hs_task_type: 'CALL', hubspot_owner_id: OWNERS.service });
  for (const line of ['Call class: missed', text, 'Automated touches so far: 1']) expect(tasks[0]!.properties.hs_task_body).toContain(line);

  const ledger = await env.ledger();
  expect(await ledger.enrollment(enrollmentId)).toMatchObject({ status: 'exited', endReason: 'replied' });

  // whenever the scheduler polls afterwards, nothing more goes to this caller
  for (const hours of [24, 48, 6 * 24]) {
    const run = await env.schedulerRun(at(o.callAt, hours), o.email);
    if (run) env.assertSucceeded(run);
    expect(claimedPhones(run)).not.toContain(o.phone);
  }
  const r = received(env, o.phone, o.email);
  expect([r.sms.length, r.mail.length, r.tasks.length]).toEqual([1, 0, 0]);
  expect(env.hubspot.tasks.slice(hsBefore.tasks)).toHaveLength(1);
  expect((await ledger.touchesOf(enrollmentId)).filter((t) => t.status === 'sent').map((t) => t.stepId)).toEqual(['sms-first']);
}

/**
 * c2: after the first SMS the caller rings back and reaches someone; the provider posts the answered
 * call (twice: a retry) to the same trigger: the sequence ends at once (call_connected), no execution
 * runs for the answered call, no later poll claims a touch of the caller, nothing goes to the CRM.
 */
export async function answeredCallScenario(env: E2eEnv, o: { phone: string; email: string; callAt: string; label: string }) {
  const { workflowId, url, enrollmentId } = await enrollByCall(env, o.label, o.phone, o.callAt);
  for (let i = 0; i < 2; i++) {
    const r = await env.twilioPost(url, dialActionAnswered(env.twilio.accountSid, callSid(`${o.label}-back`), o.phone));
    expect(r.status, r.body).toBe(200);
  }
  const ledger = await env.ledger();
  expect(await ledger.enrollment(enrollmentId)).toMatchObject({ status: 'exited', endReason: 'call_connected' });
  expect((await ledger.auditTrail({ phone: o.phone, kinds: ['call_connected'] })).map((a) => a.data)).toMatchObject([
    { direction: 'inbound', provider: 'twilio', exitedEnrollments: [enrollmentId] },
  ]);
  // one execution (the missed call), none for the answered call
  expect(await env.api.waitForExecutions(workflowId, 1)).toHaveLength(1);
  for (const hours of [24, 48, 6 * 24]) {
    const run = await env.schedulerRun(at(o.callAt, hours), o.email);
    if (run) env.assertSucceeded(run);
    expect(claimedPhones(run)).not.toContain(o.phone);
  }
  // (other scenarios' touches may fall due at these polls: look at this caller only)
  expect(received(env, o.phone)).toMatchObject({ sms: [expect.any(String)], tasks: [] });
  expect(env.hubspot.contacts.find((c) => c.properties.phone === o.phone)).toBeUndefined();
  expect((await ledger.touchesOf(enrollmentId)).map((t) => [t.stepId, t.status])).toEqual([
    ['sms-first', 'sent'],
    ['email-next-day', 'cancelled'],
  ]);
}

/**
 * h: the sequence continues after n8n (queue mode: main and workers) is stopped mid-sequence; the
 * touch that fell due meanwhile is claimed by the poll n8n runs when it starts (a scheduler
 * published with n8n's CLI while stopped); a second restart and a retried webhook send nothing twice.
 */
export async function restartScenario(
  env: E2eEnv,
  o: { phone: string; email: string; callAt: string; label: string; secondRestart?: boolean },
  timings: Record<string, number>,
) {
  const { url, body, enrollmentId } = await enrollByCall(env, o.label, o.phone, o.callAt);
  await step(env, at(o.callAt, 24), o.email, 'email-next-day');
  expect([received(env, o.phone, o.email).sms.length, received(env, o.phone, o.email).mail.length]).toEqual([1, 1]);

  const pinned = await env.api.createWorkflow(
    schedulerWorkflow({ name: `${o.label}: published while stopped`, now: at(o.callAt, 48), creds: env.creds, callerEmail: o.email, crmUrl: env.crm.url, withCrm: env.nodeTypes.includes(CRM_FLAG) }),
  );
  timings.restart = await env.restart(() => {
    const t = Date.now();
    env.n8n.cli(['publish:workflow', `--id=${pinned}`]);
    timings.cliPublish = Date.now() - t;
  });

  const [afterRestart] = await env.api.waitForExecutions(pinned, 1, 30_000);
  env.assertSucceeded(afterRestart!);
  expect((nodeOutputs(afterRestart!, NAMES.scheduler)[0] ?? []).map((i) => (i.touch as { stepId: string }).stepId)).toEqual(['callback-day-2']);
  expect(received(env, o.phone, o.email).tasks).toHaveLength(1);

  // a second restart with the scheduler still published polls the same instant again: nothing is due
  if (o.secondRestart !== false) timings.secondRestart = await env.restart();
  // and Twilio retrying the call's webhook after the restarts: still one enrollment
  expect((await env.twilioPost(url, body)).status).toBe(200);
  await env.api.unpublish(pinned);
  expect(await env.api.executions(pinned)).toHaveLength(1);

  await step(env, at(o.callAt, 6 * 24), o.email, 'sms-final');
  const r = received(env, o.phone, o.email);
  expect([r.sms.length, r.mail.length, r.tasks.length]).toEqual([2, 1, 1]);
  const ledger = await env.ledger();
  expect(await ledger.enrollmentsOf(o.phone)).toHaveLength(1);
  expect((await ledger.enrollment(enrollmentId))!.status).toBe('completed');
  expect((await ledger.touchesOf(enrollmentId)).map((x) => [x.stepId, x.status, x.claims])).toEqual([
    ['sms-first', 'sent', 0],
    ['email-next-day', 'sent', 1],
    ['callback-day-2', 'sent', 1],
    ['sms-final', 'sent', 1],
  ]);
}
