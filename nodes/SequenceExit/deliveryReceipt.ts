import type { IDataObject } from 'n8n-workflow';
import { deliveryProblem, deliveryState, type DeliveryState } from '../../shared/delivery';
import { text, webhookBody } from '../shared/webhookBody';

/** One Twilio SMS status callback as the Sequence Exit node reads it from an item. */
export interface DeliveryReceipt {
  /** Twilio MessageSid (SM…/MM…) of the sent message */
  messageId: string;
  /** the status as stored (shared/delivery) */
  state: DeliveryState;
  /** Twilio's word for it, lower-case (`sending`, `undelivered`, `canceled`…) */
  providerStatus: string;
  /** Twilio ErrorCode (30006…) when given and numeric */
  errorCode: number | null;
  /** the recipient: the contact's number */
  to: string | null;
  /** our number, when Twilio gives it */
  from: string | null;
  accountSid: string | null;
}

export type DeliveryReceiptError =
  | { error: 'NO_MESSAGE_ID' }
  | { error: 'NO_STATUS' }
  /** a status that is none of a sent message (`received`: an inbound text), or an unknown word */
  | { error: 'NOT_A_DELIVERY_STATUS'; status: string };

const field = (o: IDataObject, ...names: string[]): string | null => {
  for (const n of names) {
    const v = text(o[n])?.trim();
    if (v) return v;
  }
  return null;
};

/**
 * Reads a Twilio SMS status callback from an item: `MessageSid` (or `SmsSid`), `MessageStatus`
 * (or `SmsStatus`), `ErrorCode`, `To`, `From`, `AccountSid`, on the item or under an n8n Webhook
 * node's `body` (an object, or the raw form or JSON string).
 * @example deliveryReceipt({ body: { MessageSid: 'SM1', MessageStatus: 'undelivered', ErrorCode: '30006', To: '+13055550123' } })
 * // { ok: true, receipt: { messageId: 'SM1', state: 'undelivered', providerStatus: 'undelivered', errorCode: 30006, to: '+13055550123', … } }
 * @example deliveryReceipt({ body: { MessageSid: 'SM2', SmsStatus: 'received', Body: 'hi' } })
 * // { ok: false, error: 'NOT_A_DELIVERY_STATUS', status: 'received' }
 */
export function deliveryReceipt(json: IDataObject): ({ ok: true; receipt: DeliveryReceipt }) | ({ ok: false } & DeliveryReceiptError) {
  const candidates = [json, webhookBody(json)].filter((o): o is IDataObject => o !== null);
  const o = candidates.find((c) => field(c, 'MessageSid', 'SmsSid', 'MessageStatus', 'SmsStatus') !== null);
  if (!o) return { ok: false, error: 'NO_MESSAGE_ID' };
  const messageId = field(o, 'MessageSid', 'SmsSid');
  if (messageId === null) return { ok: false, error: 'NO_MESSAGE_ID' };
  const status = field(o, 'MessageStatus', 'SmsStatus');
  if (status === null) return { ok: false, error: 'NO_STATUS' };
  const state = deliveryState(status);
  if (state === null) return { ok: false, error: 'NOT_A_DELIVERY_STATUS', status };
  const code = field(o, 'ErrorCode');
  return {
    ok: true,
    receipt: {
      messageId,
      state,
      providerStatus: status.toLowerCase(),
      errorCode: code === null ? null : deliveryProblem(code).code,
      to: field(o, 'To'),
      from: field(o, 'From'),
      accountSid: field(o, 'AccountSid'),
    },
  };
}
