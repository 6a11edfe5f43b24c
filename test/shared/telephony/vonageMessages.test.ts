import { describe, expect, it } from 'vitest';
import { classifyVonage } from '../../../shared/telephony';

/** A Messages API inbound SMS, as Vonage documents it (numbers without `+`). */
const inbound = (more: Record<string, unknown> = {}) => ({
  channel: 'sms',
  message_uuid: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
  to: '15125550142',
  from: '13055550123',
  timestamp: '2027-03-10T15:00:00Z',
  text: 'Can you call me back after 3?',
  sms: { num_messages: '1', keyword: 'CAN' },
  usage: { price: '0.0057', currency: 'USD' },
  message_type: 'text',
  ...more,
});
const classify = (body: Record<string, unknown>) => classifyVonage(JSON.stringify(body), {});

describe('classifyVonage: Messages API webhooks (texts to a Vonage number)', () => {
  it('an inbound SMS is a message from the caller to the business number, E.164', () => {
    expect(classify(inbound())).toEqual({
      kind: 'message',
      message: {
        schemaVersion: 1,
        provider: 'vonage',
        eventType: 'inbound-sms',
        messageId: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
        from: '+13055550123',
        to: '+15125550142',
        text: 'Can you call me back after 3?',
        class: 'reply',
        receivedAt: '2027-03-10T15:00:00.000Z',
      },
    });
  });

  it.each([
    ['STOP', 'opt_out'],
    ['start', 'opt_in'],
    ['HELP', 'help'],
  ])('its text decides the class (no verdict of Vonage\'s own): %s → %s', (text, cls) => {
    const r = classify(inbound({ text }));
    expect(r.kind === 'message' && r.message.class).toBe(cls);
  });

  it.each([
    ['a sent message\'s status', inbound({ status: 'delivered', text: undefined }), 'message_status:delivered'],
    ['another channel', inbound({ channel: 'whatsapp' }), 'message_channel:whatsapp'],
  ])('ignores %s', (_, body, reason) => {
    expect(classify(body)).toEqual({ kind: 'ignored', reason });
  });

  it('still reads a Voice event that has no message_uuid', () => {
    expect(classify({ uuid: 'leg', conversation_uuid: 'CON', direction: 'inbound', from: '13055550123', to: '15125550142', status: 'ringing' }).kind).toBe('call');
  });
});
