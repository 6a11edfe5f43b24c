import { ZONE_LISTS, ZONE_ROWS } from './data/zoneTable.generated';
import { ZONE_PATCHES } from './overlays';

/** `npa`: for +1 the union over the whole area code (numbers port); `prefix`: Google's longest-prefix row. */
export type ZoneMode = 'npa' | 'prefix';

/** Google's NANP-wide fallback row: it means "somewhere in NANP", i.e. unknown */
const FALLBACK_PREFIXES: ReadonlySet<string> = new Set(['1']);
const UNKNOWN_ZONE = 'Etc/Unknown';
const E164 = /^\+[1-9]\d{1,14}$/;
const EMPTY: readonly string[] = Object.freeze([]);

const sortedUnion = (...lists: (readonly string[] | undefined)[]): readonly string[] =>
  Object.freeze([...new Set(lists.flatMap((list) => list ?? []))].sort());

// Built once at module load (immutable afterwards): prefix → zones, NPA → zone union, NPA → patch zones.
const byPrefix = new Map<string, readonly string[]>();
let maxPrefixLength = 0;
const npaRows = new Map<string, (readonly string[])[]>();
{
  const lists = ZONE_LISTS.map((list) => Object.freeze(list.split('&').filter((zone) => zone !== UNKNOWN_ZONE)));
  for (const row of ZONE_ROWS.split(' ')) {
    const colon = row.indexOf(':');
    const prefix = row.slice(0, colon);
    const zones = lists[Number(row.slice(colon + 1))] ?? EMPTY;
    if (FALLBACK_PREFIXES.has(prefix) || zones.length === 0) continue;
    byPrefix.set(prefix, zones);
    maxPrefixLength = Math.max(maxPrefixLength, prefix.length);
    if (prefix.startsWith('1') && prefix.length >= 4) {
      const npa = prefix.slice(1, 4);
      npaRows.set(npa, [...(npaRows.get(npa) ?? []), zones]);
    }
  }
}

/** zones a patch contributes to its NPA (parent's patched union for `inherit`) */
const patchZones = new Map<string, readonly string[]>();
const npaUnion = new Map<string, readonly string[]>();
{
  const patchesOf = (npa: string) => ZONE_PATCHES.filter((patch) => patch.npa === npa);
  const resolving = new Set<string>();
  const resolve = (npa: string): readonly string[] => {
    const done = npaUnion.get(npa);
    if (done) return done;
    if (resolving.has(npa)) throw new Error(`zone patch cycle at NPA ${npa}`);
    resolving.add(npa);
    const extra = sortedUnion(
      ...patchesOf(npa).map((patch) => (patch.kind === 'add' ? patch.zones : resolve(patch.from))),
    );
    if (extra.length > 0) patchZones.set(npa, extra);
    const union = sortedUnion(...(npaRows.get(npa) ?? []), extra);
    npaUnion.set(npa, union);
    resolving.delete(npa);
    return union;
  };
  for (const npa of new Set([...npaRows.keys(), ...ZONE_PATCHES.map((patch) => patch.npa)])) resolve(npa);
}

function longestPrefix(digits: string): readonly string[] | undefined {
  for (let length = Math.min(maxPrefixLength, digits.length); length > 0; length--) {
    const zones = byPrefix.get(digits.slice(0, length));
    if (zones) return zones;
  }
  return undefined;
}

/** zones for E.164 digits without '+' (internal; returns shared frozen arrays) */
export function zonesForDigits(digits: string, mode: ZoneMode): readonly string[] {
  if (digits.startsWith('1')) {
    const npa = digits.slice(1, 4);
    if (mode === 'npa') return npaUnion.get(npa) ?? EMPTY;
    const row = longestPrefix(digits);
    const extra = patchZones.get(npa);
    return extra ? sortedUnion(row, extra) : (row ?? EMPTY);
  }
  return longestPrefix(digits) ?? EMPTY;
}

/**
 * Candidate IANA time zones for an E.164 number, sorted; [] when unknown (Google's NANP fallback row,
 * unknown area code, not E.164). Includes the hand-maintained overlay patches (overlays.ts).
 * @example zonesForNumber('+18505550123') // ['America/Chicago', 'America/New_York']
 * @example zonesForNumber('+18505550123', 'prefix') // ['America/New_York'] (Google's 1850 row)
 */
export function zonesForNumber(e164: string, mode: ZoneMode = 'npa'): string[] {
  if (!E164.test(e164)) return [];
  return zonesForDigits(e164.slice(1), mode).slice();
}
