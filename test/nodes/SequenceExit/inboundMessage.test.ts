import { describe, expect, it } from 'vitest';
import { inboundMessage, stripQuotedReply } from '../../../nodes/SequenceExit/inboundMessage';
import { startOfLocalDay } from '../../../nodes/SequenceExit/recordInbound';

describe('inboundMessage', () => {
  const sms = { MessageSid: 'SM1', From: '+13055550123', To: '+15125550142', Body: 'STOP' };

  it.each([
    ['Twilio fields on the item', sms],
    ['an n8n Webhook node’s body object', { headers: {}, body: sms }],
    ['a raw form-encoded body', { body: 'MessageSid=SM1&From=%2B13055550123&To=%2B15125550142&Body=STOP' }],
    ['a raw JSON body', { body: JSON.stringify(sms) }],
  ])('reads a Twilio inbound SMS from %s', (_, json) => {
    expect(inboundMessage(json)).toEqual({
      ok: true,
      message: { channel: 'sms', source: 'twilio', from: '+13055550123', to: '+15125550142', text: 'STOP', messageId: 'SM1', optOutType: null, touchId: null, subject: null, headers: null },
    });
  });

  it('keeps Twilio Advanced Opt-Out’s OptOutType', () => {
    const r = inboundMessage({ ...sms, Body: 'arret', OptOutType: 'stop' });
    expect(r.ok && r.message.optOutType).toBe('STOP');
  });

  it('reads a Missed Call Trigger Message item: the phone system as its source, its verdict as optOutType', () => {
    const item = {
      event: 'message',
      channel: 'sms',
      provider: 'zoom',
      eventType: 'phone.sms_received',
      messageId: 'IQ-abc123',
      from: '+14155557777',
      to: '+14155551001',
      text: 'STOP',
      optOutType: 'STOP',
      receivedAt: '2024-04-25T17:10:00.000Z',
    };
    expect(inboundMessage(item)).toEqual({
      ok: true,
      message: { channel: 'sms', source: 'zoom', from: '+14155557777', to: '+14155551001', text: 'STOP', messageId: 'IQ-abc123', optOutType: 'STOP', touchId: null, subject: null, headers: null },
    });
    // a RingCentral A2P opt-out record has no text
    expect(inboundMessage({ ...item, provider: 'ringcentral', text: '', optOutType: 'START' })).toMatchObject({ ok: true, message: { source: 'ringcentral', text: '', optOutType: 'START' } });
    // no verdict: the text is read
    expect(inboundMessage({ ...item, optOutType: null })).toMatchObject({ ok: true, message: { optOutType: null } });
    // a provider name without the Message output's event, or one that is no phone system, stays generic,
    // and its optOutType is no verdict: the text is read (a START from any item could re-subscribe)
    expect(inboundMessage({ ...item, event: undefined, optOutType: 'START' })).toMatchObject({ ok: true, message: { source: 'generic', optOutType: null } });
    expect(inboundMessage({ ...item, provider: 'twilio' })).toMatchObject({ ok: true, message: { source: 'generic', optOutType: null } });
    // an unknown verdict is none; an email's opt-out is read from its text
    expect(inboundMessage({ ...item, optOutType: 'UNSUBSCRIBE' })).toMatchObject({ ok: true, message: { optOutType: null } });
    expect(inboundMessage({ from: 'dana@example.com', text: 'hi', optOutType: 'STOP' })).toMatchObject({ ok: true, message: { channel: 'email', optOutType: null } });
  });

  it.each([
    ['a "Name <address>" sender', { from: 'Dana Lee <Dana@Example.com>', text: 'sounds good' }, 'dana@example.com'],
    ['a mailparser address object', { from: { value: [{ address: 'dana@example.com', name: 'Dana' }], text: 'Dana' }, textPlain: 'sounds good' }, 'dana@example.com'],
  ])('reads an email reply from %s', (_, json, from) => {
    const r = inboundMessage(json);
    expect(r).toMatchObject({ ok: true, message: { channel: 'email', source: 'email', from, text: 'sounds good' } });
  });

  it('takes the touch id from an X-Missed-Call-Touch header and the message id from Message-ID', () => {
    const r = inboundMessage({ from: 'a@b.co', text: 'hi', headers: { 'X-Missed-Call-Touch': 't-1', 'message-id': '<m1@b.co>' } });
    expect(r).toMatchObject({ ok: true, message: { touchId: 't-1', messageId: '<m1@b.co>' } });
  });

  it('carries an email’s subject and headers (with the Simple format’s metadata), none for a text', () => {
    const r = inboundMessage({
      from: 'Dana <dana@example.com>',
      subject: 'Automatic reply: your call',
      text: 'Away',
      headers: { 'Auto-Submitted': 'auto-replied' },
      metadata: { 'x-auto-response-suppress': ['All'] },
    });
    expect(r).toMatchObject({ ok: true, message: { subject: 'Automatic reply: your call', headers: { 'Auto-Submitted': 'auto-replied', 'x-auto-response-suppress': ['All'] } } });
    expect(inboundMessage({ from: 'dana@example.com', text: 'hi' })).toMatchObject({ ok: true, message: { subject: null, headers: null } });
    // an n8n Webhook node's HTTP headers are no email's
    expect(inboundMessage({ headers: { 'auto-submitted': 'auto-replied' }, body: sms })).toMatchObject({ ok: true, message: { channel: 'sms', subject: null, headers: null } });
    expect(inboundMessage({ phone: '305-555-0123', text: 'call me', subject: 'x', headers: { a: 'b' } })).toMatchObject({ ok: true, message: { subject: null, headers: null } });
  });

  it('reads the n8n Email Trigger’s header lines ("Name: value") and a daemon sender without an address', () => {
    const r = inboundMessage({
      from: 'MAILER-DAEMON (Mail Delivery System)',
      text: 'undeliverable',
      headers: { 'x-missed-call-touch': 'X-Missed-Call-Touch: t-9', 'message-id': 'Message-ID: <b1@mx.example>', subject: 'Subject: Returned mail' },
    });
    expect(r).toMatchObject({ ok: true, message: { channel: 'email', source: 'email', from: 'mailer-daemon', touchId: 't-9', messageId: '<b1@mx.example>', subject: 'Returned mail' } });
  });

  it('reads a generic { phone, text } item as SMS', () => {
    expect(inboundMessage({ phone: '305-555-0123', text: 'call me' })).toMatchObject({ ok: true, message: { channel: 'sms', source: 'generic', from: '305-555-0123' } });
  });

  it.each([
    [{ hello: 'world' }, 'NO_MESSAGE'],
    [{ text: 'hi' }, 'NO_SENDER'],
  ])('reports %j as %s', (json, error) => {
    expect(inboundMessage(json)).toEqual({ ok: false, error });
  });
});

describe('stripQuotedReply', () => {
  it.each([
    ['Tuesday works.\n\nOn Fri, Nov 20, 2026 at 9:00 AM Brightside <a@b.co> wrote:\n> hello', 'Tuesday works.'],
    ['Sure\r\n> quoted', 'Sure'],
    ['Thanks\n-----Original Message-----\nFrom: x', 'Thanks'],
    ['From: the desk of Dana\nYes', 'From: the desk of Dana\nYes'],
  ])('keeps only the new text of %j', (body, expected) => {
    expect(stripQuotedReply(body)).toBe(expected);
  });
});

describe('startOfLocalDay', () => {
  it.each([
    ['2026-12-03', 'America/New_York', Date.UTC(2026, 11, 3, 5)],
    ['2026-07-03', 'America/New_York', Date.UTC(2026, 6, 3, 4)],
    ['2026-12-03', 'America/Los_Angeles', Date.UTC(2026, 11, 3, 8)],
  ])('places %s in %s at local midnight', (ymd, zone, at) => {
    expect(startOfLocalDay(ymd, zone)).toBe(at);
  });
});
