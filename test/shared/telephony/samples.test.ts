import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Provider } from '../../../shared/schema/callEvent';
import { classifyWebhook, conversationParty, type ClassifyOptions, type ProviderEvent } from '../../../shared/telephony';
import { contentTypeOf, fixture, fixtureJson, handshakeHeaders, INDEX, type IndexEntry } from './fixtures';

const hmacSha256Hex = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');
const zoomVector = fixtureJson<{ secretToken: string; urlValidation: { expectedResponse: Record<string, string> } }>('zoom-signature-vector.json');

/** Entries that are not classification samples, each with why (checked in the signature tests). */
const NOT_CLASSIFIED: Record<string, string> = {
  signature: 'auth vectors: test/nodes/shared/signatures',
  reject_bad_token: 'auth fixture: rejected by the Aircall token check (classified separately below)',
  'n/a': 'reference table, not a payload',
};
/** Providers outside PROVIDERS (shared/schema/callEvent.ts): no adapter exists for them. */
const NO_ADAPTER = new Set(['asterisk', 'freeswitch']);

function optsFor(entry: IndexEntry): ClassifyOptions {
  const opts: ClassifyOptions = { contentType: contentTypeOf(entry) };
  if (entry.provider === 'zoom') Object.assign(opts, { secret: zoomVector.secretToken, hmacSha256Hex });
  return opts;
}

function run(entry: IndexEntry, extra: ClassifyOptions = {}): ProviderEvent {
  if (entry.file === 'ringcentral-webhook-validation-handshake.txt') {
    return classifyWebhook('ringcentral', '', { contentType: 'application/json', headers: handshakeHeaders(fixture(entry.file)) });
  }
  return classifyWebhook(entry.provider as Provider, fixture(entry.file), { ...optsFor(entry), ...extra });
}

type Expectation = (ev: ProviderEvent, entry: IndexEntry) => void;

const call = (ev: ProviderEvent) => {
  if (ev.kind !== 'call') throw new Error(`expected a call event, got ${ev.kind}: ${JSON.stringify(ev)}`);
  return ev.call;
};
const message = (ev: ProviderEvent) => {
  if (ev.kind !== 'message') throw new Error(`expected a message event, got ${ev.kind}`);
  return ev.message;
};

/** index.json `expected` → what the adapter must return (legend in index.json `_legend`). */
const EXPECT: Record<string, Expectation> = {
  missed: (ev) => expect(call(ev).class).toBe('missed'),
  voicemail: (ev) => expect(call(ev).class).toBe('voicemail'),
  abandoned: (ev) => expect(call(ev).class).toBe('abandoned'),
  not_missed: (ev) => expect(call(ev).class).toBe('not_missed'),
  non_terminal: (ev) => expect(call(ev)).toMatchObject({ class: 'pending', final: false }),
  missed_provisional: (ev) => expect(call(ev)).toMatchObject({ class: 'pending', final: false }),
  missed_if_agent_leg: (ev) => expect(call(ev)).toMatchObject({ class: 'pending', final: false }),
  abandoned_if_agent_leg: (ev) => expect(call(ev)).toMatchObject({ class: 'pending', final: false }),
  depends: (ev) => expect(call(ev)).toMatchObject({ class: 'pending', final: false }),
  sms_optout: (ev) => expect(message(ev).class).toBe('opt_out'),
  sms_reply: (ev) => expect(message(ev).class).toBe('reply'),
  handshake: (ev) => expect(ev.kind).toBe('handshake'),
  ignored: (ev) => expect(ev.kind).toBe('ignored'),
};

/** The reason a call or an ignored event gives; other kinds have none. */
const reasonOf = (ev: ProviderEvent) => (ev.kind === 'call' ? ev.call.reason : ev.kind === 'ignored' ? ev.reason : undefined);

const classified = INDEX.filter((e) => !(e.expected in NOT_CLASSIFIED) && !NO_ADAPTER.has(e.provider));

describe('every sample in the telephony index', () => {
  it('has an expectation rule or a stated reason to be skipped', () => {
    for (const e of INDEX) {
      const known = e.expected in EXPECT || e.expected in NOT_CLASSIFIED || NO_ADAPTER.has(e.provider);
      expect(known, `${e.file}: expected "${e.expected}"`).toBe(true);
    }
  });

  it('covers at least 40 classification samples', () => {
    expect(classified.length).toBeGreaterThanOrEqual(40);
  });

  it.each(classified.map((e) => [e.file, e.expected, e] as const))('classifies %s as %s', (_file, expected, entry) => {
    const ev = run(entry);
    EXPECT[expected]!(ev, entry);
    if (entry.reason !== undefined) expect(reasonOf(ev)).toBe(entry.reason);
  });

  it('pins the reason of every outbound call sample', () => {
    const outbound = classified.filter((e) => {
      const ev = run(e);
      return ev.kind === 'call' && ev.call.direction === 'outbound' && ev.call.class === 'not_missed';
    });
    expect(outbound.length).toBeGreaterThanOrEqual(15);
    for (const e of outbound) expect(e.reason, e.file).toBeDefined();
  });
});

describe('agent-leg samples, once the leg role is known', () => {
  const agentLegs = INDEX.filter((e) => e.expected.endsWith('_if_agent_leg'));
  it.each(agentLegs.map((e) => [e.file, e.expected.replace('_if_agent_leg', ''), e] as const))(
    '%s becomes %s (not final) when outbound legs are agent legs',
    (_f, cls, entry) => {
      expect(call(run(entry, { vonageOutboundLegs: 'agent' }))).toMatchObject({ class: cls, final: false, direction: 'inbound' });
    },
  );
  it.each(agentLegs.map((e) => [e.file, e] as const))('%s is not_missed when outbound legs are customer calls', (_f, entry) => {
    expect(call(run(entry, { vonageOutboundLegs: 'customer' }))).toMatchObject({ class: 'not_missed', reason: 'outbound' });
  });
});

describe('outbound calls to the customer: answered or not, per provider', () => {
  const customer: ClassifyOptions = { vonageOutboundLegs: 'customer' };
  it.each<[string, string, ClassifyOptions]>([
    ['twilio-status-callback-outbound-api-completed.txt', 'outbound_answered', {}],
    ['twilio-status-callback-outbound-api-no-answer.txt', 'outbound', {}],
    ['twilio-status-callback-outbound-api-machine.txt', 'outbound_machine', {}],
    ['aircall-call.ended-outbound-answered.json', 'outbound_answered', {}],
    ['aircall-call.hungup-outbound-answered.json', 'outbound_answered', {}],
    ['aircall-call.ended-outbound-unanswered-derived.json', 'outbound', {}],
    ['ringcentral-telephony-sessions-outbound-answered.json', 'outbound_answered', {}],
    ['ringcentral-telephony-sessions-outbound-disconnected.json', 'outbound', {}],
    ['ringcentral-telephony-sessions-outbound-internal-answered.json', 'outbound', {}],
    ['ringcentral-telephony-sessions-outbound-mirror-proceeding.json', 'outbound', {}],
    ['ringcentral-telephony-sessions-outbound-mirror-answered.json', 'outbound_answered', {}],
    ['ringcentral-telephony-sessions-outbound-mirror-disconnected.json', 'outbound', {}],
    ['ringcentral-telephony-sessions-outbound-mirror-missed-derived.json', 'outbound', {}],
    ['ringcentral-telephony-sessions-internal-inbound-answered.json', 'outbound', {}],
    ['ringcentral-telephony-sessions-internal-inbound-missed-derived.json', 'outbound', {}],
    ['dialpad-call-hangup-outbound-derived.json', 'outbound_answered', {}],
    ['dialpad-call-connected-outbound-derived.json', 'outbound_answered', {}],
    ['dialpad-call-hangup-outbound-unanswered-derived.json', 'outbound', {}],
    ['vonage-event-answered-outbound.json', 'outbound_answered', customer],
    ['vonage-event-completed-outbound.json', 'outbound_answered', customer],
    ['vonage-event-unanswered.json', 'outbound', customer],
    ['vonage-event-timeout.json', 'outbound', customer],
    ['vonage-event-busy.json', 'outbound', customer],
    ['vonage-event-cancelled.json', 'outbound', customer],
    ['zoom-phone.caller_connected-derived.json', 'outbound_answered', {}],
    ['zoom-phone.caller_ended-answered-derived.json', 'outbound_answered', {}],
    ['zoom-phone.caller_ended-unanswered-derived.json', 'outbound', {}],
  ])('%s → %s', (file, reason, opts) => {
    const entry = INDEX.find((e) => e.file === file)!;
    expect(call(run(entry, opts))).toMatchObject({ direction: 'outbound', class: 'not_missed', reason, final: true });
  });

  it('names the customer as the party of an answered outbound call, and no one otherwise', () => {
    const party = (file: string, opts: ClassifyOptions = {}) => conversationParty([call(run(INDEX.find((e) => e.file === file)!, opts))])?.party ?? null;
    expect(party('twilio-status-callback-outbound-api-completed.txt')).toBe('+14155557777');
    expect(party('aircall-call.ended-outbound-answered.json')).toBe('+43720880079');
    expect(party('ringcentral-telephony-sessions-outbound-answered.json')).toBe('+14083388064');
    expect(party('ringcentral-telephony-sessions-outbound-mirror-answered.json')).toBe('+14083388064');
    expect(party('ringcentral-telephony-sessions-internal-inbound-answered.json')).toBeNull();
    expect(party('dialpad-call-hangup-outbound-derived.json')).toBe('+14155557777');
    expect(party('vonage-event-answered-outbound.json', customer)).toBe('+447700900000');
    expect(party('zoom-phone.caller_connected-derived.json')).toBe('+14155557777');
    expect(party('twilio-status-callback-outbound-api-machine.txt')).toBeNull();
    expect(party('vonage-event-answered-outbound.json')).toBeNull();
  });
});

describe('RingCentral: the Inbound leg of a call our extension placed (real captures)', () => {
  const rc = (name: string) => call(run(INDEX.find((e) => e.file === `ringcentral-telephony-sessions-${name}.json`)!));

  it('reads the PSTN session, in capture order, as one outbound call to the customer', () => {
    // RingCentral-PSTN.txt sequences 3, 5, 6, 9, 10: our Outbound party and the callee's mirrored Inbound leg
    const events = ['outbound-mirror-proceeding', 'outbound-mirror-answered', 'outbound-answered', 'outbound-disconnected', 'outbound-mirror-disconnected'].map(rc);
    for (const e of events) expect(e).toMatchObject({ direction: 'outbound', class: 'not_missed', final: true, from: '+18003151571', to: '+14083388064' });
    expect(conversationParty(events)).toMatchObject({ party: '+14083388064', direction: 'outbound', event: { eventType: 'telephony-session:Answered' } });
  });

  it('never reads our own number as a caller who missed us', () => {
    expect(rc('outbound-mirror-missed-derived')).toMatchObject({ direction: 'outbound', class: 'not_missed', reason: 'outbound', from: '+18003151571', to: '+14083388064' });
    expect(conversationParty([rc('outbound-mirror-missed-derived')])).toBeNull();
  });

  it('reads an extension-to-extension call as neither a miss nor a conversation', () => {
    const events = ['outbound-internal-answered', 'internal-inbound-answered', 'internal-inbound-missed-derived'].map(rc);
    for (const e of events) expect(e).toMatchObject({ direction: 'outbound', class: 'not_missed', reason: 'outbound' });
    expect(conversationParty(events)).toBeNull();
  });

  it('reads a genuine inbound customer call (no from.extensionId) exactly as before', () => {
    const base = { schemaVersion: 1, provider: 'ringcentral', callId: 's-a6abd24ca6774373a8120a3390d3cbe8', direction: 'inbound', from: '+14083388064', to: '+19043014558' };
    const rest = { ringSeconds: null, durationSeconds: null, department: 'TESTER Babji', callerName: null, voicemailUrl: null };
    expect(rc('setup-inbound')).toEqual({ ...base, ...rest, eventType: 'telephony-session:Setup', class: 'pending', reason: 'ringing', final: false, startedAt: '2020-06-14T19:27:18.340Z', endedAt: null });
    expect(rc('disconnected-missed')).toEqual({ ...base, ...rest, eventType: 'telephony-session:Disconnected', class: 'missed', reason: 'no_answer', final: true, startedAt: null, endedAt: '2020-06-14T19:27:48.470Z' });
  });
});

describe('normalized fields of selected samples', () => {
  it.each([
    ['twilio-status-callback-child-leg-no-answer.txt', { callId: 'CA4b2c80691a3b7059f44c09530901f525', direction: 'inbound', from: '+17722065315', reason: 'no_answer', final: false, endedAt: '2018-03-25T09:53:19.000Z' }],
    ['twilio-record-action-voicemail.txt', { reason: 'voicemail_left', final: true, durationSeconds: 14, voicemailUrl: 'https://api.twilio.com/2010-04-01/Accounts/ACb350721dafbd9acf0ea86dff255d11e0/Recordings/REXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX' }],
    ['twilio-enqueue-action-hangup.txt', { reason: 'abandoned_in_queue', final: true, ringSeconds: 74, from: '+17722065315', to: '+17722476154' }],
    ['twilio-voice-inbound-initial-request.txt', { reason: 'ringing', direction: 'inbound' }],
    ['aircall-call.ended-inbound-missed-novoicemail-derived.json', { callId: '780836754', from: '+443308186690', to: '+43720880079', reason: 'agents_did_not_answer', final: true, startedAt: '2022-03-04T10:28:59.000Z', durationSeconds: 17, department: 'Koens Product number' }],
    ['aircall-call.ended-inbound-abandoned_in_ivr-derived.json', { reason: 'abandoned_in_ivr', final: true }],
    ['aircall-call.ended-inbound-abandoned_in_classic-derived.json', { reason: 'abandoned_in_classic' }],
    ['aircall-call.ended-inbound-short_abandoned-derived.json', { reason: 'short_abandoned' }],
    ['aircall-call.ended-inbound-no_available_agent-derived.json', { reason: 'no_available_agent' }],
    ['aircall-call.ended-inbound-out_of_opening_hours-derived.json', { reason: 'out_of_opening_hours' }],
    ['aircall-call.hungup-inbound-unanswered.json', { reason: 'agents_did_not_answer', final: false }],
    ['aircall-call.ended-inbound-voicemail.json', { reason: 'voicemail_left', final: true }],
    ['aircall-call.ended-outbound-answered.json', { direction: 'outbound', from: '+443308186690', to: '+43720880079', reason: 'outbound_answered', final: true, ringSeconds: 5 }],
    ['aircall-call.answered-inbound.json', { reason: 'answered', ringSeconds: 15 }],
    ['ringcentral-telephony-sessions-disconnected-missed.json', { callId: 's-a6abd24ca6774373a8120a3390d3cbe8', from: '+14083388064', to: '+19043014558', reason: 'no_answer', final: true, endedAt: '2020-06-14T19:27:48.470Z' }],
    ['ringcentral-voicemail-message.json', { callId: '82063400004', from: '+18664320079', durationSeconds: 3, callerName: 'Jane Doe', final: true }],
    // the entry point is the office (its name is the company's): no department
    ['dialpad-call-missed-derived.json', { callId: '6287391741714432', from: '+14155557777', to: '+14155551001', reason: 'no_answer', final: false, department: null }],
    ['dialpad-call-missed-derived.jwt.txt', { callId: '6287391741714432', from: '+14155557777', reason: 'no_answer' }],
    ['dialpad-call-connected-vendor-example.json', { callId: '1000', reason: 'answered', startedAt: '2013-01-01T00:00:00.000Z', ringSeconds: 0 }],
    ['dialpad-call-voicemail_uploaded-derived.json', { voicemailUrl: 'https://dialpad.com/r/voicemail/EXAMPLE', final: true }],
    ['dialpad-call-hangup-outbound-derived.json', { direction: 'outbound', from: '+14155551001', to: '+14155557777', durationSeconds: 19.802 }],
    ['vonage-event-unanswered.json', { callId: 'CON-aaaaaaaa-bbbb-cccc-dddd-0123456789ab', from: '+442079460000', to: '+447700900000', reason: 'no_answer' }],
    ['vonage-event-timeout.json', { reason: 'timeout' }],
    ['vonage-event-busy.json', { reason: 'busy' }],
    ['vonage-event-cancelled.json', { reason: 'canceled' }],
    ['vonage-event-completed-inbound.json', { durationSeconds: 2, endedAt: '2020-01-01T12:00:00.000Z' }],
    ['vonage-event-record.json', { callId: 'CON-aaaaaaaa-bbbb-cccc-dddd-0123456789ab', voicemailUrl: 'https://api.nexmo.com/v1/files/bbbbbbbb-aaaa-cccc-dddd-0123456789ab', final: true }],
    ['zoom-phone.callee_missed-derived.json', { callId: '7362181212466712345', from: '+14155557777', to: '+14155551001', reason: 'canceled', final: false, ringSeconds: 26 }],
    ['zoom-phone.voicemail_received-derived.json', { from: '+14155557777', to: '1001', callerName: 'WIRELESS CALLER', durationSeconds: 12, voicemailUrl: 'https://zoom.us/v2/phone/recording/download/EXAMPLE' }],
  ] as const)('%s', (file, fields) => {
    const entry = INDEX.find((e) => e.file === file)!;
    expect(call(run(entry))).toMatchObject(fields);
  });

  it.each([
    ['twilio-sms-inbound-optout-stop.txt', { messageId: 'SM5ab7891328b440f04b7c83b459fc85fd', from: '+17067815146', to: '+14152001331', text: 'STOP' }],
    ['ringcentral-instant-message-sms-inbound.json', { messageId: '606090030016', from: '+14157809227', to: '+16508974563', text: 'Hi there', receivedAt: '2016-02-22T17:01:00.000Z' }],
    ['ringcentral-a2p-sms-optout.json', { messageId: '12345678901234567890', from: '+12125550100', to: '+16505550100' }],
    ['zoom-phone.sms_received-optout-derived.json', { messageId: 'IQ-abc123', from: '+14155557777', to: '+14155551001', text: 'STOP' }],
  ] as const)('%s', (file, fields) => {
    const entry = INDEX.find((e) => e.file === file)!;
    expect(message(run(entry))).toMatchObject(fields);
  });

  it('answers the Zoom url_validation exactly as the vector expects', () => {
    const ev = run(INDEX.find((e) => e.file === 'zoom-endpoint.url_validation.json')!);
    if (ev.kind !== 'handshake') throw new Error('not a handshake');
    expect(ev.challenge).toBe('qgg8vlvZRS6UYooatFL8Aw');
    expect(JSON.parse(ev.respond.body)).toEqual(zoomVector.urlValidation.expectedResponse);
    expect(ev.respond.contentType).toBe('application/json');
  });

  it('echoes the RingCentral Validation-Token header with an empty JSON response', () => {
    const ev = run(INDEX.find((e) => e.file === 'ringcentral-webhook-validation-handshake.txt')!);
    expect(ev).toEqual({
      kind: 'handshake',
      challenge: '8aaa2a77-4a5d-4e3b-a2b5-0a0b1c2d3e4f',
      respond: { contentType: 'application/json', body: '', headers: { 'Validation-Token': '8aaa2a77-4a5d-4e3b-a2b5-0a0b1c2d3e4f' } },
    });
  });

  it('classifies the Aircall call.archived edge case (no answer, no reason) as missed, never answered', () => {
    expect(call(classifyWebhook('aircall', fixture('aircall-call.archived-inbound-unanswered-no-reason.json')))).toMatchObject({ class: 'missed', reason: 'no_answer' });
  });

  it('decodes the Dialpad JWT body to the same event as its JSON twin', () => {
    const fromJwt = classifyWebhook('dialpad', fixture('dialpad-call-missed-derived.jwt.txt'));
    const fromJson = classifyWebhook('dialpad', fixture('dialpad-call-missed-derived.json'));
    expect(fromJwt).toEqual(fromJson);
  });
});
