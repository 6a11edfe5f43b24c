import { describe, expect, it } from 'vitest';
import { lineTypeOf } from '../../../shared/phone';

describe('lineTypeOf', () => {
  it.each([
    ['landline', 'landline'],
    ['mobile', 'mobile'],
    ['fixedVoip', 'voip'],
    ['nonFixedVoip', 'voip'],
    ['tollFree', 'toll_free'],
    ['personal', 'unknown'],
    ['premium', 'premium'],
    ['sharedCost', 'unknown'],
    ['uan', 'unknown'],
    ['voicemail', 'unknown'],
    ['pager', 'pager'],
    ['unknown', 'unknown'],
  ])('maps Twilio Lookup type %s on a NANP number to %s', (carrierType, lineType) => {
    expect(lineTypeOf('+13055550123', carrierType)).toBe(lineType);
  });

  it('leaves a NANP number unknown without a carrier lookup', () => {
    expect(lineTypeOf('+13055550123')).toBe('unknown');
  });

  it.each(['800', '833', '844', '855', '866', '877', '888'])('types NANP NPA %s as toll free', (npa) => {
    expect(lineTypeOf(`+1${npa}5550123`)).toBe('toll_free');
  });

  it.each([
    ['+447400123456', 'mobile'],
    ['+442071838750', 'landline'],
    ['+445600123456', 'voip'],
    ['+448001234567', 'toll_free'],
    ['+449001234567', 'premium'], // premium rate
    ['+447640123456', 'pager'],
    ['+443001234567', 'unknown'], // UAN
    ['+447700900123', 'unknown'], // not a valid number
  ])('uses the range type outside NANP: %s is %s', (e164, lineType) => {
    expect(lineTypeOf(e164)).toBe(lineType);
  });

  it.each([
    ['+447400123456', 'landline', 'landline', 'a carrier type overrides the range'],
    ['+447400123456', 'premium', 'premium', 'a definite non-SMS carrier type overrides the range'],
    ['+447400123456', 'voicemail', 'unknown', 'an undecided carrier type still overrides the range'],
    ['+447400123456', 'unknown', 'mobile', 'carrier "unknown" falls back to the range'],
    ['+447400123456', 'satellite', 'mobile', 'an unlisted carrier type falls back to the range'],
    ['+18005550123', 'bogus', 'toll_free', 'an unlisted carrier type keeps NANP toll-free'],
  ])('types %s with carrier %s as %s (%s)', (e164, carrierType, lineType) => {
    expect(lineTypeOf(e164, carrierType)).toBe(lineType);
  });
});
