/**
 * Secrets and PII in a real n8n 2.40.7: a full run (trigger → gate → sender → scheduler → email →
 * CRM callback → reply → Sequence Exit → HubSpot) plus error paths (Twilio 21610, an SMTP password
 * the server refuses, a forged webhook signature, API calls that fail), with distinctive
 * credential values and caller numbers. Then every place a value could leak is searched:
 * the n8n log (the process's stdout and stderr, as the harness captures them), every API error
 * body, and the execution data the public API returns.
 * - No credential value anywhere.
 * - No full caller number in the log (the masked form only). Execution data does hold full numbers
 *   and message text by design: it is the contact record (docs/threat-model.md §5).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fourTouch } from '../../shared/templates';
import { maskPhone } from '../../nodes/shared/maskPhone';
import { OWNERS, replyWorkflow, startE2e, triggerWorkflow, type E2eEnv } from './harness/e2eEnv';
import { describeExecution, nodeOutputs } from './harness/n8nApi';
import { callSid, parentNoAnswer } from './harness/twilioWebhook';
import { NAMES, type Creds } from './harness/workflows';
import { EXPECT_RUN_MS, runScheduler } from './faults/faultEnv';
import { startFaultySmtp, type FaultySmtp } from './faults/faultySmtp';

let env: E2eEnv;
let smtp: FaultySmtp;
let creds: Creds;
const timings: Record<string, number> = {};
/** every API error body seen during the run */
const apiErrors: string[] = [];

const SMTP_PASSWORD = 'Smtp-Pw-q8ZkT3vN1xW';
const WRONG_SMTP_PASSWORD = 'Wrong-Pw-L4mB9cR2yH';
const CALLER = '+13055550487';
const OPTED_OUT_CALLER = '+13055550488';
const EMAIL = 'secrets-caller@e2e.example';
const CALL_AT = '2027-09-08T14:00:00.000Z'; // Wednesday 10:00 EDT

beforeAll(async () => {
  env = await startE2e('secrets');
  smtp = await startFaultySmtp('mailer-secrets', SMTP_PASSWORD);
  const smtpCred = (name: string, password: string) =>
    env.api.createCredential(name, 'missedCallSmtp', { host: '127.0.0.1', port: smtp.port, secure: false, user: 'mailer-secrets', password, from: '"Brightside Plumbing" <hello@brightside.example.com>' });
  creds = { ...env.creds, smtp: { name: 'SMTP (secrets)', id: await smtpCred('SMTP (secrets)', SMTP_PASSWORD) } };
  const wrong = { ...env.creds, smtp: { name: 'SMTP (wrong password)', id: await smtpCred('SMTP (wrong password)', WRONG_SMTP_PASSWORD) } };
  (globalThis as { __wrongSmtp?: Creds }).__wrongSmtp = wrong;
}, 600_000);

afterAll(async () => {
  if (!env) return;
  await env.close();
  await smtp?.close();
  env.saveTimings(timings); // test-artifacts/e2e/secrets.timings.json
}, 60_000);

/** The secret values the run used (credentials created by the harness and by this file). */
function secrets(): string[] {
  return [
    env.twilio.authToken,
    env.hubspot.token,
    SMTP_PASSWORD,
    WRONG_SMTP_PASSWORD,
    'e2e-crm-signing-secret', // the harness's CRM webhook secret
    'e2e-basic-auth-secret', // the harness's Basic Auth password
  ];
}

/** Forms of a number that count as "full": E.164, without +, national. */
const fullForms = (phone: string) => [phone, phone.slice(1), phone.slice(2)];

async function missedCall(label: string, phone: string) {
  const { id, url } = await env.publishTrigger(triggerWorkflow({ name: `secrets ${label}`, template: fourTouch, now: CALL_AT, creds }));
  expect((await env.twilioPost(url, parentNoAnswer(env.twilio.accountSid, callSid(label), phone, new Date(CALL_AT)))).status).toBe(200);
  const [exec] = await env.api.waitForExecutions(id, 1);
  env.assertSucceeded(exec!);
  return { exec: exec!, url };
}

describe('secrets and caller numbers in a full real-n8n run', () => {
  it('runs trigger → gate → sender → scheduler (email, CRM callback) → reply → HubSpot, and the error paths', async () => {
    const t0 = Date.now();
    const { exec, url } = await missedCall('secrets', CALLER);
    expect(nodeOutputs(exec, NAMES.senderNow)[0] ?? [], describeExecution(exec)).toHaveLength(1);

    // a forged signature: 401, and its body
    const forged = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'AAAA' }, body: new URLSearchParams(parentNoAnswer(env.twilio.accountSid, callSid('forged'), CALLER, new Date(CALL_AT))).toString() });
    expect(forged.status).toBe(401);
    apiErrors.push(await forged.text());

    // Twilio 21610 for another caller
    env.twilio.scriptFor(OPTED_OUT_CALLER, { kind: 'error', code: 21610 });
    const optedOut = await missedCall('secrets-21610', OPTED_OUT_CALLER);
    expect((nodeOutputs(optedOut.exec, NAMES.senderNow)[1] ?? []).map((i) => (i.send as { reason: string }).reason)).toEqual(['OPTED_OUT']);

    // the email with a password the server refuses (535): blocked, the password nowhere
    const wrong = (globalThis as { __wrongSmtp?: Creds }).__wrongSmtp!;
    const refused = await runScheduler(env, new Date(Date.parse(CALL_AT) + 24 * 3_600_000).toISOString(), wrong, EMAIL, EXPECT_RUN_MS);
    expect(refused, 'the +24 h poll claimed nothing').not.toBeNull();
    const notSent = nodeOutputs(refused!, NAMES.senderDue)[1] ?? [];
    expect(notSent.map((i) => (i.send as { reason: string }).reason), describeExecution(refused!)).toEqual(['EMAIL_REJECTED']);
    // the callback task (CRM webhook, signed with its secret) at +48 h
    const callback = await runScheduler(env, new Date(Date.parse(CALL_AT) + 48 * 3_600_000).toISOString(), creds, EMAIL, EXPECT_RUN_MS);
    expect(callback).not.toBeNull();
    env.assertSucceeded(callback!);
    expect(env.crm.deliveries.filter((d) => d.signatureOk)).toHaveLength(1);

    // the caller replies: Sequence Exit → CRM Flag (HubSpot, bearer token)
    const reply = await env.publishReply(replyWorkflow({ name: 'secrets reply', template: fourTouch, creds, owners: OWNERS }));
    expect((await env.inboundSms(reply.url, { from: CALLER, text: 'Yes call me back please', at: new Date(Date.parse(CALL_AT) + 50 * 3_600_000).toISOString() })).status).toBe(200);
    env.assertSucceeded((await env.api.waitForExecutions(reply.id, 1))[0]!);
    expect(env.hubspot.tasks).toHaveLength(1);
    // a reply Twilio did not sign: 403 body
    const unauth = await fetch(reply.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'From=%2B13055550487&Body=hi' });
    expect(unauth.status).toBe(403);
    apiErrors.push(await unauth.text());

    // public API calls that fail: their bodies
    for (const [method, path, body] of [
      ['GET', '/executions/999999999', undefined],
      ['GET', '/workflows/does-not-exist', undefined],
      ['POST', '/credentials', { name: 'bad', type: 'missedCallSmtp', data: { host: 1 } }],
    ] as const) {
      await env.api.call(method, path, body).then(
        () => undefined,
        (e: Error) => apiErrors.push(e.message.split('\n--- n8n log tail ---')[0]!),
      );
    }
    expect(apiErrors.length).toBeGreaterThanOrEqual(4);
    timings.run = Date.now() - t0;
  }, 90_000);

  it('puts no credential value in the log, the API error bodies or the execution data', async () => {
    const log = readFileSync(env.logFile, 'utf8');
    const all = await env.api.call<{ data: unknown[] }>('GET', '/executions?includeData=true&limit=250');
    const executions = JSON.stringify(all.data);
    expect(all.data.length).toBe(5); // two calls, two scheduler polls, one reply
    for (const secret of secrets()) {
      expect(log.includes(secret), `a credential value is in the n8n log`).toBe(false);
      expect(apiErrors.some((b) => b.includes(secret)), `a credential value is in an API error body`).toBe(false);
      expect(executions.includes(secret), `a credential value is in the execution data`).toBe(false);
    }
  });

  it('puts no full caller number in the log, only masked forms; execution data holds them by design', async () => {
    const log = readFileSync(env.logFile, 'utf8');
    expect(log.length).toBeGreaterThan(1000);
    for (const phone of [CALLER, OPTED_OUT_CALLER]) {
      for (const form of fullForms(phone)) expect(log.includes(form), `${maskPhone(phone)} appears unmasked in the n8n log`).toBe(false);
      for (const body of apiErrors) for (const form of fullForms(phone)) expect(body.includes(form)).toBe(false);
    }
    // the contact record: execution data is where a person reads the numbers (retention settings apply)
    const execs = JSON.stringify((await env.api.call<{ data: unknown[] }>('GET', '/executions?includeData=true&limit=250')).data);
    expect(execs).toContain(CALLER);
  });
});
