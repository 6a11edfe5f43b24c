/**
 * Window arithmetic over (zone, rule) pairs: "is instant t allowed?" and "when is the next allowed
 * instant?". All local times come from the zoneClock memo (no Intl on the hot path).
 */
import { holidayDaySet, weekdayOfDay } from './holidays';
import type { Interval, JurisdictionRule, RuleVersion } from './types';
import { DAY_MS, isoToDay, localToInstant, yearOfDay, zoneOffset } from './zoneClock';

/**
 * Which versions bind for the channel: 'all' (conservative default), 'sms' (only versions whose
 * statute clearly covers SMS), 'none' (no time window, e.g. email when windows are off for email).
 */
export type WindowMode = 'all' | 'sms' | 'none';

interface CompiledVersion {
  from: number;
  until: number;
  version: RuleVersion;
  coversSms: boolean;
}

interface CompiledRule {
  rule: JurisdictionRule;
  versions: CompiledVersion[];
}

const EMPTY: readonly Interval[] = [];
const compiled = new WeakMap<JurisdictionRule, CompiledRule>();

/** Rule with its version dates turned into epoch days (memoized per rule object). */
function compile(rule: JurisdictionRule): CompiledRule {
  let c = compiled.get(rule);
  if (!c) {
    c = {
      rule,
      versions: rule.versions.map((version) => ({
        version,
        from: version.effectiveFrom ? isoToDay(version.effectiveFrom) : -Infinity,
        until: version.effectiveUntil ? isoToDay(version.effectiveUntil) : Infinity,
        coversSms: version.channels.includes('sms'),
      })),
    };
    compiled.set(rule, c);
  }
  return c;
}

/** Version of `rule` in force on local epoch day `day`, honoring the channel mode; null → none binds. */
export function versionOn(rule: JurisdictionRule, day: number, mode: WindowMode): RuleVersion | null {
  if (mode === 'none') return null;
  for (const cv of compile(rule).versions) {
    if (day >= cv.from && day < cv.until) return mode === 'sms' && !cv.coversSms ? null : cv.version;
  }
  return null;
}

/** Is `day` a banned holiday of `rule` (its calendar or caller-supplied extra days)? */
function holidayBanned(rule: JurisdictionRule, version: RuleVersion, day: number, extra: ReadonlySet<number> | null): boolean {
  if (extra !== null && extra.has(day)) return true;
  return version.holidaysBanned && rule.holidayCalendar !== null && holidayDaySet(rule.holidayCalendar, yearOfDay(day)).has(day);
}

/** Allowed intervals of `rule` on local epoch day `day`. */
export function intervalsOn(rule: JurisdictionRule, day: number, mode: WindowMode, extra: ReadonlySet<number> | null): readonly Interval[] | null {
  const version = versionOn(rule, day, mode);
  if (version === null) return null;
  if (holidayBanned(rule, version, day, extra)) return EMPTY;
  return version.windows[weekdayOfDay(day)]!;
}

/** Is local epoch day `day` a banned holiday under `rule` (calendar or extra days) for this mode? */
export function holidayOn(rule: JurisdictionRule, day: number, mode: WindowMode, extra: ReadonlySet<number> | null): boolean {
  const version = versionOn(rule, day, mode);
  return version !== null && holidayBanned(rule, version, day, extra);
}

/**
 * `t` itself when allowed under `rule` in `zone`, else the next window start after `t` (a start in a
 * DST gap moves to the first valid instant after it; an ambiguous start takes the later instant);
 * Infinity when none within `scanDays` local days.
 */
export function nextAllowedInstant(
  zone: string,
  rule: JurisdictionRule,
  t: number,
  mode: WindowMode,
  extra: ReadonlySet<number> | null,
  scanDays: number,
): number {
  const local = t + zoneOffset(zone, t);
  const today = Math.floor(local / DAY_MS);
  const ms = local - today * DAY_MS;
  for (let d = today; d <= today + scanDays; d++) {
    const iv = intervalsOn(rule, d, mode, extra);
    if (iv === null) {
      if (d === today) return t;
      const c = localToInstant(zone, d * DAY_MS);
      if (c > t) return c;
      continue;
    }
    for (let i = 0; i < iv.length; i++) {
      const s = iv[i]![0] * 60_000;
      if (d === today) {
        if (ms >= s && ms < iv[i]![1] * 60_000) return t;
        if (s <= ms) continue;
      }
      const c = localToInstant(zone, d * DAY_MS + s);
      if (c > t) return c;
    }
  }
  return Infinity;
}

/** One rule evaluated in a set of zones (its fixed zones are added by the caller). */
export interface RuleInZones {
  rule: JurisdictionRule;
  zones: readonly string[];
  extra: ReadonlySet<number> | null;
  /** overrides the call's mode for this pair (the template's business hours bind every channel) */
  mode?: WindowMode;
}

/**
 * Earliest instant ≥ t0 allowed under every rule in every one of its zones, or Infinity when none
 * is ≤ limit. Jumps t to the next window start of each failing pair until all pairs agree.
 * @example firstAllowedInstant(Date.UTC(2027, 0, 13, 2), [{ rule: US, zones: ['America/New_York'], extra: null }], 'all', Infinity, 14)
 */
export function firstAllowedInstant(t0: number, pairs: readonly RuleInZones[], mode: WindowMode, limit: number, scanDays: number): number {
  if (mode === 'none' && pairs.every((p) => p.mode === undefined)) return t0;
  let t = t0;
  for (let guard = 0; guard < 100_000; guard++) {
    let moved = false;
    for (let p = 0; p < pairs.length; p++) {
      const { rule, zones, extra } = pairs[p]!;
      const m = pairs[p]!.mode ?? mode;
      if (rule.versions.length === 0 || m === 'none') continue;
      for (let z = 0; z < zones.length; z++) {
        const n = nextAllowedInstant(zones[z]!, rule, t, m, extra, scanDays);
        if (n !== t) {
          if (n > limit) return Infinity;
          t = n;
          moved = true;
        }
      }
    }
    if (!moved) return t;
  }
  return Infinity;
}
