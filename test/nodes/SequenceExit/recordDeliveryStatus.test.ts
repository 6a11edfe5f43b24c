/**
 * Record Delivery Status for one item against a fake ledger: routing, what a failure records for the
 * contact (also on a retried callback, never after a delivery receipt on record), and bad items.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import type { DeliveryState } from '../../../shared/delivery';
import type { DeliveryRecord, Ledger, Touch } from '../../../nodes/ledger/Ledger';
import { isInvalidItemError } from '../../../nodes/SequenceExit/invalidItem';
import { DELIVERY_OUTPUT, recordDeliveryStatus, UNKNOWN_MESSAGE_RETRY_MS } from '../../../nodes/SequenceExit/recordDeliveryStatus';

const NOW = Date.UTC(2027, 0, 14, 17, 0);
const PHONE = '+13055550123';
const TOUCH = { id: 't1', enrollmentId: 'e1', templateId: 'four-touch', phone: PHONE, stepId: 'sms-first', channel: 'sms' } as Touch;
const fn = { getNode: () => ({ name: 'Exit', type: 'sequenceExit', typeVersion: 1, position: [0, 0], parameters: {} }) } as unknown as IExecuteFunctions;

/** A ledger whose recordDelivery answers `rec` (then `later`, when given), recording every call. */
function fakeLedger(rec: DeliveryRecord, later?: DeliveryRecord) {
  const calls: [string, ...unknown[]][] = [];
  const ledger = {
    recordDelivery: async (d: unknown) => (calls.push(['recordDelivery', d]), later && calls.filter((c) => c[0] === 'recordDelivery').length > 1 ? later : rec),
    recordCarrierLineType: async (p: string, l: unknown) => (calls.push(['recordCarrierLineType', p, l]), true),
    recordOptOut: async (p: string, o: unknown) => (calls.push(['recordOptOut', p, o]), { firstTime: true }),
  } as unknown as Ledger;
  return { ledger, calls };
}
const item = (status: string, errorCode?: string) => ({
  body: { MessageSid: 'SM1', MessageStatus: status, ...(errorCode ? { ErrorCode: errorCode } : {}), To: '+13055550199', From: '+15125550100' },
});
const waits: number[] = [];
const sleep = async (ms: number) => void waits.push(ms);
const run = (rec: DeliveryRecord, json: object, later?: DeliveryRecord) => {
  const f = fakeLedger(rec, later);
  return recordDeliveryStatus(fn, 3, json as never, { ledger: f.ledger, now: NOW, sleep }).then((r) => ({ ...r, calls: f.calls }));
};
const known = (previous: DeliveryState | null, changed: boolean): DeliveryRecord => ({ touch: TOUCH, previous, changed });

describe('recordDeliveryStatus', () => {
  it('records the callback on the ledger and routes a new delivery to Delivered', async () => {
    const r = await run(known('sent', true), item('delivered'));
    expect(r.calls).toEqual([['recordDelivery', { provider: 'twilio', messageId: 'SM1', state: 'delivered', errorCode: null, now: NOW }]]);
    expect(r.output).toBe(DELIVERY_OUTPUT.delivered);
    expect(r.json).toEqual({
      provider: 'twilio',
      messageId: 'SM1',
      status: 'delivered',
      providerStatus: 'delivered',
      previousStatus: 'sent',
      changed: true,
      errorCode: null,
      problem: null,
      phone: PHONE,
      touch: { id: 't1', enrollmentId: 'e1', templateId: 'four-touch', stepId: 'sms-first', channel: 'sms' },
      effects: [],
      at: new Date(NOW).toISOString(),
    });
  });

  it('records a landline for 30006 and routes it to Undelivered', async () => {
    const r = await run(known('sent', true), item('undelivered', '30006'));
    expect(r.output).toBe(DELIVERY_OUTPUT.undelivered);
    expect(r.calls[1]).toEqual(['recordCarrierLineType', PHONE, { type: 'landline', source: 'twilio_delivery', now: NOW }]);
    expect(r.json).toMatchObject({ errorCode: 30006, problem: { code: 30006, kind: 'landline', scope: 'contact' }, effects: ['carrier_line_type:landline'] });
    expect(r.json).not.toHaveProperty('reason');
  });

  it('records an SMS opt-out for 21610', async () => {
    const r = await run(known(null, true), item('failed', '21610'));
    expect(r.output).toBe(DELIVERY_OUTPUT.undelivered);
    expect(r.calls[1]).toEqual(['recordOptOut', PHONE, { channel: 'sms', source: 'twilio_21610', text: null, now: NOW }]);
    expect(r.json.effects).toEqual(['opt_out:sms']);
  });

  it('applies the effect again for a retried callback (nothing changed), routed to Other as a duplicate', async () => {
    const r = await run(known('undelivered', false), item('undelivered', '30006'));
    expect(r.output).toBe(DELIVERY_OUTPUT.other);
    expect(r.json).toMatchObject({ reason: 'duplicate', changed: false, effects: ['carrier_line_type:landline'] });
    expect(r.calls.map((c) => c[0])).toEqual(['recordDelivery', 'recordCarrierLineType']);
  });

  it('records nothing for the contact from a failure after a delivery receipt on record (out of order)', async () => {
    const r = await run(known('delivered', false), item('undelivered', '30006'));
    expect(r.output).toBe(DELIVERY_OUTPUT.other);
    expect(r.json).toMatchObject({ reason: 'out_of_order', previousStatus: 'delivered', effects: [], problem: { kind: 'landline' } });
    expect(r.calls.map((c) => c[0])).toEqual(['recordDelivery']);
  });

  it('records nothing for a failure that concerns the sender (30007) or is transient', async () => {
    for (const code of ['30007', '30003', undefined]) {
      const r = await run(known('sent', true), item('undelivered', code));
      expect(r.output).toBe(DELIVERY_OUTPUT.undelivered);
      expect(r.json.effects).toEqual([]);
      expect(r.calls).toHaveLength(1);
    }
  });

  it('routes queued and sent to Other (not_final), an older sent to Other (out_of_order)', async () => {
    expect((await run(known(null, true), item('sent'))).json).toMatchObject({ reason: 'not_final' });
    expect((await run(known(null, true), item('sending'))).output).toBe(DELIVERY_OUTPUT.other);
    expect((await run(known('delivered', false), item('sent'))).json).toMatchObject({ reason: 'out_of_order', changed: false });
  });

  it('reads an unknown message once more after a moment: its callback may have overtaken the sender’s record', async () => {
    waits.length = 0;
    const r = await run({ touch: null, previous: null, changed: false }, item('undelivered', '30006'), known('sent', true));
    expect(waits).toEqual([UNKNOWN_MESSAGE_RETRY_MS]);
    expect(r.calls.filter((c) => c[0] === 'recordDelivery')).toHaveLength(2);
    expect(r.output).toBe(DELIVERY_OUTPUT.undelivered);
    expect(r.json).toMatchObject({ touch: { id: 't1' }, effects: ['carrier_line_type:landline'] });
    // a known message never waits
    waits.length = 0;
    await run(known('sent', true), item('delivered'));
    expect(waits).toEqual([]);
  });

  it('routes an unknown message to Other with no touch, the item’s To as phone, and records nothing for it', async () => {
    const r = await run({ touch: null, previous: null, changed: false }, item('undelivered', '30006'));
    expect(r.output).toBe(DELIVERY_OUTPUT.other);
    expect(r.json).toMatchObject({ reason: 'unknown_message', touch: null, phone: '+13055550199', effects: [], problem: { kind: 'landline' } });
    // read twice (the second time after a moment), nothing else
    expect(r.calls.map((c) => c[0])).toEqual(['recordDelivery', 'recordDelivery']);
  });

  it('throws an invalid-item error with the item index for an inbound text, and records nothing', async () => {
    const f = fakeLedger(known(null, true));
    const inbound = { body: { MessageSid: 'SM2', SmsStatus: 'received', From: PHONE, To: '+15125550100', Body: 'STOP' } };
    const e = await recordDeliveryStatus(fn, 3, inbound, { ledger: f.ledger, now: NOW }).catch((x: unknown) => x);
    expect(e).toMatchObject({ message: 'The status "received" is no delivery status of a sent message', context: { itemIndex: 3 } });
    expect((e as { description: string }).description).toMatch(/Record Reply mode/);
    expect(isInvalidItemError(e)).toBe(true);
    expect(f.calls).toEqual([]);
    const none = await recordDeliveryStatus(fn, 0, { hello: 'world' }, { ledger: f.ledger, now: NOW }).catch((x: unknown) => x);
    expect(none).toMatchObject({ message: 'The item holds no MessageSid: it is no Twilio status callback' });
    expect(isInvalidItemError(none)).toBe(true);
  });
});
