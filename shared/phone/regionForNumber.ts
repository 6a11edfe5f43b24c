import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { NPA_REGION_ROWS } from './data/regionTable.generated';
import { REGION_PATCHES } from './overlays';

/** Where a number's rules come from. */
export interface PhoneRegion {
  /** ISO 3166-1 alpha-2; `US` also for PR, VI, GU, MP, AS; null when unknown */
  country: string | null;
  /** ISO 3166-2 suffix (`FL`, `QC`, `PR`); null when unknown or when the NPA spans several */
  subdivision: string | null;
  /** every candidate subdivision suffix, e.g. ['NS', 'PE'] for 902 */
  subdivisions: readonly string[];
}

const US_TERRITORIES: ReadonlySet<string> = new Set(['PR', 'VI', 'GU', 'MP', 'AS']);
const NONE: PhoneRegion = Object.freeze({ country: null, subdivision: null, subdivisions: Object.freeze([]) });
const E164 = /^\+[1-9]\d{1,14}$/;

function regionOf(codes: readonly string[]): PhoneRegion {
  const country = codes[0]!.slice(0, 2);
  const subdivisions = Object.freeze(codes.map((code) => code.slice(3)));
  return Object.freeze({ country, subdivision: subdivisions.length === 1 ? subdivisions[0]! : null, subdivisions });
}

/** A region with its jurisdiction ids, broadest first (`['US', 'US-FL']`), built once per region (internal). */
export interface ResolvedRegion {
  region: PhoneRegion;
  jurisdictions: readonly string[];
}

const resolved = (region: PhoneRegion): ResolvedRegion =>
  Object.freeze({
    region,
    jurisdictions: Object.freeze(region.country ? [region.country, ...region.subdivisions.map((sub) => `${region.country}-${sub}`)] : []),
  });

// NPA → region, built once at module load from Google's geocoding excerpt plus REGION_PATCHES
const byNpa = new Map<string, ResolvedRegion>();
for (const row of NPA_REGION_ROWS.split(' ')) {
  const [npa, codes] = row.split(':') as [string, string];
  byNpa.set(npa, resolved(regionOf(codes.split('/'))));
}
for (const [npa, codes] of Object.entries(REGION_PATCHES)) byNpa.set(npa, resolved(regionOf(codes)));

const NO_REGION = resolved(NONE);
// memo of libphonenumber's countries (`GB`, `PR`…): pure, at most one entry per country of its metadata (~250)
const byLibCountry = new Map<string, ResolvedRegion>();

function fromLibCountry(country: string | undefined): ResolvedRegion {
  if (country === undefined) return NO_REGION;
  let entry = byLibCountry.get(country);
  if (entry === undefined) {
    entry = resolved(
      US_TERRITORIES.has(country) ? regionOf([`US-${country}`]) : Object.freeze({ country, subdivision: null, subdivisions: NONE.subdivisions }),
    );
    byLibCountry.set(country, entry);
  }
  return entry;
}

/** region from an NPA (NANP; '' otherwise) and libphonenumber's country (internal, no parse) */
export function resolveRegion(npa: string, libCountry: string | undefined): ResolvedRegion {
  return (npa && byNpa.get(npa)) || fromLibCountry(libCountry);
}

/**
 * Country and US state / Canadian province (or US territory) of an E.164 number, from its area code.
 * Outside US/CA area codes the country comes from libphonenumber (one parse) and subdivision is null.
 * @example regionForNumber('+13055550123') // { country: 'US', subdivision: 'FL', subdivisions: ['FL'] }
 * @example regionForNumber('+17875550123') // { country: 'US', subdivision: 'PR', … }
 */
export function regionForNumber(e164: string): PhoneRegion {
  if (!E164.test(e164)) return NONE;
  const npa = e164.startsWith('+1') ? e164.slice(2, 5) : '';
  const known = npa ? byNpa.get(npa) : undefined;
  return (known ?? fromLibCountry(parsePhoneNumberFromString(e164)?.country)).region;
}
