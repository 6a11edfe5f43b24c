/**
 * The X-Twilio-Signature of an item an n8n Webhook node made: signed the way Twilio signs (HMAC-SHA1
 * of the URL it was given and the sorted form fields), checked against the webhook URL n8n reports.
 */
import { describe, expect, it } from 'vitest';
import { twilioSignature } from '../../../nodes/shared/signatures';
import { twilioItemSignature } from '../../../nodes/shared/twilioItemSignature';

const TOKEN = '12345678901234567890123456789012';
const HOOK = 'https://n8n.example.com/webhook/missed-call-replies/four-touch';
const FORM = { MessageSid: 'SM1', From: '+13055550123', To: '+15125550100', Body: 'STOP', AccountSid: 'AC1' };
const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

/** An n8n Webhook node's item for a request Twilio signed for `signedUrl`. */
function item(signedUrl: string, o: { token?: string; query?: Record<string, string>; headers?: Record<string, string>; body?: Record<string, unknown> } = {}) {
  const body = o.body ?? FORM;
  return {
    headers: { 'x-twilio-signature': twilioSignature(o.token ?? TOKEN, signedUrl, body as Record<string, string>), ...o.headers },
    params: {},
    query: o.query ?? {},
    body,
    webhookUrl: HOOK,
    executionMode: 'production',
  };
}

describe('twilioItemSignature', () => {
  it('accepts a request Twilio signed for the webhook URL n8n reports', () => {
    expect(twilioItemSignature(item(HOOK), TOKEN)).toEqual({ ok: true });
  });

  it('accepts the URL with the Basic Auth user and password in it, and without them', () => {
    const auth = { authorization: basic('twilio', 'p@ss:word') };
    const withCreds = 'https://twilio:p%40ss%3Aword@n8n.example.com/webhook/missed-call-replies/four-touch';
    expect(twilioItemSignature(item(withCreds, { headers: auth }), TOKEN)).toEqual({ ok: true });
    expect(twilioItemSignature(item(HOOK, { headers: auth }), TOKEN)).toEqual({ ok: true });
    // the user and password come from the request's own header: other ones do not match
    expect(twilioItemSignature(item(withCreds, { headers: { authorization: basic('twilio', 'other') } }), TOKEN)).toEqual({ ok: false, code: 'BAD_SIGNATURE' });
  });

  it('puts the query back as Twilio was given it, encoded or not, and with the default port', () => {
    const at = '2027-01-14T17:00:00.000Z';
    expect(twilioItemSignature(item(`${HOOK}?at=${encodeURIComponent(at)}`, { query: { at } }), TOKEN)).toEqual({ ok: true });
    expect(twilioItemSignature(item(`${HOOK}?at=${at}`, { query: { at } }), TOKEN)).toEqual({ ok: true });
    expect(twilioItemSignature(item(`https://n8n.example.com:443/webhook/missed-call-replies/four-touch`), TOKEN)).toEqual({ ok: true });
  });

  it('takes the Signed URL instead of the webhook URL (a proxy n8n does not know about)', () => {
    const publicUrl = 'https://hooks.example.org/twilio/replies';
    expect(twilioItemSignature(item(publicUrl), TOKEN)).toEqual({ ok: false, code: 'BAD_SIGNATURE' });
    expect(twilioItemSignature(item(publicUrl), TOKEN, publicUrl)).toEqual({ ok: true });
  });

  it('refuses another token, a changed field, an added field, and a missing signature', () => {
    expect(twilioItemSignature(item(HOOK, { token: 'f'.repeat(32) }), TOKEN)).toEqual({ ok: false, code: 'BAD_SIGNATURE' });
    const signed = item(HOOK);
    expect(twilioItemSignature({ ...signed, body: { ...FORM, Body: 'START' } }, TOKEN)).toEqual({ ok: false, code: 'BAD_SIGNATURE' });
    expect(twilioItemSignature({ ...signed, body: { ...FORM, OptOutType: 'STOP' } }, TOKEN)).toEqual({ ok: false, code: 'BAD_SIGNATURE' });
    expect(twilioItemSignature({ ...signed, headers: {} }, TOKEN)).toEqual({ ok: false, code: 'MISSING_SIGNATURE' });
  });

  it('fails closed on an item that is no request, has no URL, no token, or a nested field', () => {
    expect(twilioItemSignature({ body: FORM }, TOKEN)).toEqual({ ok: false, code: 'NOT_A_REQUEST' });
    expect(twilioItemSignature({ ...item(HOOK), webhookUrl: undefined }, TOKEN)).toEqual({ ok: false, code: 'MISSING_URL' });
    expect(twilioItemSignature(item(HOOK), '')).toEqual({ ok: false, code: 'MISSING_SECRET' });
    expect(twilioItemSignature(item(HOOK, { body: { ...FORM, AddOns: { status: 'ok' } } }), TOKEN)).toEqual({ ok: false, code: 'MALFORMED_BODY' });
  });

  it('checks repeated fields as Twilio signs them (each value, sorted)', () => {
    const body = { ...FORM, MediaUrl: ['https://b.example/2', 'https://a.example/1'] };
    expect(twilioItemSignature(item(HOOK, { body }), TOKEN)).toEqual({ ok: true });
  });
});
