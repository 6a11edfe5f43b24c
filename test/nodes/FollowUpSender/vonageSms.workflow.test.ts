/**
 * Follow-up Sender with SMS Provider = Vonage in a real n8n-core workflow: the text goes through
 * Vonage's SMS API from the business's Vonage number (From Number, else the number the caller
 * called) to the Vonage emulator, which checks each request against Vonage's published spec.
 */
import { describe, expect, it } from 'vitest';
import { startVonageEmulator } from '../../emulators/vonageEmulator';
import { enrollCaller } from '../harness/fixtures';
import { CALLED, MAIN_LINE, MIN, NOON, NOT_SENT, SENT, phoneSystemSender } from './phoneSystemSender';

const { s, phone, sender, enrolled, sendOf } = phoneSystemSender({
  smsProvider: 'vonage',
  credentialType: 'missedCallVonageApi',
  start: (numbers) => startVonageEmulator({ numbers }),
  credentials: (vg, c) => ({ apiKey: vg.apiKey, apiSecret: c.apiSecret ?? vg.apiSecret, baseUrl: vg.url }),
  phoneBase: 8000,
});

describe('Follow-up Sender: SMS through Vonage', () => {
  it('sends from the number the caller called, records Vonage\'s message id and schedules the next step', async () => {
    const e = await enrolled();
    const r = await sender([e.item], NOON);
    expect(r.error).toBeUndefined();
    expect(s.emulator.violations).toEqual([]);
    expect(s.emulator.texts).toHaveLength(1);
    const t = s.emulator.texts[0]!;
    expect(t).toMatchObject({ to: e.phone.slice(1), from: CALLED.slice(1), clientRef: e.touch.id });
    expect(t.text).toContain('Brightside Plumbing');
    expect(sendOf(r, SENT)).toMatchObject({ outcome: 'sent', provider: 'vonage', messageId: t.id, next: { stepId: 'email-next-day' } });
    const touches = await s.ledger.touchesOf(e.enrollment.id);
    expect(touches[0]).toMatchObject({ stepId: 'sms-first', status: 'sent', provider: 'vonage', providerMessageId: t.id });
    // no key or secret in the items, the touches or the audit trail
    const seen = JSON.stringify([r.outputs('Send'), touches, await s.ledger.auditTrail({ enrollmentId: e.enrollment.id })]);
    expect(seen).toContain(t.id);
    expect(seen).not.toContain(s.emulator.apiSecret);
  });

  it('sends from From Number when it is set; a second run of the same item is ALREADY_SENT', async () => {
    const e = await enrolled();
    await sender([e.item], NOON, { vonageFromNumber: ` ${MAIN_LINE} ` });
    const again = await sender([e.item], NOON + MIN, { vonageFromNumber: MAIN_LINE });
    expect(sendOf(again, NOT_SENT)).toMatchObject({ outcome: 'skipped', reason: 'ALREADY_SENT' });
    expect(s.emulator.texts.map((t) => t.from)).toEqual([MAIN_LINE.slice(1)]);
  });

  it('without From Number or a called number, fails the item with what to set, and leaves the touch unsent', async () => {
    const p = phone();
    const e = await enrollCaller(s.ledger, { phone: p, at: NOON - 2 * MIN, dueAt: NOON });
    const r = await sender([{ touch: { id: e.touch.id }, call: { ...e.call, to: '' } }], NOON);
    expect(r.error?.message).toBe('No Vonage number to send from');
    expect(s.emulator.requests).toEqual([]);
    expect((await s.ledger.touch(e.touch.id))!.status).toBe('pending');
  });

  it.each([
    ['6', 'INVALID_NUMBER'],
    ['7', 'NUMBER_BARRED'],
  ])('status %s blocks the step (%s) and the sequence goes on', async (status, reason) => {
    const e = await enrolled();
    s.emulator.script({ kind: 'status', status });
    const r = await sender([e.item], NOON);
    expect(sendOf(r, NOT_SENT)).toMatchObject({ outcome: 'blocked', reason, providerCode: status, next: { stepId: 'email-next-day' } });
  });

  it('a sender that is not the account\'s fails the touch with status 15, without moving on', async () => {
    const e = await enrolled();
    const r = await sender([e.item], NOON, { vonageFromNumber: '+15125550199' });
    expect(sendOf(r, NOT_SENT)).toMatchObject({ outcome: 'failed', reason: 'PROVIDER_ERROR', providerCode: '15', message: 'Illegal Sender Address - rejected', next: null });
    expect((await s.ledger.touch(e.touch.id))!.status).toBe('failed');
  });

  it('a secret rotated since it was cached: status 4, the sender reads the credential again and sends once', async () => {
    const original = s.emulator.apiSecret;
    try {
      const first = await enrolled();
      expect(sendOf(await sender([first.item], NOON, {}, { credentialId: 'vg-rotated' }), SENT).outcome).toBe('sent');
      s.emulator.apiSecret = 'RotatedSecret012';
      const second = await enrolled();
      const r = await sender([second.item], NOON, {}, { credential: { apiSecret: s.emulator.apiSecret }, credentialId: 'vg-rotated' });
      expect(sendOf(r, SENT).outcome).toBe('sent');
      expect(s.emulator.texts.map((t) => t.to)).toEqual([first.phone.slice(1), second.phone.slice(1)]);
      expect(s.emulator.requests.length).toBe(3);
    } finally {
      s.emulator.apiSecret = original;
    }
  });

  it('names the Status Callback URL as the text\'s callback; Sequence Exit records Vonage\'s delivery receipts on the touch', async () => {
    const e = await enrolled();
    const url = 'https://hooks.example/webhook/vonage-dlr';
    await sender([e.item], NOON, { statusCallback: ` ${url} ` });
    const t = s.emulator.texts[0]!;
    expect(t.callback).toBe(url);
    expect(s.emulator.violations).toEqual([]);
    // Vonage's receipt as an n8n Webhook node (GET) gives it: the fields in query
    const dlr = (status: string, errCode: string, at: number) => ({
      headers: {},
      params: {},
      query: { msisdn: t.to, to: t.from, 'network-code': '310260', messageId: t.id, price: '0.00570000', status, scts: '2701141702', 'err-code': errCode, 'api-key': s.emulator.apiKey, 'client-ref': t.clientRef, 'message-timestamp': new Date(at).toISOString().slice(0, 19).replace('T', ' ') },
      body: {},
    });
    const record = (item: object, at: number) =>
      s.h.runWorkflow({ nodes: [{ name: 'Exit', type: 'sequenceExit', parameters: { mode: 'delivery', currentTime: new Date(at).toISOString() } }], connections: [], startNode: 'Exit', triggerItems: [item] as never });
    const delivered = await record(dlr('delivered', '0', NOON + 2 * MIN), NOON + 2 * MIN);
    expect(delivered.error).toBeUndefined();
    expect(delivered.outputs('Exit')[0]![0]).toMatchObject({ provider: 'vonage', messageId: t.id, status: 'delivered', touch: { id: e.touch.id } });
    expect(await s.ledger.touch(e.touch.id)).toMatchObject({ deliveryStatus: 'delivered', deliveryAt: NOON + 2 * MIN });
    // an older receipt after it changes nothing
    const late = await record(dlr('buffered', '0', NOON + 3 * MIN), NOON + 3 * MIN);
    expect(late.outputs('Exit')[2]![0]).toMatchObject({ reason: 'out_of_order' });
    expect(await s.ledger.touch(e.touch.id)).toMatchObject({ deliveryStatus: 'delivered' });
  });

  it('an expired receipt is Undelivered, with Vonage\'s error code and no effect on the contact', async () => {
    const e = await enrolled();
    await sender([e.item], NOON);
    const t = s.emulator.texts[0]!;
    const r = await s.h.runWorkflow({
      nodes: [{ name: 'Exit', type: 'sequenceExit', parameters: { mode: 'delivery', currentTime: new Date(NOON + 5 * MIN).toISOString() } }],
      connections: [],
      startNode: 'Exit',
      triggerItems: [{ body: { msisdn: t.to, to: t.from, messageId: t.id, status: 'expired', 'err-code': '1' } }] as never,
    });
    expect(r.outputs('Exit')[1]![0]).toMatchObject({ provider: 'vonage', status: 'undelivered', errorCode: 1, problem: null, effects: [] });
    expect(await s.ledger.touch(e.touch.id)).toMatchObject({ deliveryStatus: 'undelivered', deliveryError: 1 });
  });
});
