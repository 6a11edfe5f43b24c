import { localToInstant } from '../../shared/compliance';

const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * The "Current Time" parameter as epoch ms: empty → `fallback` (the real clock), an ISO instant
 * with offset as is, a wall-clock time without offset (what n8n's date picker gives) in the
 * workflow's time zone. Null when the value does not parse.
 * @example parseCurrentTime('2027-01-14T20:45:00', 'America/New_York', 0) // Date.UTC(2027, 0, 15, 1, 45)
 */
export function parseCurrentTime(value: unknown, zone: string, fallback: number): number | null {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  // a Luxon DateTime from an expression such as {{ $now }}
  const toMillis = (value as { toMillis?: unknown }).toMillis;
  if (typeof toMillis === 'function') {
    const t = Number(toMillis.call(value));
    return Number.isFinite(t) ? t : null;
  }
  const text = String(value).trim();
  if (text === '') return fallback;
  if (HAS_ZONE.test(text)) {
    const t = Date.parse(text);
    return Number.isNaN(t) ? null : t;
  }
  // parse the wall clock as if it were UTC, then place it in the zone
  const local = Date.parse(/T/.test(text) ? `${text}Z` : `${text}T00:00:00Z`);
  if (Number.isNaN(local)) return null;
  try {
    return localToInstant(zone, local);
  } catch {
    return null;
  }
}
