import type { PhoneInfo, LineType } from '../../../shared/phone/types';

/** Hand-made PhoneInfo: `mk('US-FL', ['America/New_York'])`, `mk('GB', ['Europe/London'])`. */
export function mk(jurisdiction: string, zones: string[], lineType: LineType = 'mobile'): PhoneInfo {
  const [country, sub] = jurisdiction.split('-') as [string, string | undefined];
  return {
    e164: '+10000000000',
    country,
    subdivision: sub ?? null,
    jurisdictions: sub ? [country, jurisdiction] : [country],
    lineType,
    zones,
  };
}

/** Instant of a local wall-clock time at a fixed UTC offset (hours): `utc('2027-01-13T07:59', -5)`. */
export function utc(local: string, offsetHours: number): number {
  return Date.parse(`${local}:00Z`) - offsetHours * 3_600_000;
}

export const iso = (t: number): string => new Date(t).toISOString();
