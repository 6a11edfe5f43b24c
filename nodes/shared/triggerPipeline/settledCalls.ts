import type { CallEvent } from '../../../shared/schema/callEvent';
import type { Ledger, PendingCall } from '../../ledger';
import { enrollPrepared, TRIGGER_AUDIT, type EnrollOutcome, type PreparedEnrollment } from './enrollDecided';
import type { DecidedCall } from './types';

/**
 * What the trigger stores with a parked call (`parkPendingCall`'s enrollSpec): the call as it fires
 * if its final event never comes (the provisional class, `final: true`), and the enrollment
 * prepared for it at park time (template JSON + hash, filter outcome, first steps).
 */
export interface PendingEnrollSpec {
  v: 1;
  /** the trigger that parked it: `<workflow id>:<node id>` */
  scope: string;
  call: CallEvent;
  callAt: number;
  prepared: PreparedEnrollment;
}

/** Outcomes a parked call is resolved with. */
export type PendingOutcome = 'final' | 'answered' | 'already_decided' | 'enrolled' | 'filtered' | 'template_invalid' | 'failed';

export interface SettleSweepResult {
  /** parked calls this sweep claimed */
  claimed: number;
  outcomes: (EnrollOutcome & { callKey: string; outcome: PendingOutcome })[];
}

function outcomeOf(r: EnrollOutcome, p: PreparedEnrollment): PendingOutcome {
  if (r.enrolled) return 'enrolled';
  return p.kind === 'template_invalid' ? 'template_invalid' : 'filtered';
}

/**
 * The settle sweep (run by the Sequence Scheduler on every poll): claims the parked calls whose
 * settle window elapsed with no final event (atomic: two pollers never get the same call), claims
 * each call once (`claimOnce(callKey)`: the trigger may have decided it meanwhile), enrolls it from
 * its stored spec and resolves it. The first touch is then an ordinary pending touch that
 * `claimDueTouches` hands out when due — the sweep emits nothing itself.
 * @example await sweepSettledCalls(ledger, { now, worker, limit: 50, leaseMs: 600_000 });
 */
export async function sweepSettledCalls(
  ledger: Ledger,
  q: { now: number; worker: string; limit: number; leaseMs: number },
): Promise<SettleSweepResult> {
  const claimed = await ledger.claimSettledCalls(q);
  const outcomes: SettleSweepResult['outcomes'] = [];
  for (const pc of claimed) outcomes.push(await settleOne(ledger, pc, q.now));
  return { claimed: claimed.length, outcomes };
}

async function settleOne(ledger: Ledger, pc: PendingCall, now: number): Promise<SettleSweepResult['outcomes'][number]> {
  const spec = pc.enrollSpec as PendingEnrollSpec;
  const done = async (outcome: PendingOutcome, r: EnrollOutcome = { enrolled: null, filtered: null }) => {
    await ledger.resolvePendingCall(pc.callKey, outcome, now);
    return { ...r, callKey: pc.callKey, outcome };
  };
  if (!spec || spec.v !== 1 || !spec.call || !spec.prepared) return done('failed');
  // the trigger may have decided the call (final event) between our claim and now
  if (!(await ledger.claimOnce(pc.callKey, now))) return done('already_decided');
  const d: DecidedCall = { call: spec.call, via: 'settled', callAt: spec.callAt };
  try {
    const r = await enrollPrepared(ledger, now, d, spec.prepared);
    return await done(outcomeOf(r, spec.prepared), r);
  } catch (e) {
    // claimed but not handled: keep the call in the audit trail so nobody loses it
    await ledger.audit({ kind: TRIGGER_AUDIT.failed, data: { call: spec.call, error: (e as Error).message }, now }).catch(() => undefined);
    await ledger.resolvePendingCall(pc.callKey, 'failed', now).catch(() => undefined);
    // eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- library code without a node: rethrown after cleanup, the calling node wraps it
    throw e;
  }
}
