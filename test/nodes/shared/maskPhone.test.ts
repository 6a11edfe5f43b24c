import { describe, expect, it } from 'vitest';
import { maskPhone } from '../../../nodes/shared/maskPhone';

describe('maskPhone', () => {
  it.each([
    ['+13055550123', '+1305555****'],
    ['+447911123456', '+44791112****'],
    ['(305) 555-0123', '(305) 555-****'],
    ['+1 305 555 01 23', '+1 305 555 ** **'],
    ['12345', '1****'],
    ['911', '***'],
    ['anonymous', 'anonymous'],
    ['', ''],
    [null, ''],
    [undefined, ''],
  ])('masks %j as %j', (input, masked) => {
    expect(maskPhone(input)).toBe(masked);
  });

  it('never leaves the last four digits of a number readable', () => {
    const phone = '+4915112345678';
    expect(maskPhone(phone)).not.toContain('5678');
    expect(maskPhone(phone)).toHaveLength(phone.length);
  });
});
