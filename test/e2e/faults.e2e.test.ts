/**
 * Injected faults in a real n8n 2.40.7 with the packed package. The invariant for every fault:
 * each touch reaches its provider at most once, nothing is lost silently (a touch that could not
 * be sent is `failed`/`sending` in the ledger with its reason, visible to a person), and CRM
 * updates land once the CRM is back. Time is driven through "Current Time"; the only real wait is
 * the Twilio client timeout (30 s), which runs in the background while the other scenarios run.
 *
 * Virtual-time eras keep scenarios apart on the embedded ledger: SMTP in 2027-05, SIGKILL in
 * 2027-06 (its scheduler polls also claim the SMTP era's later touches: CRM callbacks, never mail),
 * first-touch-only scenarios in 2028 (no scheduler ever polls that far). The Postgres scenario has
 * its own ledger (a private cluster).
 */
import { randomUUID } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../nodes/ledger';
import { fourTouch } from '../../shared/templates';
import { OWNERS, replyWorkflow, startE2e, triggerWorkflow, type E2eEnv } from './harness/e2eEnv';
import { describeExecution, nodeOutputs } from './harness/n8nApi';
import { callSid, parentNoAnswer } from './harness/twilioWebhook';
import { NAMES, type Creds } from './harness/workflows';
import { EXPECT_RUN_MS, publishScheduler, runScheduler, sigkillN8n, until } from './faults/faultEnv';
import { startFaultySmtp, type FaultySmtp } from './faults/faultySmtp';
import { startHoldProxy, type HoldProxy } from './faults/holdProxy';
import { postgresInstalled, startPrivatePostgres, type PrivatePostgres } from './faults/privatePostgres';

let env: E2eEnv;
let proxy: HoldProxy;
let faulty: FaultySmtp;
let pg: PrivatePostgres | null = null;
let held: Creds; // the sender's Twilio goes through the hold proxy
let faultyMail: Creds; // the sender's SMTP is the faulty server
let pgCreds: Creds | null = null;
const PG_SCHEMA = 'faults_e2e';
const timings: Record<string, number> = {};

beforeAll(async () => {
  env = await startE2e('faults');
  proxy = await startHoldProxy(env.twilio.url);
  faulty = await startFaultySmtp('mailer', 'faulty-smtp-secret');
  const twilio = (name: string, baseUrl: string) =>
    env.api.createCredential(name, 'missedCallTwilioApi', { authType: 'authToken', accountSid: env.twilio.accountSid, authToken: env.twilio.authToken, baseUrl, lookupBaseUrl: env.twilio.url });
  held = { ...env.creds, twilio: { name: 'Twilio (held)', id: await twilio('Twilio (held)', proxy.url) } };
  const smtpId = await env.api.createCredential('SMTP (faulty)', 'missedCallSmtp', {
    host: '127.0.0.1',
    port: faulty.port,
    secure: false,
    user: faulty.user,
    password: faulty.password,
    from: '"Brightside Plumbing" <hello@brightside.example.com>',
  });
  faultyMail = { ...env.creds, smtp: { name: 'SMTP (faulty)', id: smtpId } };
  if (postgresInstalled()) {
    pg = await startPrivatePostgres();
    const id = await env.api.createCredential('Ledger (private Postgres)', 'missedCallPostgresLedgerApi', {
      host: '127.0.0.1',
      port: pg.port,
      database: 'postgres',
      user: 'postgres',
      password: '',
      ssl: 'disable',
      allowUnauthorizedCerts: false,
      schema: PG_SCHEMA,
    });
    pgCreds = { ...env.creds, postgres: { name: 'Ledger (private Postgres)', id } };
  }
}, 600_000);

afterAll(async () => {
  if (!env) return;
  await env.close();
  await proxy?.close();
  await faulty?.close();
  pg?.close();
  env.saveTimings(timings); // test-artifacts/e2e/faults.timings.json
}, 60_000);

const HOUR = 3_600_000;
const at = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
const toCaller = (phone: string) => env.twilio.messages.filter((m) => m.to === phone);
const requestsTo = (phone: string) => env.twilio.requests.filter((r) => r.form.To === phone).map((r) => r.status);
const touchHeader = (m: ParsedMail) => String(m.headers.get('x-missed-call-touch') ?? '');
/** every copy of a touch's email that reached a server (acknowledged or not) */
const copiesOf = (touchId: string) =>
  [...env.smtp.received, ...faulty.received, ...faulty.unacknowledged].filter((m) => touchHeader(m) === touchId).length;

/** Trigger → gate → sender for one missed call at `now`; the sender may retry 3 times. */
async function missedCall(label: string, phone: string, now: string, creds: Creds = env.creds) {
  const wf = triggerWorkflow({ name: `faults ${label}`, template: fourTouch, now, creds });
  const sender = wf.nodes.find((n) => n.name === NAMES.senderNow)!;
  sender.parameters.options = { maxAttempts: 3, retryBaseDelayMs: 50, maxRetryWaitSeconds: 2 };
  const { id, url } = await env.publishTrigger(wf);
  const body = parentNoAnswer(env.twilio.accountSid, callSid(label), phone, new Date(now));
  return { id, url, body, post: () => env.twilioPost(url, body) };
}

async function firstTouchOf(ledger: Ledger, phone: string) {
  const [enrollment] = await ledger.enrollmentsOf(phone);
  expect(enrollment, `no enrollment for ${phone}`).toBeDefined();
  return { enrollment: enrollment!, touches: await ledger.touchesOf(enrollment!.id) };
}

describe('Twilio faults on the first touch', () => {
  const CALL_AT = '2028-03-08T15:00:00.000Z'; // Wednesday 10:00 in Miami
  const TIMEOUT_CALLER = '+13055550301';
  let timeoutRun: { id: string; post: () => Promise<unknown> } | null = null;

  it('starts a send whose answer Twilio holds past the 30 s client timeout (checked at the end)', async () => {
    proxy.holdNext(35_000);
    timeoutRun = await missedCall('timeout', TIMEOUT_CALLER, CALL_AT, held);
    void timeoutRun.post().catch(() => undefined);
    // the request reached Twilio (the emulator accepted the message); only the answer is held
    await until('the held request to reach the emulator', () => proxy.forwarded.length === 1);
    expect(toCaller(TIMEOUT_CALLER)).toHaveLength(1);
  }, 30_000);

  it('waits Retry-After on a 429, then sends exactly one SMS', async () => {
    const t0 = Date.now();
    const caller = '+13055550302';
    env.twilio.script({ kind: 'rate_limit', retryAfterSeconds: 1 });
    const { id, post } = await missedCall('429', caller, CALL_AT);
    expect((await post()).status).toBe(200);
    const [exec] = await env.api.waitForExecutions(id, 1);
    env.assertSucceeded(exec!);
    expect(requestsTo(caller), describeExecution(exec!)).toEqual([429, 201]);
    expect(toCaller(caller)).toHaveLength(1);
    const { touches } = await firstTouchOf(await env.ledger(), caller);
    expect(touches[0]).toMatchObject({ stepId: 'sms-first', status: 'sent', providerMessageId: toCaller(caller)[0]!.sid });
    expect((nodeOutputs(exec!, NAMES.senderNow)[0]![0]!.send as { attempts: number }).attempts).toBe(2);
    timings.twilio429 = Date.now() - t0;
  }, 30_000);

  it('retries two 500s and sends exactly one SMS on the third attempt', async () => {
    const t0 = Date.now();
    const caller = '+13055550303';
    env.twilio.script({ kind: 'server_error' }, { kind: 'server_error' });
    const { id, post } = await missedCall('500', caller, CALL_AT);
    expect((await post()).status).toBe(200);
    const [exec] = await env.api.waitForExecutions(id, 1);
    env.assertSucceeded(exec!);
    expect(requestsTo(caller), describeExecution(exec!)).toEqual([500, 500, 201]);
    expect(toCaller(caller)).toHaveLength(1);
    const { touches } = await firstTouchOf(await env.ledger(), caller);
    expect(touches[0]).toMatchObject({ stepId: 'sms-first', status: 'sent' });
    timings.twilio500 = Date.now() - t0;
  }, 30_000);

  it('records an opt-out on 21610 and never texts that caller again, even after a new call', async () => {
    const t0 = Date.now();
    const caller = '+13055550304';
    env.twilio.scriptFor(caller, { kind: 'error', code: 21610 });
    const first = await missedCall('21610', caller, CALL_AT);
    expect((await first.post()).status).toBe(200);
    const [exec] = await env.api.waitForExecutions(first.id, 1);
    env.assertSucceeded(exec!);
    const notSent = nodeOutputs(exec!, NAMES.senderNow)[1] ?? [];
    expect(notSent.map((i) => (i.send as { outcome: string; reason: string }).reason), describeExecution(exec!)).toEqual(['OPTED_OUT']);
    const ledger = await env.ledger();
    expect((await ledger.contact(caller))!.optOut.sms).toMatchObject({ source: 'twilio_21610' });
    const { enrollment } = await firstTouchOf(ledger, caller);
    expect((await ledger.enrollment(enrollment.id))!.status).not.toBe('active');

    // the caller rings again the next day: no enrollment, no request to Twilio
    const again = await missedCall('21610-again', caller, at(CALL_AT, 24 * HOUR));
    expect((await again.post()).status).toBe(200);
    await env.api.waitForExecutions(again.id, 1).catch(() => []); // the trigger may filter it without an execution
    expect(requestsTo(caller)).toEqual([400]);
    expect(toCaller(caller)).toEqual([]);
    expect((await ledger.enrollmentsOf(caller)).filter((e) => e.status === 'active')).toEqual([]);
    timings.twilio21610 = Date.now() - t0;
  }, 30_000);

  // the timeout scenario's end: see the last describe block (it needs 30 s of real time)
  afterAll(() => {
    timeoutCheck = async () => {
      const [exec] = await env.api.waitForExecutions(timeoutRun!.id, 1, 60_000);
      env.assertSucceeded(exec!);
      const notSent = nodeOutputs(exec!, NAMES.senderNow)[1] ?? [];
      expect(notSent.map((i) => (i.send as { reason: string }).reason), describeExecution(exec!)).toEqual(['NETWORK_ERROR']);
      const ledger = await env.ledger();
      const { enrollment, touches } = await firstTouchOf(ledger, TIMEOUT_CALLER);
      // not retried: the request may have reached Twilio (it did); the touch is failed, for a person
      expect(touches.map((x) => [x.stepId, x.status])).toEqual([['sms-first', 'failed']]);
      expect(touches[0]!.detail).toMatchObject({ reason: 'NETWORK_ERROR', outcome: 'failed' });
      const audit = await ledger.auditTrail({ enrollmentId: enrollment.id, limit: 100 });
      expect(audit.find((a) => a.kind === 'follow_up_send')?.data).toMatchObject({ outcome: 'failed', reason: 'NETWORK_ERROR' });
      // Twilio retrying the call's webhook does not send it again
      await timeoutRun!.post();
      await new Promise((r) => setTimeout(r, 500));
      expect(toCaller(TIMEOUT_CALLER)).toHaveLength(1);
      expect(proxy.forwarded).toHaveLength(1);
    };
  });
});

let timeoutCheck: (() => Promise<void>) | null = null;

describe('SMTP faults on the email touch', () => {
  const CALL_AT = '2027-05-04T14:00:00.000Z'; // Tuesday 10:00 EDT

  it.each([
    ['a 451 at RCPT', 0, { stage: 'RCPT', reply: '451 4.3.0 Try again later' }, 'sent'],
    ['a connection dropped at MAIL', 1, { stage: 'MAIL', drop: true }, 'sent'],
    ['a connection dropped after the data, before the 250', 2, { stage: 'EOD', drop: true }, 'failed'],
  ] as const)('%s: one email at most, and a failed touch only when delivery is unknown', async (label, n, fault, status) => {
    const t0 = Date.now();
    const caller = `+1305555031${n}`;
    const email = `smtp-${n}@e2e.example`;
    const callAt = at(CALL_AT, n * HOUR);
    const call = await missedCall(`smtp-${n}`, caller, callAt);
    expect((await call.post()).status).toBe(200);
    env.assertSucceeded((await env.api.waitForExecutions(call.id, 1))[0]!);

    faulty.script(fault);
    const connections = faulty.connections.length;
    const run = await runScheduler(env, at(callAt, 24 * HOUR), faultyMail, email, EXPECT_RUN_MS);
    expect(run, `the poll claimed nothing (${label})`).not.toBeNull();
    env.assertSucceeded(run!);
    const { touches } = await firstTouchOf(await env.ledger(), caller);
    const mail = touches.find((x) => x.stepId === 'email-next-day')!;
    expect(mail.status, describeExecution(run!)).toBe(status);
    await new Promise((r) => setTimeout(r, 200)); // the server parses the last mail asynchronously
    expect(copiesOf(mail.id)).toBe(1);
    if (status === 'sent') {
      // retried by the node: a second connection, the same Message-ID
      expect(faulty.connections.length - connections).toBe(2);
      expect(mail.detail).toMatchObject({ attempts: 2 });
      expect(touches.map((x) => x.stepId)).toContain('callback-day-2'); // the sequence goes on
    } else {
      // the server took the data but never acknowledged it: not re-sent; failed, visible to a person
      expect(faulty.connections.length - connections).toBe(1);
      expect(mail.detail).toMatchObject({ reason: 'SMTP_ERROR', deliveryUnknown: true });
      expect(faulty.unacknowledged.filter((m) => touchHeader(m) === mail.id)).toHaveLength(1);
    }
    timings[`smtp${n}`] = Date.now() - t0;
  }, 30_000);
});

describe('HubSpot down during a re-engaged flag', () => {
  const CALL_AT = '2028-03-09T15:00:00.000Z';
  const CALLER = '+13055550321';

  it('records the update as pending while HubSpot is down, and Retry Pending lands it once when it is back', async () => {
    const t0 = Date.now();
    const call = await missedCall('hubspot', CALLER, CALL_AT);
    expect((await call.post()).status).toBe(200);
    env.assertSucceeded((await env.api.waitForExecutions(call.id, 1))[0]!);

    const reply = replyWorkflow({ name: 'faults reply', template: fourTouch, creds: env.creds, owners: OWNERS });
    const { id, url } = await env.publishReply(reply);
    env.hubspot.down();
    const replyAt = at(CALL_AT, 10 * 60_000);
    expect((await env.inboundSms(url, { from: CALLER, text: 'Yes please call me back about the leak', at: replyAt })).status).toBe(200);
    const [exec] = await env.api.waitForExecutions(id, 1);
    env.assertSucceeded(exec!);
    const retry = nodeOutputs(exec!, NAMES.crmReengaged)[1] ?? [];
    expect(retry.map((i) => (i.crm as { outcome: string }).outcome), describeExecution(exec!)).toEqual(['pending']);
    const ledger = await env.ledger();
    const pending = (await ledger.auditTrail({ limit: 1000 })).filter((a) => a.kind === 'crm_pending' && a.phone === CALLER);
    expect(pending).toHaveLength(1);

    // Retry Pending on a webhook, its Current Time from ?at=
    const path = `faults-retry-pending-${randomUUID().slice(0, 8)}`;
    const retryId = await env.api.createWorkflow({
      name: 'faults retry pending',
      nodes: [
        { id: randomUUID(), name: 'Tick', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: randomUUID(), parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} } },
        {
          id: randomUUID(),
          name: 'Retry Pending',
          type: 'n8n-nodes-missed-call.crmFlag',
          typeVersion: 1,
          position: [300, 0],
          parameters: { ledger: 'embedded', provider: 'hubspot', operation: 'retryPending', lookBackHours: 72, currentTime: "={{ $('Tick').first().json.query.at }}", options: { maxAttempts: 1, retryBaseDelayMs: 0, timeoutMs: 5000 } },
          credentials: { missedCallHubSpotApi: env.creds.hubspot! },
        },
      ],
      connections: { Tick: { main: [[{ node: 'Retry Pending', type: 'main', index: 0 }]] } },
    });
    await env.api.publish(retryId);
    const tickUrl = `${env.webhookBase}/webhook/${path}`;
    await until('the retry webhook', async () => (await fetch(tickUrl, { method: 'POST' }).catch(() => null))?.status !== 404);
    await env.api.waitForExecutions(retryId, 1); // the probe ran once without `at` (now): still down
    const tick = async (when: string, n: number) => {
      expect((await fetch(`${tickUrl}?at=${encodeURIComponent(when)}`, { method: 'POST' })).status).toBe(200);
      const execs = await env.api.waitForExecutions(retryId, n);
      env.assertSucceeded(execs[0]!);
      return nodeOutputs(execs[0]!, 'Retry Pending');
    };
    // 5 minutes later HubSpot is still down: still pending, nothing created
    const stillDown = await tick(at(replyAt, 5 * 60_000), 2);
    expect((stillDown[1] ?? []).map((i) => (i.crm as { outcome: string }).outcome)).toEqual(['pending']);
    expect(env.hubspot.tasks).toEqual([]);
    // back after 15 minutes: the update lands once
    env.hubspot.up();
    const back = await tick(at(replyAt, 15 * 60_000), 3);
    expect((back[0] ?? []).map((i) => (i.crm as { outcome: string }).outcome)).toEqual(['done']);
    const contact = env.hubspot.contacts.filter((c) => (c.properties.phone ?? '').replace(/\D/g, '').endsWith('3055550321'));
    expect(contact).toHaveLength(1);
    expect(contact[0]!.properties.hs_lead_status).toBe('REENGAGED_NEEDS_CALLBACK');
    expect(env.hubspot.tasks.filter((t) => t.associations.some((a) => a.toId === contact[0]!.id))).toHaveLength(1);
    // and a later run has nothing left to send
    const later = await tick(at(replyAt, 30 * 60_000), 4);
    expect(later.flat()).toEqual([]);
    expect(env.hubspot.tasks.filter((t) => t.associations.some((a) => a.toId === contact[0]!.id))).toHaveLength(1);
    await env.api.unpublish(retryId);
    timings.hubspot = Date.now() - t0;
  }, 60_000);
});

describe('the Twilio timeout, 30 s later', () => {
  it('left the touch failed with NETWORK_ERROR, sent once, never retried', async () => {
    const t0 = Date.now();
    expect(timeoutCheck).not.toBeNull();
    await timeoutCheck!();
    timings.twilioTimeoutTail = Date.now() - t0;
  }, 70_000);
});

describe.skipIf(!postgresInstalled())('PostgreSQL restarted between two touches', () => {
  const CALL_AT = '2027-05-11T14:00:00.000Z';
  const CALLER = '+13055550331';
  const EMAIL = 'pg-restart@e2e.example';

  it('sends the next touch after the restart through the same n8n, once', async () => {
    const t0 = Date.now();
    const call = await missedCall('pg-restart', CALLER, CALL_AT, pgCreds!);
    expect((await call.post()).status).toBe(200);
    const [first] = await env.api.waitForExecutions(call.id, 1);
    env.assertSucceeded(first!);
    expect(toCaller(CALLER)).toHaveLength(1);

    const r0 = Date.now();
    pg!.restart(); // n8n's pooled connections to the ledger are cut
    timings.pgRestart = Date.now() - r0;

    const run = await runScheduler(env, at(CALL_AT, 24 * HOUR), pgCreds!, EMAIL, EXPECT_RUN_MS);
    expect(run, 'the poll after the restart claimed nothing').not.toBeNull();
    env.assertSucceeded(run!);
    const ledger = await openLedger({ kind: 'postgres', schema: PG_SCHEMA, connection: { host: '127.0.0.1', port: pg!.port, user: 'postgres', database: 'postgres', max: 2 } });
    try {
      const { touches } = await firstTouchOf(ledger, CALLER);
      const mail = touches.find((x) => x.stepId === 'email-next-day')!;
      expect(touches.map((x) => [x.stepId, x.status]).slice(0, 2), describeExecution(run!)).toEqual([
        ['sms-first', 'sent'],
        ['email-next-day', 'sent'],
      ]);
      expect(copiesOf(mail.id)).toBe(1);
      expect(toCaller(CALLER)).toHaveLength(1);
      // a second poll at the same instant after another restart: nothing due, nothing sent
      pg!.restart();
      expect(await runScheduler(env, at(CALL_AT, 24 * HOUR), pgCreds!, EMAIL)).toBeNull();
      expect(copiesOf(mail.id)).toBe(1);
    } finally {
      await ledger.close();
    }
    timings.pg = Date.now() - t0;
  }, 60_000);
});

describe('n8n killed (SIGKILL) while touches are due', () => {
  const CALL_AT = '2027-06-02T14:00:00.000Z'; // Wednesday 10:00 EDT
  const CALLERS = ['+13055550341', '+13055550342'];
  const EMAIL = 'sigkill@e2e.example';

  it('after the restart sends every due touch exactly once and never re-sends the one in flight', async () => {
    const t0 = Date.now();
    for (const [n, caller] of CALLERS.entries()) {
      const call = await missedCall(`sigkill-${n}`, caller, CALL_AT);
      expect((await call.post()).status).toBe(200);
      env.assertSucceeded((await env.api.waitForExecutions(call.id, 1))[0]!);
    }
    const ledger = await env.ledger();
    const mailTouch = async (caller: string) => (await firstTouchOf(ledger, caller)).touches.find((x) => x.stepId === 'email-next-day')!;
    const before = await Promise.all(CALLERS.map(mailTouch));

    // the first email's 250 is held: n8n dies in the middle of the poll's execution
    faulty.script({ stage: 'EOD', holdMs: 120_000 });
    const due = at(CALL_AT, 24 * HOUR);
    const pinned = await publishScheduler(env, due, faultyMail, EMAIL);
    await until('the first email to reach the server', () => faulty.unacknowledged.length > 0 && before.some((b) => faulty.unacknowledged.some((m) => touchHeader(m) === b.id)));
    const k0 = Date.now();
    await sigkillN8n(env);
    const states = await Promise.all(before.map(async (b) => (await ledger.touch(b.id))!.status));
    expect(states.sort()).toEqual(['claimed', 'sending']);

    // restart: the pinned scheduler polls again at the same instant (the other touch is still leased)
    timings.sigkillRestart = await env.restart();
    timings.sigkillDowntime = Date.now() - k0;
    await env.api.unpublish(pinned);
    // 11 minutes later the lease expired: the claimed touch is sent, the one in flight is not
    const run = await runScheduler(env, at(due, 11 * 60_000), faultyMail, EMAIL, EXPECT_RUN_MS);
    expect(run, 'the poll after the lease claimed nothing').not.toBeNull();
    env.assertSucceeded(run!);
    await new Promise((r) => setTimeout(r, 200));
    const after = await Promise.all(before.map(async (b) => (await ledger.touch(b.id))!));
    const inFlight = after.find((x) => x.status === 'sending')!;
    const resent = after.find((x) => x.status !== 'sending')!;
    expect(resent.status, describeExecution(run!)).toBe('sent');
    expect(inFlight, 'the touch in flight stays sending (never re-sent; a person resolves it)').toBeDefined();
    for (const b of before) expect(copiesOf(b.id), `copies of ${b.id}`).toBe(1);
    // a poll at an even later instant finds nothing of theirs to send again
    await runScheduler(env, at(due, 30 * 60_000), faultyMail, EMAIL);
    for (const b of before) expect(copiesOf(b.id)).toBe(1);
    timings.sigkill = Date.now() - t0;
  }, 90_000);
});
