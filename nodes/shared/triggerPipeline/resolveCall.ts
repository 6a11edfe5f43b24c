import type { CallEvent } from '../../../shared/schema/callEvent';
import type { EnrollingCallClass } from '../../../shared/schema/sequenceTemplate';
import type { StoredCallEvent } from '../../ledger';

/** What the events of one call say so far. */
export type CallResolution =
  /** decided: a final missed/voicemail/abandoned event, or a provisional one whose window elapsed */
  | { kind: 'fire'; call: CallEvent; via: 'final' | 'settled' }
  /** a provisional miss: wait for the final event or the settle window (`settlesAt`, epoch ms);
   * `call` is the event that promised the miss */
  | { kind: 'hold'; provisional: EnrollingCallClass; settlesAt: number; call: CallEvent }
  /** answered (a final not_missed event): never triggers */
  | { kind: 'answered' }
  /** nothing that hints at a miss (ringing, an ended parent call …) */
  | { kind: 'none' };

const ENROLLING = new Set<string>(['missed', 'voicemail', 'abandoned']);
/** Preference when several events of one call disagree: a voicemail says the most. */
const RANK: Record<EnrollingCallClass, number> = { voicemail: 3, abandoned: 2, missed: 1 };

/**
 * The class a non-final event promises, if it hints at a miss. Non-final missed/voicemail/abandoned
 * events (Twilio child legs, Zoom/Dialpad legs, RingCentral "sent to voicemail") count as they
 * are. `pending` events count where the adapter documents that they stand for an unanswered call
 * whose final class comes later: Twilio `<Dial action>` with an unanswered DialCallStatus (a
 * <Record> voicemail may follow) and Aircall `call.hungup` (call.ended follows ~30 s later).
 */
export function provisionalClass(e: CallEvent): EnrollingCallClass | null {
  if (e.final) return null;
  if (ENROLLING.has(e.class)) return e.class as EnrollingCallClass;
  if (e.class !== 'pending') return null;
  if (e.provider === 'twilio' && e.eventType.startsWith('dial-action:')) return 'missed';
  if (e.provider === 'aircall' && e.eventType === 'call.hungup') return e.reason?.includes('abandon') ? 'abandoned' : 'missed';
  return null;
}

function better(a: { cls: EnrollingCallClass }, b: { cls: EnrollingCallClass }): boolean {
  return RANK[b.cls] > RANK[a.cls];
}

/**
 * Correlates the stored events of one call (arrival order) at `now`. A final answer wins over
 * everything; otherwise the best final enrolling event fires at once; otherwise a provisional
 * miss fires once no event of the call arrived for `settleMs`.
 * @example resolveCall(await ledger.callEvents('CA1'), Date.now(), 90_000)
 */
export function resolveCall(events: readonly StoredCallEvent[], now: number, settleMs: number): CallResolution {
  let finalBest: { cls: EnrollingCallClass; call: CallEvent } | null = null;
  let provisionalBest: { cls: EnrollingCallClass; call: CallEvent } | null = null;
  let lastAt = -Infinity;
  for (const stored of events) {
    const e = stored.payload as CallEvent;
    lastAt = Math.max(lastAt, stored.receivedAt);
    if (e.final && e.class === 'not_missed') return { kind: 'answered' };
    if (e.final && ENROLLING.has(e.class)) {
      const cand = { cls: e.class as EnrollingCallClass, call: e };
      if (!finalBest || better(finalBest, cand)) finalBest = cand;
      continue;
    }
    const p = provisionalClass(e);
    if (p) {
      const cand = { cls: p, call: e };
      if (!provisionalBest || !better(cand, provisionalBest)) provisionalBest = cand;
    }
  }
  if (finalBest) return { kind: 'fire', call: finalBest.call, via: 'final' };
  if (!provisionalBest) return { kind: 'none' };
  const settlesAt = lastAt + settleMs;
  if (now < settlesAt) return { kind: 'hold', provisional: provisionalBest.cls, settlesAt, call: provisionalBest.call };
  // the trigger decides: the provisional class is the call's class from here on
  return { kind: 'fire', call: { ...provisionalBest.call, class: provisionalBest.cls, final: true }, via: 'settled' };
}
