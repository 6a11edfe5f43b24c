import type { BusinessClosure } from './sequenceTemplate';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether every day of `closure` is before `today` (both local 'YYYY-MM-DD' dates in the business
 * time zone): its last day (`to`, else `from`) and its first day. A half-typed date is never past.
 * @example isPastClosure({ from: '2026-12-24', to: '2026-12-26' }, '2026-12-27') // true
 */
export function isPastClosure(closure: BusinessClosure, today: string): boolean {
  if (!ISO_DATE.test(today)) throw new RangeError(`today must be 'YYYY-MM-DD', got '${today}'`);
  const last = closure.to || closure.from;
  return ISO_DATE.test(closure.from) && ISO_DATE.test(last) && closure.from < today && last < today;
}

/**
 * The closures that ended before `today` ('YYYY-MM-DD' in the business time zone), in order:
 * they no longer close any day a message could go out. Throws RangeError for a malformed `today`.
 * @example pastClosures([{ from: '2026-01-01' }, { from: '2026-12-25' }], '2026-06-01') // [{ from: '2026-01-01' }]
 */
export function pastClosures(closures: readonly BusinessClosure[] | undefined, today: string): BusinessClosure[] {
  if (!ISO_DATE.test(today)) throw new RangeError(`today must be 'YYYY-MM-DD', got '${today}'`);
  return (closures ?? []).filter((c) => isPastClosure(c, today));
}
