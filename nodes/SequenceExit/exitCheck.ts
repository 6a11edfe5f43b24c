import { isContactPaused } from '../ledger/isContactPaused';
import type { ContactState, Enrollment } from '../ledger/Ledger';
import { optedOutFor } from '../ledger/touchStop';

/** Stable reasons of the Check mode's Exit output. */
export type ExitReason = 'opt_out' | 'reply' | 'booked' | 'crm_status' | 'paused' | 'completed' | 'ended';

export type ExitVerdict =
  | { exit: true; reason: ExitReason; /** false only for `paused` (touches resume after it) */ final: boolean; detail: string; until?: number | null }
  | { exit: false };

export interface ExitCheckInput {
  contact: ContactState | null;
  /** null when the item names no enrollment: only the contact is checked */
  enrollment: Enrollment | null;
  templatePaused: boolean;
  /** channel of the next touch, when known (an SMS opt-out does not stop an email step) */
  channel: string | null;
  booked: boolean;
  crmStatus: string | null;
  /** template exit.onBooked */
  onBooked: boolean;
  /** template exit.crmStatuses plus the node's extra ones */
  exitStatuses: readonly string[];
  now: number;
}

const norm = (s: string) => s.trim().toLowerCase();

/**
 * Whether a sequence should end for this item, and why. Order: opt-out, reply (after the
 * enrollment began), an ended enrollment (completed / booked / CRM status / other), booked,
 * CRM status, then pauses (contact or template; temporary).
 * @example exitCheck({ ...input, crmStatus: 'Won', exitStatuses: ['won'] }) // { exit: true, reason: 'crm_status', … }
 */
export function exitCheck(x: ExitCheckInput): ExitVerdict {
  const c = x.contact;
  if (c && optedOutFor(c, x.channel)) return { exit: true, reason: 'opt_out', final: true, detail: `opted out (${c.optOut.sms ? 'sms' : 'email'})` };
  const since = x.enrollment?.createdAt ?? null;
  if (c?.lastReply && since !== null && c.lastReply.at >= since) {
    return { exit: true, reason: 'reply', final: true, detail: `replied at ${new Date(c.lastReply.at).toISOString()}` };
  }
  const e = x.enrollment;
  if (e && e.status !== 'active') {
    const r = e.endReason ?? e.status;
    const reason: ExitReason =
      e.status === 'completed' ? 'completed'
      : r === 'replied' ? 'reply'
      : r === 'opted_out' ? 'opt_out'
      : r === 'booked' ? 'booked'
      : r === 'crm_status' ? 'crm_status'
      : 'ended';
    return { exit: true, reason, final: true, detail: `enrollment ${e.status} (${r})` };
  }
  if (x.booked && x.onBooked) return { exit: true, reason: 'booked', final: true, detail: 'the item says the caller booked' };
  const status = x.crmStatus?.trim() ?? '';
  if (status !== '' && x.exitStatuses.some((s) => norm(s) === norm(status))) {
    return { exit: true, reason: 'crm_status', final: true, detail: `CRM status ${status}` };
  }
  if (c && isContactPaused(c, x.now)) {
    return { exit: true, reason: 'paused', final: false, detail: `contact paused (${c.pause!.reason})`, until: c.pause!.until };
  }
  if (x.templatePaused) return { exit: true, reason: 'paused', final: false, detail: 'template paused', until: null };
  return { exit: false };
}
