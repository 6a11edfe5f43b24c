import { describe, expect, it } from 'vitest';
import { variantVerdict, type VariantCounts, type WinnerMetric } from '../../../nodes/MissedCallLedger/variantVerdict';

/** A variant row: `k` re-engaged of `n` (the default metric), nothing else unless given. */
const v = (variant: string, n: number, k: number, over: Partial<VariantCounts> = {}): VariantCounts => ({
  variant,
  enrollments: n,
  responses: 0,
  reengaged: k,
  conversions: 0,
  humanReached: 0,
  optOuts: 0,
  ...over,
});
const judge = (rows: VariantCounts[], metric: WinnerMetric = 'reengagement') => variantVerdict(rows, metric);
const verdicts = (rows: VariantCounts[], metric?: WinnerMetric) => judge(rows, metric).comparisons.map((c) => c.verdict);
const rel = (a: number | null, b: number) => Math.abs(a! / b - 1);

describe('variantVerdict', () => {
  it('crowns a leader significantly better than the only other variant (z = 4)', () => {
    const r = judge([v('A', 120, 60), v('B', 120, 30)]);
    expect(r.winningVariant).toBe('A');
    expect(r.comparisons[0]).toEqual({ metric: 'reengagement', verdict: 'winner', pValue: null, lift: null, alpha: 0.05, optOutGuard: false });
    expect(r.comparisons[1]).toMatchObject({ metric: 'reengagement', verdict: 'worse', lift: -0.5, alpha: 0.05, optOutGuard: false });
    expect(rel(r.comparisons[1]!.pValue, 6.334248366623993e-5)).toBeLessThan(1e-5);
  });

  it('finds the leader wherever it is listed and answers in input order', () => {
    const r = judge([v('A', 120, 30), v('B', 120, 60)]);
    expect(r.comparisons.map((c) => c.verdict)).toEqual(['worse', 'winner']);
    expect(r.winningVariant).toBe('B');
  });

  it('calls a leader not significantly better `leading`, the other `no_difference` (p 0.138)', () => {
    const r = judge([v('A', 100, 40), v('B', 100, 30)]);
    expect(r.comparisons.map((c) => c.verdict)).toEqual(['leading', 'no_difference']);
    expect(rel(r.comparisons[1]!.pValue, 0.13820766697402576)).toBeLessThan(1e-5);
    expect(r.comparisons[1]!.lift).toBe(-0.25);
    expect(r.winningVariant).toBeNull();
  });

  describe('Bonferroni with 3 variants: alpha 0.05 / 2 = 0.025 per comparison', () => {
    it('a p of 0.047 is significant with 2 variants but not with 3', () => {
      expect(verdicts([v('A', 100, 30), v('B', 100, 18)])).toEqual(['winner', 'worse']);
      const r = judge([v('A', 100, 30), v('B', 100, 18), v('C', 100, 5)]);
      expect(r.comparisons.map((c) => [c.verdict, c.alpha])).toEqual([
        ['leading', 0.025],
        ['no_difference', 0.025],
        ['worse', 0.025],
      ]);
      expect(r.winningVariant).toBeNull();
    });

    it('a p of 0.0235 is significant at 0.025: the leader wins over both', () => {
      const r = judge([v('A', 100, 40), v('B', 100, 25), v('C', 100, 5)]);
      expect(r.comparisons.map((c) => c.verdict)).toEqual(['winner', 'worse', 'worse']);
      expect(rel(r.comparisons[1]!.pValue, 0.02354005826117795)).toBeLessThan(1e-5);
      expect(r.winningVariant).toBe('A');
    });
  });

  describe('minimum sample', () => {
    it('judges a variant from 30 enrollments on, not at 29', () => {
      expect(verdicts([v('A', 30, 25), v('B', 30, 5)])).toEqual(['winner', 'worse']);
      expect(verdicts([v('A', 29, 24), v('B', 30, 5)])).toEqual(['insufficient_data', 'insufficient_data']);
      expect(judge([v('A', 29, 24), v('B', 30, 5)]).comparisons.every((c) => c.pValue === null && c.lift === null)).toBe(true);
    });

    it('never makes a small variant the leader, and a leader with an untested rival no winner', () => {
      const r = judge([v('A', 29, 29), v('B', 120, 60), v('C', 120, 30)]);
      expect(r.comparisons.map((c) => [c.verdict, c.pValue === null])).toEqual([
        ['insufficient_data', true],
        ['leading', true],
        ['worse', false],
      ]);
      // the small variant's lift is still shown against the leader, untested
      expect(r.comparisons[0]!.lift).toBe(1);
      expect(r.winningVariant).toBeNull();
    });

    it('needs 5 pooled successes and 5 pooled failures in a pair', () => {
      expect(verdicts([v('A', 100, 4), v('B', 100, 0)])).toEqual(['insufficient_data', 'insufficient_data']);
      // 5 / 100 against 0 / 100: p 0.0235
      expect(verdicts([v('A', 100, 5), v('B', 100, 0)])).toEqual(['winner', 'worse']);
      expect(verdicts([v('A', 100, 100), v('B', 100, 96)])).toEqual(['insufficient_data', 'insufficient_data']);
      expect(verdicts([v('A', 100, 100), v('B', 100, 95)])).toEqual(['winner', 'worse']);
    });

    it('keeps the leader `leading` when one rival is tested and another is not', () => {
      // B is tested against A (35 pooled successes), D has only 10 enrollments
      expect(verdicts([v('A', 100, 30), v('B', 100, 5), v('D', 10, 0)])).toEqual(['leading', 'worse', 'insufficient_data']);
    });

    it('gives a lone variant `insufficient_data` at alpha 0.05', () => {
      expect(judge([v('A', 500, 200)])).toEqual({
        comparisons: [{ metric: 'reengagement', verdict: 'insufficient_data', pValue: null, lift: null, alpha: 0.05, optOutGuard: false }],
        winningVariant: null,
      });
    });
  });

  describe('ties and zero rates', () => {
    it('breaks a tie by enrollments, then by name; the tied rival is `no_difference` at p 1', () => {
      const same = judge([v('B', 50, 10), v('A', 50, 10)]);
      expect(same.comparisons.map((c) => [c.verdict, c.pValue, c.lift])).toEqual([
        ['no_difference', 1, 0],
        ['leading', null, null],
      ]);
      expect(verdicts([v('A', 50, 10), v('B', 100, 20)])).toEqual(['no_difference', 'leading']);
      expect(same.winningVariant).toBeNull();
    });

    it('judges nothing when every rate is 0 (no lift against a zero leader)', () => {
      const r = judge([v('A', 100, 0), v('B', 100, 0)]);
      expect(r.comparisons.map((c) => [c.verdict, c.pValue, c.lift])).toEqual([
        ['insufficient_data', null, null],
        ['insufficient_data', null, null],
      ]);
      expect(r.winningVariant).toBeNull();
    });

    it('calls a zero rate against a leader of 20 % `worse` with lift −1', () => {
      const r = judge([v('A', 100, 20), v('B', 100, 0)]);
      expect(r.comparisons.map((c) => [c.verdict, c.lift])).toEqual([
        ['winner', null],
        ['worse', -1],
      ]);
      expect(rel(r.comparisons[1]!.pValue, 2.428467472975848e-6)).toBeLessThan(1e-5);
    });
  });

  describe('opt-out guard', () => {
    it('refuses the crown to a leader whose opt-out rate is significantly higher (20/120 against 5/120, p 0.0015)', () => {
      const r = judge([v('A', 120, 60, { optOuts: 20 }), v('B', 120, 30, { optOuts: 5 })]);
      expect(r.comparisons.map((c) => [c.verdict, c.optOutGuard])).toEqual([
        ['leading', true],
        ['worse', false],
      ]);
      expect(r.winningVariant).toBeNull();
    });

    it('lets a leader win when its extra opt-outs are noise (8/120 against 5/120) or when it has fewer', () => {
      expect(judge([v('A', 120, 60, { optOuts: 8 }), v('B', 120, 30, { optOuts: 5 })]).winningVariant).toBe('A');
      const fewer = judge([v('A', 120, 60, { optOuts: 5 }), v('B', 120, 30, { optOuts: 20 })]);
      expect(fewer.comparisons.map((c) => [c.verdict, c.optOutGuard])).toEqual([
        ['winner', false],
        ['worse', false],
      ]);
    });

    it('tests opt-outs at the same Bonferroni alpha (12/120 against 4/120, p 0.038)', () => {
      const two = judge([v('A', 120, 60, { optOuts: 12 }), v('B', 120, 30, { optOuts: 4 })]);
      expect(two.comparisons[0]).toMatchObject({ verdict: 'leading', optOutGuard: true });
      const three = judge([v('A', 120, 60, { optOuts: 12 }), v('B', 120, 30, { optOuts: 4 }), v('C', 120, 20, { optOuts: 12 })]);
      expect(three.comparisons.map((c) => [c.verdict, c.optOutGuard])).toEqual([
        ['winner', false],
        ['worse', false],
        ['worse', false],
      ]);
    });

    it('reports the guard on a leader that is not winning anyway', () => {
      expect(judge([v('A', 120, 40, { optOuts: 20 }), v('B', 120, 35, { optOuts: 5 })]).comparisons[0]).toMatchObject({ verdict: 'leading', optOutGuard: true });
    });
  });

  it.each([
    ['reengagement', 'reengaged'],
    ['response', 'responses'],
    ['conversion', 'conversions'],
    ['humanReached', 'humanReached'],
  ] as const)('compares on %s the %s count', (metric, field) => {
    // B leads on the chosen count only; A leads on every other one
    const others = { responses: 50, reengaged: 50, conversions: 50, humanReached: 50 };
    const rows = [v('A', 120, 50, { ...others, [field]: 10 }), v('B', 120, 0, { responses: 0, reengaged: 0, conversions: 0, humanReached: 0, [field]: 60 })];
    const r = judge(rows, metric);
    expect(r.winningVariant).toBe('B');
    expect(r.comparisons.map((c) => c.metric)).toEqual([metric, metric]);
  });
});
