import { isContactPaused } from './isContactPaused';
import type { ContactState, Enrollment, TouchChannel, TouchStop } from './Ledger';

/** Stops after which the touch is cancelled (the others only hold it back). */
export const PERMANENT_STOPS: ReadonlySet<TouchStop> = new Set<TouchStop>([
  'enrollment_exited',
  'enrollment_completed',
  'opted_out',
  'replied',
]);

/** Whether the contact opted out of the channel; a non-sms/email channel counts either opt-out. */
export function optedOutFor(c: Pick<ContactState, 'optOut'>, channel: TouchChannel | null): boolean {
  if (channel === 'sms') return c.optOut.sms !== null;
  if (channel === 'email') return c.optOut.email !== null;
  return c.optOut.sms !== null || c.optOut.email !== null;
}

/**
 * Why a touch may not go out at `now`, or null. Both backends use it in beginSend; their claim
 * queries express the same rule in SQL. A reply at or after the enrollment's start stops it.
 * @example touchStop({ channel: 'sms', enrollment, contact: { ...c, optOut: { sms: rec, email: null } }, templatePaused: false, now }) // 'opted_out'
 */
export function touchStop(x: {
  channel: TouchChannel | null;
  enrollment: Pick<Enrollment, 'status' | 'createdAt'>;
  contact: ContactState | null;
  templatePaused: boolean;
  now: number;
}): TouchStop | null {
  if (x.enrollment.status === 'exited') return 'enrollment_exited';
  if (x.enrollment.status === 'completed') return 'enrollment_completed';
  const c = x.contact;
  if (c !== null) {
    if (optedOutFor(c, x.channel)) return 'opted_out';
    if (c.lastReply !== null && c.lastReply.at >= x.enrollment.createdAt) return 'replied';
    if (isContactPaused(c, x.now)) return 'contact_paused';
  }
  if (x.templatePaused) return 'template_paused';
  return null;
}
