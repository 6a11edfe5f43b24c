/**
 * Follow-up Sender with SMS Provider = Vonage in a real n8n-core workflow: the text goes through
 * Vonage's SMS API from the business's Vonage number (From Number, else the number the caller
 * called) to the Vonage emulator, which checks each request against Vonage's published spec.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../nodes/ledger';
import { startVonageEmulator, type VonageEmulator } from '../../emulators/vonageEmulator';
import { embeddedLedgerFile, loadHarness, useFreshUserFolder, type Harness } from '../harness';
import { enrollCaller } from '../harness/fixtures';

// Thursday 2027-01-14 12:00 in Miami (EST)
const NOON = Date.UTC(2027, 0, 14, 17, 0);
const MIN = 60_000;
const [SENT, NOT_SENT] = [0, 1];
const CALLED = '+15125550142'; // the fixtures' call goes to this number
const MAIN_LINE = '+15125550100';

let h: Harness;
let ledger: Ledger;
let vg: VonageEmulator;
let n = 0;
const phone = () => `+1305555${String(8000 + ++n).padStart(4, '0')}`;

beforeAll(async () => {
  useFreshUserFolder();
  h = await loadHarness();
  ledger = await openLedger({ kind: 'embedded', path: embeddedLedgerFile() });
  vg = await startVonageEmulator({ numbers: [CALLED, MAIN_LINE] });
});
afterAll(async () => {
  await ledger.close();
  await vg.close();
});
beforeEach(() => vg.reset());

function sender(items: object[], now: number, parameters: Record<string, unknown> = {}, o: { apiSecret?: string; credentialId?: string } = {}) {
  return h.runWorkflow({
    nodes: [{ name: 'Send', type: 'followUpSender', parameters: { currentTime: new Date(now).toISOString(), smsProvider: 'vonage', ...parameters } }],
    connections: [],
    startNode: 'Send',
    triggerItems: items as never,
    credentials: { missedCallVonageApi: { apiKey: vg.apiKey, apiSecret: o.apiSecret ?? vg.apiSecret, baseUrl: vg.url } },
    ...(o.credentialId ? { credentialIds: { missedCallVonageApi: o.credentialId } } : {}),
  });
}

async function enrolled() {
  const p = phone();
  const e = await enrollCaller(ledger, { phone: p, at: NOON - 2 * MIN, dueAt: NOON });
  return { ...e, phone: p, item: { touch: { id: e.touch.id, phone: p, enrollmentId: e.enrollment.id }, contact: { phone: p, name: 'Dana Lee' }, call: e.call } };
}

type Send = { outcome: string; reason: string | null; provider: string; messageId: string; message?: string; providerCode?: string | null; next: { stepId: string } | null };
const sendOf = (r: Awaited<ReturnType<typeof sender>>, out: number) => r.outputs('Send')[out]![0]!.send as Send;

describe('Follow-up Sender: SMS through Vonage', () => {
  it('sends from the number the caller called, records Vonage\'s message id and schedules the next step', async () => {
    const e = await enrolled();
    const r = await sender([e.item], NOON);
    expect(r.error).toBeUndefined();
    expect(vg.violations).toEqual([]);
    expect(vg.texts).toHaveLength(1);
    const t = vg.texts[0]!;
    expect(t).toMatchObject({ to: e.phone.slice(1), from: CALLED.slice(1), clientRef: e.touch.id });
    expect(t.text).toContain('Brightside Plumbing');
    expect(sendOf(r, SENT)).toMatchObject({ outcome: 'sent', provider: 'vonage', messageId: t.id, next: { stepId: 'email-next-day' } });
    const touches = await ledger.touchesOf(e.enrollment.id);
    expect(touches[0]).toMatchObject({ stepId: 'sms-first', status: 'sent', provider: 'vonage', providerMessageId: t.id });
    // no key or secret in the items, the touches or the audit trail
    const seen = JSON.stringify([r.outputs('Send'), touches, await ledger.auditTrail({ enrollmentId: e.enrollment.id })]);
    expect(seen).toContain(t.id);
    expect(seen).not.toContain(vg.apiSecret);
  });

  it('sends from From Number when it is set; a second run of the same item is ALREADY_SENT', async () => {
    const e = await enrolled();
    await sender([e.item], NOON, { vonageFromNumber: ` ${MAIN_LINE} ` });
    const again = await sender([e.item], NOON + MIN, { vonageFromNumber: MAIN_LINE });
    expect(sendOf(again, NOT_SENT)).toMatchObject({ outcome: 'skipped', reason: 'ALREADY_SENT' });
    expect(vg.texts.map((t) => t.from)).toEqual([MAIN_LINE.slice(1)]);
  });

  it('without From Number or a called number, fails the item with what to set, and leaves the touch unsent', async () => {
    const p = phone();
    const e = await enrollCaller(ledger, { phone: p, at: NOON - 2 * MIN, dueAt: NOON });
    const r = await sender([{ touch: { id: e.touch.id }, call: { ...e.call, to: '' } }], NOON);
    expect(r.error?.message).toBe('No Vonage number to send from');
    expect(vg.requests).toEqual([]);
    expect((await ledger.touch(e.touch.id))!.status).toBe('pending');
  });

  it.each([
    ['6', 'INVALID_NUMBER'],
    ['7', 'NUMBER_BARRED'],
  ])('status %s blocks the step (%s) and the sequence goes on', async (status, reason) => {
    const e = await enrolled();
    vg.script({ kind: 'status', status });
    const r = await sender([e.item], NOON);
    expect(sendOf(r, NOT_SENT)).toMatchObject({ outcome: 'blocked', reason, providerCode: status, next: { stepId: 'email-next-day' } });
  });

  it('a sender that is not the account\'s fails the touch with status 15, without moving on', async () => {
    const e = await enrolled();
    const r = await sender([e.item], NOON, { vonageFromNumber: '+15125550199' });
    expect(sendOf(r, NOT_SENT)).toMatchObject({ outcome: 'failed', reason: 'PROVIDER_ERROR', providerCode: '15', message: 'Illegal Sender Address - rejected', next: null });
    expect((await ledger.touch(e.touch.id))!.status).toBe('failed');
  });

  it('a secret rotated since it was cached: status 4, the sender reads the credential again and sends once', async () => {
    const original = vg.apiSecret;
    try {
      const first = await enrolled();
      expect(sendOf(await sender([first.item], NOON, {}, { credentialId: 'vg-rotated' }), SENT).outcome).toBe('sent');
      vg.apiSecret = 'RotatedSecret012';
      const second = await enrolled();
      const r = await sender([second.item], NOON, {}, { apiSecret: vg.apiSecret, credentialId: 'vg-rotated' });
      expect(sendOf(r, SENT).outcome).toBe('sent');
      expect(vg.texts.map((t) => t.to)).toEqual([first.phone.slice(1), second.phone.slice(1)]);
      expect(vg.requests.length).toBe(3);
    } finally {
      vg.apiSecret = original;
    }
  });

  it('names the Status Callback URL as the text\'s callback; Sequence Exit records Vonage\'s delivery receipts on the touch', async () => {
    const e = await enrolled();
    const url = 'https://hooks.example/webhook/vonage-dlr';
    await sender([e.item], NOON, { statusCallback: ` ${url} ` });
    const t = vg.texts[0]!;
    expect(t.callback).toBe(url);
    expect(vg.violations).toEqual([]);
    // Vonage's receipt as an n8n Webhook node (GET) gives it: the fields in query
    const dlr = (status: string, errCode: string, at: number) => ({
      headers: {},
      params: {},
      query: { msisdn: t.to, to: t.from, 'network-code': '310260', messageId: t.id, price: '0.00570000', status, scts: '2701141702', 'err-code': errCode, 'api-key': vg.apiKey, 'client-ref': t.clientRef, 'message-timestamp': new Date(at).toISOString().slice(0, 19).replace('T', ' ') },
      body: {},
    });
    const record = (item: object, at: number) =>
      h.runWorkflow({ nodes: [{ name: 'Exit', type: 'sequenceExit', parameters: { mode: 'delivery', currentTime: new Date(at).toISOString() } }], connections: [], startNode: 'Exit', triggerItems: [item] as never });
    const delivered = await record(dlr('delivered', '0', NOON + 2 * MIN), NOON + 2 * MIN);
    expect(delivered.error).toBeUndefined();
    expect(delivered.outputs('Exit')[0]![0]).toMatchObject({ provider: 'vonage', messageId: t.id, status: 'delivered', touch: { id: e.touch.id } });
    expect(await ledger.touch(e.touch.id)).toMatchObject({ deliveryStatus: 'delivered', deliveryAt: NOON + 2 * MIN });
    // an older receipt after it changes nothing
    const late = await record(dlr('buffered', '0', NOON + 3 * MIN), NOON + 3 * MIN);
    expect(late.outputs('Exit')[2]![0]).toMatchObject({ reason: 'out_of_order' });
    expect(await ledger.touch(e.touch.id)).toMatchObject({ deliveryStatus: 'delivered' });
  });

  it('an expired receipt is Undelivered, with Vonage\'s error code and no effect on the contact', async () => {
    const e = await enrolled();
    await sender([e.item], NOON);
    const t = vg.texts[0]!;
    const r = await h.runWorkflow({
      nodes: [{ name: 'Exit', type: 'sequenceExit', parameters: { mode: 'delivery', currentTime: new Date(NOON + 5 * MIN).toISOString() } }],
      connections: [],
      startNode: 'Exit',
      triggerItems: [{ body: { msisdn: t.to, to: t.from, messageId: t.id, status: 'expired', 'err-code': '1' } }] as never,
    });
    expect(r.outputs('Exit')[1]![0]).toMatchObject({ provider: 'vonage', status: 'undelivered', errorCode: 1, problem: null, effects: [] });
    expect(await ledger.touch(e.touch.id)).toMatchObject({ deliveryStatus: 'undelivered', deliveryError: 1 });
  });
});
