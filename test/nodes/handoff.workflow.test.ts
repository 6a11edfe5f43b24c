/**
 * The designer's exported n8n workflow, run for real: its pack nodes (names, parameters, wiring as
 * exported) through n8n-core, the Missed Call Trigger through its webhook with the embedded template,
 * SMS/email through the Sandbox, HubSpot through the emulator. Only test settings are overridden:
 * Current Time, Sandbox providers, owner IDs, fast CRM retries.
 */
import type { IConnections, IDataObject } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { N8N_NODE_NAMES as N, PACKAGE, templateToN8nWorkflow, type N8nWorkflow } from '../../designer/src/export';
import type { Ledger } from '../../nodes/ledger';
import { twilioSignature } from '../../nodes/shared/signatures';
import type { SequenceTemplate } from '../../shared/schema';
import { fourTouch } from '../../shared/templates';
import { startHubSpotEmulator, type HubSpotEmulator } from '../emulators/hubspotEmulator';
import { loadHarness, useFreshUserFolder, type Harness, type TestNode } from './harness';
import { harness as triggerHarness, type Harness as TriggerHarness } from './MissedCallTrigger/fakeWebhook';

// Thursday 2027-01-14 10:00 in Chicago (the business), 11:00 in Miami (the caller)
const T0 = Date.UTC(2027, 0, 14, 16, 0);
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const OUR_NUMBER = '+15125550142';
const TOKEN = 'trigger-token-123';
const TWILIO_TOKEN = 'twilio-auth-token-handoff-0123456';
const [SENT, NOT_SENT] = [0, 1];
const REENGAGED = 3;
const DONE = 0;
const OWNERS = { service: '501', billing: '502' };
const iso = (t: number) => new Date(t).toISOString();

const wf: N8nWorkflow = templateToN8nWorkflow(fourTouch);
const exported = (name: string, workflow = wf) => workflow.nodes.find((n) => n.name === name)!;
const isPack = (name: string) => exported(name).type.startsWith(`${PACKAGE}.`);

/** fourTouch with its day-2 callback turned into an agent reminder. */
const withReminder: SequenceTemplate = {
  ...fourTouch,
  id: 'four-touch-reminder',
  steps: fourTouch.steps.map((s) =>
    s.channel === 'callback_task' ? { id: 'remind-day-2', name: 'Agent reminder', channel: 'notify_agent', delay: s.delay, message: { text: 'Missed call from {{callerName|a caller}} is still open', to: 'service-dispatch' } } : s,
  ),
};

let h: Harness;
let hs: HubSpotEmulator;
let trigger: TriggerHarness;
let ledger: Ledger;
let calls = 0;

beforeAll(async () => {
  useFreshUserFolder();
  h = await loadHarness();
  hs = await startHubSpotEmulator({ owners: Object.values(OWNERS), leadStatusOptions: ['REENGAGED_NEEDS_CALLBACK'] });
});
afterAll(async () => {
  await hs.close();
});
beforeEach(async () => {
  hs.reset();
  // the exported trigger's parameters (embedded template) on the generic provider, which carries a department
  trigger = triggerHarness({
    ...exported(N.trigger).parameters,
    provider: 'generic',
    genericMapping: JSON.stringify({
      callId: 'call.id',
      from: 'call.from',
      to: 'call.to',
      status: 'call.status',
      direction: 'call.direction',
      department: 'call.department',
      callerName: 'call.caller_name',
      statusMap: { missed: 'missed' },
    }),
    genericAuth: 'headerToken',
    genericHeader: 'X-Webhook-Token',
    genericToken: TOKEN,
  });
  ledger = await trigger.ledger();
});
afterEach(async () => {
  await trigger.cleanup();
});

/** Test-only settings on top of the exported parameters. */
function testParameters(name: string, now: number, workflow: N8nWorkflow): Record<string, unknown> {
  const p: Record<string, unknown> = { ...exported(name, workflow).parameters, currentTime: iso(now) };
  const type = exported(name, workflow).type;
  if (type.endsWith('.followUpSender')) Object.assign(p, { smsProvider: 'sandbox', emailProvider: 'sandbox' });
  if (type.endsWith('.crmFlag')) {
    const { mappings } = p.departmentOwners as { mappings: { department: string; ownerId: string; queueId: string }[] };
    p.departmentOwners = { mappings: mappings.map((m) => ({ ...m, ownerId: OWNERS[m.department as keyof typeof OWNERS] ?? '' })) };
    p.options = { maxAttempts: 2, retryBaseDelayMs: 1 };
  }
  return p;
}

/** Runs the exported workflow's pack nodes from `startNode` at `now` (items as the start node's input). */
function run(startNode: string, now: number, items?: IDataObject[], workflow = wf) {
  const nodes: TestNode[] = workflow.nodes
    .filter((n) => isPack(n.name))
    .map((n) => ({ id: n.id, name: n.name, type: n.type, typeVersion: n.typeVersion, position: n.position, parameters: testParameters(n.name, now, workflow) as never }));
  const connections: IConnections = {};
  for (const [source, { main }] of Object.entries(workflow.connections)) {
    if (isPack(source)) connections[source] = { main: main.map((targets) => targets.filter((t) => isPack(t.node))) };
  }
  return h.runWorkflow({
    nodes,
    connections,
    startNode,
    ...(items ? { triggerItems: items } : {}),
    // the Twilio credential checks inbound texts' signatures (nothing here answers a STOP)
    credentials: { missedCallHubSpotApi: { accessToken: hs.token, baseUrl: hs.url }, missedCallTwilioApi: { authType: 'authToken', accountSid: 'AC1', authToken: TWILIO_TOKEN } },
    timezone: workflow.settings.timezone,
  });
}

/** A missed call from `phone` at `at`, through the real trigger webhook; returns the Enrolled item. */
async function missedCall(phone: string, at: number, workflow = wf): Promise<IDataObject> {
  const body = JSON.stringify({
    call: { id: `call-handoff-${process.pid}-${++calls}`, from: phone, to: OUR_NUMBER, status: 'missed', direction: 'inbound', department: 'service', caller_name: 'Dana Lee' },
  });
  const { reply, result } = await trigger.call(
    { rawBody: body, headers: { 'content-type': 'application/json', 'x-webhook-token': TOKEN } },
    { currentTime: iso(at), templateJson: exported(N.trigger, workflow).parameters.templateJson as string },
  );
  expect(reply.status).toBe(200);
  const enrolled = ((result.workflowData ?? [[]]) as { json: IDataObject }[][])[0]!;
  expect(enrolled).toHaveLength(1);
  return enrolled[0]!.json;
}

/** A missed call at T0 by a caller with consent on record, and the exported first-touch path run on it. */
async function firstTouch(phone: string, workflow = wf) {
  await ledger.recordConsent(phone, 'informational', 'web_form', T0 - DAY);
  const item = await missedCall(phone, T0, workflow);
  return { item, r: await run(N.trigger, T0, [item], workflow) };
}

/** An n8n Webhook (v2) node's item for a Twilio inbound SMS, signed as Twilio signs it (the export's Sequence Exit checks it). */
const inboundSms = (from: string, text: string, sid = `SM${++calls}`) => {
  const webhookUrl = 'https://n8n.example.com/webhook/missed-call-replies/four-touch';
  const body = { MessageSid: sid, AccountSid: 'AC1', From: from, To: OUR_NUMBER, Body: text };
  return {
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(TWILIO_TOKEN, webhookUrl, body) },
    params: {},
    query: {},
    body,
    webhookUrl,
    executionMode: 'production',
  };
};

type Send = { outcome: string; reason: string | null; stepId: string; channel: string; provider: string | null; to: string | null; text?: string; next: { stepId: string } | null };
const sends = (r: Awaited<ReturnType<typeof run>>, node: string, output: number) => (r.outputs(node)[output] ?? []).map((j) => j.send as Send);
const crm = (r: Awaited<ReturnType<typeof run>>, node: string, output = DONE) => (r.outputs(node)[output] ?? []).map((j) => j.crm as IDataObject);

describe('the exported workflow, first touch', () => {
  it('enrolls the caller from the embedded template, and the first-touch gate and sender record the first SMS once', async () => {
    const phone = '+13055552101';
    const { item, r } = await firstTouch(phone);
    expect(item.firstTouch).toMatchObject({ stepId: 'sms-first', channel: 'sms' });
    expect(r.error).toBeUndefined();
    expect(r.order).toEqual([N.trigger, N.gateNow, N.senderNow]);
    expect(r.outputs(N.gateNow).map((o) => o.length)).toEqual([1, 0, 0, 0]);
    const [sent] = sends(r, N.senderNow, SENT);
    expect(sent).toMatchObject({ outcome: 'sent', provider: 'sandbox', channel: 'sms', stepId: 'sms-first', to: phone, next: { stepId: 'email-next-day' } });
    expect(sent!.text).toMatch(/^Hi Dana, .*Brightside Plumbing.*Service.*Reply STOP to opt out\.$/);
    const touch = await ledger.touch((item.firstTouch as { id: string }).id);
    expect(touch).toMatchObject({ status: 'sent', provider: 'sandbox' });

    // the same Enrolled item again (an n8n retry) sends nothing more
    const again = await run(N.trigger, T0 + MIN, [item]);
    expect(sends(again, N.senderNow, SENT)).toEqual([]);
    expect(sends(again, N.senderNow, NOT_SENT)).toMatchObject([{ outcome: 'skipped', reason: 'ALREADY_SENT' }]);
  });
});

describe('the exported workflow, due touches', () => {
  it('hands each due touch to exactly one node: email and SMS to the sender, the callback step to the CRM Flag', async () => {
    const phone = '+13055552102';
    await firstTouch(phone);
    await ledger.upsertContact({ phone, email: 'dana@example.com', now: T0 });

    // day 1: the email — the sender sends it, both CRM Flags pass it by, HubSpot hears nothing
    const email = await run(N.scheduler, T0 + DAY + MIN);
    expect(email.error).toBeUndefined();
    expect(sends(email, N.senderDue, SENT)).toMatchObject([{ outcome: 'sent', channel: 'email', stepId: 'email-next-day', to: 'dana@example.com' }]);
    expect([...crm(email, N.crmCallback), ...crm(email, N.crmNotify)]).toMatchObject([
      { outcome: 'skipped', reason: 'NOT_A_CRM_STEP' },
      { outcome: 'skipped', reason: 'NOT_A_CRM_STEP' },
    ]);
    expect(hs.requests).toHaveLength(0);

    // day 2: the callback — one HubSpot task; the sender and the agent-notification flag do nothing
    const callback = await run(N.scheduler, T0 + 2 * DAY + MIN);
    expect(callback.error).toBeUndefined();
    expect(sends(callback, N.senderDue, SENT)).toEqual([]);
    expect(sends(callback, N.senderDue, NOT_SENT)).toMatchObject([{ outcome: 'skipped', reason: 'UNSUPPORTED_CHANNEL', stepId: 'callback-day-2' }]);
    expect(crm(callback, N.crmNotify)).toMatchObject([{ outcome: 'skipped', reason: 'NOT_A_CRM_STEP' }]);
    expect(crm(callback, N.crmCallback)).toMatchObject([{ outcome: 'done', next: { stepId: 'sms-final' } }]);
    expect(hs.tasks).toHaveLength(1);
    expect(hs.tasks[0]!.properties).toMatchObject({ hs_task_subject: 'Call back Dana Lee (called Thu, Jan 14, 10:00 AM)', hubspot_owner_id: OWNERS.service });

    // day 6: the last SMS, then nothing is left
    const last = await run(N.scheduler, T0 + 6 * DAY + MIN);
    expect(sends(last, N.senderDue, SENT)).toMatchObject([{ outcome: 'sent', channel: 'sms', stepId: 'sms-final', next: null }]);
    const after = await run(N.scheduler, T0 + 30 * DAY);
    expect(after.outputs(N.scheduler)[0] ?? []).toEqual([]);
    expect(hs.tasks).toHaveLength(1);
    const enrollment = (await ledger.enrollmentsOf(phone))[0]!;
    expect(enrollment.status).toBe('completed');
    expect((await ledger.touchesOf(enrollment.id)).map((t) => [t.stepId, t.status])).toEqual([
      ['sms-first', 'sent'],
      ['email-next-day', 'sent'],
      ['callback-day-2', 'sent'],
      ['sms-final', 'sent'],
    ]);
  });

  it('gives an agent-reminder step to the notify CRM Flag only', async () => {
    const reminderWf = templateToN8nWorkflow(withReminder);
    const phone = '+13055552104';
    await firstTouch(phone, reminderWf);
    await ledger.upsertContact({ phone, email: 'dana@example.com', now: T0 });
    await run(N.scheduler, T0 + DAY + MIN, undefined, reminderWf);
    const r = await run(N.scheduler, T0 + 2 * DAY + MIN, undefined, reminderWf);
    expect(r.error).toBeUndefined();
    expect(r.outputs(N.gateDue).map((o) => o.length)).toEqual([1, 0, 0, 0]);
    expect(sends(r, N.senderDue, NOT_SENT)).toMatchObject([{ outcome: 'skipped', reason: 'UNSUPPORTED_CHANNEL', stepId: 'remind-day-2' }]);
    expect(crm(r, N.crmCallback)).toMatchObject([{ outcome: 'skipped', reason: 'NOT_A_CRM_STEP' }]);
    expect(crm(r, N.crmNotify)).toMatchObject([{ outcome: 'done', operation: 'notifyAgent', next: { stepId: 'sms-final' } }]);
    expect(hs.tasks.map((t) => [t.properties.hs_task_subject, t.properties.hs_task_type])).toEqual([['Missed call from Dana Lee is still open', 'TODO']]);
  });
});

describe('the exported workflow, reply → CRM handoff', () => {
  it('records the reply, flags the contact “Re-engaged — needs callback” with the department’s owner and a callback task, and ends the automation', async () => {
    const phone = '+13055552103';
    await firstTouch(phone);
    const text = 'Yes please call me, the water heater is leaking';
    const r = await run(N.exit, T0 + 30 * MIN, [inboundSms(phone, text, 'SMreply1')]);
    expect(r.error).toBeUndefined();
    expect(r.order).toEqual([N.exit, N.crmReengaged]);
    expect(r.outputs(N.exit).map((o) => o.length)).toEqual([0, 0, 0, 1, 0]);
    expect(r.outputs(N.exit)[REENGAGED]![0]!.exit).toMatchObject({ class: 'reply', action: 'reply_recorded', phone });

    const [flag] = crm(r, N.crmReengaged);
    expect(flag).toMatchObject({ outcome: 'done', operation: 'flagReengaged', provider: 'hubspot', created: true, ownerId: OWNERS.service });
    expect(hs.violations).toEqual([]);
    expect(hs.contacts).toHaveLength(1);
    expect(hs.contacts[0]!.properties).toMatchObject({ phone, firstname: 'Dana', hs_lead_status: 'REENGAGED_NEEDS_CALLBACK', hubspot_owner_id: OWNERS.service });
    expect(hs.tasks).toHaveLength(1);
    const task = hs.tasks[0]!.properties;
    expect(task).toMatchObject({ hs_task_type: 'CALL', hubspot_owner_id: OWNERS.service, hs_timestamp: iso(T0 + 45 * MIN) });
    for (const line of ['Thu, Jan 14, 10:00 AM (America/Chicago)', 'Call class: missed', 'Service', text, 'Automated touches so far: 1']) {
      expect(task.hs_task_body).toContain(line);
    }
    expect(hs.notes.map((n) => n.properties.hs_note_body)).toEqual([expect.stringMatching(/^Automated SMS sent .*step sms-first.*via sandbox/)]);

    // nothing more goes out to this contact, whenever the scheduler polls
    const enrollment = (await ledger.enrollmentsOf(phone))[0]!;
    expect(enrollment).toMatchObject({ status: 'exited', endReason: 'replied' });
    for (const at of [T0 + DAY + MIN, T0 + 2 * DAY + MIN, T0 + 6 * DAY + MIN]) {
      const poll = await run(N.scheduler, at);
      expect(poll.error).toBeUndefined();
      expect((poll.outputs(N.scheduler)[0] ?? []).filter((j) => (j.touch as { phone: string }).phone === phone)).toEqual([]);
    }
    expect(hs.tasks).toHaveLength(1);

    // Twilio retrying the same webhook (same MessageSid) flags nothing twice
    const retry = await run(N.exit, T0 + 31 * MIN, [inboundSms(phone, text, 'SMreply1')]);
    expect(retry.error).toBeUndefined();
    expect(retry.outputs(N.exit)[REENGAGED]![0]!.exit).toMatchObject({ action: 'duplicate' });
    expect(crm(retry, N.crmReengaged)).toMatchObject([{ outcome: 'skipped', reason: 'ALREADY_DONE' }]);
    expect(hs.tasks).toHaveLength(1);
  });
});
