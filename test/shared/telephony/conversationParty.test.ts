import { describe, expect, it } from 'vitest';
import type { CallEvent, Provider } from '../../../shared/schema/callEvent';
import { classifyWebhook, conversationParty, OUTBOUND_ANSWERED, type ClassifyOptions, type WebhookBody } from '../../../shared/telephony';
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

  it('uses the first final answer in arrival order', () => {
    const outbound = ev({ direction: 'outbound', from: BIZ, to: '+13055550999', reason: OUTBOUND_ANSWERED });
    const inbound = ev({});
    expect(conversationParty([ev({ final: false }), outbound, inbound])).toMatchObject({ party: '+13055550999', event: outbound });
  });
});
