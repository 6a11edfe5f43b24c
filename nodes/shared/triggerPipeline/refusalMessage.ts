import type { EnrollInput, EnrollRefusal, Enrollment } from '../../ledger/Ledger';

const HOUR_MS = 3_600_000;

/**
 * Why the ledger refused to enroll a caller, in words an operator (often testing with their own phone)
 * can act on: what holds the caller back and how to lift it.
 * @example refusalMessage('active_enrollment', input, enrollment) // 'the caller is already in this sequence (started 2026-12-01T15:04:00.000Z); …'
 */
export function refusalMessage(reason: EnrollRefusal, input: Pick<EnrollInput, 'reentry' | 'conversationWindowMs'>, enrollment?: Enrollment): string {
  const since = enrollment ? ` (started ${new Date(enrollment.createdAt).toISOString()})` : '';
  switch (reason) {
    case 'duplicate_call':
      return 'this call already started a sequence (the provider sent it again); nothing was sent twice';
    case 'opted_out':
      return 'the caller opted out of texts or emails this sequence uses; a START reply (or a recorded consent) lifts it';
    case 'active_enrollment':
      return `the caller is already in this sequence${since}; a new call starts one once it ends (Missed Call Ledger → Contact → End Sequences ends it now)`;
    case 'in_conversation': {
      const hours = Math.round((input.conversationWindowMs ?? 0) / HOUR_MS);
      return `the caller replied or spoke with a person in the last ${hours} h, so a person is talking with them (the trigger's In-Conversation Window; 0 turns it off, e.g. while testing)`;
    }
    case 'reentry_blocked':
      return input.reentry.policy === 'after_days'
        ? `the template lets a caller start again only ${input.reentry.days} day(s) after their last sequence${since} (Re-entry)`
        : `the template never lets a caller start this sequence again${since} (Re-entry)`;
  }
}
