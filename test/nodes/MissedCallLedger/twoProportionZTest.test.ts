import { describe, expect, it } from 'vitest';
import { twoProportionZTest } from '../../../nodes/MissedCallLedger/twoProportionZTest';

const rel = (a: number, b: number) => Math.abs(a / b - 1);

describe('twoProportionZTest (pooled, two-sided)', () => {
  it('gives z = 4 for 60/120 against 30/120 (pooled 0.375, se = √(0.375·0.625·2/120) = 0.0625)', () => {
    const r = twoProportionZTest(60, 120, 30, 120);
    expect(r.z).toBeCloseTo(4, 12);
    // 2·(1 − Φ(4))
    expect(rel(r.pValue, 6.334248366623993e-5)).toBeLessThan(1e-5);
  });

  it.each([
    // a, n, b, m, z, p: pooled p̂ = (a+b)/(n+m), z = (a/n − b/m) / √(p̂(1−p̂)(1/n+1/m)), p = 2(1 − Φ(|z|))
    [15, 30, 3, 30, 3.3806170189140667, 0.0007232327164301924], // p̂ 0.3, se √0.014
    [30, 100, 18, 100, 1.9867985355975655, 0.04694472697848184], // p̂ 0.24, se √0.003648
    [40, 100, 25, 100, 2.2645540682891916, 0.02354005826117795],
    [40, 100, 30, 100, 1.4824986333222028, 0.13820766697402576],
    [20, 100, 0, 100, 4.714045207910317, 2.428467472975848e-6],
  ])('%d/%d against %d/%d: z %d, p %d', (a, n, b, m, z, p) => {
    const r = twoProportionZTest(a, n, b, m);
    expect(r.z).toBeCloseTo(z, 9);
    expect(rel(r.pValue, p)).toBeLessThan(1e-5);
    // the other way round: the same p, the opposite z
    const back = twoProportionZTest(b, m, a, n);
    expect(back.z).toBeCloseTo(-z, 9);
    expect(back.pValue).toBe(r.pValue);
  });

  it('gives z 0 and p 1 for equal rates, including all-zero and all-one samples', () => {
    expect(twoProportionZTest(60, 200, 30, 100)).toEqual({ z: 0, pValue: 1 });
    expect(twoProportionZTest(0, 50, 0, 80)).toEqual({ z: 0, pValue: 1 });
    expect(twoProportionZTest(50, 50, 80, 80)).toEqual({ z: 0, pValue: 1 });
  });

  it('refuses an empty sample', () => {
    expect(() => twoProportionZTest(0, 0, 3, 10)).toThrow(RangeError);
  });
});
