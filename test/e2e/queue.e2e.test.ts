/**
 * Queue mode for real: n8n 2.40.7 main + two workers + one webhook processor
 * (harness/queueCluster.ts) on a fresh PostgreSQL database and a Redis key prefix of their own,
 * every pack node on the Postgres ledger (a schema of its own). Webhooks go to the webhook
 * processor, executions run on the workers, pollers on main. Scenarios a, g, c, c2 and h as in
 * regular mode (harness/scenarios.ts), i (a Twilio status callback through the export's Delivery Status
 * trigger; a forged one gets 403), and the embedded ledger refusing to run.
 * Every process runs with the settings `npm start` recommends (RECOMMENDED_N8N_ENV: lazy expression
 * isolates), regular-mode e2e files with n8n's defaults, so both are exercised.
 * Redis (127.0.0.1:6379) and PostgreSQL (127.0.0.1:5432) must be running: nothing starts them, and
 * the file fails at once with a message saying which one does not answer.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { N8N_NODE_TYPES } from '../../designer/src/export/n8nWorkflow';
import { QUEUE_MODE_MESSAGE } from '../../nodes/ledger/sqliteLedger';
import { RECOMMENDED_N8N_ENV } from '../../scripts/product/recommendedN8nEnv';
import { startE2e, type E2eEnv } from './harness/e2eEnv';
import { executionError } from './harness/n8nApi';
import { fourTouch } from '../../shared/templates';
import { answeredCallScenario, firstTouchScenario, replyHandoffScenario, restartScenario, retriesScenario } from './harness/scenarios';
import { BUSINESS_NUMBER, deliveryWorkflow, NAMES, triggerWorkflow } from './harness/workflows';
import { twilioSignature } from '../../nodes/shared/signatures';
import { callSid, parentNoAnswer } from './harness/twilioWebhook';

let env: E2eEnv;
const timings: Record<string, number> = {};

beforeAll(async () => {
  const t0 = Date.now();
  env = await startE2e('queue', { queue: { workers: 2, concurrency: 2, webhookProcessors: 1, env: { ...RECOMMENDED_N8N_ENV } } });
  timings.clusterStart = Date.now() - t0;
}, 600_000);

afterAll(async () => {
  if (!env) return;
  await env.close();
  env.saveTimings(timings); // test-artifacts/e2e/queue.timings.json
}, 90_000);

// a and g in 2028: the later scenarios' scheduler runs (2027) must not claim their pending touches
describe('queue mode: main + 2 workers + webhook processor, Postgres ledger', () => {
  it('a: a missed call posted to the webhook processor gets its first SMS from a worker', async () => {
    const t0 = Date.now();
    expect(env.webhookBase).not.toBe(env.n8n.baseUrl);
    await firstTouchScenario(env, { phone: '+13055550612', callAt: '2028-03-08T15:00:00.000Z', label: 'queue-a' });
    timings.a = Date.now() - t0;
  }, 60_000);

  it('g: five concurrent deliveries of the same webhook and a late retry make one enrollment and one SMS', async () => {
    const t0 = Date.now();
    await retriesScenario(env, { phone: '+13055550677', callAt: '2028-03-08T15:05:00.000Z', label: 'queue-g' });
    timings.g = Date.now() - t0;
  }, 60_000);

  it('c: a reply to the webhook processor ends the sequence and flags the HubSpot contact with owner and callback task', async () => {
    const t0 = Date.now();
    await replyHandoffScenario(env, { phone: '+13055550633', email: 'caller-qc@e2e.example', callAt: '2027-03-10T15:00:00.000Z', label: 'queue-c' });
    timings.c = Date.now() - t0;
  }, 120_000);

  it('c2: a call a person answers, posted to the webhook processor, ends the sequence on the Postgres ledger', async () => {
    const t0 = Date.now();
    await answeredCallScenario(env, { phone: '+13055550634', email: 'caller-qc2@e2e.example', callAt: '2027-05-12T15:00:00.000Z', label: 'queue-c2' });
    timings.c2 = Date.now() - t0;
  }, 120_000);

  // one restart here (about 20 s on 2 cores); the second, same-instant restart runs in regular mode
  it('h: the sequence continues after main and both workers restart mid-sequence, nothing sent twice', async () => {
    const t0 = Date.now();
    await restartScenario(env, { phone: '+13055550671', email: 'caller-qh@e2e.example', callAt: '2027-03-17T14:00:00.000Z', label: 'queue-h', secondRestart: false }, timings);
    timings.h = Date.now() - t0;
  }, 180_000);

  // a phone system that retries on 5xx (here the generic JSON provider) gets its 200 from n8n once the
  // execution is queued, so a start that fails answers 5xx instead of a 200 that loses the call
  it('r: answers a JSON phone system after n8n queued the execution (200, empty body) and sends one SMS', async () => {
    const t0 = Date.now();
    const phone = '+13055550688';
    const callAt = '2028-03-08T15:10:00.000Z';
    const token = 'e2e-generic-token';
    const base = triggerWorkflow({ name: 'queue-r: generic JSON provider', template: fourTouch, now: callAt, creds: env.creds });
    const nodes = base.nodes.map((n) => {
      if (n.name !== NAMES.trigger) return n;
      const { missedCallTwilioApi: _twilio, ...credentials } = n.credentials ?? {};
      const generic = {
        provider: 'generic',
        genericMapping: JSON.stringify({ callId: 'call.id', from: 'call.from', to: 'call.to', status: 'call.status', direction: 'call.direction', statusMap: { missed: 'missed' } }),
        genericAuth: 'headerToken',
        genericHeader: 'X-Webhook-Token',
        genericToken: token,
      };
      return { ...n, parameters: { ...n.parameters, ...generic }, credentials };
    });
    const { id, url } = await env.publishTrigger({ ...base, nodes });
    const before = env.twilio.messages.length;
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-webhook-token': token },
      body: JSON.stringify({ call: { id: `queue-r-${randomUUID()}`, from: phone, to: BUSINESS_NUMBER, status: 'missed', direction: 'inbound' } }),
    });
    expect(res.status, env.logTail()).toBe(200);
    expect(await res.text()).toBe('');
    const [exec] = await env.api.waitForExecutions(id, 1);
    env.assertSucceeded(exec!);
    expect(env.twilio.messages.slice(before).filter((m) => m.to === phone)).toHaveLength(1);
    await env.api.unpublish(id);
    timings.r = Date.now() - t0;
  }, 60_000);

  // Twilio's status callbacks through the export's Delivery Status trigger on the webhook processor
  it('i: a status callback to the webhook processor marks the text delivered on the Postgres ledger; a forged one gets 403 and records nothing', async () => {
    const t0 = Date.now();
    const phone = '+13055550699';
    const callAt = '2028-03-08T15:15:00.000Z';
    const hook = await env.publishReply(deliveryWorkflow({ name: 'queue-i: delivery status', template: fourTouch, creds: env.creds }));
    const wf = triggerWorkflow({ name: 'queue-i: trigger', template: fourTouch, now: callAt, creds: env.creds });
    const callback = new URL(hook.url);
    callback.searchParams.set('at', new Date(Date.parse(callAt) + 60_000).toISOString());
    wf.nodes.find((n) => n.name === NAMES.senderNow)!.parameters.statusCallback = callback.toString();
    const { id, url } = await env.publishTrigger(wf);
    expect((await env.twilioPost(url, parentNoAnswer(env.twilio.accountSid, callSid('queue-i'), phone, new Date(callAt)))).status).toBe(200);
    env.assertSucceeded((await env.api.waitForExecutions(id, 1))[0]!);
    const [text] = env.twilio.messages.filter((m) => m.to === phone);
    expect(text?.statusCallback).toBe(callback.toString());

    const forged = { MessageSid: text!.sid, MessageStatus: 'undelivered', ErrorCode: '21610', To: phone, AccountSid: env.twilio.accountSid };
    const refused = await fetch(callback, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature('f'.repeat(32), callback.toString(), forged) }, body: new URLSearchParams(forged).toString() });
    expect(refused.status).toBe(403);
    expect(await env.twilio.deliver(text!.sid, 'delivered')).toBe(200);
    const [exec] = await env.api.waitForExecutions(hook.id, 1);
    env.assertSucceeded(exec!);
    const ledger = await env.ledger();
    const [enrollment] = await ledger.enrollmentsOf(phone);
    const [touch] = await ledger.touchesOf(enrollment!.id);
    expect(touch).toMatchObject({ providerMessageId: text!.sid, deliveryStatus: 'delivered', deliveryError: null });
    expect((await ledger.contact(phone))!.optOut.sms).toBeNull();
    // the forged 21610 started nothing: one execution, the real callback's
    expect(await env.api.executions(hook.id)).toHaveLength(1);
    await env.api.unpublish(id);
    timings.i = Date.now() - t0;
  }, 60_000);

  it('refuses the embedded ledger: the execution fails with its queue-mode message', async () => {
    const t0 = Date.now();
    const path = `queue-embedded-${randomUUID()}`;
    const id = await env.api.createWorkflow({
      name: 'embedded ledger in queue mode',
      nodes: [
        {
          id: randomUUID(),
          name: 'Webhook',
          type: 'n8n-nodes-base.webhook',
          typeVersion: 2,
          position: [0, 0],
          webhookId: randomUUID(),
          parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
        },
        {
          id: randomUUID(),
          name: 'Consent Gate',
          type: N8N_NODE_TYPES.consentGate,
          typeVersion: 1,
          position: [240, 0],
          parameters: { ledger: 'embedded', phone: '={{ $json.body.phone }}', channel: 'sms', classification: 'informational', currentTime: '2027-03-10T15:00:00.000Z' },
        },
      ],
      connections: { Webhook: { main: [[{ node: 'Consent Gate', type: 'main', index: 0 }]] } },
    });
    await env.api.publish(id);
    const url = `${env.webhookBase}/webhook/${path}`;
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: '+13055550699' }) })).status;
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(status, env.logTail()).toBe(200);
    const [exec] = await env.api.waitForExecutions(id, 1);
    expect(exec!.status).toBe('error');
    expect(executionError(exec!)).toContain(QUEUE_MODE_MESSAGE);
    await env.api.unpublish(id);
    timings.embeddedRefused = Date.now() - t0;
  }, 60_000);
});
