import { describe, expect, it } from 'vitest';
import { deliveryReceipt } from '../../../nodes/SequenceExit/deliveryReceipt';

const SID = 'SM' + 'a'.repeat(32);
/** Twilio's status callback form, as the emulator and Twilio post it */
const callback = (status: string, extra: Record<string, string> = {}) => ({
  MessageSid: SID,
  SmsSid: SID,
  MessageStatus: status,
  SmsStatus: status,
  To: '+13055550123',
  From: '+15125550100',
  AccountSid: 'AC' + 'b'.repeat(32),
  ApiVersion: '2010-04-01',
  ...extra,
});

describe('deliveryReceipt', () => {
  it('reads a status callback under an n8n Webhook node’s body', () => {
    const r = deliveryReceipt({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, params: {}, query: {}, body: callback('undelivered', { ErrorCode: '30006' }) });
    expect(r).toEqual({
      ok: true,
      receipt: { provider: 'twilio', messageId: SID, state: 'undelivered', providerStatus: 'undelivered', errorCode: 30006, to: '+13055550123', from: '+15125550100', accountSid: 'AC' + 'b'.repeat(32) },
    });
  });

  it('reads the fields on the item itself, and a raw form or JSON body', () => {
    expect(deliveryReceipt(callback('delivered'))).toMatchObject({ ok: true, receipt: { messageId: SID, state: 'delivered', errorCode: null } });
    const form = new URLSearchParams(callback('failed', { ErrorCode: '21610' })).toString();
    expect(deliveryReceipt({ body: form })).toMatchObject({ ok: true, receipt: { state: 'failed', errorCode: 21610, to: '+13055550123' } });
    expect(deliveryReceipt({ body: JSON.stringify(callback('sent')) })).toMatchObject({ ok: true, receipt: { state: 'sent' } });
  });

  it('falls back on SmsSid and SmsStatus (older callbacks)', () => {
    expect(deliveryReceipt({ body: { SmsSid: 'SM9', SmsStatus: 'Delivered', To: '+13055550123' } })).toMatchObject({
      ok: true,
      receipt: { messageId: 'SM9', state: 'delivered', providerStatus: 'delivered' },
    });
  });

  it.each([
    ['sending', 'queued'],
    ['accepted', 'queued'],
    ['canceled', 'failed'],
    ['read', 'read'],
  ])('maps Twilio status %s to %s and keeps Twilio’s word', (status, state) => {
    expect(deliveryReceipt({ body: callback(status) })).toMatchObject({ ok: true, receipt: { state, providerStatus: status } });
  });

  it('takes a non-numeric ErrorCode as none', () => {
    expect(deliveryReceipt({ body: callback('undelivered', { ErrorCode: 'oops' }) })).toMatchObject({ ok: true, receipt: { errorCode: null } });
  });

  it('rejects an item with no message id or no status', () => {
    expect(deliveryReceipt({ hello: 'world' })).toEqual({ ok: false, error: 'NO_MESSAGE_ID' });
    expect(deliveryReceipt({ body: { MessageStatus: 'delivered' } })).toEqual({ ok: false, error: 'NO_MESSAGE_ID' });
    expect(deliveryReceipt({ body: { MessageSid: SID } })).toEqual({ ok: false, error: 'NO_STATUS' });
    expect(deliveryReceipt({ body: { MessageSid: '  ', MessageStatus: 'delivered' } })).toEqual({ ok: false, error: 'NO_MESSAGE_ID' });
  });

  it('rejects an inbound text sent to the status webhook (SmsStatus received) and unknown words', () => {
    const inbound = { MessageSid: SID, SmsMessageSid: SID, SmsSid: SID, SmsStatus: 'received', Body: 'STOP', From: '+13055550123', To: '+15125550100', NumMedia: '0' };
    expect(deliveryReceipt({ body: inbound })).toEqual({ ok: false, error: 'NOT_A_DELIVERY_STATUS', status: 'received' });
    expect(deliveryReceipt({ body: callback('exploded') })).toEqual({ ok: false, error: 'NOT_A_DELIVERY_STATUS', status: 'exploded' });
  });

  describe('a Vonage delivery receipt (the SMS API\'s callback)', () => {
    /** as the copied spec's DeliveryReceipt lists its fields */
    const dlr = (status: string, extra: Record<string, string> = {}) => ({
      msisdn: '13055550123',
      to: '15125550142',
      'network-code': '310260',
      messageId: '0A0000001234567B',
      price: '0.00570000',
      status,
      scts: '2701141700',
      'err-code': status === 'delivered' ? '0' : '1',
      'api-key': 'abcd1234',
      'client-ref': 'touch-1',
      'message-timestamp': '2027-01-14 17:00:05',
      ...extra,
    });

    it('reads one sent as a GET query, a form body or JSON', () => {
      const want = { provider: 'vonage', messageId: '0A0000001234567B', state: 'delivered', providerStatus: 'delivered', errorCode: 0, to: '+13055550123', from: '+15125550142', accountSid: null };
      expect(deliveryReceipt({ headers: {}, params: {}, query: dlr('delivered'), body: {} })).toEqual({ ok: true, receipt: want });
      expect(deliveryReceipt({ body: new URLSearchParams(dlr('delivered')).toString() })).toEqual({ ok: true, receipt: want });
      expect(deliveryReceipt({ body: dlr('delivered') })).toEqual({ ok: true, receipt: want });
    });

    it.each([
      ['expired', 'undelivered'],
      ['rejected', 'failed'],
      ['failed', 'failed'],
      ['buffered', 'queued'],
      ['accepted', 'queued'],
      ['unknown', 'sent'],
    ])('reads Vonage\'s %s as %s', (status, state) => {
      expect(deliveryReceipt({ query: dlr(status) })).toMatchObject({ ok: true, receipt: { provider: 'vonage', state, providerStatus: status } });
    });

    it('refuses one without a status or with a word it does not know', () => {
      const { status: _none, ...noStatus } = dlr('delivered');
      expect(deliveryReceipt({ query: noStatus })).toEqual({ ok: false, error: 'NO_STATUS' });
      expect(deliveryReceipt({ query: dlr('teleported') })).toEqual({ ok: false, error: 'NOT_A_DELIVERY_STATUS', status: 'teleported' });
    });
  });
});
