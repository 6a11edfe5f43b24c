import type { ReasonCode } from '../../shared/compliance';
import type { Enrollment, NextAfterTouch, Touch } from '../ledger/Ledger';
import { blockScope, gateBlockReason } from '../ConsentGate/sequenceAfterGate';
import { nextAfterTouch } from '../shared/nextAfterTouch';

/**
 * `next` for the repair sweep (ledger.repairStrandedEnrollments): the rule of the node that left the
 * enrollment stranded. A touch the Consent Gate blocked for a contact-level reason (its detail keeps
 * the reason codes) ends the enrollment as the gate would have (`gate_block:<CODE>`); any other done
 * touch goes on with nextAfterTouch. Pure.
 * @example ledger.repairStrandedEnrollments({ now, limit: 50, next: nextAfterStranded })
 */
export function nextAfterStranded(x: { enrollment: Enrollment; touch: Touch; from: number }): NextAfterTouch {
  if (x.touch.status === 'blocked') {
    const reasons = (x.touch.detail as { reasons?: unknown } | null)?.reasons;
    const codes = Array.isArray(reasons) ? (reasons.filter((c) => typeof c === 'string') as ReasonCode[]) : [];
    if (codes.length > 0 && blockScope(codes) === 'contact') return { kind: 'exit', reason: gateBlockReason(codes) };
  }
  return nextAfterTouch(x);
}
