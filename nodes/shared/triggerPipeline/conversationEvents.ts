import type { CallEvent } from '../../../shared/schema/callEvent';
import { vonageConversation } from '../../../shared/telephony';
import type { StoredCallEvent } from '../../ledger';

/**
 * The stored events of one call as the trigger reads them: a provider whose single events do not say
 * which leg they are on (Vonage: vonageConversation) is read as a whole conversation, every time an
 * event arrives, so a late leg still corrects what came before it. Others pass unchanged.
 */
export function conversationEvents(provider: string, events: StoredCallEvent[]): StoredCallEvent[] {
  if (provider !== 'vonage') return events;
  const read = vonageConversation(events.map((e) => e.payload as CallEvent));
  return events.map((e, i) => ({ ...e, payload: read[i] }));
}
