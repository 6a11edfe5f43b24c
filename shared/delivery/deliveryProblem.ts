/**
 * What a failed delivery says, and about whom:
 * - `contact`: the number cannot take texts now (a landline, no such handset, blocked, opted out);
 * - `sender`: the business's side (carrier filtering, an unregistered or unverified number, the
 *   account): every text may fail until someone fixes it;
 * - `transient`: worth nothing but a note (the handset off, congestion, a queue overflow).
 */
export interface DeliveryProblem {
  code: number | null;
  kind:
    | 'landline'
    | 'unknown_number'
    | 'unreachable'
    | 'blocked'
    | 'opted_out'
    | 'filtered'
    | 'sender_config'
    | 'transient'
    | 'unknown';
  scope: 'contact' | 'sender' | 'transient';
  /** Twilio's meaning, in plain words */
  description: string;
}

type Entry = Omit<DeliveryProblem, 'code'>;
const entry = (kind: DeliveryProblem['kind'], scope: DeliveryProblem['scope'], description: string): Entry => ({ kind, scope, description });

// Twilio error and warning dictionary, 30001–30038 and 21610 (the codes a status callback carries)
const PROBLEMS: Record<number, Entry> = {
  21610: entry('opted_out', 'contact', 'The recipient replied STOP to this sender'),
  30001: entry('transient', 'transient', 'Queue overflow'),
  30002: entry('sender_config', 'sender', 'Account suspended'),
  30003: entry('unreachable', 'transient', 'Unreachable destination handset (switched off or out of coverage)'),
  30004: entry('blocked', 'contact', 'Message blocked by the recipient or their carrier'),
  30005: entry('unknown_number', 'contact', 'Unknown destination handset: the number does not exist or is inactive'),
  30006: entry('landline', 'contact', 'Landline or unreachable carrier'),
  30007: entry('filtered', 'sender', 'Message filtered by the carrier (content or sender flagged as spam)'),
  30008: entry('unknown', 'transient', 'Unknown error'),
  30009: entry('transient', 'transient', 'Missing segment'),
  30010: entry('sender_config', 'sender', 'Message price exceeds the max price'),
  30017: entry('transient', 'transient', 'Carrier network congestion'),
  30018: entry('sender_config', 'sender', 'The destination carrier requires sender ID pre-registration'),
  30019: entry('filtered', 'sender', 'Content size exceeds the carrier limit'),
  30022: entry('transient', 'transient', 'US A2P 10DLC rate limit exceeded'),
  30023: entry('sender_config', 'sender', 'US A2P 10DLC daily cap reached'),
  30024: entry('sender_config', 'sender', 'Numeric sender ID not provisioned'),
  30032: entry('sender_config', 'sender', 'Toll-free number not verified'),
  30034: entry('sender_config', 'sender', 'US A2P 10DLC: message from an unregistered number'),
  30038: entry('filtered', 'sender', 'OTP message body filtered'),
};

/**
 * The problem a failed or undelivered message's `ErrorCode` names; an unknown code (or none) is
 * `unknown`, a transient one: nothing is concluded about the number from it.
 * @example deliveryProblem('30006') // { code: 30006, kind: 'landline', scope: 'contact', … }
 */
export function deliveryProblem(code: unknown): DeliveryProblem {
  const n = typeof code === 'number' && Number.isInteger(code) ? code : typeof code === 'string' && /^\s*\d{1,6}\s*$/.test(code) ? Number(code) : null;
  const known = n !== null ? PROBLEMS[n] : undefined;
  return { code: n, ...(known ?? entry('unknown', 'transient', n === null ? 'No error code given' : `Error ${n}`)) };
}
