import { describe, expect, it } from 'vitest';
import { invalidNumbersMessage, parseNumberList } from '../../../nodes/shared/parseNumberList';
import { analyzePhone, normalizePhone } from '../../../shared/phone';

const us = (s: string) => normalizePhone(s, 'US');

describe('parseNumberList (Ignore Numbers, High-Value Numbers)', () => {
  it('reads each entry as a caller’s number would be: E.164, or national in the Default Country', () => {
    expect(parseNumberList('(305) 555-0100, +1 212 555 0123\n512.555.0188; +13055550100', us)).toEqual({
      numbers: ['+13055550100', '+12125550123', '+15125550188'],
      invalid: [],
    });
    expect(parseNumberList('07400 123456', (s) => normalizePhone(s, 'GB'))).toEqual({ numbers: ['+447400123456'], invalid: [] });
    expect(parseNumberList('(512) 555-0188, +1 305 555 0123\n;', (s) => analyzePhone(s)?.e164 ?? null).numbers).toEqual(['+15125550188', '+13055550123']);
    // numbers separated by spaces only, as the trigger's list was read before
    expect(parseNumberList('+13055550100 +13055550101', us)).toEqual({ numbers: ['+13055550100', '+13055550101'], invalid: [] });
  });

  it('names the entries that are no phone number, with their position', () => {
    expect(parseNumberList('+13055550100, 555-010, front desk', us)).toEqual({
      numbers: ['+13055550100'],
      invalid: [
        { entry: '555-010', position: 2 },
        { entry: 'front desk', position: 3 },
      ],
    });
  });

  it('words the error with the entries masked as numbers are in logs', () => {
    expect(invalidNumbersMessage('High-Value Numbers', [{ entry: '305 555 01', position: 2 }])).toBe('High-Value Numbers: entry 2 ("305 5** **") is not a phone number.');
    expect(invalidNumbersMessage('Ignore Numbers', [{ entry: '555-010', position: 2 }, { entry: 'front desk', position: 3 }])).toBe(
      'Ignore Numbers: entry 2 ("55*-***"), entry 3 ("front desk") are not phone numbers.',
    );
  });
});
