/**
 * The Missed Call SMS Trigger in a real n8n 2.40.7 (regular mode), with Sequence Exit (Record Reply)
 * behind it: a signed STOP from an enrolled caller is answered with empty TwiML, ends the caller's
 * sequence and is confirmed once; a forged, an unsigned and a replayed-with-another-body request get
 * 403 and start no execution; the signature is checked for the URL n8n reports, query included.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twilioSignature } from '../../nodes/shared/signatures';
import { startE2e, type E2eEnv } from './harness/e2eEnv';
import { describeExecution, nodeOutputs } from './harness/n8nApi';
import { at, enrollByCall, received } from './harness/scenarios';
import { BUSINESS_NUMBER } from './harness/workflows';

const PKG = 'n8n-nodes-missed-call';
const TRIGGER = 'Inbound Text';
const EXIT = 'Sequence Exit';
const CALLER = '+13055550911';
const CALL_AT = '2027-04-07T15:00:00.000Z'; // Wednesday 11:00 EDT

let env: E2eEnv;
let hook: { id: string; url: string };

beforeAll(async () => {
  env = await startE2e('sms-trigger');
  const webhookId = randomUUID();
  const id = await env.api.createWorkflow({
    name: 'Replies through the Missed Call SMS Trigger',
    nodes: [
      { id: randomUUID(), name: TRIGGER, type: `${PKG}.missedCallSmsTrigger`, typeVersion: 2, position: [0, 0], parameters: {}, credentials: { missedCallTwilioApi: env.creds.twilio }, webhookId },
      {
        id: randomUUID(),
        name: EXIT,
        type: `${PKG}.sequenceExit`,
        typeVersion: 1,
        position: [220, 0],
        // the trigger checked the signature: Sequence Exit's own check stays off here
        parameters: { ledger: 'embedded', mode: 'record', sendConfirmation: true, fromNumber: BUSINESS_NUMBER, currentTime: `={{ $('${TRIGGER}').first().json.query.at }}` },
        credentials: { missedCallTwilioApi: env.creds.twilio },
      },
    ],
    connections: { [TRIGGER]: { main: [[{ node: EXIT, type: 'main', index: 0 }]] } },
  });
  await env.api.publish(id);
  hook = { id, url: `${env.webhookBase}/webhook/${webhookId}/sms` };
  // registered: an unsigned POST gets the trigger's 403 (404 before)
  const deadline = Date.now() + 15_000;
  for (;;) {
    const r = await fetch(hook.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'probe=1' });
    if (r.status === 403) break;
    if (Date.now() > deadline) throw new Error(`the SMS trigger still answers ${r.status} 15 s after publishing`);
    await new Promise((res) => setTimeout(res, 100));
  }
}, 600_000);

afterAll(async () => {
  await env?.close();
}, 60_000);

let n = 0;
/** A Twilio inbound text to the trigger at `atIso` (in the query, which Twilio signs with the URL). */
function inbound(from: string, text: string, atIso: string, sign: (url: string, form: Record<string, string>) => string | null) {
  const sid = `SM${String(++n).padStart(32, '0')}`;
  const form = { ToCountry: 'US', SmsMessageSid: sid, NumMedia: '0', SmsSid: sid, SmsStatus: 'received', Body: text, To: BUSINESS_NUMBER, NumSegments: '1', MessageSid: sid, AccountSid: env.twilio.accountSid, From: from, ApiVersion: '2010-04-01' };
  const url = `${hook.url}?at=${encodeURIComponent(atIso)}`;
  const signature = sign(url, form);
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature === null ? {} : { 'x-twilio-signature': signature }) },
    body: new URLSearchParams(form).toString(),
  });
}
const signed = (url: string, form: Record<string, string>) => twilioSignature(env.twilio.authToken, url, form);

describe('Missed Call SMS Trigger in a real n8n', () => {
  it('refuses a forged, an unsigned and an altered request with 403, starting no execution', async () => {
    const before = (await env.api.executions(hook.id)).length;
    const forged = await inbound(CALLER, 'STOP', at(CALL_AT, 0.1), (url, form) => twilioSignature('not-the-auth-token', url, form));
    expect(forged.status).toBe(403);
    expect(await forged.json()).toEqual({ error: 'FORBIDDEN', code: 'BAD_SIGNATURE' });
    const unsigned = await inbound(CALLER, 'STOP', at(CALL_AT, 0.1), () => null);
    expect(unsigned.status).toBe(403);
    expect(await unsigned.json()).toEqual({ error: 'FORBIDDEN', code: 'MISSING_SIGNATURE' });
    // signed for another body (a START turned into a STOP on the way)
    const altered = await inbound(CALLER, 'STOP', at(CALL_AT, 0.1), (url, form) => signed(url, { ...form, Body: 'START' }));
    expect(altered.status).toBe(403);
    // signed without the query the request carries
    const noQuery = await inbound(CALLER, 'STOP', at(CALL_AT, 0.1), (url, form) => signed(url.split('?')[0]!, form));
    expect(noQuery.status).toBe(403);
    await new Promise((res) => setTimeout(res, 1_000));
    expect((await env.api.executions(hook.id)).length).toBe(before);
    expect((await (await env.ledger()).contact(CALLER))?.optOut.sms ?? null).toBeNull();
  });

  it('answers a signed STOP with empty TwiML, ends the sequence and confirms it once', async () => {
    const { enrollmentId } = await enrollByCall(env, 'sms-trigger', CALLER, CALL_AT);
    expect(received(env, CALLER).sms).toHaveLength(1);
    const res = await inbound(CALLER, 'STOP', at(CALL_AT, 0.2), signed);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/xml');
    expect(await res.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    const [exec] = await env.api.waitForExecutions(hook.id, 1);
    env.assertSucceeded(exec!);
    const trigger = nodeOutputs(exec!, TRIGGER)[0]![0]!;
    expect(trigger).toMatchObject({ event: 'message', body: { Body: 'STOP', From: CALLER }, query: { at: at(CALL_AT, 0.2) } });
    expect((trigger.headers as Record<string, unknown>).authorization).toBeUndefined();
    const out = nodeOutputs(exec!, EXIT);
    expect(out.map((x) => x.length), describeExecution(exec!)).toEqual([1, 0, 0, 0, 0]);
    expect(out[0]![0]!.exit).toMatchObject({ action: 'opted_out', firstTime: true });
    const sms = received(env, CALLER).sms;
    expect(sms).toHaveLength(2);
    expect(sms[1]).toContain('unsubscribed');
    const ledger = await env.ledger();
    expect((await ledger.contact(CALLER))!.optOut.sms).not.toBeNull();
    expect((await ledger.enrollment(enrollmentId))!.status).toBe('exited');
  });
});
