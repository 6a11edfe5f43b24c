/**
 * The designer export's outcome webhook in a real n8n 2.40.7 (regular mode): the replies part's
 * "Booked or CRM Status" Webhook (Basic Auth) → Sequence Exit in Check mode. Three callers miss a
 * call and get the first SMS; then a booking tool posts `{ phone, booked: true }` for the first, a
 * CRM workflow `{ phone, crmStatus }` for the others: a status the template lists ends that
 * sequence, one it does not list leaves it running; each answer says what was ended. A body without
 * a valid phone is answered 422 with the reason and ends nothing. The scheduler afterwards claims
 * touches of the running sequence only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fourTouch } from '../../shared/templates';
import { N8N_NODE_NAMES as N } from '../../designer/src/export';
import { startE2e, type E2eEnv } from './harness/e2eEnv';
import { describeExecution, nodeOutputs } from './harness/n8nApi';
import { outcomeWorkflow } from './harness/outcomeWorkflow';
import { at, claimedPhones, enrollByCall, received } from './harness/scenarios';

const AUTH = { user: 'booking-tool', password: 'e2e-outcome-secret' };
// Wednesday 10:00 in Miami (EST)
const CALL_AT = '2027-03-10T15:00:00.000Z';
const BOOKED = '+13055550711';
const UNLISTED = '+13055550712';
const LISTED = '+13055550713';
const EMAIL = 'caller-outcome@e2e.example';

let env: E2eEnv;
let hook: { id: string; url: string };

beforeAll(async () => {
  env = await startE2e('outcomes');
  const basicAuth = { name: 'Outcome webhook', id: await env.api.createCredential('Outcome webhook', 'httpBasicAuth', AUTH) };
  const wf = outcomeWorkflow({ name: 'Outcomes (exported)', template: fourTouch, creds: env.creds, basicAuth });
  const id = await env.api.createWorkflow({ name: wf.name, nodes: wf.nodes, connections: wf.connections });
  await env.api.publish(id);
  const url = `${env.webhookBase}/webhook/${wf.path}`;
  // registered: wrong credentials answer 401 (404 before)
  for (const deadline = Date.now() + 15_000; ; ) {
    const r = await fetch(url, { method: 'POST', headers: { authorization: 'Basic eDp4' } });
    if (r.status === 401) break;
    if (Date.now() > deadline) throw new Error(`${url} still answers ${r.status}\n${env.logTail()}`);
    await new Promise((res) => setTimeout(res, 100));
  }
  hook = { id, url };
}, 600_000);

afterAll(async () => {
  await env?.close();
}, 60_000);

let posts = 0;

const send = (body: Record<string, unknown>, atIso: string) =>
  fetch(`${hook.url}?at=${encodeURIComponent(atIso)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${AUTH.user}:${AUTH.password}`).toString('base64')}` },
    body: JSON.stringify(body),
  });

/**
 * POSTs JSON to the outcome webhook at `atIso`, as a booking tool or CRM would; returns its answer
 * (200 and the verdict) and, from the execution, Sequence Exit's verdict and output counts.
 */
async function post(body: Record<string, unknown>, atIso: string) {
  const res = await send(body, atIso);
  const answer = (await res.json()) as Record<string, unknown>;
  expect(res.status, JSON.stringify(answer)).toBe(200);
  const [exec] = await env.api.waitForExecutions(hook.id, ++posts); // newest first
  env.assertSucceeded(exec!);
  const outs = nodeOutputs(exec!, N.exitOutcome);
  return { counts: outs.map((o) => o.length), exit: [...outs[0]!, ...outs[1]!][0]!.exit as Record<string, unknown>, answer, exec: exec! };
}

describe('the exported outcome webhook', () => {
  it('ends the sequence of a caller who booked and of one whose CRM status the template lists, not of another status', async () => {
    const ids: Record<string, string> = {};
    for (const [i, phone] of [BOOKED, UNLISTED, LISTED].entries()) ids[phone] = (await enrollByCall(env, `outcome-${i}`, phone, CALL_AT)).enrollmentId;
    const ledger = await env.ledger();

    // not the booking tool: refused, nothing runs, nothing changes
    const refused = await fetch(hook.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${AUTH.user}:wrong`).toString('base64')}` }, body: JSON.stringify({ phone: BOOKED, booked: true }) });
    expect(refused.status).toBe(401);
    expect(await env.api.executions(hook.id)).toHaveLength(0);
    expect(await ledger.enrollment(ids[BOOKED]!)).toMatchObject({ status: 'active' });

    // no valid phone: 422 with the reason, nothing ended, the execution not failed
    for (const [body, error] of [
      [{ booked: true }, 'The item names no phone or enrollment'],
      [{ phone: '12', booked: true }, 'The phone ** is not a valid number'],
    ] as const) {
      const res = await send(body, at(CALL_AT, 2));
      expect(res.status).toBe(422);
      expect(await res.json()).toEqual({ exit: false, reason: null, endedEnrollments: [], error });
      env.assertSucceeded((await env.api.waitForExecutions(hook.id, ++posts))[0]!);
    }

    // Exit, Continue (and the error output, empty): each answered with the verdict, endedEnrollments naming what was ended
    const booked = await post({ phone: BOOKED, booked: true }, at(CALL_AT, 2));
    expect(booked.counts, describeExecution(booked.exec)).toEqual([1, 0, 0]);
    expect(booked.exit).toMatchObject({ exit: true, reason: 'booked', enrollmentId: ids[BOOKED], enrollmentEnded: true, endedEnrollments: [ids[BOOKED]] });
    expect(booked.answer).toEqual(booked.exit);
    // not the request back: the caller's Basic Auth header is not echoed
    expect(JSON.stringify(booked.answer)).not.toContain('authorization');
    const unlisted = await post({ phone: UNLISTED, crmStatus: 'contacted' }, at(CALL_AT, 2));
    expect(unlisted.counts, describeExecution(unlisted.exec)).toEqual([0, 1, 0]);
    expect(unlisted.exit).toMatchObject({ exit: false, endedEnrollments: [] });
    expect(unlisted.answer).toMatchObject({ exit: false, reason: null, endedEnrollments: [] });
    const listed = await post({ phone: LISTED, crmStatus: 'Won' }, at(CALL_AT, 2));
    expect(listed.counts, describeExecution(listed.exec)).toEqual([1, 0, 0]);
    expect(listed.answer).toMatchObject({ exit: true, reason: 'crm_status', endedEnrollments: [ids[LISTED]] });
    // the booking tool posts again: still a booking, but nothing left to end
    const again = await post({ phone: BOOKED, booked: true }, at(CALL_AT, 3));
    expect(again.answer).toMatchObject({ exit: true, reason: 'booked', enrollmentEnded: false, endedEnrollments: [] });

    expect(await ledger.enrollment(ids[BOOKED]!)).toMatchObject({ status: 'exited', endReason: 'booked' });
    expect(await ledger.enrollment(ids[LISTED]!)).toMatchObject({ status: 'exited', endReason: 'crm_status' });
    expect(await ledger.enrollment(ids[UNLISTED]!)).toMatchObject({ status: 'active' });
    expect((await ledger.auditTrail({ kinds: ['conversion'] })).map((a) => a.enrollmentId).sort()).toEqual([ids[BOOKED], ids[LISTED]].sort());

    // the next touches fall due: only the running sequence's are claimed
    for (const hours of [24, 48]) {
      const run = await env.schedulerRun(at(CALL_AT, hours), EMAIL, 20_000);
      expect(run, `nothing claimed at +${hours} h`).not.toBeNull();
      env.assertSucceeded(run!);
      expect(claimedPhones(run)).toEqual([UNLISTED]);
    }
    expect(received(env, BOOKED).sms).toHaveLength(1);
    expect(received(env, LISTED).sms).toHaveLength(1);
    expect((await ledger.touchesOf(ids[BOOKED]!)).map((t) => [t.stepId, t.status])).toEqual([
      ['sms-first', 'sent'],
      ['email-next-day', 'cancelled'],
    ]);
  }, 180_000);
});
