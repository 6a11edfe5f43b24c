/**
 * The whole four-touch sequence in a real n8n 2.40.7 (package installed from its npm tarball):
 * SMS → email → callback task → final SMS, each touch claimed by the Sequence Scheduler and judged
 * again by the Consent Gate; then the same with an n8n restart in the middle.
 *
 * Driving the scheduler: a poll trigger's shortest interval is one minute, so each step publishes a
 * scheduler workflow whose "Current Time" is the step's instant and whose cron never fires; n8n
 * runs one poll when it activates a polling workflow, which claims the touches due at that instant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fourTouch } from '../../shared/templates';
import { describeExecution, nodeOutputs } from './harness/n8nApi';
import { CRM_FLAG, startE2e, triggerWorkflow, type E2eEnv } from './harness/e2eEnv';
import { restartScenario } from './harness/scenarios';
import { NAMES } from './harness/workflows';
import { callSid, parentNoAnswer } from './harness/twilioWebhook';

let env: E2eEnv;
const timings: Record<string, number> = {};

beforeAll(async () => {
  env = await startE2e('sequence');
}, 600_000);

afterAll(async () => {
  if (!env) return;
  await env.close();
  env.saveTimings(timings); // test-artifacts/e2e/sequence.timings.json
}, 60_000);

const HOUR = 3_600_000;
const at = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * HOUR).toISOString();

/** Messages, mails and CRM tasks one caller received so far. */
function received(phone: string, email: string) {
  return {
    sms: env.twilio.messages.filter((m) => m.to === phone).map((m) => m.body),
    mail: env.smtp.received.filter((m) => m.to && JSON.stringify(m.to).includes(email)).map((m) => m.subject ?? ''),
    tasks: env.crm.deliveries.filter((d) => JSON.stringify(d.body).includes(phone)),
  };
}

/** Runs the scheduler at `now` and checks that it claimed, gated and handled exactly `stepId`. */
async function step(now: string, email: string, stepId: string) {
  const run = await env.schedulerRun(now, email, 20_000); // a claim is expected: wait until it shows
  expect(run, `the poll at ${now} claimed nothing (expected ${stepId})`).not.toBeNull();
  env.assertSucceeded(run!);
  const claimed = (nodeOutputs(run!, NAMES.scheduler)[0] ?? []).map((i) => (i.touch as { stepId: string }).stepId);
  expect(claimed, describeExecution(run!)).toEqual([stepId]);
  // re-gated: the gate judged the touch at this instant and let it through
  const send = nodeOutputs(run!, NAMES.gateDue)[0] ?? [];
  expect(send.map((i) => (i.gate as { verdict: string }).verdict), describeExecution(run!)).toEqual(['send']);
  return run!;
}

async function enrollByCall(label: string, phone: string, callAt: string) {
  const { id, url } = await env.publishTrigger(triggerWorkflow({ name: `${label}: trigger`, template: fourTouch, now: callAt, creds: env.creds }));
  const body = parentNoAnswer(env.twilio.accountSid, callSid(label), phone, new Date(callAt));
  expect((await env.twilioPost(url, body)).status).toBe(200);
  const [exec] = await env.api.waitForExecutions(id, 1);
  env.assertSucceeded(exec!);
  expect(nodeOutputs(exec!, NAMES.senderNow)[0] ?? [], describeExecution(exec!)).toHaveLength(1);
  const ledger = await env.ledger();
  const [enrollment] = await ledger.enrollmentsOf(phone);
  return { workflowId: id, url, body, enrollmentId: enrollment!.id };
}

describe('f the four-touch sequence', () => {
  // Wednesday 10:00 in Miami; every later touch also lands at 10:00/11:00 local
  const CALLER = '+13055550160';
  const EMAIL = 'caller-f@e2e.example';
  const CALL_AT = '2027-03-10T15:00:00.000Z';

  it('sends SMS → email → callback task → final SMS, each claimed by the scheduler and re-gated', async () => {
    const t0 = Date.now();
    expect(env.nodeTypes, 'package.json n8n.nodes must list the CRM Flag node').toContain(CRM_FLAG);
    const { enrollmentId } = await enrollByCall('scenario-f', CALLER, CALL_AT);
    expect(received(CALLER, EMAIL).sms).toHaveLength(1);

    // nothing is due between the touches
    expect(await env.schedulerRun(at(CALL_AT, 23), EMAIL)).toBeNull();

    await step(at(CALL_AT, 24), EMAIL, 'email-next-day');
    const mails = env.smtp.received.filter((m) => JSON.stringify(m.to).includes(EMAIL));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Your call to Brightside Plumbing: pick a time that suits you');
    expect(mails[0]!.text).toContain('https://brightside.example.com/book');

    await step(at(CALL_AT, 48), EMAIL, 'callback-day-2');
    const tasks = received(CALLER, EMAIL).tasks;
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.signatureOk).toBe(true);
    expect(tasks[0]!.body.event).toBe('missed_call.callbackTask');

    await step(at(CALL_AT, 6 * 24), EMAIL, 'sms-final');
    const r = received(CALLER, EMAIL);
    expect(r.sms).toHaveLength(2);
    expect(r.sms[1]).toContain('one last time');
    expect(env.twilio.violations).toEqual([]);

    const ledger = await env.ledger();
    expect((await ledger.enrollment(enrollmentId))!.status).toBe('completed');
    const touches = await ledger.touchesOf(enrollmentId);
    expect(touches.map((x) => [x.stepId, x.status])).toEqual([
      ['sms-first', 'sent'],
      ['email-next-day', 'sent'],
      ['callback-day-2', 'sent'],
      ['sms-final', 'sent'],
    ]);
    // every touch was judged by a Consent Gate (the first by the trigger's, the rest by the scheduler's)
    const decisions = (await ledger.auditTrail({ enrollmentId, limit: 500 })).filter((a) => a.kind === 'decision');
    expect(new Set(decisions.map((d) => d.touchId))).toEqual(new Set(touches.map((x) => x.id)));
    timings.f = Date.now() - t0;
  }, 90_000);
});

describe('h n8n restarted mid-sequence', () => {
  // after scenario f's last instant (the scheduler claims everything due, so time only moves forward)
  it('continues the sequence after a restart and sends nothing twice', async () => {
    const t0 = Date.now();
    // Wednesday 10:00 EDT; the same scenario runs in queue mode (queue.e2e.test.ts)
    await restartScenario(env, { phone: '+13055550171', email: 'caller-h@e2e.example', callAt: '2027-03-17T14:00:00.000Z', label: 'scenario-h' }, timings);
    timings.h = Date.now() - t0;
  }, 120_000);
});
