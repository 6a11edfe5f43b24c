import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { NodeOperationError, type INodeExecutionData, type IPollFunctions } from 'n8n-workflow';
import { parseCurrentTime } from '../shared/parseCurrentTime';
import type { Ledger, Touch } from '../ledger/Ledger';
import { nextAfterTouch } from '../shared/nextAfterTouch';
import { openLedger } from '../shared/openLedger';
import { sweepSettledCalls } from '../shared/triggerPipeline/settledCalls';
import { nextAfterStranded } from './nextAfterStranded';
import { stepOf, storedTemplate, touchItem } from './touchItem';

const MINUTE_MS = 60_000;

/**
 * Closes a touch that can never run (its enrollment, template or step is gone) so it is not claimed
 * again, and moves its sequence on in the same transaction (an unreadable template exits the
 * enrollment, `template_invalid`), so the enrollment still reaches an end state.
 */
async function skip(ledger: Ledger, touch: Touch, reason: string, now: number): Promise<void> {
  await ledger.completeTouch(touch.id, { status: 'skipped', detail: { reason }, now }, nextAfterTouch);
}

/**
 * One poll. First the settle sweep: missed calls the Missed Call Trigger parked while waiting for
 * a final event that never came are claimed atomically once their settle window elapsed, enrolled
 * from what the trigger stored, and resolved. Their first touch is then an ordinary pending touch,
 * emitted by this same poll when due like any other (the sweep emits nothing itself).
 * Then the stranded-touch sweep (ledger.settleStrandedTouches): a touch left `sending` longer than
 * the Send Outcome Lease is closed as failed with an unknown outcome (never re-sent), and after it,
 * or after a touch its sender completed `failed`, the sequence moves on (next step scheduled, or
 * the enrollment completed), so every enrollment reaches an end state. A next step already due is
 * emitted by this same poll.
 * Then the repair sweep (ledger.repairStrandedEnrollments): an active enrollment left with no open
 * touch after a done one (a completion that did not move its sequence on, e.g. a crash between two
 * transactions before completions moved on atomically) moves on from its latest touch, audited
 * `sequence_repaired` (see nextAfterStranded); enrollments handed to a person (Manual) are left alone.
 * Then it claims the due touches (atomic across mains and workers: two pollers never get the same
 * touch) and emits one item per touch; null when nothing is due. Touches whose enrollment or step
 * cannot be found are closed as `skipped` (audited by the ledger) instead of being emitted.
 * Claiming does not advance the sequence: the Follow-up Sender schedules the next step after a
 * send or skip, and the Consent Gate after a per-message block (see ConsentGate/router), each in the
 * same ledger transaction as the touch's completion.
 */
export async function pollScheduler(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
  const now = parseCurrentTime(this.getNodeParameter('currentTime', ''), this.getTimezone(), Date.now());
  if (now === null) throw new NodeOperationError(this.getNode(), 'Current Time is not a valid date.');
  const limit = Math.floor(Number(this.getNodeParameter('batchSize', 50)));
  const leaseMinutes = Number(this.getNodeParameter('leaseMinutes', 10));
  if (!(limit > 0)) throw new NodeOperationError(this.getNode(), 'Batch Size must be a positive number.');
  if (!(leaseMinutes > 0)) throw new NodeOperationError(this.getNode(), 'Lease (Minutes) must be a positive number.');
  const sendLeaseMinutes = Number(this.getNodeParameter('sendLeaseMinutes', 15));
  if (!(sendLeaseMinutes > 0)) throw new NodeOperationError(this.getNode(), 'Send Outcome Lease (Minutes) must be a positive number.');

  const ledger = await openLedger(this);
  const worker = `${hostname()}:${process.pid}:${this.getWorkflow().id ?? 'workflow'}:${randomUUID().slice(0, 8)}`;
  const leaseMs = Math.round(leaseMinutes * MINUTE_MS);
  await sweepSettledCalls(ledger, { now, limit, worker, leaseMs });
  await ledger.settleStrandedTouches({ now, sendLeaseMs: Math.round(sendLeaseMinutes * MINUTE_MS), limit, next: nextAfterTouch });
  await ledger.repairStrandedEnrollments({ now, limit, next: nextAfterStranded });
  const touches = await ledger.claimDueTouches({ now, limit, worker, leaseMs });

  const items: INodeExecutionData[] = [];
  for (const touch of touches) {
    const enrollment = await ledger.enrollment(touch.enrollmentId);
    if (!enrollment) {
      await skip(ledger, touch, 'enrollment_not_found', now);
      continue;
    }
    const template = storedTemplate(enrollment.template);
    if (!template) {
      await skip(ledger, touch, 'template_invalid', now);
      continue;
    }
    const step = stepOf(template, touch.stepId);
    if (!step) {
      await skip(ledger, touch, 'step_not_found', now);
      continue;
    }
    const contact = await ledger.contact(touch.phone);
    items.push({ json: touchItem(touch, step, template, enrollment, contact) });
  }
  return items.length > 0 ? [items] : null;
}
