import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROVIDERS, type Provider } from '../../../shared/schema/callEvent';
import { classifyWebhook, WebhookParseError, type ClassifyOptions, type GenericMapping, type WebhookParseErrorCode } from '../../../shared/telephony';
import { fixture, fixtureJson } from './fixtures';

const GENERIC: GenericMapping = { callId: 'call.id', from: 'call.from', to: 'call.to', status: 'call.status', statusMap: { missed: 'missed' } };

function codeOf(fn: () => unknown): WebhookParseErrorCode | 'no error' | 'other error' {
  try {
    fn();
    return 'no error';
  } catch (err) {
    return err instanceof WebhookParseError ? err.code : 'other error';
  }
}

/** a sample object with one field replaced (or removed when value is undefined) */
function edit(file: string, path: string, value: unknown): Record<string, unknown> {
  const obj = fixtureJson(file);
  const keys = path.split('.');
  let cur: Record<string, unknown> = obj;
  for (const k of keys.slice(0, -1)) cur = (Array.isArray(cur) ? cur[Number(k)] : cur[k]) as Record<string, unknown>;
  if (value === undefined) delete cur[keys.at(-1)!];
  else cur[keys.at(-1)!] = value;
  return obj;
}

const twilioForm = fixture('twilio-status-callback-child-leg-no-answer.txt');
const form = 'application/x-www-form-urlencoded';

describe('malformed input is a WebhookParseError with a stable code', () => {
  it.each<[string, Provider, string | Record<string, unknown>, ClassifyOptions, WebhookParseErrorCode]>([
    // Twilio
    ['twilio: broken %-escape', 'twilio', 'CallSid=CA1&From=%E0%A4%A', { contentType: form }, 'MALFORMED_BODY'],
    ['twilio: empty form', 'twilio', '&&', { contentType: form }, 'MALFORMED_BODY'],
    ['twilio: plain text', 'twilio', 'hello there', {}, 'MALFORMED_BODY'],
    ['twilio: JWT-shaped body', 'twilio', 'aaa.bbb.ccc', {}, 'MALFORMED_BODY'],
    ['twilio: field with empty name', 'twilio', '=x&CallSid=CA1', { contentType: form }, 'MALFORMED_BODY'],
    ['twilio: no CallSid', 'twilio', twilioForm.replace(/CallSid=[^&]+&/, ''), { contentType: form }, 'MISSING_FIELD'],
    ['twilio: voice body with no status', 'twilio', 'CallSid=CA1&From=%2B14155550100', { contentType: form }, 'UNSUPPORTED_EVENT'],
    ['twilio: unknown CallStatus', 'twilio', 'CallSid=CA1&Direction=inbound&CallStatus=exploded', { contentType: form }, 'INVALID_FIELD'],
    ['twilio: unknown DialCallStatus', 'twilio', 'CallSid=CA1&Direction=inbound&DialCallStatus=maybe', { contentType: form }, 'INVALID_FIELD'],
    ['twilio: bad Timestamp', 'twilio', twilioForm.replace(/Timestamp=[^&]+/, 'Timestamp=yesterday'), { contentType: form }, 'INVALID_FIELD'],
    ['twilio: SMS without From', 'twilio', 'MessageSid=SM1&Body=hi', { contentType: form }, 'MISSING_FIELD'],
    ['twilio: JSON array', 'twilio', '[1,2]', { contentType: 'application/json' }, 'MALFORMED_BODY'],
    // Aircall
    ['aircall: invalid JSON', 'aircall', '{"event": "call.ended",', {}, 'MALFORMED_BODY'],
    ['aircall: JSON null', 'aircall', 'null', { contentType: 'application/json' }, 'MALFORMED_BODY'],
    ['aircall: no event', 'aircall', edit('aircall-call.ended-inbound-voicemail.json', 'event', undefined), {}, 'MISSING_FIELD'],
    ['aircall: no data', 'aircall', edit('aircall-call.ended-inbound-voicemail.json', 'data', undefined), {}, 'MISSING_FIELD'],
    ['aircall: data is a string', 'aircall', edit('aircall-call.ended-inbound-voicemail.json', 'data', 'x'), {}, 'INVALID_FIELD'],
    ['aircall: no call id', 'aircall', edit('aircall-call.ended-inbound-voicemail.json', 'data.id', null), {}, 'MISSING_FIELD'],
    ['aircall: id is an object', 'aircall', edit('aircall-call.ended-inbound-voicemail.json', 'data.id', {}), {}, 'INVALID_FIELD'],
    ['aircall: unknown direction', 'aircall', edit('aircall-call.ended-inbound-voicemail.json', 'data.direction', 'sideways'), {}, 'INVALID_FIELD'],
    ['aircall: started_at as text', 'aircall', edit('aircall-call.ended-inbound-voicemail.json', 'data.started_at', 'soon'), {}, 'INVALID_FIELD'],
    ['aircall: answered_at out of range', 'aircall', edit('aircall-call.answered-inbound.json', 'data.answered_at', 1e300), {}, 'INVALID_FIELD'],
    ['aircall: negative duration', 'aircall', edit('aircall-call.ended-inbound-missed-novoicemail-derived.json', 'data.duration', -5), {}, 'INVALID_FIELD'],
    // RingCentral
    ['ringcentral: empty body, no token header', 'ringcentral', '', {}, 'MALFORMED_BODY'],
    ['ringcentral: no parties', 'ringcentral', edit('ringcentral-telephony-sessions-disconnected-missed.json', 'body.parties', []), {}, 'MISSING_FIELD'],
    ['ringcentral: party not an object', 'ringcentral', edit('ringcentral-telephony-sessions-disconnected-missed.json', 'body.parties', ['x']), {}, 'INVALID_FIELD'],
    ['ringcentral: unknown status code', 'ringcentral', edit('ringcentral-telephony-sessions-disconnected-missed.json', 'body.parties.0.status.code', 'Exploded'), {}, 'INVALID_FIELD'],
    ['ringcentral: missedCall as number', 'ringcentral', edit('ringcentral-telephony-sessions-disconnected-missed.json', 'body.parties.0.missedCall', 1), {}, 'INVALID_FIELD'],
    ['ringcentral: opt-out without active', 'ringcentral', edit('ringcentral-a2p-sms-optout.json', 'body.active', undefined), {}, 'MISSING_FIELD'],
    ['ringcentral: SMS without sender', 'ringcentral', edit('ringcentral-instant-message-sms-inbound.json', 'body.from', undefined), {}, 'MISSING_FIELD'],
    // Dialpad
    ['dialpad: JWT with garbage payload', 'dialpad', 'eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln', {}, 'MALFORMED_BODY'],
    ['dialpad: JWT whose payload is an array', 'dialpad', 'eyJhbGciOiJIUzI1NiJ9.WzFd.c2ln', {}, 'MALFORMED_BODY'],
    ['dialpad: JWT content type, not a JWT', 'dialpad', '{"state":"missed"}', { contentType: 'application/jwt' }, 'MALFORMED_BODY'],
    ['dialpad: no state', 'dialpad', edit('dialpad-call-missed-derived.json', 'state', undefined), {}, 'MISSING_FIELD'],
    ['dialpad: unknown state', 'dialpad', edit('dialpad-call-missed-derived.json', 'state', 'teleported'), {}, 'UNSUPPORTED_EVENT'],
    ['dialpad: no call id', 'dialpad', edit('dialpad-call-missed-derived.json', 'call_id', undefined), {}, 'MISSING_FIELD'],
    ['dialpad: fractional call id', 'dialpad', edit('dialpad-call-missed-derived.json', 'call_id', 1.5), {}, 'INVALID_FIELD'],
    ['dialpad: direction missing', 'dialpad', edit('dialpad-call-missed-derived.json', 'direction', undefined), {}, 'MISSING_FIELD'],
    // Vonage
    ['vonage: no ids', 'vonage', { status: 'ringing', direction: 'inbound' }, {}, 'MISSING_FIELD'],
    ['vonage: no status, no numbers', 'vonage', { uuid: 'u1' }, {}, 'MISSING_FIELD'],
    ['vonage: unknown status', 'vonage', edit('vonage-event-busy.json', 'status', 'on_fire'), {}, 'UNSUPPORTED_EVENT'],
    ['vonage: bad direction', 'vonage', edit('vonage-event-busy.json', 'direction', 'up'), {}, 'INVALID_FIELD'],
    ['vonage: duration as text', 'vonage', edit('vonage-event-completed-inbound.json', 'duration', 'two'), {}, 'INVALID_FIELD'],
    // Zoom
    ['zoom: no event', 'zoom', { payload: {} }, {}, 'MISSING_FIELD'],
    ['zoom: no payload object', 'zoom', edit('zoom-phone.callee_missed-derived.json', 'payload.object', undefined), {}, 'MISSING_FIELD'],
    ['zoom: no call id', 'zoom', edit('zoom-phone.callee_missed-derived.json', 'payload.object.call_id', undefined), {}, 'MISSING_FIELD'],
    ['zoom: url_validation without secret', 'zoom', fixture('zoom-endpoint.url_validation.json'), {}, 'MISSING_SECRET'],
    ['zoom: url_validation without plainToken', 'zoom', { event: 'endpoint.url_validation', payload: {} }, { secret: 's', hmacSha256Hex: () => 'h' }, 'MISSING_FIELD'],
    ['zoom: sms without sender', 'zoom', edit('zoom-phone.sms_received-optout-derived.json', 'payload.object.sender', undefined), {}, 'MISSING_FIELD'],
    // Generic
    ['generic: no mapping', 'generic', { call: {} }, {}, 'INVALID_MAPPING'],
    ['generic: __proto__ path', 'generic', { call: {} }, { generic: { ...GENERIC, callId: '__proto__.polluted' } }, 'INVALID_MAPPING'],
    ['generic: constructor path', 'generic', { call: {} }, { generic: { ...GENERIC, from: 'call.constructor.name' } }, 'INVALID_MAPPING'],
    ['generic: malformed path', 'generic', { call: {} }, { generic: { ...GENERIC, to: 'call..to' } }, 'INVALID_MAPPING'],
    ['generic: unknown class in statusMap', 'generic', { call: {} }, { generic: { ...GENERIC, statusMap: { x: 'lost' as never } } }, 'INVALID_MAPPING'],
    ['generic: status missing', 'generic', { call: { id: 'c1' } }, { generic: GENERIC }, 'MISSING_FIELD'],
    ['generic: call id missing', 'generic', { call: { status: 'missed' } }, { generic: GENERIC }, 'MISSING_FIELD'],
    ['generic: status is an object', 'generic', { call: { id: 'c1', status: { a: 1 } } }, { generic: GENERIC }, 'INVALID_FIELD'],
    ['generic: invalid JSON', 'generic', '{"call":', { generic: GENERIC }, 'MALFORMED_BODY'],
  ])('%s → %s', (_name, provider, body, opts, code) => {
    expect(codeOf(() => classifyWebhook(provider, body, opts))).toBe(code);
  });

  it('rejects an unknown provider with UNSUPPORTED_PROVIDER', () => {
    expect(codeOf(() => classifyWebhook('asterisk' as Provider, '{}'))).toBe('UNSUPPORTED_PROVIDER');
  });

  it('names the offending field and provider in the error', () => {
    try {
      classifyWebhook('aircall', edit('aircall-call.ended-inbound-voicemail.json', 'data.id', null));
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(WebhookParseError);
      expect(err).toMatchObject({ code: 'MISSING_FIELD', provider: 'aircall', field: 'data.id' });
      expect((err as Error).message).toContain('data.id');
    }
  });
});

describe('arbitrary input never crashes an adapter', () => {
  const json = fc.jsonValue().map((v) => JSON.stringify(v));
  const formish = fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 6 }).map((kv) => kv.map(([k, v]) => `${k}=${v}`).join('&'));
  const anyBody = fc.oneof(fc.string(), json, formish, fc.dictionary(fc.string(), fc.jsonValue()));

  it.each(PROVIDERS.map((p) => [p]))('%s: returns an event or throws a WebhookParseError', (provider) => {
    fc.assert(
      fc.property(anyBody, (body) => {
        const got = codeOf(() => classifyWebhook(provider, body as string, { generic: GENERIC }));
        expect(got).not.toBe('other error');
      }),
      { numRuns: 300 },
    );
  });

  it.each(PROVIDERS.filter((p) => p !== 'generic').map((p) => [p]))('%s: survives every sample with one top-level field dropped or retyped', (provider) => {
    const files = ['aircall-call.ended-inbound-voicemail.json', 'ringcentral-telephony-sessions-disconnected-missed.json', 'dialpad-call-missed-derived.json', 'vonage-event-busy.json', 'zoom-phone.callee_missed-derived.json'];
    for (const file of files) {
      const base = fixtureJson(file);
      for (const key of Object.keys(base)) {
        for (const value of [undefined, null, 42, 'x', [], {}]) {
          const got = codeOf(() => classifyWebhook(provider, { ...base, [key]: value }));
          expect(got, `${provider} ${file} ${key}=${JSON.stringify(value)}`).not.toBe('other error');
        }
      }
    }
  });
});
