import { describe, expect, it } from 'vitest';
import { maskEmail } from '../../../nodes/shared/maskEmail';

describe('maskEmail', () => {
  it.each([
    ['dana.lee@example.com', 'd***@example.com'],
    [' Dana.Lee@Example.com ', 'D***@Example.com'],
    ['dana@example.com, ben@example.com', 'd***@example.com'],
    ['not an address', 'n***'],
    ['@example.com', '@***'],
    ['', ''],
  ])('masks %j as %j', (raw, masked) => {
    expect(maskEmail(raw)).toBe(masked);
  });

  it('gives nothing for null or undefined, and never more than the first character of the local part', () => {
    expect(maskEmail(null)).toBe('');
    expect(maskEmail(undefined)).toBe('');
    expect(maskEmail('secret.mailbox.name@example.com')).not.toMatch(/secret|mailbox/);
  });
});
