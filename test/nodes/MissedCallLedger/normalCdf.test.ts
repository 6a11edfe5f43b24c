import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../../nodes/MissedCallLedger/normalCdf';

describe('normalCdf', () => {
  // Φ at its familiar quantiles and at whole numbers (tables / an exact erfc)
  it.each([
    [0, 0.5],
    [0.5, 0.6914624612740131],
    [1, 0.8413447460685429],
    [-1, 0.15865525393145707],
    [1.6448536269514722, 0.95],
    [1.959963984540054, 0.975],
    [-1.959963984540054, 0.025],
    [2, 0.9772498680518208],
    [2.5758293035489, 0.995],
    [3, 0.9986501019683699],
    [-3, 0.0013498980316300957],
    [4, 0.9999683287581669],
    [5, 0.9999997133484281],
    [-8, 6.22096057427e-16],
    [40, 1],
    [-40, 0],
  ])('Φ(%d) = %d within 1e-7', (x, expected) => {
    expect(Math.abs(normalCdf(x) - expected)).toBeLessThan(1e-7);
  });

  it('keeps small lower tails accurate in relative terms (small p-values)', () => {
    expect(Math.abs(normalCdf(-4) / 3.167124183311992e-5 - 1)).toBeLessThan(1e-6);
    expect(Math.abs(normalCdf(-6) / 9.865876450377012e-10 - 1)).toBeLessThan(1e-6);
  });

  it('is symmetric and increasing', () => {
    let last = 0;
    for (let x = -8; x <= 8; x += 0.01) {
      expect(Math.abs(normalCdf(x) + normalCdf(-x) - 1)).toBeLessThan(1e-7);
      expect(normalCdf(x)).toBeGreaterThanOrEqual(last);
      last = normalCdf(x);
    }
  });

  it('gives NaN for NaN', () => {
    expect(normalCdf(NaN)).toBeNaN();
  });
});
