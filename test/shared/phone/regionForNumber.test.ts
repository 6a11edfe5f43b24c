import { describe, expect, it } from 'vitest';
import { regionForNumber } from '../../../shared/phone';

describe('regionForNumber', () => {
  it.each([
    ['+13055550123', 'US', 'FL'],
    ['+18505550123', 'US', 'FL'],
    ['+14485550123', 'US', 'FL'],
    ['+12125550123', 'US', 'NY'],
    ['+17185550123', 'US', 'NY'], // no NPA-level row in Google's data: majority of NXX rows
    ['+12035550123', 'US', 'CT'], // same
    ['+12025550123', 'US', 'DC'],
    ['+12065550123', 'US', 'WA'],
    ['+19312974462', 'US', 'TN'],
    ['+17295550123', 'US', 'TN'], // overlay of 423, not in Google's data
    ['+16242001234', 'US', 'NY'], // overlay of 716, same
    ['+18612001234', 'US', 'IL'], // overlay of 309, same
    ['+13572001234', 'US', 'CA'], // overlay of 559, same
    ['+19155550123', 'US', 'TX'],
    ['+19075550123', 'US', 'AK'],
    ['+18085550123', 'US', 'HI'],
    ['+15145550123', 'CA', 'QC'],
    ['+14185550123', 'CA', 'QC'],
    ['+14165550123', 'CA', 'ON'],
    ['+19055550123', 'CA', 'ON'], // no NPA-level row
    ['+16045550123', 'CA', 'BC'],
    ['+12575550123', 'CA', 'BC'], // "British Colombia" in the source
    ['+14035550123', 'CA', 'AB'],
    ['+13065550123', 'CA', 'SK'],
    ['+17095550123', 'CA', 'NL'],
    ['+17875550123', 'US', 'PR'],
    ['+19395550123', 'US', 'PR'],
    ['+13405550123', 'US', 'VI'],
    ['+16715550123', 'US', 'GU'],
    ['+16705550123', 'US', 'MP'],
    ['+16845550123', 'US', 'AS'],
  ])('maps %s to %s-%s', (e164, country, subdivision) => {
    expect(regionForNumber(e164)).toEqual({ country, subdivision, subdivisions: [subdivision] });
  });

  it.each([
    ['+19025550123', 'CA', ['NS', 'PE']],
    ['+17825550123', 'CA', ['NS', 'PE']],
    ['+18675550123', 'CA', ['NT', 'NU', 'YT']],
  ])('lists every province of %s, with no single subdivision', (e164, country, subdivisions) => {
    expect(regionForNumber(e164)).toEqual({ country, subdivision: null, subdivisions });
  });

  it.each([
    ['+18005550123', 'US', 'toll-free'],
    ['+16005550100', 'CA', 'Canadian non-geographic'],
    ['+12425021234', 'BS', 'Bahamas (NANP, not US/CA)'],
    ['+18765550123', 'JM', 'Jamaica'],
    ['+447400123456', 'GB', 'UK mobile'],
    ['+33142685300', 'FR', 'France'],
  ])('gives only the country for %s (%s)', (e164, country) => {
    expect(regionForNumber(e164)).toEqual({ country, subdivision: null, subdivisions: [] });
  });

  it.each([['+13795550123'], ['not a number'], ['']])('knows nothing about %j', (e164) => {
    expect(regionForNumber(e164)).toEqual({ country: null, subdivision: null, subdivisions: [] });
  });
});
