import { describe, expect, it } from 'vitest';
import { refusalMessage } from '../../../nodes/shared/triggerPipeline/refusalMessage';
import type { Enrollment } from '../../../nodes/ledger';

const started = { createdAt: Date.UTC(2027, 0, 14, 16, 0) } as Enrollment;
const input = { reentry: { policy: 'after_completion' as const }, conversationWindowMs: 48 * 3_600_000 };

describe('refusalMessage: why a caller was not enrolled, and what lifts it', () => {
  it.each([
    ['duplicate_call', /already started a sequence .*nothing was sent twice/],
    ['opted_out', /opted out .*START reply/],
    ['active_enrollment', /already in this sequence \(started 2027-01-14T16:00:00\.000Z\).*End Sequences/],
    ['in_conversation', /in the last 48 h.*In-Conversation Window; 0 turns it off/],
  ] as const)('%s', (reason, want) => {
    expect(refusalMessage(reason, input, started)).toMatch(want);
  });

  it('names the re-entry policy that blocks', () => {
    expect(refusalMessage('reentry_blocked', { reentry: { policy: 'never' } }, started)).toBe(
      'the template never lets a caller start this sequence again (started 2027-01-14T16:00:00.000Z) (Re-entry)',
    );
    expect(refusalMessage('reentry_blocked', { reentry: { policy: 'after_days', days: 30 } })).toBe(
      'the template lets a caller start again only 30 day(s) after their last sequence (Re-entry)',
    );
  });
});
