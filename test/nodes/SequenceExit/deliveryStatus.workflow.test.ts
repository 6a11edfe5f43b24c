/**
 * Sequence Exit in Record Delivery Status mode in real n8n workflows, on both ledgers: the real
 * Follow-up Sender texts through the Twilio emulator with a Status Callback URL, the emulator posts
 * Twilio's status callbacks to a local webhook, and each one goes to Sequence Exit as the n8n Webhook
 * node gives it. Delivered, undelivered (30006: a landline the Consent Gate then blocks texts to;
 * 21610: an opt-out), retried and out-of-order callbacks, unknown messages and inbound texts.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Ledger } from '../../../nodes/ledger';
import { startTwilioEmulator, type TwilioEmulator } from '../../emulators/twilioEmulator';
import { loadHarness, type Harness } from '../harness';
import { enrollCaller } from '../harness/fixtures';
import { describeOnLedgers, type LedgerUse } from '../ledger/describeOnLedgers';

// Thursday 2027-01-14 12:00 in Miami (EST)
const NOON = Date.UTC(2027, 0, 14, 17, 0);
const MIN = 60_000;
const [DELIVERED, UNDELIVERED, OTHER, ERROR] = [0, 1, 2, 3];
const [SEND, , BLOCK] = [0, 1, 2];
const iso = (t: number) => new Date(t).toISOString();

let h: Harness;
let tw: TwilioEmulator;
/** what the local "n8n Webhook" received from the emulator */
const hits: { headers: IncomingHttpHeaders; body: string }[] = [];
const hook = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    hits.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    res.writeHead(200).end();
  });
});
let hookUrl = '';

beforeAll(async () => {
  h = await loadHarness();
  tw = await startTwilioEmulator();
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://status:s3cret@127.0.0.1:${(hook.address() as AddressInfo).port}/webhook/sms-status`;
});
afterAll(async () => {
  await tw.close();
  await new Promise<void>((resolve) => hook.close(() => resolve()));
});
beforeEach(() => {
  hits.length = 0;
});

let n = 0;
const nextPhone = () => `+1305555${String(6100 + ++n)}`;

/** The emulator posts the status callback of `sid`; the item an n8n Webhook node makes of it (form body parsed). */
async function callback(sid: string, status: string, errorCode?: number): Promise<IDataObject> {
  expect(await tw.deliver(sid, status, errorCode === undefined ? {} : { errorCode })).toBe(200);
  const hit = hits.at(-1)!;
  return { headers: hit.headers as IDataObject, params: {}, query: {}, body: Object.fromEntries(new URLSearchParams(hit.body)) };
}

function exitNode(use: LedgerUse, items: IDataObject[], now: number, node: Record<string, unknown> = {}) {
  return h.runWorkflow({
    nodes: [{ name: 'Exit', type: 'sequenceExit', parameters: { mode: 'delivery', currentTime: iso(now), ...use.params }, ...node }],
    connections: [],
    startNode: 'Exit',
    triggerItems: items,
    credentials: use.credentials,
  });
}

/** A caller enrolled in the four-touch template whose first text the real Follow-up Sender sent through the emulator at NOON. */
async function textedCaller(ledger: Ledger, use: LedgerUse) {
  const phone = nextPhone();
  const e = await enrollCaller(ledger, { phone, at: NOON - 2 * MIN, dueAt: NOON });
  const r = await h.runWorkflow({
    nodes: [{ name: 'Send', type: 'followUpSender', parameters: { currentTime: iso(NOON), fromNumber: '+15125550100', statusCallback: hookUrl, ...use.params } }],
    connections: [],
    startNode: 'Send',
    triggerItems: [{ touch: { id: e.touch.id, phone, enrollmentId: e.enrollment.id }, contact: { phone, name: 'Dana Lee' }, call: e.call as unknown as IDataObject }],
    credentials: { ...use.credentials, missedCallTwilioApi: { authType: 'authToken', accountSid: tw.accountSid, authToken: tw.authToken, baseUrl: tw.url } },
  });
  expect(r.error).toBeUndefined();
  const sid = (r.outputs('Send')[SEND]![0]!.send as { messageId: string }).messageId;
  expect(tw.messages.find((m) => m.sid === sid)).toMatchObject({ to: phone, statusCallback: hookUrl });
  return { ...e, phone, sid };
}

function gateSms(use: LedgerUse, phone: string, now: number) {
  return h.runWorkflow({
    nodes: [{ name: 'Gate', type: 'consentGate', parameters: { currentTime: iso(now), ...use.params } }],
    connections: [],
    startNode: 'Gate',
    triggerItems: [{ touch: { phone }, step: { channel: 'sms' } }],
    credentials: use.credentials,
  });
}
const codes = (outs: IDataObject[][]) => outs.flat().flatMap((o) => (o.gate as { reasons: { code: string }[] }).reasons.map((r) => r.code));

await describeOnLedgers('Sequence Exit records Twilio delivery statuses', 'exit_delivery', (getLedger, use) => {
  it('routes a delivery receipt to Delivered once: a retried one and a late "sent" go to Other, nothing moves back', async () => {
    const ledger = getLedger();
    const c = await textedCaller(ledger, use);
    const touch = { id: c.touch.id, enrollmentId: c.enrollment.id, templateId: 'four-touch', stepId: 'sms-first', channel: 'sms' };

    const sent = await exitNode(use, [await callback(c.sid, 'sent')], NOON + MIN);
    expect(sent.error).toBeUndefined();
    expect(sent.outputs('Exit').map((o) => o.length)).toEqual([0, 0, 1]);
    expect(sent.outputs('Exit')[OTHER]![0]).toMatchObject({ status: 'sent', changed: true, reason: 'not_final', touch });

    const delivered = await exitNode(use, [await callback(c.sid, 'delivered')], NOON + 2 * MIN);
    expect(delivered.outputs('Exit').map((o) => o.length)).toEqual([1, 0, 0]);
    expect(delivered.outputs('Exit')[DELIVERED]![0]).toEqual({
      provider: 'twilio',
      messageId: c.sid,
      status: 'delivered',
      providerStatus: 'delivered',
      previousStatus: 'sent',
      changed: true,
      errorCode: null,
      problem: null,
      phone: c.phone,
      touch,
      effects: [],
      at: iso(NOON + 2 * MIN),
    });
    expect(await ledger.touch(c.touch.id)).toMatchObject({ status: 'sent', deliveryStatus: 'delivered', deliveryAt: NOON + 2 * MIN });

    const again = await exitNode(use, [await callback(c.sid, 'delivered'), await callback(c.sid, 'sent')], NOON + 3 * MIN);
    expect(again.outputs('Exit').map((o) => o.length)).toEqual([0, 0, 2]);
    expect(again.outputs('Exit')[OTHER]!.map((o) => [o.status, o.previousStatus, o.changed, o.reason])).toEqual([
      ['delivered', 'delivered', false, 'duplicate'],
      ['sent', 'delivered', false, 'out_of_order'],
    ]);
    expect(await ledger.touch(c.touch.id)).toMatchObject({ deliveryStatus: 'delivered', deliveryAt: NOON + 2 * MIN });
  });

  it('routes 30006 to Undelivered and records a landline: the Consent Gate then blocks texts to the number (LANDLINE_SMS)', async () => {
    const ledger = getLedger();
    const c = await textedCaller(ledger, use);
    const before = await gateSms(use, c.phone, NOON + MIN);
    expect(codes(before.outputs('Gate'))).not.toContain('LANDLINE_SMS');

    const r = await exitNode(use, [await callback(c.sid, 'undelivered', 30006)], NOON + 2 * MIN);
    expect(r.error).toBeUndefined();
    expect(r.outputs('Exit').map((o) => o.length)).toEqual([0, 1, 0]);
    expect(r.outputs('Exit')[UNDELIVERED]![0]).toMatchObject({
      status: 'undelivered',
      changed: true,
      errorCode: 30006,
      problem: { code: 30006, kind: 'landline', scope: 'contact' },
      phone: c.phone,
      effects: ['carrier_line_type:landline'],
    });
    expect((await ledger.contact(c.phone))?.carrierLineType).toMatchObject({ type: 'landline', source: 'twilio_delivery', at: NOON + 2 * MIN });
    expect(await ledger.touch(c.touch.id)).toMatchObject({ deliveryStatus: 'undelivered', deliveryError: 30006 });
    expect(await ledger.auditTrail({ enrollmentId: c.enrollment.id, kinds: ['message_undelivered'] })).toHaveLength(1);

    const after = await gateSms(use, c.phone, NOON + 3 * MIN);
    expect(after.outputs('Gate')[BLOCK]).toHaveLength(1);
    expect(codes(after.outputs('Gate'))).toContain('LANDLINE_SMS');
    // the sequence goes on: its email step is still pending
    expect((await ledger.enrollment(c.enrollment.id))?.status).toBe('active');
  });

  it('still records the landline for a callback retried after a crash (the status already on record)', async () => {
    const ledger = getLedger();
    const c = await textedCaller(ledger, use);
    // the first delivery of the callback stored the status, then n8n died before the landline was recorded
    await ledger.recordDelivery({ provider: 'twilio', messageId: c.sid, state: 'undelivered', errorCode: 30006, now: NOON + MIN });
    expect((await ledger.contact(c.phone))?.carrierLineType ?? null).toBeNull();

    const r = await exitNode(use, [await callback(c.sid, 'undelivered', 30006)], NOON + 2 * MIN);
    expect(r.outputs('Exit').map((o) => o.length)).toEqual([0, 0, 1]);
    expect(r.outputs('Exit')[OTHER]![0]).toMatchObject({ changed: false, reason: 'duplicate', effects: ['carrier_line_type:landline'] });
    expect((await ledger.contact(c.phone))?.carrierLineType).toMatchObject({ type: 'landline', source: 'twilio_delivery' });
    expect(codes((await gateSms(use, c.phone, NOON + 3 * MIN)).outputs('Gate'))).toContain('LANDLINE_SMS');
  });

  it('records an SMS opt-out for 21610, which ends the sequence', async () => {
    const ledger = getLedger();
    const c = await textedCaller(ledger, use);
    const r = await exitNode(use, [await callback(c.sid, 'failed', 21610)], NOON + MIN);
    expect(r.outputs('Exit')[UNDELIVERED]![0]).toMatchObject({ status: 'failed', problem: { kind: 'opted_out' }, effects: ['opt_out:sms'] });
    expect((await ledger.contact(c.phone))?.optOut.sms).toMatchObject({ source: 'twilio_21610', at: NOON + MIN });
    expect((await ledger.enrollment(c.enrollment.id))?.status).toBe('exited');
  });

  it('routes a message no touch sent to Other with touch null, recording nothing', async () => {
    const phone = nextPhone();
    const sid = 'SM' + 'f'.repeat(32);
    const item = { headers: {}, body: { MessageSid: sid, SmsSid: sid, MessageStatus: 'undelivered', SmsStatus: 'undelivered', ErrorCode: '30006', To: phone, From: '+15125550100', AccountSid: tw.accountSid } };
    const r = await exitNode(use, [item], NOON);
    expect(r.outputs('Exit').map((o) => o.length)).toEqual([0, 0, 1]);
    expect(r.outputs('Exit')[OTHER]![0]).toMatchObject({ messageId: sid, touch: null, phone, reason: 'unknown_message', changed: false, previousStatus: null, effects: [] });
    expect(await getLedger().contact(phone)).toBeNull();
  });

  it('fails an inbound text sent to the status webhook with the item’s index, or moves it to the error output', async () => {
    const ledger = getLedger();
    const c = await textedCaller(ledger, use);
    const inbound = { headers: {}, body: { MessageSid: 'SM' + 'e'.repeat(32), SmsSid: 'SM' + 'e'.repeat(32), SmsStatus: 'received', From: c.phone, To: '+15125550100', Body: 'STOP', NumMedia: '0' } };
    const items = [await callback(c.sid, 'delivered'), inbound];

    const failed = await exitNode(use, items, NOON + MIN);
    expect(failed.error?.message).toBe('The status "received" is no delivery status of a sent message');
    expect((failed.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);

    const r = await exitNode(use, items, NOON + 2 * MIN, { onError: 'continueErrorOutput' });
    expect(r.error).toBeUndefined();
    // the first item was recorded by the failed run already: a duplicate now
    expect(r.outputs('Exit').map((o) => o.length)).toEqual([0, 0, 1, 1]);
    expect(r.outputs('Exit')[ERROR]![0]).toMatchObject({ error: 'The status "received" is no delivery status of a sent message', details: { invalidItem: true } });
    expect((await ledger.contact(c.phone))?.optOut.sms ?? null).toBeNull();
  });

  it('with Verify Twilio Signature, records only callbacks Twilio signed for the webhook URL, and fails a forged one recording nothing', async () => {
    const ledger = getLedger();
    const c = await textedCaller(ledger, use);
    const twilioCreds = (authToken: string) => ({ ...use.credentials, missedCallTwilioApi: { authType: 'authToken', accountSid: tw.accountSid, authToken, baseUrl: tw.url } });
    const verified = (items: IDataObject[], now: number, authToken: string, node: Record<string, unknown> = {}) =>
      h.runWorkflow({
        nodes: [{ name: 'Exit', type: 'sequenceExit', parameters: { mode: 'delivery', verifySignature: true, currentTime: iso(now), ...use.params }, ...node }],
        connections: [],
        startNode: 'Exit',
        triggerItems: items,
        credentials: twilioCreds(authToken),
      });
    // as the n8n Webhook node gives it: the URL n8n reports (no user and password), the emulator's signature and Basic Auth header
    const webhookUrl = hookUrl.replace('status:s3cret@', '');
    const signed: IDataObject = { ...(await callback(c.sid, 'undelivered', 30006)), webhookUrl };

    const forged = { ...signed, body: { ...(signed.body as IDataObject), ErrorCode: '21610' } };
    const refused = await verified([forged], NOON + MIN, tw.authToken, { onError: 'continueErrorOutput' });
    expect(refused.outputs('Exit').map((o) => o.length)).toEqual([0, 0, 0, 1]);
    expect(refused.outputs('Exit')[ERROR]![0]).toMatchObject({ error: 'The request failed the Twilio signature check (BAD_SIGNATURE); nothing was recorded', details: { invalidItem: true } });
    const wrongToken = await verified([signed], NOON + MIN, 'f'.repeat(32));
    expect(wrongToken.error?.message).toBe('The request failed the Twilio signature check (BAD_SIGNATURE); nothing was recorded');
    const unsigned = await verified([{ ...signed, headers: { ...(signed.headers as IDataObject), 'x-twilio-signature': undefined } }], NOON + MIN, tw.authToken);
    expect(unsigned.error?.message).toBe('The request failed the Twilio signature check (MISSING_SIGNATURE); nothing was recorded');
    expect(await ledger.touch(c.touch.id)).toMatchObject({ deliveryStatus: null });
    expect((await ledger.contact(c.phone))?.optOut.sms ?? null).toBeNull();

    const ok = await verified([signed], NOON + 2 * MIN, tw.authToken);
    expect(ok.error).toBeUndefined();
    expect(ok.outputs('Exit').map((o) => o.length)).toEqual([0, 1, 0]);
    expect(await ledger.touch(c.touch.id)).toMatchObject({ deliveryStatus: 'undelivered', deliveryError: 30006 });
  });
});
