import type { ContactState, EnrollInput, EnrollRefusal, Enrollment } from './Ledger';

export const DAY_MS = 86_400_000;

/**
 * Why an enrollment must not be created, or null. `previous`: the contact's enrollments in the
 * same template (any status); `sameCall`: the enrollment this template already has for the call.
 * Order: duplicate call, opted out, active enrollment, in a conversation (a reply by text or email,
 * or a call a person answered, within `conversationWindowMs`), re-entry policy. `after_completion` allows
 * a new run once no run is active (completed or exited); `after_days` counts from the start of
 * the latest run.
 */
export function enrollmentRefusal(x: {
  input: Pick<EnrollInput, 'reentry' | 'channels' | 'now' | 'conversationWindowMs'>;
  contact: ContactState | null;
  previous: Enrollment[];
  sameCall: Enrollment | null;
}): { reason: EnrollRefusal; enrollment?: Enrollment } | null {
  if (x.sameCall !== null) return { reason: 'duplicate_call', enrollment: x.sameCall };
  const channels = x.input.channels ?? ['sms', 'email'];
  if (x.contact !== null && channels.some((ch) => x.contact!.optOut[ch] !== null)) return { reason: 'opted_out' };
  const active = x.previous.find((e) => e.status === 'active');
  if (active !== undefined) return { reason: 'active_enrollment', enrollment: active };
  const window = x.input.conversationWindowMs ?? 0;
  const within = (at: number | null | undefined) => at !== null && at !== undefined && at <= x.input.now && at > x.input.now - window;
  if (window > 0 && (within(x.contact?.lastReply?.at) || within(x.contact?.lastConversationAt))) return { reason: 'in_conversation' };
  const latest = x.previous.reduce<Enrollment | null>((a, e) => (a === null || e.createdAt > a.createdAt ? e : a), null);
  if (latest === null) return null;
  const r = x.input.reentry;
  if (r.policy === 'never') return { reason: 'reentry_blocked', enrollment: latest };
  if (r.policy === 'after_days' && latest.createdAt + r.days * DAY_MS > x.input.now) {
    return { reason: 'reentry_blocked', enrollment: latest };
  }
  return null;
}
