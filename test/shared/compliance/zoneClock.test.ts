import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidZone, isoInstant, localToInstant, zoneClockMemoSizes, zoneOffset } from '../../../shared/compliance/zoneClock';

const H = 3_600_000;

/** Offset straight from Intl, independent of the memo. */
function intlOffset(zone: string, t: number): number {
  const s = Math.floor(t / 1000) * 1000;
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    }).formatToParts(s).map((x) => [x.type, Number(x.value)]),
  );
  return Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second) - s;
}

const ZONES = [
  'America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles',
  'America/Anchorage', 'America/Adak', 'Pacific/Honolulu', 'America/St_Johns', 'America/Halifax',
  'Europe/London', 'Europe/Paris', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Africa/Casablanca',
  'America/Santiago', 'Pacific/Chatham', 'Etc/GMT+6',
];

describe('zoneOffset', () => {
  it.each([
    ['America/New_York', '2026-03-08T06:59:59.999Z', -5],
    ['America/New_York', '2026-03-08T07:00:00.000Z', -4],
    ['America/New_York', '2026-11-01T05:59:59.999Z', -4],
    ['America/New_York', '2026-11-01T06:00:00.000Z', -5],
    ['Europe/Paris', '2027-03-28T00:59:59.000Z', 1],
    ['Europe/Paris', '2027-03-28T01:00:00.000Z', 2],
    ['Etc/GMT+6', '2027-07-14T12:00:00.000Z', -6],
  ])('gives %s at %s an offset of %i h', (zone, at, hours) => {
    expect(zoneOffset(zone, Date.parse(at))).toBe(hours * H);
  });

  it('agrees with Intl for random instants 2020–2035 in zones with odd rules', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }), (zone, t) => {
        expect(zoneOffset(zone, t)).toBe(intlOffset(zone, t));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('localToInstant', () => {
  it.each([
    ['an ordinary time', 'America/New_York', '2027-01-13T08:00', '2027-01-13T13:00:00.000Z'],
    ['a time in the spring-forward gap → the first valid instant after it', 'America/New_York', '2026-03-08T02:30', '2026-03-08T07:00:00.000Z'],
    ['an ambiguous fall-back time → the later instant', 'America/New_York', '2026-11-01T01:30', '2026-11-01T06:30:00.000Z'],
    ['a time in the Paris gap', 'Europe/Paris', '2027-03-28T02:15', '2027-03-28T01:00:00.000Z'],
  ])('maps %s', (_label, zone, local, expected) => {
    expect(new Date(localToInstant(zone, Date.parse(`${local}:00Z`))).toISOString()).toBe(expected);
  });
});

describe('isoInstant', () => {
  it('formats exactly like Date#toISOString', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) }), (t) => {
        expect(isoInstant(t)).toBe(new Date(t).toISOString());
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the memos stay bounded whatever comes in', () => {
  it('keeps nothing for unknown zone names, and at most 16 years per zone, still right after evictions', () => {
    const before = zoneClockMemoSizes();
    for (let i = 0; i < 500; i++) {
      expect(isValidZone(`Mars/Crater_${i}`)).toBe(false);
      expect(() => zoneOffset(`Mars/Crater_${i}`, Date.UTC(2027, 0, 1))).toThrow();
    }
    const after = zoneClockMemoSizes();
    expect([after.zones, after.validZones, after.formatters]).toEqual([before.zones, before.validZones, before.formatters]);
    // instants across 60 years, twice, in a zone with DST: the memo evicts old years and rebuilds them right
    for (let round = 0; round < 2; round++) {
      for (let y = 1990; y < 2050; y++) {
        const t = Date.UTC(y, 6, 1, 12);
        expect(zoneOffset('America/Denver', t)).toBe(intlOffset('America/Denver', t));
      }
    }
    expect(zoneClockMemoSizes().maxYearsPerZone).toBe(16);
  });
});
