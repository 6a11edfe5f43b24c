import type { MessageClass, MessageEvent, Provider } from '../../../shared/schema/callEvent';

/** The provider's own opt-out verdict, in the words of Twilio's OptOutType. */
export type ProviderOptOut = 'STOP' | 'START' | 'HELP';

/**
 * A text the phone system reports (a Zoom Phone `phone.sms_received`, a RingCentral inbound SMS or
 * A2P opt-out, a Dialpad inbound SMS) as the Message output emits it: what Sequence Exit's Record
 * Reply reads (`from`, `to`, `text`, `messageId`, `optOutType`).
 */
export interface MessageItem {
  event: 'message';
  channel: 'sms';
  provider: Provider;
  eventType: string;
  messageId: string;
  from: string;
  to: string;
  text: string;
  /** the phone system's own verdict (Zoom's campaign opt status, a RingCentral A2P opt-out record); null: read the text */
  optOutType: ProviderOptOut | null;
  receivedAt: string | null;
}

const VERDICT: Record<MessageClass, ProviderOptOut | null> = { opt_out: 'STOP', opt_in: 'START', help: 'HELP', reply: null };

/**
 * The Message output's item. `message.class` must come from the phone system alone (classify with
 * `classifyText: () => 'reply'`): the text itself is read by Sequence Exit, which knows more than
 * carrier keywords (opt-out phrases, scopes, auto-replies, languages).
 */
export function messageItem(message: MessageEvent): MessageItem {
  return {
    event: 'message',
    channel: 'sms',
    provider: message.provider,
    eventType: message.eventType,
    messageId: message.messageId,
    from: message.from,
    to: message.to,
    text: message.text,
    optOutType: VERDICT[message.class],
    receivedAt: message.receivedAt,
  };
}
