import { normalCdf } from './normalCdf';

export interface ZTestResult {
  /** (rate a − rate b) / pooled standard error; 0 when the pooled rate is 0 or 1 */
  z: number;
  /** two-sided p-value */
  pValue: number;
}

/**
 * Two-sided two-proportion z-test with the pooled rate: `a` successes of `n` against `b` of `m`.
 * Needs n, m > 0; identical all-zero or all-one samples give z = 0, p = 1.
 */
export function twoProportionZTest(a: number, n: number, b: number, m: number): ZTestResult {
  if (!(n > 0 && m > 0)) throw new RangeError('twoProportionZTest needs two non-empty samples');
  const pooled = (a + b) / (n + m);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n + 1 / m));
  const z = se === 0 ? 0 : (a / n - b / m) / se;
  return { z, pValue: Math.min(1, 2 * normalCdf(-Math.abs(z))) };
}
