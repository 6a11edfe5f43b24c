import type { SequenceMove } from '../ledger/Ledger';

export interface Advanced {
  next: { touchId: string; stepId: string; dueAt: string } | null;
  enrollmentCompleted: boolean;
}

/**
 * The report fields of a move-on done by the ledger (completeTouch with `next`): the step scheduled
 * (or already scheduled) next, and whether the enrollment completed.
 * @example advanced((await ledger.completeTouch(id, { status: 'sent', now }, nextAfterTouch)).sequence)
 */
export function advanced(sequence: SequenceMove | null): Advanced {
  const t = sequence && (sequence.action === 'scheduled' || sequence.action === 'none') ? (sequence.touch ?? null) : null;
  return {
    next: t ? { touchId: t.id, stepId: t.stepId, dueAt: new Date(t.dueAt).toISOString() } : null,
    enrollmentCompleted: sequence?.action === 'completed',
  };
}
