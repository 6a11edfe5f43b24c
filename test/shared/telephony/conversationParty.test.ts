import { describe, expect, it } from 'vitest';
import type { CallEvent, Provider } from '../../../shared/schema/callEvent';
import { classifyWebhook, conversationParty, OUTBOUND_ANSWERED, OUTBOUND_AWAITING_AMD, OUTBOUND_MACHINE, type ClassifyOptions, type WebhookBody } from '../../../shared/telephony';
import { fixture } from './fixtures';
import { neutralCallEvent } from '../../support/neutralCallEvent';

const CUSTOMER = '+13055550123';
const BIZ = '+13055550100';
const AGENT = '+13055550177';

/** A call event with the fields conversationParty reads; the rest are neutral. */
function ev(patch: Partial<CallEvent>): CallEvent {
  return neutralCallEvent({ provider: 'generic', eventType: 'e', callId: 'c1', from: CUSTOMER, to: BIZ, class: 'not_missed', reason: 'answered', final: true, ...patch });
}

function classified(provider: Provider, body: WebhookBody, opts: ClassifyOptions = {}): CallEvent {
  const r = classifyWebhook(provider, body, opts);
  if (r.kind !== 'call') throw new Error(`expected a call event, got ${JSON.stringify(r)}`);
  return r.call;
}

describe('conversationParty', () => {
  it('names the caller of an inbound call a person answered', () => {
    const answered = ev({});
    expect(conversationParty([answered])).toEqual({ party: CUSTOMER, direction: 'inbound', event: answered });
  });

  it('takes the inbound party from the first inbound event when an agent leg proves the answer (Vonage)', () => {
    // Vonage answers the customer's leg itself (provisional), then an agent leg is connected
    const inboundLeg = classified('vonage', { uuid: 'u1', conversation_uuid: 'CON-1', status: 'answered', direction: 'inbound', from: '13055550123', to: '13055550100' });
    const agentLeg = classified('vonage', { uuid: 'u2', conversation_uuid: 'CON-1', status: 'answered', direction: 'outbound', from: '13055550100', to: '13055550177' }, { vonageOutboundLegs: 'agent' });
    expect(inboundLeg).toMatchObject({ final: false, from: CUSTOMER });
    expect(agentLeg).toMatchObject({ direction: 'outbound', reason: 'answered', final: true, from: BIZ, to: AGENT });
    expect(conversationParty([inboundLeg, agentLeg])).toEqual({ party: CUSTOMER, direction: 'inbound', event: agentLeg });
  });

  it('finds nobody when the agent leg answered but no inbound event of the call was stored', () => {
    expect(conversationParty([ev({ direction: 'outbound', from: BIZ, to: AGENT })])).toBeNull();
  });

  it('names the called customer of an outbound call the customer answered', () => {
    const answered = ev({ direction: 'outbound', from: BIZ, to: CUSTOMER, reason: OUTBOUND_ANSWERED });
    expect(conversationParty([answered])).toEqual({ party: CUSTOMER, direction: 'outbound', event: answered });
  });

  it('reads an answered outbound call straight from an adapter (Twilio status callback)', () => {
    const completed = classified('twilio', fixture('twilio-status-callback-outbound-api-completed.txt'));
    expect(conversationParty([completed])).toMatchObject({ party: '+14155557777', direction: 'outbound' });
  });

  it.each<[string, CallEvent[]]>([
    ['an outbound call the provider does not say was answered', [ev({ direction: 'outbound', from: BIZ, to: CUSTOMER, reason: 'outbound' })]],
    ['an outbound call nobody answered (Aircall)', [classified('aircall', fixture('aircall-call.ended-outbound-unanswered-derived.json'))]],
    ['an outbound call a machine answered (Twilio AMD)', [classified('twilio', fixture('twilio-status-callback-outbound-api-machine.txt'))]],
    ['an outbound customer leg that went unanswered (Vonage)', [classified('vonage', fixture('vonage-event-unanswered.json'), { vonageOutboundLegs: 'customer' })]],
    ['outbound_answered on an event that is not outbound', [ev({ direction: 'unknown', reason: OUTBOUND_ANSWERED })]],
    ['outbound_answered without a called number', [ev({ direction: 'outbound', from: BIZ, to: '', reason: OUTBOUND_ANSWERED })]],
    ['a provisional answer', [ev({ final: false })]],
    ['a provisional outbound answer', [ev({ direction: 'outbound', from: BIZ, to: CUSTOMER, reason: OUTBOUND_ANSWERED, final: false })]],
    ['Vonage answering the inbound leg itself', [classified('vonage', fixture('vonage-event-answered-inbound.json'))]],
    ['a missed call', [ev({ class: 'missed', reason: 'no_answer' })]],
    ['a voicemail', [ev({ class: 'missed', reason: 'no_answer', final: false }), ev({ class: 'voicemail', reason: 'voicemail_left' })]],
    ['an abandoned call', [ev({ class: 'abandoned', reason: 'abandoned_in_queue' })]],
    ['a not_missed call that was no answer (blocked caller)', [ev({ reason: 'blocked' })]],
    ['a missed class that carries the answered reason', [ev({ class: 'missed' })]],
    ['no events', []],
  ])('finds no conversation in %s', (_name, events) => {
    expect(conversationParty(events)).toBeNull();
  });

  describe('Twilio asynchronous AMD: the verdict carries no numbers', () => {
    const ASYNC = { contentType: 'application/x-www-form-urlencoded', twilioAsyncAmd: true };
    const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
    const STATUS = { CallSid: 'CA9', AccountSid: 'AC1', Direction: 'outbound-api', From: BIZ, To: CUSTOMER, CallbackSource: 'call-progress-events', SequenceNumber: '1' };
    const answered = classified('twilio', form({ ...STATUS, CallStatus: 'in-progress' }), ASYNC);
    const completed = classified('twilio', form({ ...STATUS, CallStatus: 'completed', SequenceNumber: '2' }), ASYNC);
    const verdict = (by: string) => classified('twilio', form({ CallSid: 'CA9', AccountSid: 'AC1', AnsweredBy: by, MachineDetectionDuration: '1800' }), ASYNC);

    it('classifies the answer as provisional and the verdict without numbers', () => {
      expect(answered).toMatchObject({ reason: OUTBOUND_AWAITING_AMD, final: false, to: CUSTOMER });
      expect(verdict('human')).toMatchObject({ reason: OUTBOUND_ANSWERED, final: true, to: '' });
      expect(verdict('machine_start')).toMatchObject({ reason: OUTBOUND_MACHINE, final: true });
    });

    it('sees no conversation while the verdict is awaited', () => {
      expect(conversationParty([answered])).toBeNull();
    });

    it('names the called customer (from the answer) once AMD says a person answered', () => {
      const human = verdict('human');
      expect(conversationParty([answered, human])).toEqual({ party: CUSTOMER, direction: 'outbound', event: human });
      expect(conversationParty([answered, verdict('unknown')])).toMatchObject({ party: CUSTOMER });
    });

    it('takes the customer from a later event when the verdict came first (only `completed` subscribed)', () => {
      const human = verdict('human');
      expect(conversationParty([human])).toBeNull();
      expect(conversationParty([human, completed])).toEqual({ party: CUSTOMER, direction: 'outbound', event: human });
    });

    it.each(['machine_start', 'machine_end_beep', 'fax'])('lets a %s verdict veto every outbound answer of the call', (by) => {
      expect(conversationParty([answered, verdict(by)])).toBeNull();
      expect(conversationParty([answered, verdict(by), completed])).toBeNull();
      // without the option the answer was final already; the late verdict still vetoes a re-read
      const eager = classified('twilio', form({ ...STATUS, CallStatus: 'in-progress' }), { contentType: ASYNC.contentType });
      expect(eager).toMatchObject({ reason: OUTBOUND_ANSWERED, final: true });
      expect(conversationParty([eager, verdict(by)])).toBeNull();
    });

    it('counts a call completed without any verdict as answered', () => {
      expect(conversationParty([answered, completed])).toMatchObject({ party: CUSTOMER, event: completed });
    });

    it('does not let a machine verdict veto an inbound answer', () => {
      const inbound = ev({});
      expect(conversationParty([ev({ direction: 'outbound', from: BIZ, to: CUSTOMER, reason: OUTBOUND_MACHINE }), inbound])).toMatchObject({ direction: 'inbound', event: inbound });
    });
  });

  it('uses the first final answer in arrival order', () => {
    const outbound = ev({ direction: 'outbound', from: BIZ, to: '+13055550999', reason: OUTBOUND_ANSWERED });
    const inbound = ev({});
    expect(conversationParty([ev({ final: false }), outbound, inbound])).toMatchObject({ party: '+13055550999', event: outbound });
  });
});
