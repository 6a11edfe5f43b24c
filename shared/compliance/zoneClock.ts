/**
 * Fast instant ↔ local wall-clock conversion for IANA zones.
 *
 * Memo (documented pure cache): per zone and UTC year we store the UTC offset at the start of the
 * year plus every offset transition inside it. A zone-year is built lazily, once, with Intl: the
 * offset is sampled every 24 h and each change is bisected to the exact second (~400 Intl calls,
 * ≈1 ms). Afterwards instant → offset is a Map lookup + a scan of ≤ a few transitions, with no
 * allocation. Transitions closer than 24 h to each other and cancelling out would be missed; no
 * modern zone has one. The cache only holds results of pure functions of (zone, year), so it never
 * changes an answer — it only makes it faster.
 */

const DAY_MS = 86_400_000;

interface ZoneYear {
  /** UTC year bounds [start, end) in epoch ms */
  start: number;
  end: number;
  /** offset (ms, local − UTC) in force at the start of the UTC year */
  base: number;
  /** instants (ms) where the offset changes, ascending */
  at: number[];
  /** offset in force from at[i] on */
  off: number[];
}

const formatters = new Map<string, Intl.DateTimeFormat>();
interface ZoneMemo {
  years: Map<number, ZoneYear>;
  /** last zone-year used: consecutive look-ups mostly hit the same year */
  last: ZoneYear | null;
}
const zoneMemo = new Map<string, ZoneMemo>();
/** zone names the runtime knows: bounded by the IANA list; unknown names are not kept (they may come from input) */
const validZones = new Set<string>();
/** zone-years kept per zone: instants far from now (a bad timestamp in a payload) must not grow the memo without end */
const YEARS_PER_ZONE = 16;

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Offset (ms) of `zone` at instant `t`, straight from Intl (slow; used only to build the memo). */
function intlOffset(zone: string, t: number): number {
  const s = Math.floor(t / 1000) * 1000;
  let y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  for (const p of formatter(zone).formatToParts(s)) {
    switch (p.type) {
      case 'year': y = Number(p.value); break;
      case 'month': mo = Number(p.value); break;
      case 'day': d = Number(p.value); break;
      case 'hour': h = Number(p.value) % 24; break;
      case 'minute': mi = Number(p.value); break;
      case 'second': se = Number(p.value); break;
    }
  }
  return Date.UTC(y, mo - 1, d, h, mi, se) - s;
}

function buildZoneYear(zone: string, year: number): ZoneYear {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const base = intlOffset(zone, start);
  const at: number[] = [];
  const off: number[] = [];
  let prevT = start;
  let prevOff = base;
  for (let t = start + DAY_MS; ; t += DAY_MS) {
    const probe = Math.min(t, end - 1000);
    const o = intlOffset(zone, probe);
    if (o !== prevOff) {
      // bisect (prevT has prevOff, probe has o) down to one second
      let lo = prevT, hi = probe;
      while (hi - lo > 1000) {
        const mid = Math.floor((lo + hi) / 2000) * 1000;
        if (intlOffset(zone, mid) === prevOff) lo = mid; else hi = mid;
      }
      at.push(hi);
      off.push(o);
      prevOff = o;
    }
    prevT = probe;
    if (probe >= end - 1000) break;
  }
  return { start, end, base, at, off };
}

/** True when `zone` is an IANA zone the runtime knows (memoized). */
export function isValidZone(zone: string): boolean {
  if (validZones.has(zone)) return true;
  try {
    formatter(zone);
  } catch {
    return false;
  }
  validZones.add(zone);
  return true;
}

/** UTC year of an instant, pure arithmetic. */
export function utcYear(t: number): number {
  return yearOfDay(Math.floor(t / DAY_MS));
}

/**
 * Offset (ms, local − UTC) of `zone` at instant `t` (epoch ms). Memoized per zone-year.
 * @example zoneOffset('America/New_York', Date.UTC(2027, 0, 13)) // -18_000_000
 */
export function zoneOffset(zone: string, t: number): number {
  let memo = zoneMemo.get(zone);
  if (memo === undefined) {
    formatter(zone); // throws for a zone the runtime does not know, before anything is kept for it
    memo = { years: new Map(), last: null };
    zoneMemo.set(zone, memo);
  }
  let zy = memo.last;
  if (zy === null || t < zy.start || t >= zy.end) {
    const year = utcYear(t);
    zy = memo.years.get(year) ?? null;
    if (zy === null) {
      zy = buildZoneYear(zone, year);
      if (memo.years.size >= YEARS_PER_ZONE) memo.years.delete(memo.years.keys().next().value!);
      memo.years.set(year, zy);
    }
    memo.last = zy;
  }
  let o = zy.base;
  const at = zy.at;
  for (let i = 0; i < at.length && at[i]! <= t; i++) o = zy.off[i]!;
  return o;
}

/**
 * Instant of a local wall-clock time (`local` = epoch ms as if the wall clock were UTC).
 * Ambiguous (fall back) → the later instant; nonexistent (spring-forward gap) → the first valid
 * instant after it, i.e. the transition itself.
 */
export function localToInstant(zone: string, local: number): number {
  const before = zoneOffset(zone, local - DAY_MS);
  const after = zoneOffset(zone, local + DAY_MS);
  const tA = local - before;
  const tB = local - after;
  const okA = zoneOffset(zone, tA) === before;
  const okB = zoneOffset(zone, tB) === after;
  if (okA && okB) return Math.max(tA, tB);
  if (okA) return tA;
  if (okB) return tB;
  // gap: the transition lies in (min, max]; bisect on the memo to the second
  let lo = Math.min(tA, tB), hi = Math.max(tA, tB);
  const loOff = zoneOffset(zone, lo);
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2000) * 1000;
    if (zoneOffset(zone, mid) === loOff) lo = mid; else hi = mid;
  }
  return hi;
}

/** Proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's algorithm). */
export function civilFromDays(days: number): { y: number; m: number; d: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** Day count since 1970-01-01 of a proleptic Gregorian date (month 1–12). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Year of an epoch day (civil-from-days without allocating). */
export function yearOfDay(days: number): number {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  return yoe + era * 400 + (mp >= 10 ? 1 : 0);
}

const PAD2 = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : `${i}`));
const PAD3 = Array.from({ length: 1000 }, (_, i) => `${i}`.padStart(3, '0'));

/** 'YYYY-MM-DD HH:MM' of a local epoch day + ms of day (4-digit years). */
export function localStamp(day: number, ms: number): string {
  return stamp(day, ms, ' ');
}

function stamp(day: number, ms: number, sep: string): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const min = Math.floor(ms / 60_000);
  return `${y}-${PAD2[m]}-${PAD2[d]}${sep}${PAD2[Math.floor(min / 60)]}:${PAD2[min % 60]}`;
}

/**
 * Same as `new Date(t).toISOString()` for years 1000–9999, ~10× cheaper (no Date allocation).
 * @example isoInstant(0) // '1970-01-01T00:00:00.000Z'
 */
export function isoInstant(t: number): string {
  const day = Math.floor(t / DAY_MS);
  const ms = t - day * DAY_MS;
  const sec = Math.floor(ms / 1000) % 60;
  return `${stamp(day, ms, 'T')}:${PAD2[sec]}.${PAD3[ms % 1000]}Z`;
}

/** 'YYYY-MM-DD' ↔ epoch day. */
export function dayToIso(days: number): string {
  const { y, m, d } = civilFromDays(days);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function isoToDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${iso}`);
  return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
}

export { DAY_MS };

/** How much the memos hold (for tests: they must stay bounded whatever zones and instants come in). */
export function zoneClockMemoSizes(): { zones: number; validZones: number; formatters: number; maxYearsPerZone: number } {
  let maxYears = 0;
  for (const m of zoneMemo.values()) maxYears = Math.max(maxYears, m.years.size);
  return { zones: zoneMemo.size, validZones: validZones.size, formatters: formatters.size, maxYearsPerZone: maxYears };
}
