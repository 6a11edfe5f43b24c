import type { CallEvent } from '../../../shared/schema/callEvent';
import { ringcentralConversation, twilioConversation, vonageConversation, type ClassifyOptions } from '../../../shared/telephony';
import type { StoredCallEvent } from '../../ledger';

/** The trigger options that change how a call's events read together. */
export type ConversationOptions = Pick<ClassifyOptions, 'vonageMachineDetection' | 'vonageAgentMachineDetection'>;

/** Providers whose events are read per call, not one by one. */
const READERS: Partial<Record<string, (events: readonly CallEvent[], opts: ConversationOptions) => CallEvent[]>> = {
  ringcentral: ringcentralConversation,
  twilio: twilioConversation,
  vonage: vonageConversation,
};

/**
 * The stored events of one call as the trigger reads them. Where single events do not say whose leg
 * they are on (Vonage: vonageConversation; Twilio's <Dial> legs of a call we placed:
 * twilioConversation), or an end depends on an earlier event (a RingCentral session sent to
 * voicemail: ringcentralConversation), the call is read as a whole every time an event arrives, so a
 * late event still corrects what came before it. Other providers' events pass unchanged. `opts`:
 * the trigger's options (a Vonage answer waits for machine detection's verdict); without them a
 * stored verdict still counts (the KPI report).
 */
export function conversationEvents(provider: string, events: StoredCallEvent[], opts: ConversationOptions = {}): StoredCallEvent[] {
  const read = READERS[provider];
  if (!read) return events;
  const payloads = read(events.map((e) => e.payload as CallEvent), opts);
  return events.map((e, i) => ({ ...e, payload: payloads[i] }));
}
