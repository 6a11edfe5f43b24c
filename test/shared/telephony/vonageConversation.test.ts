import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/schema/callEvent';
import { classifyVonage, vonageConversation } from '../../../shared/telephony';

const CALLER = '13055550123';
const BUSINESS = '15125550142';
const AGENT = '15125550177';

function ev(body: Record<string, unknown>): CallEvent {
  const r = classifyVonage(JSON.stringify({ conversation_uuid: 'CON-1', timestamp: '2027-03-10T15:00:00.000Z', ...body }), {});
  if (r.kind !== 'call') throw new Error(`expected a call event, got ${JSON.stringify(r)}`);
  return r.call;
}
const inbound = (status: string, more: Record<string, unknown> = {}) => ev({ uuid: 'in', direction: 'inbound', from: CALLER, to: BUSINESS, status, ...more });
const agent = (status: string, more: Record<string, unknown> = {}) => ev({ uuid: 'agent', direction: 'outbound', from: BUSINESS, to: AGENT, status, ...more });
const toCaller = (status: string, more: Record<string, unknown> = {}) => ev({ uuid: 'out', direction: 'outbound', from: BUSINESS, to: CALLER, status, ...more });
const pick = (e: CallEvent) => ({ class: e.class, reason: e.reason, final: e.final, direction: e.direction, from: e.from, to: e.to });

describe('vonageConversation: the legs of one conversation read together', () => {
  it('reads an unanswered leg beside the caller’s inbound leg as the agent leg of a missed call, with the caller’s numbers', () => {
    const read = vonageConversation([inbound('answered'), agent('timeout')]);
    expect(pick(read[1]!)).toEqual({ class: 'missed', reason: 'timeout', final: false, direction: 'inbound', from: `+${CALLER}`, to: `+${BUSINESS}` });
  });

  it('reads an answered agent leg as the caller reaching a person', () => {
    expect(pick(vonageConversation([inbound('answered'), agent('answered')])[1]!)).toMatchObject({ class: 'not_missed', reason: 'answered', final: true });
  });

  it('reads the inbound leg ending with no agent leg (an IVR or a message) as abandoned, provisional', () => {
    const read = vonageConversation([inbound('answered'), inbound('completed', { duration: '9' })]);
    expect(pick(read[1]!)).toMatchObject({ class: 'abandoned', reason: 'abandoned_in_ivr', final: false });
  });

  it('leaves the inbound leg’s end alone once an agent leg answered or ended', () => {
    for (const leg of [agent('answered'), agent('timeout'), agent('cancelled')]) {
      const read = vonageConversation([inbound('answered'), leg, inbound('completed', { duration: '9' })]);
      expect(pick(read[2]!)).toMatchObject({ class: 'pending', reason: 'completed' });
    }
    // a leg still ringing decides nothing yet
    expect(pick(vonageConversation([inbound('answered'), agent('ringing'), inbound('completed')])[2]!)).toMatchObject({ class: 'abandoned' });
  });

  it('gives a record event the caller’s numbers and direction', () => {
    const record = ev({ uuid: 'in', recording_url: 'https://api.nexmo.com/v1/files/r1', start_time: '2027-03-10T15:00:30.000Z', end_time: '2027-03-10T15:00:50.000Z' });
    expect(pick(record)).toMatchObject({ direction: 'unknown', from: '', to: '' });
    expect(pick(vonageConversation([inbound('answered'), record])[1]!)).toEqual({ class: 'voicemail', reason: 'voicemail_left', final: true, direction: 'inbound', from: `+${CALLER}`, to: `+${BUSINESS}` });
  });

  it('reads a conversation without an inbound leg as a call our side placed', () => {
    expect(pick(vonageConversation([toCaller('answered')])[0]!)).toMatchObject({ class: 'not_missed', reason: 'outbound_answered', final: true, to: `+${CALLER}` });
    expect(pick(vonageConversation([toCaller('completed', { duration: '35' })])[0]!)).toMatchObject({ reason: 'outbound_answered' });
    expect(pick(vonageConversation([toCaller('completed', { duration: '0' })])[0]!)).toMatchObject({ reason: 'outbound', final: true });
  });

  it('keeps a ringing or unanswered leg of such a conversation undecided, so an inbound leg delivered late still makes it a miss', () => {
    const early = vonageConversation([agent('ringing'), agent('timeout')]);
    expect(early.map(pick)).toMatchObject([{ class: 'pending', final: false }, { class: 'pending', final: false }]);
    const late = vonageConversation([agent('ringing'), agent('timeout'), inbound('completed')]);
    expect(pick(late[1]!)).toMatchObject({ class: 'missed', final: false, from: `+${CALLER}` });
  });

  it('passes other providers’ events through', () => {
    const twilio = { ...inbound('answered'), provider: 'twilio' as const };
    expect(vonageConversation([twilio])).toEqual([twilio]);
  });
});
