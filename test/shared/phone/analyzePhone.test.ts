import { describe, expect, it } from 'vitest';
import { analyzePhone, type PhoneInfo } from '../../../shared/phone';
import { Z, sorted } from './zones.fixtures';

describe('analyzePhone', () => {
  // compliance.md §5.1 test results, with the conservative whole-NPA zones
  it.each<[string, Omit<PhoneInfo, 'e164' | 'lineType'>]>([
    ['+12125550123', { country: 'US', subdivision: 'NY', jurisdictions: ['US', 'US-NY'], zones: [Z.NY] }],
    ['+19312974462', { country: 'US', subdivision: 'TN', jurisdictions: ['US', 'US-TN'], zones: [Z.Chicago] }],
    ['+18505550123', { country: 'US', subdivision: 'FL', jurisdictions: ['US', 'US-FL'], zones: sorted(Z.NY, Z.Chicago) }],
    ['+12085550123', { country: 'US', subdivision: 'ID', jurisdictions: ['US', 'US-ID'], zones: sorted(Z.Boise, Z.Denver, Z.LA) }],
    ['+17015550123', { country: 'US', subdivision: 'ND', jurisdictions: ['US', 'US-ND'], zones: sorted(Z.Chicago, Z.Denver, Z.NDCenter) }],
    ['+19282835555', { country: 'US', subdivision: 'AZ', jurisdictions: ['US', 'US-AZ'], zones: sorted(Z.Denver, Z.Phoenix) }],
    ['+19075550123', { country: 'US', subdivision: 'AK', jurisdictions: ['US', 'US-AK'], zones: sorted(Z.Adak, Z.Anchorage, Z.Juneau, Z.Honolulu) }],
    ['+14585550123', { country: 'US', subdivision: 'OR', jurisdictions: ['US', 'US-OR'], zones: sorted(Z.Denver, Z.LA) }],
    ['+17295550123', { country: 'US', subdivision: 'TN', jurisdictions: ['US', 'US-TN'], zones: sorted(Z.Chicago, Z.NY) }],
    // overlays libphonenumber-js 1.13.16 rejects: analyzed from the parent NPA (before, null: no text ever went to them)
    ['+16242001234', { country: 'US', subdivision: 'NY', jurisdictions: ['US', 'US-NY'], zones: [Z.NY] }],
    ['+18612001234', { country: 'US', subdivision: 'IL', jurisdictions: ['US', 'US-IL'], zones: [Z.Chicago] }],
    ['+13572001234', { country: 'US', subdivision: 'CA', jurisdictions: ['US', 'US-CA'], zones: [Z.LA] }],
    ['+17095550123', { country: 'CA', subdivision: 'NL', jurisdictions: ['CA', 'CA-NL'], zones: sorted(Z.StJohns, Z.Halifax, Z.PuertoRico) }],
    ['+16045550123', { country: 'CA', subdivision: 'BC', jurisdictions: ['CA', 'CA-BC'], zones: [Z.Vancouver] }],
    ['+17785550123', { country: 'CA', subdivision: 'BC', jurisdictions: ['CA', 'CA-BC'], zones: sorted(Z.Edmonton, Z.Vancouver) }],
    ['+19025550123', { country: 'CA', subdivision: null, jurisdictions: ['CA', 'CA-NS', 'CA-PE'], zones: [Z.Halifax] }],
    ['+17875550123', { country: 'US', subdivision: 'PR', jurisdictions: ['US', 'US-PR'], zones: [Z.PuertoRico] }],
    ['+447400123456', { country: 'GB', subdivision: null, jurisdictions: ['GB'], zones: ['Europe/Guernsey', 'Europe/Isle_of_Man', 'Europe/London'] }],
    ['+447911123456', { country: 'GG', subdivision: null, jurisdictions: ['GG'], zones: ['Europe/Guernsey', 'Europe/Isle_of_Man', 'Europe/London'] }],
  ])('analyzes %s', (e164, expected) => {
    expect(analyzePhone(e164)).toMatchObject({ e164, ...expected });
  });

  it.each([
    ['(850) 555-0123', undefined, '+18505550123'],
    ['1-729-555-0123', undefined, '+17295550123'],
    ['07400 123456', 'GB', '+447400123456'],
  ])('reads %j in default country %s', (input, defaultCountry, e164) => {
    expect(analyzePhone(input, { defaultCountry })?.e164).toBe(e164);
  });

  it.each([
    ['+13055550123', undefined, 'unknown'],
    ['+13055550123', 'mobile', 'mobile'],
    ['+13055550123', 'landline', 'landline'],
    ['+13055550123', 'nonFixedVoip', 'voip'],
    ['+18885550123', undefined, 'toll_free'],
    ['+447400123456', undefined, 'mobile'],
    ['+442071838750', undefined, 'landline'],
  ])('types %s with carrier type %s as %s', (e164, carrierLineType, lineType) => {
    expect(analyzePhone(e164, { carrierLineType })?.lineType).toBe(lineType);
  });

  it('gives a toll-free number no zones and no subdivision', () => {
    expect(analyzePhone('+18005550123')).toEqual({
      e164: '+18005550123', country: 'US', subdivision: null, jurisdictions: ['US'], lineType: 'toll_free', zones: [],
    });
  });

  it.each([
    ['+447700900123', 'UK drama range'],
    ['+1 212 555 012', 'too short'],
    ['+13795550123', 'unassigned NPA'],
    ['+17291550123', 'new NPA, exchange starting with 1'],
    ['hello', 'not a number'],
    ['', 'empty'],
  ])('returns null for %j (%s)', (input) => {
    expect(analyzePhone(input)).toBeNull();
  });

  it('returns null for a non-string input from untyped workflow data', () => {
    expect(analyzePhone(undefined as unknown as string)).toBeNull();
  });
});
