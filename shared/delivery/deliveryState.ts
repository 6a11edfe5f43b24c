/**
 * Where a sent message stands, from the provider's status callbacks. `queued` covers every state
 * before the carrier has it (accepted, scheduled, queued, sending); `failed` never left the provider,
 * `undelivered` the carrier refused.
 */
export type DeliveryState = 'queued' | 'sent' | 'undelivered' | 'failed' | 'delivered' | 'read';

const STATES: Record<string, DeliveryState> = {
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  sending: 'queued',
  sent: 'sent',
  delivered: 'delivered',
  partially_delivered: 'delivered',
  read: 'read',
  undelivered: 'undelivered',
  failed: 'failed',
  canceled: 'failed',
  // Vonage delivery receipts (its SMS API's DeliveryReceipt `status`; `accepted` and `failed` as above)
  buffered: 'queued',
  expired: 'undelivered',
  rejected: 'failed',
  unknown: 'sent',
};

// callbacks arrive out of order: a later callback never moves a message back (a `sent` after
// `delivered`); a delivery receipt after a failure wins, the handset has it
const RANK: Record<DeliveryState, number> = { queued: 1, sent: 2, undelivered: 3, failed: 3, delivered: 4, read: 5 };

/**
 * Twilio's `MessageStatus` (or `SmsStatus`), or a Vonage delivery receipt's `status`, as a
 * DeliveryState (Vonage's `expired` is undelivered, `rejected` failed, `buffered` queued, `unknown`
 * sent: the carrier never said); null for what is no status of a sent message (`receiving`,
 * `received`: an inbound text) or unknown words.
 * @example deliveryState('Undelivered') // 'undelivered'
 */
export function deliveryState(status: unknown): DeliveryState | null {
  return typeof status === 'string' ? (STATES[status.trim().toLowerCase()] ?? null) : null;
}

/** Whether a final state: the message reached the handset, or never will. */
export const isFinalDelivery = (s: DeliveryState): boolean => RANK[s] >= 3;

/**
 * Whether `next` replaces `previous` on record (null: nothing on record yet).
 * @example supersedes('sent', 'delivered') // false
 */
export function supersedes(next: DeliveryState, previous: DeliveryState | null): boolean {
  return previous === null || RANK[next] > RANK[previous];
}
