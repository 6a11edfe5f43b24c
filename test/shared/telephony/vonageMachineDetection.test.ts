import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/schema/callEvent';
import { classifyVonage, conversationParties, vonageConversation, type ClassifyOptions } from '../../../shared/telephony';

const CALLER = '13055550123';
const BUSINESS = '15125550142';
const AGENT = '15125550177';
const ON: ClassifyOptions = { vonageMachineDetection: true };
/** machine detection on the connect legs to agents ("Agent Legs Use Machine Detection") */
const AGENT_ON: ClassifyOptions = { vonageAgentMachineDetection: true };

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

  it('with the agent role, an answer waits for the verdict: machine is the agent’s voicemail box, human the answer', () => {
    const agent: ClassifyOptions = { ...AGENT_ON, vonageOutboundLegs: 'agent' };
    const agentVerdict = (status: 'human' | 'machine') => ev({ ...verdictBody(status), call_uuid: 'agent', to: AGENT }, agent);
    expect(pick(ev({ uuid: 'agent', direction: 'outbound', from: BUSINESS, to: AGENT, status: 'answered' }, agent))).toEqual({ class: 'not_missed', reason: 'outbound_awaiting_amd', final: false });
    expect(agentVerdict('machine')).toMatchObject({ direction: 'inbound', class: 'missed', reason: 'agent_voicemail', final: false });
    expect(pick(agentVerdict('human'))).toEqual({ class: 'not_missed', reason: 'answered', final: true });
    expect(pick(ev({ uuid: 'agent', direction: 'outbound', from: BUSINESS, to: AGENT, status: 'answered' }, { vonageOutboundLegs: 'agent' }))).toEqual({ class: 'not_missed', reason: 'answered', final: true });
    // detection on call-backs only: an agent's answer is final at once
    expect(pick(ev({ uuid: 'agent', direction: 'outbound', from: BUSINESS, to: AGENT, status: 'answered' }, { ...ON, vonageOutboundLegs: 'agent' }))).toEqual({ class: 'not_missed', reason: 'answered', final: true });
  });

  it('reads verdicts with either option, ignores them with neither', () => {
    expect(classify(verdictBody('machine'), AGENT_ON).kind).toBe('call');
    expect(classify(verdictBody('machine'), ON).kind).toBe('call');
    expect(classify(verdictBody('machine'), {}).kind).toBe('ignored');
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

});

describe('vonageConversation with machine detection: an inbound call’s agent leg a voicemail box took', () => {
  const AGENT_2 = '15125550188';
  const read = (events: CallEvent[]) => vonageConversation(events, AGENT_ON);
  const inbound = (status: string, more: Record<string, unknown> = {}) => ev({ uuid: 'in', direction: 'inbound', from: CALLER, to: BUSINESS, status, ...more });
  /** the connect leg `leg` to agent number `to` */
  const agent = (status: string, more: Record<string, unknown> = {}, leg = 'agent', to = AGENT) => ev({ uuid: leg, direction: 'outbound', from: BUSINESS, to, status, ...more });
  const agentVerdict = (status: 'human' | 'machine', more: Record<string, unknown> = {}, leg = 'agent', to = AGENT) => ev({ call_uuid: leg, from: BUSINESS, to, status, ...more }, AGENT_ON);
  const record = ev({ uuid: 'in', recording_url: 'https://api.nexmo.com/v1/files/rec', start_time: '2027-03-10T15:00:40.000Z', end_time: '2027-03-10T15:01:00.000Z' });
  const MISS = { class: 'missed', reason: 'agent_voicemail', final: false };
  const whole = (e: CallEvent) => ({ ...pick(e), direction: e.direction, from: e.from, to: e.to });

  it('the agent leg’s answer waits for the verdict; no conversation yet', () => {
    const events = read([inbound('answered'), agent('started'), agent('answered')]);
    expect(pick(events[2]!)).toEqual({ class: 'not_missed', reason: 'outbound_awaiting_amd', final: false });
    expect(parties(events)).toEqual([]);
  });

  it('a machine verdict makes the agent leg, answer, verdict and end, a provisional miss of the caller', () => {
    const events = read([inbound('answered'), agent('answered'), agentVerdict('machine', { sub_state: 'beep_start' }), agent('completed', { duration: '25' }), inbound('completed', { duration: '40' })]);
    const caller = { direction: 'inbound', from: `+${CALLER}`, to: `+${BUSINESS}` };
    expect(events.slice(1, 4).map(whole)).toEqual([
      { ...MISS, ...caller },
      { ...MISS, ...caller },
      { ...MISS, ...caller },
    ]);
    expect(pick(events[4]!)).toEqual({ class: 'pending', reason: 'completed', final: false });
    expect(parties(events)).toEqual([]);
  });

  it('whatever order the verdict and the leg’s events came in', () => {
    const events = read([inbound('answered'), agentVerdict('machine'), agent('answered'), agent('completed', { duration: '25' })]);
    expect(events.slice(1).map(pick)).toEqual([MISS, MISS, MISS]);
    expect(parties(events)).toEqual([]);
  });

  it('a record event after it is the caller’s voicemail', () => {
    const events = read([inbound('answered'), agent('answered'), agentVerdict('machine'), record]);
    expect(whole(events[3]!)).toEqual({ class: 'voicemail', reason: 'voicemail_left', final: true, direction: 'inbound', from: `+${CALLER}`, to: `+${BUSINESS}` });
    expect(parties(events)).toEqual([]);
  });

  it('a human verdict is the caller’s conversation with the agent', () => {
    const events = read([inbound('answered'), agent('answered'), agentVerdict('human')]);
    expect(pick(events[2]!)).toEqual({ class: 'not_missed', reason: 'answered', final: true });
    expect(parties(events)).toEqual([{ party: `+${CALLER}`, direction: 'inbound', eventType: 'human' }]);
  });

  it('an agent leg that completes without a verdict counts as answered', () => {
    expect(parties(read([inbound('answered'), agent('answered'), agent('completed', { duration: '90' })]))).toEqual([{ party: `+${CALLER}`, direction: 'inbound', eventType: 'completed' }]);
  });

  it('another agent leg a person answered (no machine verdict on it) is the conversation', () => {
    const first = [inbound('answered'), agent('answered'), agentVerdict('machine'), agent('completed', { duration: '20' })];
    const second = [agent('answered', {}, 'agent-2', AGENT_2), agent('completed', { duration: '90' }, 'agent-2', AGENT_2)];
    const events = read([...first, ...second]);
    expect(events.slice(4).map(pick)).toEqual([
      { class: 'not_missed', reason: 'outbound_awaiting_amd', final: false },
      { class: 'not_missed', reason: 'answered', final: true },
    ]);
    expect(parties(events)).toEqual([{ party: `+${CALLER}`, direction: 'inbound', eventType: 'completed' }]);
    expect(parties(read([...first, agent('answered', {}, 'agent-2', AGENT_2), agentVerdict('human', {}, 'agent-2', AGENT_2)]))).toHaveLength(1);
  });

  it('a machine verdict on the second agent leg leaves the first leg’s answer alone', () => {
    const events = read([inbound('answered'), agent('answered'), agentVerdict('machine', {}, 'agent-2', AGENT_2), agent('completed', { duration: '90' })]);
    expect(pick(events[3]!)).toEqual({ class: 'not_missed', reason: 'answered', final: true });
    expect(parties(events)).toEqual([{ party: `+${CALLER}`, direction: 'inbound', eventType: 'completed' }]);
  });

  it('a stored machine verdict still vetoes the agent leg when read without the option (the KPI report)', () => {
    const events = vonageConversation([inbound('answered'), agent('answered'), agentVerdict('machine')]);
    expect(events.slice(1).map(pick)).toEqual([MISS, MISS]);
    expect(parties(events)).toEqual([]);
  });

  it('with detection on call-backs only, the agent leg’s answer is the conversation at once', () => {
    const events = vonageConversation([inbound('answered'), agent('answered')], ON);
    expect(pick(events[1]!)).toEqual({ class: 'not_missed', reason: 'answered', final: true });
    expect(parties(events)).toEqual([{ party: `+${CALLER}`, direction: 'inbound', eventType: 'answered' }]);
  });

  it('without the option (no verdict: the adapter ignores it) the agent leg’s answer is the conversation at once', () => {
    const events = vonageConversation([inbound('answered'), agent('answered')]);
    expect(pick(events[1]!)).toEqual({ class: 'not_missed', reason: 'answered', final: true });
    expect(parties(events)).toEqual([{ party: `+${CALLER}`, direction: 'inbound', eventType: 'answered' }]);
  });
});
