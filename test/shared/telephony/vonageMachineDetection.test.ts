import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/schema/callEvent';
import { classifyVonage, conversationParties, vonageConversation, type ClassifyOptions } from '../../../shared/telephony';

const CALLER = '13055550123';
const BUSINESS = '15125550142';
const AGENT = '15125550177';
const ON: ClassifyOptions = { vonageMachineDetection: true };

const classify = (body: Record<string, unknown>, opts: ClassifyOptions = {}) =>
  classifyVonage(JSON.stringify({ conversation_uuid: 'CON-1', timestamp: '2027-03-10T15:00:00.000Z', ...body }), opts);
function ev(body: Record<string, unknown>, opts: ClassifyOptions = {}): CallEvent {
  const r = classify(body, opts);
  if (r.kind !== 'call') throw new Error(`expected a call event, got ${JSON.stringify(r)}`);
  return r.call;
}
/** our call-back to the customer (leg `out`) */
const toCaller = (status: string, more: Record<string, unknown> = {}, opts: ClassifyOptions = {}) =>
  ev({ uuid: 'out', direction: 'outbound', from: BUSINESS, to: CALLER, status, ...more }, opts);
/** machine detection's verdict on leg `out`, as documented: `call_uuid`, no direction */
const verdictBody = (status: 'human' | 'machine', more: Record<string, unknown> = {}) => ({ call_uuid: 'out', from: BUSINESS, to: CALLER, status, ...more });
const verdict = (status: 'human' | 'machine', more: Record<string, unknown> = {}) => ev(verdictBody(status, more), ON);
const pick = (e: CallEvent) => ({ class: e.class, reason: e.reason, final: e.final });
const parties = (events: CallEvent[]) => conversationParties(events).map((c) => ({ party: c.party, direction: c.direction, eventType: c.event.eventType }));

describe('classifyVonage: machine detection verdicts (vonageMachineDetection)', () => {
  it('ignores human and machine events without the option, also in the documented shape without a direction', () => {
    expect(classify(verdictBody('human'))).toEqual({ kind: 'ignored', reason: 'answering_machine_detection:human' });
    expect(classify(verdictBody('machine'))).toEqual({ kind: 'ignored', reason: 'answering_machine_detection:machine' });
    expect(classify({ ...verdictBody('machine'), direction: 'outbound', uuid: 'out' })).toEqual({ kind: 'ignored', reason: 'answering_machine_detection:machine' });
  });

  it('reads a person as our call answered and a voicemail box as a machine, on the conversation of the call', () => {
    expect(verdict('human')).toMatchObject({ eventType: 'human', callId: 'CON-1', direction: 'outbound', from: `+${BUSINESS}`, to: `+${CALLER}`, class: 'not_missed', reason: 'outbound_answered', final: true });
    expect(verdict('machine')).toMatchObject({ eventType: 'machine', callId: 'CON-1', direction: 'outbound', to: `+${CALLER}`, class: 'not_missed', reason: 'outbound_machine', final: true });
  });

  it('keeps advanced detection’s sub_state in the event type; beep or no beep, a machine answered', () => {
    expect(verdict('machine', { sub_state: 'beep_start' })).toMatchObject({ eventType: 'machine:beep_start', reason: 'outbound_machine', final: true });
    expect(verdict('machine', { sub_state: 'beep_timeout' })).toMatchObject({ eventType: 'machine:beep_timeout', reason: 'outbound_machine' });
  });

  it('takes the leg’s call_uuid as the call id when the verdict names no conversation', () => {
    const r = classifyVonage(JSON.stringify(verdictBody('human')), ON);
    expect(r.kind === 'call' && r.call.callId).toBe('out');
  });

  it('with the customer role, holds an answer for the verdict; an end after talk time still counts', () => {
    const customer: ClassifyOptions = { ...ON, vonageOutboundLegs: 'customer' };
    expect(pick(toCaller('answered', {}, customer))).toEqual({ class: 'not_missed', reason: 'outbound_awaiting_amd', final: false });
    expect(pick(toCaller('completed', { duration: '35' }, customer))).toEqual({ class: 'not_missed', reason: 'outbound_answered', final: true });
    expect(pick(ev(verdictBody('machine'), customer))).toEqual({ class: 'not_missed', reason: 'outbound_machine', final: true });
    expect(pick(toCaller('answered', {}, { vonageOutboundLegs: 'customer' }))).toEqual({ class: 'not_missed', reason: 'outbound_answered', final: true });
  });

  it('with the agent role, a verdict decides nothing', () => {
    expect(pick(ev({ ...verdictBody('machine'), to: AGENT }, { ...ON, vonageOutboundLegs: 'agent' }))).toMatchObject({ class: 'pending', final: false });
  });
});

describe('vonageConversation with machine detection: a call-back waits for the verdict', () => {
  const read = (events: CallEvent[]) => vonageConversation(events, ON);

  it('an answered call-back is provisional: no conversation yet', () => {
    const events = read([toCaller('started'), toCaller('ringing'), toCaller('answered')]);
    expect(pick(events[2]!)).toEqual({ class: 'not_missed', reason: 'outbound_awaiting_amd', final: false });
    expect(parties(events)).toEqual([]);
  });

  it('a human verdict makes it a conversation with the customer', () => {
    expect(parties(read([toCaller('answered'), verdict('human')]))).toEqual([{ party: `+${CALLER}`, direction: 'outbound', eventType: 'human' }]);
  });

  it('a machine verdict vetoes the call-back, even when it completes after talk time', () => {
    const events = read([toCaller('answered'), verdict('machine', { sub_state: 'beep_start' }), toCaller('completed', { duration: '40' })]);
    expect(pick(events[2]!)).toEqual({ class: 'not_missed', reason: 'outbound_answered', final: true });
    expect(parties(events)).toEqual([]);
  });

  it('a call-back that completes without a verdict counts as answered', () => {
    expect(parties(read([toCaller('answered'), toCaller('completed', { duration: '40' })]))).toEqual([{ party: `+${CALLER}`, direction: 'outbound', eventType: 'completed' }]);
    expect(parties(read([toCaller('answered'), toCaller('completed', { duration: '0' })]))).toEqual([]);
  });

  it('without the option the answer is the conversation at once', () => {
    expect(parties(vonageConversation([toCaller('answered')]))).toEqual([{ party: `+${CALLER}`, direction: 'outbound', eventType: 'answered' }]);
  });

  it('a stored machine verdict still vetoes when read without the option (the KPI report)', () => {
    expect(parties(vonageConversation([toCaller('answered'), verdict('machine')]))).toEqual([]);
  });

  it('beside the caller’s inbound leg, a verdict on the agent leg changes nothing', () => {
    const inbound = (status: string) => ev({ uuid: 'in', direction: 'inbound', from: CALLER, to: BUSINESS, status });
    const agent = (status: string) => ev({ uuid: 'agent', direction: 'outbound', from: BUSINESS, to: AGENT, status });
    const agentVerdict = ev({ call_uuid: 'agent', from: BUSINESS, to: AGENT, status: 'machine' }, ON);
    const events = read([inbound('answered'), agent('answered'), agentVerdict]);
    expect(pick(events[2]!)).toMatchObject({ class: 'pending', final: false });
    expect(parties(events)).toEqual([{ party: `+${CALLER}`, direction: 'inbound', eventType: 'answered' }]);
  });
});
