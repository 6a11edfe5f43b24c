import type { CallEvent } from '../schema/callEvent';

/** Reason an adapter gives a final outbound event when the called customer answered (not a machine). */
export const OUTBOUND_ANSWERED = 'outbound_answered';
/** Reason of a final outbound event when answering machine detection says a machine or fax answered. */
export const OUTBOUND_MACHINE = 'outbound_machine';
/** Reason of a provisional (non-final) outbound event: answered, the machine-detection verdict still to come. */
export const OUTBOUND_AWAITING_AMD = 'outbound_awaiting_amd';

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
 * customer is its `to`, or the `to` of the call's other outbound events when it has none, as
 * Twilio's asynchronous AMD result). Anything else is no conversation: a miss, a voicemail, a
 * provisional answer (Vonage's own NCCO, an answer awaiting its AMD verdict), an outbound call
 * nobody answered, or one whose answer the provider does not tell (`outbound`). A machine verdict
 * (`outbound_machine`) on any event of the call vetoes every outbound answer of it.
 * @example conversationParty([{ direction: 'inbound', class: 'not_missed', reason: 'answered', final: true, from: '+13055550123', … }])
 *   // { party: '+13055550123', direction: 'inbound', event }
 */
export function conversationParty(events: readonly CallEvent[]): Conversation | null {
  return conversationParties(events)[0] ?? null;
}

/**
 * Every number the events of one call show a person at the business spoke with, in arrival order,
 * each once (conversationParty's rules): a call that reached two outside numbers, as a
 * click-to-call that rings the agent's phone first and then the customer, names both; the
 * business cannot tell here which of them is its own.
 */
export function conversationParties(events: readonly CallEvent[]): Conversation[] {
  const machine = events.some((e) => e.final && e.reason === OUTBOUND_MACHINE);
  const found: Conversation[] = [];
  const add = (c: Conversation) => {
    if (!found.some((x) => x.party === c.party)) found.push(c);
  };
  for (const e of events) {
    if (!e.final || e.class !== 'not_missed') continue;
    if (e.reason === OUTBOUND_ANSWERED && e.direction === 'outbound') {
      const to = e.to || events.find((x) => x.direction === 'outbound' && x.to !== '')?.to;
      if (!machine && to) add({ party: to, direction: 'outbound', event: e });
      continue;
    }
    if (e.reason !== 'answered') continue;
    const first = events.find((x) => x.direction === 'inbound' && x.from !== '');
    if (first) add({ party: first.from, direction: 'inbound', event: e });
  }
  return found;
}
