import { describe, expect, it } from 'vitest';
import { maskPhone } from '../../../nodes/shared/maskPhone';

/** An invalid phone value quoted in an error is often two numbers in one field: none may stay readable. */
describe('maskPhone on text that is not one number', () => {
  it.each([
    ['+13057318264, +15128342719', '+1305731****, +1512834****'],
    ['+13057318264 +15128342719', '+1305731**** +1512834****'],
    ['+13057318264 / 5128342719', '+1305731**** / 512834****'],
    ['+13057318264 or (512) 834-2719', '+1305731**** or (512) 834-****'],
    ['3057318264 5128342719', '30573182** **********'],
    ['+130573182641234', '+13057318*******'],
    ['+4915112345678', '+49151123*****'],
    ['call 305-731-8264 ext. 12345', 'call 305-731-**** ext. 1****'],
  ])('masks %j as %j', (input, masked) => {
    expect(maskPhone(input)).toBe(masked);
  });

  it('leaves no ten-digit national number readable in two numbers of one field', () => {
    for (const text of ['+13057318264, +15128342719', '+13057318264 +15128342719', '3057318264 5128342719', '+130573182641234']) {
      const digits = maskPhone(text).replace(/[^\d*]/g, '');
      expect(digits, text).not.toMatch(/3057318264|5128342719/);
    }
  });
});
