import { describe, expect, it } from 'vitest';
import type { CallEvent, MessageEvent, Provider } from '../../../shared/schema/callEvent';
import { classifyWebhook, conversationParty, type ClassifyOptions, type GenericMapping, type ProviderEvent } from '../../../shared/telephony';
import { fixtureJson } from './fixtures';

const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
const callOf = (ev: ProviderEvent): CallEvent => {
  if (ev.kind !== 'call') throw new Error(`expected call, got ${JSON.stringify(ev)}`);
  return ev.call;
};
const msgOf = (ev: ProviderEvent): MessageEvent => {
  if (ev.kind !== 'message') throw new Error(`expected message, got ${JSON.stringify(ev)}`);
  return ev.message;
};
type Want = Partial<CallEvent> | { kind: 'ignored'; reason: string };
function check(provider: Provider, body: string | Record<string, unknown>, want: Want, opts: ClassifyOptions = {}) {
  const ev = classifyWebhook(provider, body, opts);
  if ('kind' in want) expect(ev).toEqual(want);
  else expect(callOf(ev)).toMatchObject(want);
}

const TW = { CallSid: 'CA1', AccountSid: 'AC1', From: '+14155550100', To: '+14155550111', Direction: 'inbound' };

describe('Twilio rules (README §1.7)', () => {
  it.each<[string, Record<string, string>, Want]>([
    ['a Dial no-answer waits for a possible voicemail', { ...TW, CallStatus: 'in-progress', DialCallStatus: 'no-answer', DialBridged: 'false' }, { class: 'pending', reason: 'no_answer', final: false, eventType: 'dial-action:no-answer' }],
    ['a Dial busy waits too', { ...TW, CallStatus: 'in-progress', DialCallStatus: 'busy' }, { class: 'pending', reason: 'busy', final: false }],
    ['a Dial canceled waits too', { ...TW, CallStatus: 'in-progress', DialCallStatus: 'canceled' }, { class: 'pending', reason: 'canceled' }],
    ['a completed Dial was answered', { ...TW, CallStatus: 'in-progress', DialCallStatus: 'completed', DialCallDuration: '42' }, { class: 'not_missed', reason: 'answered', final: true, durationSeconds: 42 }],
    ['an answered conference Dial was answered', { ...TW, DialCallStatus: 'answered' }, { class: 'not_missed', reason: 'answered' }],
    ['a REST-created call is outbound', { ...TW, Direction: 'outbound-api', DialCallStatus: 'no-answer' }, { class: 'not_missed', reason: 'outbound', direction: 'outbound' }],
    ['a completed inbound parent says nothing alone', { ...TW, CallStatus: 'completed', CallbackSource: 'call-progress-events', CallDuration: '30' }, { class: 'pending', reason: 'completed', final: false }],
    ['an inbound parent that never connected is missed', { ...TW, CallStatus: 'busy' }, { class: 'missed', reason: 'busy', final: true }],
    ['an answered child leg is not missed and keys on the parent', { ...TW, CallSid: 'CA2', ParentCallSid: 'CA1', Direction: 'outbound-dial', CallStatus: 'completed', CallbackSource: 'call-progress-events' }, { class: 'not_missed', callId: 'CA1', direction: 'inbound', eventType: 'dial-leg:completed' }],
    ['a child leg a voicemail box took (<Number machineDetection>) is a provisional miss', { ...TW, CallSid: 'CA2', ParentCallSid: 'CA1', Direction: 'outbound-dial', CallStatus: 'completed', AnsweredBy: 'machine_end_beep', CallbackSource: 'call-progress-events' }, { class: 'missed', reason: 'agent_voicemail', final: false, callId: 'CA1' }],
    ['a child leg a person took under machine detection is answered', { ...TW, CallSid: 'CA2', ParentCallSid: 'CA1', Direction: 'outbound-dial', CallStatus: 'in-progress', AnsweredBy: 'human', CallbackSource: 'call-progress-events' }, { class: 'not_missed', reason: 'answered', final: true }],
    ['a ringing child leg is pending', { ...TW, CallSid: 'CA2', ParentCallSid: 'CA1', Direction: 'outbound-dial', CallStatus: 'ringing' }, { class: 'pending', callId: 'CA1' }],
    ['a child leg without a parent is an outbound call', { ...TW, Direction: 'outbound-dial', CallStatus: 'no-answer' }, { class: 'not_missed', reason: 'outbound' }],
    ['a queue bridge was answered', { ...TW, QueueResult: 'bridged', QueueTime: '12' }, { class: 'not_missed', reason: 'answered', ringSeconds: 12 }],
    ['a system-error after enqueueing is an abandon', { ...TW, QueueResult: 'system-error', QueueTime: '3' }, { class: 'abandoned', reason: 'abandoned_in_queue' }],
    ['a system-error before enqueueing is undecided', { ...TW, QueueResult: 'system-error' }, { class: 'pending', reason: 'system_error' }],
    ['leaving the queue waits for the overflow', { ...TW, QueueResult: 'leave', QueueTime: '60' }, { class: 'pending', reason: 'leave', final: false }],
    ['a RecordVerb recording callback is a voicemail', { CallSid: 'CA1', AccountSid: 'AC1', RecordingSid: 'RE1', RecordingUrl: 'https://r/RE1', RecordingStatus: 'completed', RecordingDuration: '9', RecordingSource: 'RecordVerb' }, { class: 'voicemail', callId: 'CA1', final: true, voicemailUrl: 'https://r/RE1', eventType: 'recording-status:completed' }],
    ['an empty recording is no voicemail', { ...TW, RecordingUrl: 'https://r/RE1', RecordingDuration: '0', Digits: 'hangup' }, { kind: 'ignored', reason: 'recording_empty' }],
    ['an absent recording is no voicemail', { CallSid: 'CA1', RecordingUrl: 'https://r/RE1', RecordingStatus: 'absent', RecordingDuration: '0', RecordingSource: 'RecordVerb' }, { kind: 'ignored', reason: 'recording_absent' }],
    ['a Dial recording is a call recording, not a voicemail', { CallSid: 'CA1', RecordingUrl: 'https://r/RE1', RecordingStatus: 'completed', RecordingDuration: '60', RecordingSource: 'DialVerb' }, { kind: 'ignored', reason: 'recording_source_dial_verb' }],
    ['anonymous callers stay anonymous', { ...TW, From: 'anonymous', CallStatus: 'ringing' }, { from: 'anonymous' }],
  ])('%s', (_name, params, want) => check('twilio', form(params), want, { contentType: 'application/x-www-form-urlencoded' }));

  const OUT = { ...TW, Direction: 'outbound-api', CallbackSource: 'call-progress-events', SequenceNumber: '1' };
  it.each<[string, Record<string, string>, string]>([
    ['an answered REST call (in-progress)', { ...OUT, CallStatus: 'in-progress' }, 'outbound_answered'],
    ['a completed REST call', { ...OUT, CallStatus: 'completed', CallDuration: '30' }, 'outbound_answered'],
    ['the answer request of a REST call', { ...TW, Direction: 'outbound-api', CallStatus: 'in-progress' }, 'outbound_answered'],
    ['a completed call AMD says a human answered', { ...OUT, CallStatus: 'completed', AnsweredBy: 'human' }, 'outbound_answered'],
    ['a completed call AMD could not decide', { ...OUT, CallStatus: 'completed', AnsweredBy: 'unknown' }, 'outbound_answered'],
    ['a <Dial>ed leg without a parent, answered', { ...OUT, Direction: 'outbound-dial', CallStatus: 'completed' }, 'outbound_answered'],
    ['a call a machine answered (greeting)', { ...OUT, CallStatus: 'in-progress', AnsweredBy: 'machine_start' }, 'outbound_machine'],
    ['a call a machine answered (after the beep)', { ...OUT, CallStatus: 'completed', AnsweredBy: 'machine_end_beep' }, 'outbound_machine'],
    ['a call a fax answered', { ...OUT, CallStatus: 'completed', AnsweredBy: 'fax' }, 'outbound_machine'],
    ['a ringing REST call', { ...OUT, CallStatus: 'ringing' }, 'outbound'],
    ['a REST call nobody answered', { ...OUT, CallStatus: 'no-answer' }, 'outbound'],
    ['a busy REST call', { ...OUT, CallStatus: 'busy' }, 'outbound'],
    ['a canceled REST call', { ...OUT, CallStatus: 'canceled' }, 'outbound'],
    ['a failed REST call', { ...OUT, CallStatus: 'failed' }, 'outbound'],
    ['a <Dial> answered on our own call (the dialed number is unknown)', { ...TW, Direction: 'outbound-api', DialCallStatus: 'completed' }, 'outbound'],
  ])('outbound: %s is %s', (_name, params, reason) => {
    check('twilio', form(params), { direction: 'outbound', class: 'not_missed', reason, final: true, to: '+14155550111' });
  });

  describe('asynchronous answering machine detection (twilioAsyncAmd)', () => {
    const FORM = { contentType: 'application/x-www-form-urlencoded' };
    const ASYNC: ClassifyOptions = { ...FORM, twilioAsyncAmd: true };
    const AMD = { CallSid: 'CA1', AccountSid: 'AC1', MachineDetectionDuration: '2400' };

    it('holds an answered call-back without a verdict as provisional', () => {
      check('twilio', form({ ...OUT, CallStatus: 'in-progress' }), { direction: 'outbound', class: 'not_missed', reason: 'outbound_awaiting_amd', final: false, to: '+14155550111' }, ASYNC);
    });

    it.each<[string, Record<string, string>, string]>([
      ['a completed call-back without a verdict', { ...OUT, CallStatus: 'completed', CallDuration: '40' }, 'outbound_answered'],
      ['an answered call-back whose verdict came with it (human)', { ...OUT, CallStatus: 'in-progress', AnsweredBy: 'human' }, 'outbound_answered'],
      ['an answered call-back whose verdict came with it (machine)', { ...OUT, CallStatus: 'in-progress', AnsweredBy: 'machine_start' }, 'outbound_machine'],
      ['a call-back nobody answered', { ...OUT, CallStatus: 'no-answer' }, 'outbound'],
    ])('decides %s at once: %s', (_name, params, reason) => {
      check('twilio', form(params), { direction: 'outbound', class: 'not_missed', reason, final: true }, ASYNC);
    });

    it.each<[string, string]>([
      ['human', 'outbound_answered'],
      ['unknown', 'outbound_answered'],
      ['machine_start', 'outbound_machine'],
      ['machine_end_beep', 'outbound_machine'],
      ['machine_end_silence', 'outbound_machine'],
      ['machine_end_other', 'outbound_machine'],
      ['fax', 'outbound_machine'],
    ])('reads the AsyncAmdStatusCallback verdict %s as %s (with or without the option)', (answeredBy, reason) => {
      const want = { callId: 'CA1', direction: 'outbound' as const, class: 'not_missed' as const, reason, final: true, from: '', to: '', eventType: `amd:${answeredBy}` };
      check('twilio', form({ ...AMD, AnsweredBy: answeredBy }), want, ASYNC);
      check('twilio', form({ ...AMD, AnsweredBy: answeredBy }), want, FORM);
    });

    it('reads the verdict even when the callback also carries a CallStatus', () => {
      check('twilio', form({ ...AMD, AnsweredBy: 'machine_start', CallStatus: 'in-progress' }), { reason: 'outbound_machine', final: true, eventType: 'amd:machine_start' }, ASYNC);
    });

    it('refuses an AMD result without a CallSid', () => {
      expect(() => classifyWebhook('twilio', form({ AccountSid: 'AC1', AnsweredBy: 'human' }), FORM)).toThrow(/CallSid/);
    });

    it('leaves inbound calls as they were', () => {
      check('twilio', form({ ...TW, CallStatus: 'in-progress', CallbackSource: 'call-progress-events' }), { class: 'pending', reason: 'in_progress', final: false }, ASYNC);
    });
  });

  it.each([
    ['Stop', undefined, 'opt_out'],
    ['STOP please', undefined, 'reply'],
    ['Thanks, call me at 3', undefined, 'reply'],
    ['start', undefined, 'opt_in'],
    ['help', undefined, 'help'],
    ['whatever', 'STOP', 'opt_out'],
    ['whatever', 'START', 'opt_in'],
  ] as const)('an inbound SMS "%s" with OptOutType %s is %s', (text, optOutType, cls) => {
    const params: Record<string, string> = { MessageSid: 'SM1', AccountSid: 'AC1', From: '+14155550100', To: '+14155550111', Body: text };
    if (optOutType) params.OptOutType = optOutType;
    expect(msgOf(classifyWebhook('twilio', form(params))).class).toBe(cls);
  });

  it('uses the injected text classifier when Twilio gave no OptOutType', () => {
    const ev = classifyWebhook('twilio', form({ MessageSid: 'SM1', From: '+14155550100', Body: 'please remove me' }), { classifyText: () => 'opt_out' });
    expect(msgOf(ev).class).toBe('opt_out');
  });

  it('accepts an already-parsed object body', () => {
    check('twilio', { ...TW, DialCallStatus: 'completed' }, { class: 'not_missed' });
  });
});

const AIRCALL_END = 'aircall-call.ended-inbound-missed-novoicemail-derived.json';
function aircall(event: string, data: Record<string, unknown>): Record<string, unknown> {
  const base = fixtureJson<{ data: Record<string, unknown> }>(AIRCALL_END);
  return { ...base, event, data: { ...base.data, ...data } };
}

describe('Aircall rules (README §2.4)', () => {
  it.each<[string, Record<string, unknown>, Want]>([
    ['the newest "abandoned" label is an abandon', aircall('call.ended', { missed_call_reason: 'abandoned' }), { class: 'abandoned', reason: 'abandoned' }],
    ['an unknown future reason on an unanswered call is still a miss, reason kept', aircall('call.ended', { missed_call_reason: 'new_reason' }), { class: 'missed', reason: 'new_reason' }],
    ['a voicemail URL wins over the missed reason', aircall('call.ended', { voicemail: 'https://vm/1.mp3' }), { class: 'voicemail', voicemailUrl: 'https://vm/1.mp3' }],
    ['an answered call ends not missed', aircall('call.ended', { answered_at: 1646389745, missed_call_reason: null }), { class: 'not_missed', reason: 'answered', ringSeconds: 6 }],
    ['a hangup without a reason is pending', aircall('call.hungup', { missed_call_reason: null }), { class: 'pending', reason: 'hungup', final: false }],
    ['an outbound hangup is final', aircall('call.hungup', { direction: 'outbound' }), { class: 'not_missed', reason: 'outbound', final: true }],
    ['an outbound call the customer answered', aircall('call.ended', { direction: 'outbound', answered_at: 1646389745, missed_call_reason: null }), { class: 'not_missed', reason: 'outbound_answered', final: true, to: '+443308186690' }],
    ['an outbound call.answered', aircall('call.answered', { direction: 'outbound', answered_at: 1646389745, missed_call_reason: null }), { reason: 'outbound_answered', final: true }],
    ['an outbound call still ringing', aircall('call.created', { direction: 'outbound', missed_call_reason: null }), { class: 'not_missed', reason: 'outbound' }],
    ['a declined ring is pending', aircall('call.agent_declined', {}), { class: 'pending', reason: 'agent_declined' }],
    ['a tag says nothing about the call', aircall('call.tagged', {}), { kind: 'ignored', reason: 'no_call_outcome:call.tagged' }],
    ['messages are not call events', { resource: 'message', event: 'message.received', data: {} }, { kind: 'ignored', reason: 'no_call_outcome:message.received' }],
    ['the team is the department when given', aircall('call.ended', { teams: [{ id: 1, name: 'Sales' }] }), { department: 'Sales' }],
    ['anonymous callers stay anonymous', aircall('call.ended', { raw_digits: 'anonymous' }), { from: 'anonymous' }],
  ])('%s', (_n, body, want) => check('aircall', body, want));
});

const RC_MISSED = 'ringcentral-telephony-sessions-disconnected-missed.json';
function rcParty(party: Record<string, unknown>): Record<string, unknown> {
  const base = fixtureJson<{ body: { parties: Record<string, unknown>[] } }>(RC_MISSED);
  return { ...base, body: { ...base.body, parties: [{ ...base.body.parties[0], ...party }] } };
}

describe('RingCentral rules (README §3.5)', () => {
  it.each<[string, Record<string, unknown>, Want]>([
    ['a queue caller who hung up abandoned', rcParty({ queueCall: true }), { class: 'abandoned', reason: 'abandoned_in_queue', final: true }],
    ['a blind transfer is not the end', rcParty({ status: { code: 'Disconnected', reason: 'BlindTransfer' } }), { class: 'pending', reason: 'blind_transfer', final: false }],
    ['the missed reason is kept', rcParty({ status: { code: 'Disconnected', reason: 'Timeout' } }), { class: 'missed', reason: 'timeout' }],
    ['an answered party is not missed', rcParty({ status: { code: 'Answered' }, missedCall: false }), { class: 'not_missed', reason: 'answered', final: true }],
    ['a party sent to voicemail is a miss until the voicemail event says a message was left', rcParty({ status: { code: 'VoiceMail' }, missedCall: false }), { class: 'missed', reason: 'sent_to_voicemail', final: false }],
    ['an outbound party is not missed', rcParty({ direction: 'Outbound' }), { class: 'not_missed', reason: 'outbound' }],
    ['an outbound party answered by a PSTN callee', rcParty({ direction: 'Outbound', status: { code: 'Answered' }, to: { phoneNumber: '+14083388064' } }), { reason: 'outbound_answered', final: true, to: '+14083388064' }],
    ['an outbound party on hold was answered', rcParty({ direction: 'Outbound', status: { code: 'Hold' }, to: { phoneNumber: '+14083388064' } }), { reason: 'outbound_answered' }],
    ['an outbound party still proceeding', rcParty({ direction: 'Outbound', status: { code: 'Proceeding' }, to: { phoneNumber: '+14083388064' } }), { reason: 'outbound' }],
    ['an outbound party Answered towards an extension', rcParty({ direction: 'Outbound', status: { code: 'Answered' }, to: { phoneNumber: '101', extensionId: '42' } }), { reason: 'outbound' }],
    ['ended without the missed flag is not missed, provisionally', rcParty({ missedCall: false }), { class: 'not_missed', final: false }],
    ['an empty from.extensionId names no extension: still a customer call', rcParty({ from: { phoneNumber: '+14083388064', extensionId: '' } }), { direction: 'inbound', class: 'missed', from: '+14083388064' }],
    ['fax is ignored', rcParty({ status: { code: 'FaxReceive' } }), { kind: 'ignored', reason: 'fax' }],
    ['a subscription renewal reminder is ignored', { uuid: 'u', event: '/restapi/v1.0/subscription/abc?threshold=60', body: {} }, { kind: 'ignored', reason: 'no_call_outcome:/restapi/v1.0/subscription/abc' }],
  ])('%s', (_n, body, want) => check('ringcentral', body, want));

  // the callee's leg of a call one of our extensions placed: Inbound, with the caller's extensionId in `from`
  const OURS = { phoneNumber: '+19043014558', name: 'TESTER Babji', extensionId: '809646016' };
  const CUSTOMER = { phoneNumber: '+14083388064' };
  const COLLEAGUE = { phoneNumber: '11101', name: 'Colleague', extensionId: '979428016' };
  it.each<[string, Record<string, unknown>, string]>([
    ['that rang out (missedCall)', {}, 'outbound'],
    ['that timed out', { status: { code: 'Disconnected', reason: 'Timeout' } }, 'outbound'],
    ['still ringing', { status: { code: 'Setup' }, missedCall: false }, 'outbound'],
    ['sent to voicemail', { status: { code: 'VoiceMail' }, missedCall: false }, 'outbound'],
    ['answered by the customer', { status: { code: 'Answered' }, missedCall: false }, 'outbound_answered'],
    ['on hold after the answer', { status: { code: 'Hold' }, missedCall: false }, 'outbound_answered'],
    ['whose caller extensionId is a number', { from: { ...OURS, extensionId: 809646016 }, status: { code: 'Answered' }, missedCall: false }, 'outbound_answered'],
  ])('an Inbound party our extension placed to a customer, %s, is our outbound call', (_n, patch, reason) => {
    const body = rcParty({ extensionId: undefined, from: OURS, to: CUSTOMER, ...patch });
    check('ringcentral', body, { direction: 'outbound', class: 'not_missed', reason, final: true, to: '+14083388064' });
    expect(conversationParty([callOf(classifyWebhook('ringcentral', body))])?.party ?? null).toBe(reason === 'outbound_answered' ? '+14083388064' : null);
  });

  it.each<[string, Record<string, unknown>]>([
    ['missed', {}],
    ['answered', { status: { code: 'Answered' }, missedCall: false }],
    ['sent to voicemail', { status: { code: 'VoiceMail' }, missedCall: false }],
    ['abandoned in a queue', { queueCall: true }],
  ])('an extension-to-extension call %s is neither a miss nor a conversation', (_n, patch) => {
    const body = rcParty({ from: COLLEAGUE, ...patch });
    check('ringcentral', body, { direction: 'outbound', class: 'not_missed', reason: 'outbound', final: true });
    expect(conversationParty([callOf(classifyWebhook('ringcentral', body))])).toBeNull();
  });

  it("prefers a customer's Inbound party to a leg we placed, in either order", () => {
    const base = fixtureJson<{ body: { parties: Record<string, unknown>[] } }>(RC_MISSED);
    const customer = base.body.parties[0]!;
    const ours = { ...customer, id: 'p-2', from: OURS, to: { phoneNumber: '+14155550100' } };
    for (const parties of [[ours, customer], [customer, ours]]) {
      check('ringcentral', { ...base, body: { ...base.body, parties } }, { direction: 'inbound', class: 'missed', from: '+14083388064' });
    }
  });

  it('ignores outbound SMS and reads an A2P opt-in', () => {
    const sms = fixtureJson<{ body: Record<string, unknown> }>('ringcentral-instant-message-sms-inbound.json');
    expect(classifyWebhook('ringcentral', { ...sms, body: { ...sms.body, direction: 'Outbound' } })).toEqual({ kind: 'ignored', reason: 'outbound_message' });
    const opt = fixtureJson<{ body: Record<string, unknown> }>('ringcentral-a2p-sms-optout.json');
    expect(msgOf(classifyWebhook('ringcentral', { ...opt, body: { ...opt.body, active: false } })).class).toBe('opt_in');
  });

  it('processes a notification normally when the static verification header is also present', () => {
    const ev = classifyWebhook('ringcentral', fixtureJson(RC_MISSED), { headers: { 'validation-token': 'hello-world' } });
    expect(callOf(ev).class).toBe('missed');
  });
});

describe('RingCentral voicemail: a colleague on an extension is not a customer', () => {
  const VM = fixtureJson<{ event: string; body: Record<string, unknown> }>('ringcentral-voicemail-message.json');
  const vm = (from: Record<string, unknown> | undefined, event = VM.event) => ({ ...VM, event, body: { ...VM.body, from } });
  const INSTANT = '/restapi/v1.0/account/~/extension/823476228762/message-store/instant?type=VoiceMail';
  const INTERNAL = { kind: 'ignored', reason: 'internal_voicemail' } as const;

  it('reads the vendor sample (an outside caller) exactly as before', () => {
    expect(classifyWebhook('ringcentral', VM)).toEqual({
      kind: 'call',
      call: {
        schemaVersion: 1, provider: 'ringcentral', eventType: 'voicemail', callId: '82063400004', direction: 'inbound', from: '+18664320079', to: '',
        class: 'voicemail', reason: 'voicemail_left', final: true, startedAt: '2018-02-28T10:05:55.000Z', endedAt: null, ringSeconds: null,
        durationSeconds: 3, department: 'John Doe', callerName: 'Jane Doe',
        voicemailUrl: 'https://platform.ringcentral.com/restapi/v1.0/account/14833636004/extension/14833636004/message-store/82063400004/content/82063400004',
      },
    });
  });

  it('ignores the derived internal sample', () => {
    expect(classifyWebhook('ringcentral', fixtureJson('ringcentral-voicemail-message-internal-derived.json'))).toEqual(INTERNAL);
  });

  it.each<[string, Record<string, unknown>]>([
    ['an extension number only', { extensionNumber: '101', name: 'Jane Colleague' }],
    ['an extension number beside a phone number', { phoneNumber: '+18664320079', extensionNumber: '101' }],
    ['an extensionId (message-store record)', { phoneNumber: '+18664320079', extensionId: '979428016' }],
    ['a numeric extensionId', { extensionId: 979428016 }],
  ])('ignores a voicemail whose sender has %s', (_n, from) => {
    expect(classifyWebhook('ringcentral', vm(from))).toEqual(INTERNAL);
    expect(classifyWebhook('ringcentral', vm(from, INSTANT))).toEqual(INTERNAL);
  });

  it.each<[string, Record<string, unknown> | undefined, string]>([
    ['a caller with a location', { phoneNumber: '+14155550100', location: 'San Francisco, CA', name: 'WIRELESS CALLER' }, '+14155550100'],
    ['empty extension fields', { phoneNumber: '+14155550100', extensionNumber: '', extensionId: '' }, '+14155550100'],
    ['no sender at all', undefined, ''],
  ])('keeps a customer voicemail from %s', (_n, from, number) => {
    for (const event of [VM.event, INSTANT]) {
      check('ringcentral', vm(from, event), { class: 'voicemail', reason: 'voicemail_left', final: true, direction: 'inbound', from: number });
    }
  });
});

const DP = 'dialpad-call-missed-derived.json';
const dialpad = (patch: Record<string, unknown>) => ({ ...fixtureJson(DP), ...patch });

describe('Dialpad rules (README §4.3)', () => {
  it.each<[string, Record<string, unknown>, Want]>([
    ['reaching voicemail is a provisional voicemail', dialpad({ state: 'voicemail' }), { class: 'voicemail', final: false }],
    ['a connected hangup is not missed', dialpad({ state: 'hangup', date_connected: 1714064712000 }), { class: 'not_missed', reason: 'answered' }],
    ['ringing is pending', dialpad({ state: 'ringing' }), { class: 'pending', reason: 'ringing' }],
    ['a queued call is pending', dialpad({ state: 'queued' }), { class: 'pending', reason: 'queued' }],
    ['a blocked caller is not a miss', dialpad({ state: 'blocked' }), { class: 'not_missed', reason: 'blocked' }],
    ['a transcript is ignored', dialpad({ state: 'call_transcription' }), { kind: 'ignored', reason: 'no_call_outcome:call_transcription' }],
    ['recaps are ignored', dialpad({ state: 'recap_summary' }), { kind: 'ignored', reason: 'no_call_outcome:recap_summary' }],
    ['operator legs share the entry-point id', dialpad({ entry_point_call_id: 5000, call_id: 5001 }), { callId: '5000' }],
    ['an outbound call on hold was answered', dialpad({ direction: 'outbound', state: 'hold' }), { class: 'not_missed', reason: 'outbound_answered', final: true, to: '+14155557777' }],
    ['an outbound call ringing', dialpad({ direction: 'outbound', state: 'calling' }), { class: 'not_missed', reason: 'outbound' }],
    ['an outbound call missed', dialpad({ direction: 'outbound', state: 'missed' }), { class: 'not_missed', reason: 'outbound' }],
    ['an outbound hangup after connecting', dialpad({ direction: 'outbound', state: 'hangup', date_connected: 1714064712000 }), { reason: 'outbound_answered' }],
    ['a call to a department names it', dialpad({ entry_point_target: { id: '7', name: 'Billing', type: 'department' } }), { department: 'Billing' }],
    ['a call to a call center names it', dialpad({ entry_point_target: { id: '8', name: 'Support Queue', type: 'callcenter' } }), { department: 'Support Queue' }],
    ['a call to the office names no department (the name is the company’s)', dialpad({ entry_point_target: { id: '124', name: 'Fuzz Ball, Inc', type: 'office' } }), { department: null }],
    ['a call to a user names no department (the name is a person’s)', dialpad({ entry_point_target: { id: '2', name: 'Test Bot', type: 'user' } }), { department: null }],
  ])('%s', (_n, body, want) => check('dialpad', body, want));

  it('keeps int64 ids beyond 2^53 exact when parsing the raw body', () => {
    const raw = JSON.stringify(dialpad({ call_id: 0 })).replace('"call_id":0', '"call_id":9007199254740993123');
    expect(callOf(classifyWebhook('dialpad', raw)).callId).toBe('9007199254740993123');
  });

  it('reads an inbound SMS event', () => {
    const ev = classifyWebhook('dialpad', { id: 77, direction: 'inbound', from_number: '+14155557777', to_number: ['+14155551001'], text: 'STOP', event_timestamp: 1714064705123 });
    expect(msgOf(ev)).toMatchObject({ messageId: '77', from: '+14155557777', to: '+14155551001', class: 'opt_out', receivedAt: '2024-04-25T17:05:05.123Z' });
  });
});

describe('Vonage rules (README §5.2)', () => {
  const leg = (status: string, direction = 'outbound') => ({ ...fixtureJson('vonage-event-busy.json'), status, direction });
  it.each<[string, Record<string, unknown>, ClassifyOptions, Want]>([
    ['an answered agent leg is not missed', leg('answered'), { vonageOutboundLegs: 'agent' }, { class: 'not_missed', reason: 'answered', final: true }],
    ['a rejected agent leg is missed', leg('rejected'), { vonageOutboundLegs: 'agent' }, { class: 'missed', reason: 'rejected' }],
    ['a failed outbound leg of unknown role is pending', leg('failed'), {}, { class: 'pending', reason: 'failed' }],
    ['a completed outbound leg was answered', leg('completed'), {}, { class: 'not_missed' }],
    ['a customer leg answered', leg('answered'), { vonageOutboundLegs: 'customer' }, { class: 'not_missed', reason: 'outbound_answered', final: true, direction: 'outbound' }],
    ['a customer leg completed after talking', { ...leg('completed'), duration: '35' }, { vonageOutboundLegs: 'customer' }, { reason: 'outbound_answered', durationSeconds: 35 }],
    ['a customer leg completed without talk time', { ...leg('completed'), duration: '0' }, { vonageOutboundLegs: 'customer' }, { class: 'not_missed', reason: 'outbound' }],
    ['a customer leg completed with no duration', leg('completed'), { vonageOutboundLegs: 'customer' }, { reason: 'outbound' }],
    ['a customer leg ringing', leg('ringing'), { vonageOutboundLegs: 'customer' }, { reason: 'outbound' }],
    ['a customer leg rejected', leg('rejected'), { vonageOutboundLegs: 'customer' }, { reason: 'outbound' }],
    ['a customer leg failed', leg('failed'), { vonageOutboundLegs: 'customer' }, { reason: 'outbound' }],
    ['an answered leg of unknown role says nothing of the customer', leg('answered'), {}, { class: 'not_missed', reason: 'outbound' }],
    ['an inbound leg cancelled before Vonage answered is abandoned', leg('cancelled', 'inbound'), {}, { class: 'abandoned', final: true }],
    ['AMD results are ignored', leg('machine'), {}, { kind: 'ignored', reason: 'answering_machine_detection:machine' }],
    ['DTMF input is ignored', { uuid: 'u', conversation_uuid: 'c', dtmf: '1' }, {}, { kind: 'ignored', reason: 'input' }],
  ])('%s', (_n, body, opts, want) => check('vonage', body, want, opts));

  it('reads a GET-style answer webhook sent as a query string', () => {
    check('vonage', 'from=442079460000&to=447700900000&uuid=u1&conversation_uuid=CON-1', { callId: 'CON-1', class: 'pending', from: '+442079460000' });
  });
});

describe('Zoom rules (README §6)', () => {
  const missed = fixtureJson<{ payload: { object: Record<string, unknown> } }>('zoom-phone.callee_missed-derived.json');
  const zoom = (event: string, patch: Record<string, unknown> = {}) => ({ ...missed, event, payload: { ...missed.payload, object: { ...missed.payload.object, ...patch } } });
  it.each<[string, Record<string, unknown>, Want]>([
    ['a missed leg without a hangup result is a plain no-answer', zoom('phone.callee_missed', { handup_result: undefined }), { class: 'missed', reason: 'no_answer', final: false }],
    ['an answered callee is not missed', zoom('phone.callee_answered', { answer_start_time: '2024-04-25T17:05:10Z' }), { class: 'not_missed', ringSeconds: 5 }],
    ['a rejected callee is missed', zoom('phone.callee_rejected'), { class: 'missed', reason: 'rejected' }],
    ['caller events are outbound', zoom('phone.caller_ended'), { class: 'not_missed', direction: 'outbound' }],
    ['an outbound call that ended unanswered', zoom('phone.caller_ended'), { reason: 'outbound', final: true }],
    ['an outbound call that ended after an answer', zoom('phone.caller_ended', { answer_start_time: '2024-04-25T17:05:10Z' }), { reason: 'outbound_answered', final: true, ringSeconds: 5 }],
    ['an outbound call connected', zoom('phone.caller_connected', { connected_start_time: '2024-04-25T17:05:09Z' }), { reason: 'outbound_answered', ringSeconds: 4 }],
    ['an outbound call ringing', zoom('phone.caller_ringing'), { reason: 'outbound' }],
    ['an ended call never answered is pending', zoom('phone.callee_ended'), { class: 'pending', reason: 'ended' }],
    ['a queue callee is the department', zoom('phone.callee_missed', { callee: { extension_type: 'callQueue', name: 'Support', extension_number: 800 } }), { department: 'Support', to: '800' }],
    ['a call log event is ignored', zoom('phone.callee_call_log_completed'), { kind: 'ignored', reason: 'no_call_outcome:phone.callee_call_log_completed' }],
    ['a meeting event is ignored', zoom('meeting.started'), { kind: 'ignored', reason: 'no_call_outcome:meeting.started' }],
  ])('%s', (_n, body, want) => check('zoom', body, want));

  it('falls back to the text classifier when the opt status is pending', () => {
    const sms = fixtureJson<{ payload: { object: Record<string, unknown> } }>('zoom-phone.sms_received-optout-derived.json');
    const body = { ...sms, payload: { ...sms.payload, object: { ...sms.payload.object, message: 'Thanks!', phone_number_campaign_opt_statuses: [{ consumer_phone_number: '+14155557777', opt_status: 'pending' }] } } };
    expect(msgOf(classifyWebhook('zoom', body)).class).toBe('reply');
  });
});

describe('Generic mapping', () => {
  const mapping: GenericMapping = {
    callId: 'data.call.id',
    from: 'data.call.parties[0].number',
    to: 'data.call.parties[1].number',
    direction: 'data.call.dir',
    status: 'data.call.result',
    startedAt: 'data.call.start',
    durationSeconds: 'data.call.secs',
    statusMap: { NOANSWER: 'missed', VM: 'voicemail', QUIT: 'abandoned', OK: 'not_missed', RING: 'pending' },
    inboundValues: ['IN'],
  };
  const body = (result: string, dir = 'IN') => ({ data: { call: { id: 123, dir, result, start: 1714064705, secs: '20', parties: [{ number: '(415) 555-7777' }, { number: '4155551001' }] } } });
  it.each<[string, Record<string, unknown>, Want]>([
    ['maps a status to a class', body('NOANSWER'), { class: 'missed', reason: 'no_answer', final: true, callId: '123', direction: 'inbound', from: '+14155557777', to: '+14155551001', startedAt: '2024-04-25T17:05:05.000Z', durationSeconds: 20 }],
    ['matches statuses case-insensitively', body('vm'), { class: 'voicemail' }],
    ['keeps pending not final', body('RING'), { class: 'pending', final: false }],
    ['turns a miss on an outbound call into not_missed', body('NOANSWER', 'outbound'), { class: 'not_missed', reason: 'outbound', direction: 'outbound' }],
    ['turns a voicemail on an outbound call into not_missed', body('VM', 'outbound'), { class: 'not_missed', reason: 'outbound', final: true }],
    ['reads a not_missed outbound call as answered by the customer', body('OK', 'outbound'), { class: 'not_missed', reason: 'outbound_answered', final: true, to: '+14155551001' }],
    ['keeps a pending outbound call pending', body('RING', 'outbound'), { class: 'pending', reason: 'ring', final: false }],
    ['keeps an answered inbound call answered by its own reason', body('OK'), { class: 'not_missed', reason: 'ok', final: true }],
    ['leaves an unknown direction unknown', body('QUIT', 'sideways'), { class: 'abandoned', direction: 'unknown' }],
    ['ignores unmapped statuses', body('TRANSFER'), { kind: 'ignored', reason: 'unmapped_status:transfer' }],
  ])('%s', (_n, b, want) => check('generic', b, want, { generic: mapping }));

  it('uses the reason path when given', () => {
    const b = { data: { call: { ...body('QUIT').data.call, why: 'Caller Hung Up' } } };
    check('generic', b, { reason: 'caller_hung_up' }, { generic: { ...mapping, reason: 'data.call.why' } });
  });

  it('reads form bodies too', () => {
    check('generic', 'id=c1&caller=%2B14155550100&called=%2B14155550111&status=missed', { callId: 'c1', class: 'missed' }, {
      generic: { callId: 'id', from: 'caller', to: 'called', status: 'status', statusMap: { missed: 'missed' } },
    });
  });

  it('does not read inherited properties', () => {
    check('generic', { id: 'c1', status: 'toString' }, { kind: 'ignored', reason: 'unmapped_status:to_string' }, {
      generic: { callId: 'id', from: 'f', to: 't', status: 'status', statusMap: { missed: 'missed' } },
    });
  });
});
