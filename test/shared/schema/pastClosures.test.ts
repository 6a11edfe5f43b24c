import { describe, expect, it } from 'vitest';
import { isPastClosure, pastClosures, type BusinessClosure } from '../../../shared/schema';

describe('pastClosures', () => {
  const today = '2026-06-15';
  const closures: BusinessClosure[] = [
    { from: '2026-01-01', reason: 'New Year' },
    { from: '2026-06-10', to: '2026-06-14', reason: 'ended yesterday' },
    { from: '2026-06-10', to: '2026-06-15', reason: 'ends today' },
    { from: '2026-06-15' },
    { from: '2026-12-24', to: '2026-12-26' },
    { from: '2026-06-14' },
  ];

  it('keeps the closures whose last day (to, else from) is before today, in order', () => {
    expect(pastClosures(closures, today)).toEqual([closures[0], closures[1], closures[5]]);
  });

  it('counts a closure ending today, starting today or in the future as not past', () => {
    expect(closures.map((c) => isPastClosure(c, today))).toEqual([true, true, false, false, false, true]);
  });

  it('compares whole dates across months and years', () => {
    expect(isPastClosure({ from: '2025-12-31' }, '2026-01-01')).toBe(true);
    expect(isPastClosure({ from: '2026-01-31', to: '2026-02-01' }, '2026-02-01')).toBe(false);
  });

  it('never marks a half-typed or blank date past (the schema reports it instead)', () => {
    expect(isPastClosure({ from: '' }, today)).toBe(false);
    expect(isPastClosure({ from: '2026-1-1' }, today)).toBe(false);
    expect(isPastClosure({ from: '2026-01-01', to: '2026-1-2' }, today)).toBe(false);
    // a blank `to` (tidied away on save) means a single day
    expect(isPastClosure({ from: '2026-01-01', to: '' }, today)).toBe(true);
  });

  it('keeps a backwards closure that still starts today or later', () => {
    expect(isPastClosure({ from: '2026-06-20', to: '2026-06-01' }, today)).toBe(false);
  });

  it('tolerates a missing list and rejects a malformed today', () => {
    expect(pastClosures(undefined, today)).toEqual([]);
    expect(() => pastClosures(closures, '2026-6-15')).toThrow(RangeError);
    expect(() => isPastClosure(closures[0]!, '')).toThrow(RangeError);
  });
});
