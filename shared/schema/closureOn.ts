import type { BusinessClosure } from './sequenceTemplate';

/**
 * The closure covering local date `date` ('YYYY-MM-DD' in the business time zone), or null.
 * `to` is inclusive and defaults to `from`; ISO dates compare correctly as strings.
 * @example closureOn([{ from: '2026-12-24', to: '2026-12-26', reason: 'Christmas' }], '2026-12-25')?.reason // 'Christmas'
 */
export function closureOn(closures: readonly BusinessClosure[] | undefined, date: string): BusinessClosure | null {
  return closures?.find((c) => date >= c.from && date <= (c.to ?? c.from)) ?? null;
}
