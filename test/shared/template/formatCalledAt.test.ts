import { describe, expect, it } from 'vitest';
import { formatCalledAt } from '../../../shared/template';

describe('formatCalledAt', () => {
  const at = Date.parse('2026-01-14T21:45:00Z');

  it.each([
    ['America/Chicago', 'Wed, Jan 14, 3:45 PM'],
    ['Pacific/Honolulu', 'Wed, Jan 14, 11:45 AM'],
    ['Europe/London', 'Wed, Jan 14, 9:45 PM'],
    ['Asia/Tokyo', 'Thu, Jan 15, 6:45 AM'],
  ])('writes the instant on the wall clock of %s', (zone, want) => {
    expect(formatCalledAt(at, zone)).toBe(want);
  });

  it('throws RangeError for an unknown zone', () => {
    expect(() => formatCalledAt(at, 'Not/AZone')).toThrow(RangeError);
  });
});
