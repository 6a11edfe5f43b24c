import { twoProportionZTest } from './twoProportionZTest';

/** Winner metric (node option value) → the count of a KPI row it compares; the denominator is `enrollments`. */
export const WINNER_METRICS = {
  reengagement: 'reengaged',
  response: 'responses',
  conversion: 'conversions',
  humanReached: 'humanReached',
} as const;
export type WinnerMetric = keyof typeof WINNER_METRICS;
export const isWinnerMetric = (v: unknown): v is WinnerMetric => typeof v === 'string' && Object.hasOwn(WINNER_METRICS, v);

/** Family-wise significance level, split over the k − 1 comparisons with the leader (Bonferroni). */
export const FAMILY_ALPHA = 0.05;
/** A variant with fewer enrollments is never judged, nor chosen as the leader. */
export const MIN_ENROLLMENTS = 30;
/** A pair is tested only when its pooled successes and its pooled failures each reach this (normal approximation). */
export const MIN_POOLED = 5;

export type Verdict = 'winner' | 'leading' | 'worse' | 'no_difference' | 'insufficient_data';

/** The counts of one variant row that are compared. */
export interface VariantCounts {
  variant: string | null;
  enrollments: number;
  responses: number;
  reengaged: number;
  conversions: number;
  humanReached: number;
  optOuts: number;
}

export interface VariantComparison {
  metric: WinnerMetric;
  verdict: Verdict;
  /** two-sided p-value against the leader; null for the leader and for a pair not tested */
  pValue: number | null;
  /** rate / leader's rate − 1 (4 decimals); null for the leader, without a leader, or when the leader's rate is 0 */
  lift: number | null;
  /** significance level of each comparison: FAMILY_ALPHA / (k − 1) */
  alpha: number;
  /** leader only: its opt-out rate is significantly higher than another variant's, so it cannot be the winner */
  optOutGuard: boolean;
}

export interface StepVerdict {
  /** one per input row, in input order */
  comparisons: VariantComparison[];
  /** the winner's variant, else null */
  winningVariant: string | null;
}

type Count = (r: VariantCounts) => number;

/**
 * Judges the A/B variants of one step on one metric (count / enrollments), honestly:
 * - eligible: variants with ≥ MIN_ENROLLMENTS enrollments. With fewer than two eligible there is
 *   no leader and every verdict is `insufficient_data`.
 * - leader: the eligible variant with the highest rate (ties: more enrollments, then the variant name).
 * - every other variant: a two-sided pooled two-proportion z-test against the leader at
 *   alpha = FAMILY_ALPHA / (k − 1), k = every variant of the step (ineligible ones included).
 *   Tested only when both have ≥ MIN_ENROLLMENTS and the pooled successes and failures are each
 *   ≥ MIN_POOLED, else `insufficient_data`; p < alpha → `worse`, else `no_difference`.
 * - the leader: `winner` when every other variant is `worse` and the opt-out guard is off;
 *   `insufficient_data` when no other variant could be tested; else `leading`.
 * - opt-out guard: the leader's opt-out rate is significantly higher (same test, rules and alpha)
 *   than another variant's. A variant that wins replies by annoying people is not a winner.
 */
export function variantVerdict(rows: readonly VariantCounts[], metric: WinnerMetric): StepVerdict {
  const count: Count = (r) => r[WINNER_METRICS[metric]];
  const alpha = FAMILY_ALPHA / Math.max(1, rows.length - 1);
  const eligible = rows.filter((r) => r.enrollments >= MIN_ENROLLMENTS);
  const leader = eligible.length < 2 ? undefined : eligible.reduce((best, r) => (better(r, best, count) ? r : best));
  const base = { metric, alpha, optOutGuard: false };
  if (!leader) {
    return { comparisons: rows.map(() => ({ ...base, verdict: 'insufficient_data', pValue: null, lift: null })), winningVariant: null };
  }

  const lead = count(leader) / leader.enrollments;
  const others = new Map<VariantCounts, VariantComparison>();
  for (const r of rows) {
    if (r === leader) continue;
    const p = test(leader, r, count);
    others.set(r, {
      ...base,
      verdict: p === null ? 'insufficient_data' : p < alpha ? 'worse' : 'no_difference',
      pValue: p,
      lift: lead === 0 || r.enrollments === 0 ? null : Math.round((count(r) / r.enrollments / lead - 1) * 10_000) / 10_000,
    });
  }
  const optOutRate = (r: VariantCounts) => r.optOuts / r.enrollments;
  const optOutGuard = [...others.keys()].some((r) => {
    const p = test(leader, r, (x) => x.optOuts);
    return p !== null && p < alpha && optOutRate(leader) > optOutRate(r);
  });
  const verdicts = [...others.values()].map((c) => c.verdict);
  const verdict: Verdict = verdicts.every((v) => v === 'insufficient_data')
    ? 'insufficient_data'
    : verdicts.every((v) => v === 'worse') && !optOutGuard
      ? 'winner'
      : 'leading';
  const mine: VariantComparison = { ...base, verdict, pValue: null, lift: null, optOutGuard };
  return {
    comparisons: rows.map((r) => (r === leader ? mine : others.get(r)!)),
    winningVariant: verdict === 'winner' ? leader.variant : null,
  };
}

/** Whether `a` leads `b`: higher rate (exact, by cross-multiplying), then more enrollments, then the name. */
function better(a: VariantCounts, b: VariantCounts, count: Count): boolean {
  const d = count(a) * b.enrollments - count(b) * a.enrollments;
  if (d !== 0) return d > 0;
  if (a.enrollments !== b.enrollments) return a.enrollments > b.enrollments;
  return (a.variant ?? '').localeCompare(b.variant ?? '') < 0;
}

/** The two-sided p-value of `a` against `b` on `count`, or null below the minimum sample. */
function test(a: VariantCounts, b: VariantCounts, count: Count): number | null {
  if (a.enrollments < MIN_ENROLLMENTS || b.enrollments < MIN_ENROLLMENTS) return null;
  const successes = count(a) + count(b);
  const failures = a.enrollments + b.enrollments - successes;
  if (successes < MIN_POOLED || failures < MIN_POOLED) return null;
  return twoProportionZTest(count(a), a.enrollments, count(b), b.enrollments).pValue;
}
