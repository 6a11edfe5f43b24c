import type { CallEvent } from '../../../shared/schema/callEvent';
import { twilioConversation, vonageConversation } from '../../../shared/telephony';
import type { StoredCallEvent } from '../../ledger';

/**
 * The stored events of one call as the trigger reads them: a provider whose single events do not say
 * whose leg they are on (Vonage: vonageConversation; Twilio's <Dial> legs of a call we placed:
 * twilioConversation) is read as a whole conversation, every time an event arrives, so a late leg
 * still corrects what came before it. Others pass unchanged.
 */
const READERS: Partial<Record<string, (events: readonly CallEvent[]) => CallEvent[]>> = { twilio: twilioConversation, vonage: vonageConversation };

export function conversationEvents(provider: string, events: StoredCallEvent[]): StoredCallEvent[] {
  const read = READERS[provider];
  if (!read) return events;
  const payloads = read(events.map((e) => e.payload as CallEvent));
  return events.map((e, i) => ({ ...e, payload: payloads[i] }));
}
