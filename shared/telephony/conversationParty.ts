import type { CallEvent } from '../schema/callEvent';

/** Reason an adapter gives a final outbound event when the called customer answered (not a machine). */
export const OUTBOUND_ANSWERED = 'outbound_answered';

export interface Conversation {
  /** the customer's number as the provider sent it (normalize before use) */
  party: string;
  /** inbound: the customer's call reached a person; outbound: the business's call reached the customer */
  direction: 'inbound' | 'outbound';
  /** the event that proved it */
  event: CallEvent;
}

/**
 * Whether the events of one call (arrival order) show that a person at the business and the
 * customer spoke, and with which number: a final `not_missed` event with reason `answered` (an
 * inbound call a person picked up; the customer is the `from` of the call's first inbound event,
 * since an agent leg carries the agent's numbers), or one with reason `outbound_answered` (the
 * customer is its `to`). Anything else is no conversation: a miss, a voicemail, a provisional
 * answer (Vonage's own NCCO), an outbound call nobody or a machine answered, or one whose answer
 * the provider does not tell (`outbound`).
 * @example conversationParty([{ direction: 'inbound', class: 'not_missed', reason: 'answered', final: true, from: '+13055550123', … }])
 *   // { party: '+13055550123', direction: 'inbound', event }
 */
export function conversationParty(events: readonly CallEvent[]): Conversation | null {
  for (const e of events) {
    if (!e.final || e.class !== 'not_missed') continue;
    if (e.reason === OUTBOUND_ANSWERED && e.direction === 'outbound' && e.to !== '') return { party: e.to, direction: 'outbound', event: e };
    if (e.reason !== 'answered') continue;
    const first = events.find((x) => x.direction === 'inbound' && x.from !== '');
    if (first) return { party: first.from, direction: 'inbound', event: e };
  }
  return null;
}
