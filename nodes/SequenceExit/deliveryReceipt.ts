import type { IDataObject } from 'n8n-workflow';
import { deliveryProblem, deliveryState, type DeliveryState } from '../../shared/delivery';
import { text, webhookBody } from '../shared/webhookBody';

/** One SMS status callback (Twilio) or delivery receipt (Vonage) as the Sequence Exit node reads it from an item. */
export interface DeliveryReceipt {
  provider: 'twilio' | 'vonage';
  /** Twilio MessageSid (SM…/MM…), or Vonage's messageId, of the sent message */
  messageId: string;
  /** the status as stored (shared/delivery) */
  state: DeliveryState;
  /** the provider's word for it, lower-case (`sending`, `undelivered`, `canceled`…; Vonage `expired`…) */
  providerStatus: string;
  /** Twilio ErrorCode (30006…), or Vonage's `err-code`, when given and numeric */
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
  const query = json.query !== null && typeof json.query === 'object' && !Array.isArray(json.query) ? (json.query as IDataObject) : null;
  const candidates = [json, webhookBody(json), query].filter((o): o is IDataObject => o !== null);
  const vonage = candidates.find(isVonageReceipt);
  if (vonage) return vonageReceipt(vonage);
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
      provider: 'twilio',
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

/** A Vonage SMS API delivery receipt: `messageId` and `status`, with the recipient as `msisdn`. */
const isVonageReceipt = (o: IDataObject): boolean => field(o, 'messageId') !== null && field(o, 'msisdn') !== null && field(o, 'MessageSid', 'SmsSid') === null;

/**
 * Reads a Vonage delivery receipt (the SMS API's `callback`, as GET query, form or JSON): `messageId`,
 * `status`, `err-code`, `msisdn` (the recipient), `to` (our sender).
 * @example deliveryReceipt({ query: { messageId: '0A00', msisdn: '13055550123', to: '15125550142', status: 'expired', 'err-code': '1' } })
 * // { ok: true, receipt: { provider: 'vonage', messageId: '0A00', state: 'undelivered', providerStatus: 'expired', errorCode: 1, to: '+13055550123', … } }
 */
function vonageReceipt(o: IDataObject): ({ ok: true; receipt: DeliveryReceipt }) | ({ ok: false } & DeliveryReceiptError) {
  const status = field(o, 'status');
  if (status === null) return { ok: false, error: 'NO_STATUS' };
  const state = deliveryState(status);
  if (state === null) return { ok: false, error: 'NOT_A_DELIVERY_STATUS', status };
  const code = field(o, 'err-code');
  const plus = (n: string | null) => (n === null ? null : /^\d+$/.test(n) ? `+${n}` : n);
  return {
    ok: true,
    receipt: {
      provider: 'vonage',
      messageId: field(o, 'messageId')!,
      state,
      providerStatus: status.toLowerCase(),
      errorCode: code !== null && /^\d{1,6}$/.test(code) ? Number(code) : null,
      to: plus(field(o, 'msisdn')),
      from: plus(field(o, 'to')),
      accountSid: null,
    },
  };
}
