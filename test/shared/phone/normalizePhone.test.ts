import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../../shared/phone';

describe('normalizePhone', () => {
  it.each<[string, string | undefined, string]>([
    ['+13055550123', undefined, '+13055550123'],
    ['+1 305 555 0123', undefined, '+13055550123'],
    ['305-555-0123', undefined, '+13055550123'],
    ['(305) 555-0123', undefined, '+13055550123'],
    ['305.555.0123', undefined, '+13055550123'],
    ['3055550123', undefined, '+13055550123'],
    ['1 305 555 0123', undefined, '+13055550123'],
    ['1-305-555-0123', undefined, '+13055550123'],
    ['+1 (305) 555-0123', undefined, '+13055550123'],
    ['  +13055550123  ', undefined, '+13055550123'],
    ['+1-212-555-0123 ext 5', undefined, '+12125550123'],
    ['(416) 555-0123', 'CA', '+14165550123'],
    ['+44 07400 123456', undefined, '+447400123456'],
    ['+44 (0)7400 123456', undefined, '+447400123456'],
    ['011 44 7400 123456', 'US', '+447400123456'],
    ['07400 123456', 'GB', '+447400123456'],
    ['07400 123456', 'gb', '+447400123456'],
    ['0044 7400 123456', 'GB', '+447400123456'],
    ['020 7183 8750', 'GB', '+442071838750'],
    ['+1 729 555 0123', undefined, '+17295550123'],
    ['(624) 200-1234', 'US', '+16242001234'],
    ['+1 861 200 1234', undefined, '+18612001234'],
    ['357-200-1234', 'US', '+13572001234'],
  ])('normalizes %j (default country %s) to %s', (input, country, e164) => {
    expect(normalizePhone(input, country)).toBe(e164);
  });

  it.each<[string, string | undefined, string]>([
    ['', undefined, 'empty'],
    ['abc', undefined, 'no digits'],
    ['555-0123', undefined, 'seven digits'],
    ['+1 212 555 012', undefined, 'too short'],
    ['1305555012345', undefined, 'too long'],
    ['+1 123 555 0123', undefined, 'NPA starting with 1'],
    ['+1 729 155 0123', undefined, 'new NPA but exchange starting with 1'],
    ['+1 379 555 0123', undefined, 'unassigned NPA'],
    ['+447700900123', undefined, 'UK drama range, not a real number'],
    ['07400 123456', undefined, 'UK national format read as US'],
    ['07400 123456', 'XX', 'unknown default country'],
    ['call +1 305 555 0123 now', undefined, 'number inside text'],
  ])('rejects %j (default country %s): %s', (input, country) => {
    expect(normalizePhone(input, country)).toBeNull();
  });

  it('ignores an unknown default country for international input', () => {
    expect(normalizePhone('+13055550123', 'XX')).toBe('+13055550123');
  });
});
