import { NodeOperationError, sleep as n8nSleep, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { deliveryProblem, type DeliveryProblem, type DeliveryState } from '../../shared/delivery';
import type { DeliveryRecord, Ledger } from '../ledger/Ledger';
import { maskPhone } from '../shared/maskPhone';
import { deliveryReceipt, type DeliveryReceipt, type DeliveryReceiptError } from './deliveryReceipt';
import { invalidItem } from './invalidItem';

/** Delivery-mode outputs: 0 Delivered, 1 Undelivered, 2 Other. */
export const DELIVERY_OUTPUT = { delivered: 0, undelivered: 1, other: 2 } as const;

/**
 * How long a callback for a message the ledger does not know waits before it is read once more: the
 * sender records the message id right after Twilio answers, and a quick callback (or a slow ledger
 * write) can overtake that record. Only unknown messages wait.
 */
export const UNKNOWN_MESSAGE_RETRY_MS = 1500;

/** Why a callback went to Other. */
export type OtherReason = 'unknown_message' | 'duplicate' | 'out_of_order' | 'not_final';

const isFailure = (s: DeliveryState | null) => s === 'undelivered' || s === 'failed';
const reached = (s: DeliveryState | null) => s === 'delivered' || s === 'read';

/** The item's fault, as a NodeOperationError marked invalidItem. */
function badReceipt(fn: IExecuteFunctions, i: number, e: DeliveryReceiptError): NodeOperationError {
  const message =
    e.error === 'NO_MESSAGE_ID' ? 'The item holds no MessageSid: it is no Twilio status callback'
    : e.error === 'NO_STATUS' ? 'The status callback has no MessageStatus'
    // the status quoted short, any number in it masked
    : `The status "${maskPhone(e.status.slice(0, 40))}" is no delivery status of a sent message`;
  const description =
    e.error === 'NOT_A_DELIVERY_STATUS' && /^receiv/i.test(e.status)
      ? 'This is an inbound text: point the number’s Messaging webhook at Sequence Exit in Record Reply mode, and only the Follow-up Sender’s Status Callback URL here.'
      : 'Expected a Twilio SMS status callback (MessageSid, MessageStatus) or a Vonage delivery receipt (messageId, msisdn, status), on the item, in body or in query.';
  return invalidItem(new NodeOperationError(fn.getNode(), message, { itemIndex: i, description }));
}

/**
 * What a failed delivery means for the contact, recorded on the touch's phone: 30006 (a landline)
 * records the carrier line type (the Consent Gate then blocks SMS touches for 30 days), 21610 an
 * SMS opt-out. Applied again for a retried callback (both writes are idempotent), so a crash between
 * recordDelivery and here loses nothing. Returns the effects, e.g. `['carrier_line_type:landline']`.
 */
async function applyProblem(ledger: Ledger, phone: string, problem: DeliveryProblem, now: number): Promise<string[]> {
  if (problem.kind === 'landline') {
    await ledger.recordCarrierLineType(phone, { type: 'landline', source: 'twilio_delivery', now });
    return ['carrier_line_type:landline'];
  }
  if (problem.kind === 'opted_out') {
    await ledger.recordOptOut(phone, { channel: 'sms', source: 'twilio_21610', text: null, now });
    return ['opt_out:sms'];
  }
  return [];
}

/** The output and its `reason` (Other only). */
function route(r: DeliveryReceipt, rec: DeliveryRecord): { output: number; reason?: OtherReason } {
  if (rec.touch === null) return { output: DELIVERY_OUTPUT.other, reason: 'unknown_message' };
  if (!rec.changed) return { output: DELIVERY_OUTPUT.other, reason: rec.previous === r.state ? 'duplicate' : 'out_of_order' };
  if (reached(r.state)) return { output: DELIVERY_OUTPUT.delivered };
  if (isFailure(r.state)) return { output: DELIVERY_OUTPUT.undelivered };
  return { output: DELIVERY_OUTPUT.other, reason: 'not_final' };
}

/**
 * Record Delivery Status mode for one item: records a Twilio status callback on the touch that sent
 * the message (ledger.recordDelivery) and, for an undelivered or failed one, what it means for the
 * contact (applyProblem) unless the message is on record as delivered. Outputs: 0 Delivered,
 * 1 Undelivered (a new state), 2 Other (queued/sent, duplicates, older callbacks, unknown messages,
 * read again once after UNKNOWN_MESSAGE_RETRY_MS; `reason`). An item that is no status callback (an inbound text) throws, marked invalidItem.
 */
export async function recordDeliveryStatus(
  fn: IExecuteFunctions,
  i: number,
  json: IDataObject,
  d: { ledger: Ledger; now: number; sleep?: (ms: number) => Promise<void> },
): Promise<{ output: number; json: IDataObject }> {
  const { ledger, now } = d;
  const parsed = deliveryReceipt(json);
  if (!parsed.ok) throw badReceipt(fn, i, parsed);
  const r = parsed.receipt;
  const record = () => ledger.recordDelivery({ provider: r.provider, messageId: r.messageId, state: r.state, errorCode: r.errorCode, now });
  let rec = await record();
  if (rec.touch === null) {
    await (d.sleep ?? n8nSleep)(UNKNOWN_MESSAGE_RETRY_MS);
    rec = await record();
  }
  const failed = isFailure(r.state);
  // Twilio's error codes say what a failure means for the number (a landline, an opt-out); Vonage's are only reported
  const problem = failed && r.provider === 'twilio' ? deliveryProblem(r.errorCode) : null;
  const touch = rec.touch;
  // a failure after a delivery receipt on record says nothing about the number: the handset had it
  const onRecordReached = !rec.changed && reached(rec.previous);
  const effects = touch && problem && !onRecordReached ? await applyProblem(ledger, touch.phone, problem, now) : [];
  const { output, reason } = route(r, rec);
  return {
    output,
    json: {
      provider: r.provider,
      messageId: r.messageId,
      status: r.state,
      providerStatus: r.providerStatus,
      previousStatus: rec.previous,
      changed: rec.changed,
      errorCode: r.errorCode,
      problem: problem as IDataObject | null,
      phone: touch?.phone ?? r.to,
      touch: touch ? { id: touch.id, enrollmentId: touch.enrollmentId, templateId: touch.templateId, stepId: touch.stepId, channel: touch.channel } : null,
      effects,
      ...(reason ? { reason } : {}),
      at: new Date(now).toISOString(),
    },
  };
}
