/**
 * Whether a failed email says the ADDRESS is gone for good (so no later email should go to it), as
 * opposed to a delay, or a refusal about the sender or this one message (policy, spam, authentication,
 * a full mailbox, a message too big), after which the next email may well arrive.
 */

/** What a bounce (shared/optout BounceEmail) or an SMTP rejection tells. */
export interface BounceEvidence {
  /** true: never delivered and never will be; false: a delay or a success notice; null: not said */
  permanent: boolean | null;
  /** the enhanced status code (RFC 3463), e.g. `5.1.1` */
  status: string | null;
  /** the SMTP reply code, e.g. 550 */
  smtpCode: number | null;
}

export type BounceSuppressionReason =
  // suppress
  | 'bad_address' // 5.1.x: no such mailbox, bad syntax, no such domain
  | 'mailbox_disabled' // 5.2.1
  | 'unroutable' // 5.4.4
  | 'permanent_status' // any other 5.x.x
  | 'address_code' // no status: 550, 551, 553
  | 'permanent_code' // no status: another 5xx on a bounce said to be permanent
  | 'permanent' // neither status nor code, on a bounce said to be permanent
  // keep sending
  | 'not_permanent' // a delay, a success notice
  | 'permanence_unknown' // not said, and not from a mailer daemon
  | 'transient_status' // a 4.x.x (or 2.x.x) status, also when the MTA gave up retrying
  | 'sender_address' // 5.1.7, 5.1.8: our own sender address
  | 'mailbox_full' // 5.2.2, or 552 without a status
  | 'message_too_big' // 5.3.4, 5.2.3
  | 'expired' // 5.4.7: the destination did not answer in time
  | 'content' // 5.6.x: this message's content or encoding
  | 'policy' // 5.7.x: policy, spam, authentication (about us, not the address)
  | 'unclear_code' // no status and a code that does not name the address, permanence only inferred
  | 'no_evidence'; // neither status nor code, permanence only inferred

export interface BounceSuppression {
  /** true: no later email should go to this address */
  suppress: boolean;
  reason: BounceSuppressionReason;
  /** the enhanced status read (null when absent or malformed) */
  status: string | null;
  /** the SMTP reply code read (null when absent or not a reply code) */
  code: number | null;
}

const STATUS = /^([245])\.(\d{1,3})\.(\d{1,3})$/;
/** SMTP reply codes that name the mailbox itself: 550 unavailable, 551 not local, 553 name not allowed */
const ADDRESS_CODES = new Set([550, 551, 553]);

const verdict = (suppress: boolean, reason: BounceSuppressionReason, status: string | null, code: number | null): BounceSuppression => ({ suppress, reason, status, code });

/**
 * Whether a bounce makes its address undeliverable for good. It must be permanent (or not say, when a
 * mailer daemon reported it: `reportedByDaemon`) and not about the sender or the message. By the
 * enhanced status first: 5.1.x (bad address or domain), 5.2.1 (mailbox disabled), 5.4.4 (unroutable)
 * and every other 5.x.x suppress, except 5.7.x (policy, spam, authentication: about us), 5.1.7 and
 * 5.1.8 (our sender address), 5.2.2 (mailbox full), 5.2.3 and 5.3.4 (message too big), 5.4.7 (delivery
 * time expired: the host did not answer, the address may be fine) and 5.6.x (this message's content);
 * a 4.x.x status never suppresses, also when the MTA gave up retrying. Without a status, by the SMTP
 * code: 550, 551 and 553 suppress; 552 (storage exceeded) never; another 5xx only when the bounce says
 * it is permanent (not when that is only inferred from the daemon). With neither, only a bounce that
 * says it is permanent. A malformed status or code counts as absent. Pure; never throws.
 *
 * @example
 * bounceSuppresses({ permanent: true, status: '5.1.1', smtpCode: 550 }) // { suppress: true, reason: 'bad_address', status: '5.1.1', code: 550 }
 * bounceSuppresses({ permanent: true, status: '5.7.1', smtpCode: 554 }) // { suppress: false, reason: 'policy', … }
 * bounceSuppresses({ permanent: null, status: null, smtpCode: 550 }, { reportedByDaemon: true }) // { suppress: true, reason: 'address_code', … }
 */
export function bounceSuppresses(b: BounceEvidence, o: { reportedByDaemon?: boolean } = {}): BounceSuppression {
  const m = typeof b.status === 'string' ? STATUS.exec(b.status.trim()) : null;
  const status = m ? `${m[1]}.${Number(m[2])}.${Number(m[3])}` : null;
  const code = typeof b.smtpCode === 'number' && Number.isInteger(b.smtpCode) && b.smtpCode >= 200 && b.smtpCode <= 599 ? b.smtpCode : null;
  const said = b.permanent === true;
  if (b.permanent === false) return verdict(false, 'not_permanent', status, code);
  if (!said && o.reportedByDaemon !== true) return verdict(false, 'permanence_unknown', status, code);

  if (m) {
    const [klass, subject, detail] = [m[1]!, Number(m[2]), Number(m[3])];
    const keep = (reason: BounceSuppressionReason) => verdict(false, reason, status, code);
    const drop = (reason: BounceSuppressionReason) => verdict(true, reason, status, code);
    if (klass !== '5') return keep('transient_status');
    if (subject === 7) return keep('policy');
    if (subject === 6) return keep('content');
    if (subject === 1) return detail === 7 || detail === 8 ? keep('sender_address') : drop('bad_address');
    if (subject === 2 && detail === 2) return keep('mailbox_full');
    if ((subject === 2 && detail === 3) || (subject === 3 && detail === 4)) return keep('message_too_big');
    if (subject === 2 && detail === 1) return drop('mailbox_disabled');
    if (subject === 4 && detail === 7) return keep('expired');
    if (subject === 4 && detail === 4) return drop('unroutable');
    return drop('permanent_status');
  }
  if (code !== null) {
    if (ADDRESS_CODES.has(code)) return verdict(true, 'address_code', status, code);
    if (code === 552) return verdict(false, 'mailbox_full', status, code);
    return code >= 500 && said ? verdict(true, 'permanent_code', status, code) : verdict(false, code < 500 ? 'transient_status' : 'unclear_code', status, code);
  }
  return said ? verdict(true, 'permanent', status, code) : verdict(false, 'no_evidence', status, code);
}

/**
 * What a suppression stores as its code: the enhanced status, else the SMTP code as text, else null.
 * @example suppressionCode(bounceSuppresses({ permanent: true, status: null, smtpCode: 550 })) // '550'
 */
export function suppressionCode(s: Pick<BounceSuppression, 'status' | 'code'>): string | null {
  return s.status ?? (s.code === null ? null : String(s.code));
}
