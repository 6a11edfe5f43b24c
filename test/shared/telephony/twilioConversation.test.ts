import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/schema/callEvent';
import { classifyTwilio, conversationParties, twilioConversation } from '../../../shared/telephony';

const BIZ = '+15125550142';
const AGENT = '+15125550177';
const CUSTOMER = '+13055550123';
const FORM = { contentType: 'application/x-www-form-urlencoded' };

function ev(params: Record<string, string>): CallEvent {
  const r = classifyTwilio(new URLSearchParams({ AccountSid: 'AC1', CallbackSource: 'call-progress-events', SequenceNumber: '1', ...params }).toString(), FORM);
  if (r.kind !== 'call') throw new Error(`expected a call event, got ${JSON.stringify(r)}`);
  return r.call;
}
/** the parent call we placed to the agent's phone (click-to-call's first leg) */
const parent = (status: string) => ev({ CallSid: 'CA1', Direction: 'outbound-api', From: BIZ, To: AGENT, CallStatus: status });
/** its <Dial> leg to the customer */
const leg = (status: string, more: Record<string, string> = {}) => ev({ CallSid: 'CA2', ParentCallSid: 'CA1', Direction: 'outbound-dial', From: BIZ, To: CUSTOMER, CallStatus: status, ...more });
const pick = (e: CallEvent) => ({ direction: e.direction, class: e.class, reason: e.reason, final: e.final, to: e.to });

describe('twilioConversation: the <Dial> legs of a call we placed', () => {
  it('reads a leg the customer answered as our call to them, and both numbers reached as conversations', () => {
    const read = twilioConversation([parent('in-progress'), leg('in-progress')]);
    expect(pick(read[1]!)).toEqual({ direction: 'outbound', class: 'not_missed', reason: 'outbound_answered', final: true, to: CUSTOMER });
    expect(conversationParties(read).map((c) => [c.party, c.direction])).toEqual([
      [AGENT, 'outbound'],
      [CUSTOMER, 'outbound'],
    ]);
  });

  it.each<[string, CallEvent, Partial<CallEvent>]>([
    ['nobody answered', leg('no-answer'), { reason: 'outbound', final: true, class: 'not_missed' }],
    ['the line was busy', leg('busy'), { reason: 'outbound', final: true }],
    ['a voicemail box took it', leg('completed', { AnsweredBy: 'machine_start' }), { reason: 'outbound_machine', final: true }],
    ['it still rings', leg('ringing'), { class: 'pending', final: false }],
  ])('reads a leg where %s as no conversation with the customer', (_n, e, want) => {
    const read = twilioConversation([parent('in-progress'), e]);
    expect(read[1]).toMatchObject({ direction: 'outbound', ...want });
    expect(conversationParties(read).map((c) => c.party)).not.toContain(CUSTOMER);
  });

  it('reads the legs once the parent arrives, whatever came first', () => {
    const before = twilioConversation([leg('in-progress')]);
    expect(before[0]).toMatchObject({ direction: 'inbound', reason: 'answered' });
    expect(twilioConversation([leg('in-progress'), parent('completed')])[0]).toMatchObject({ direction: 'outbound', reason: 'outbound_answered', to: CUSTOMER });
  });

  it('leaves a caller’s inbound call and its agent legs as the adapter read them', () => {
    const inbound = ev({ CallSid: 'CA1', Direction: 'inbound', From: CUSTOMER, To: BIZ, CallStatus: 'ringing' });
    const agentLeg = ev({ CallSid: 'CA2', ParentCallSid: 'CA1', Direction: 'outbound-dial', From: CUSTOMER, To: AGENT, CallStatus: 'completed' });
    expect(twilioConversation([inbound, agentLeg])).toEqual([inbound, agentLeg]);
    expect(conversationParties([inbound, agentLeg]).map((c) => [c.party, c.direction])).toEqual([[CUSTOMER, 'inbound']]);
  });
});
