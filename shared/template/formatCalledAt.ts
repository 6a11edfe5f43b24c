import { businessZoneSuffix } from './businessZoneSuffix';

/** One formatter per zone (building one costs about as much as parsing a template). */
const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * `{{calledAt}}`: the instant as `Tue, Jan 14, 3:45 PM` on the business's wall clock, followed by the
 * business zone's short name (`Tue, Jan 14, 3:45 PM CST`) when one of `recipientZones` reads that
 * instant with another UTC offset (see {@link businessZoneSuffix}). Throws RangeError for an unknown zone.
 * @example formatCalledAt(Date.parse('2026-01-14T21:45:00Z'), 'America/Chicago') // 'Wed, Jan 14, 3:45 PM'
 * @example formatCalledAt(Date.parse('2026-01-14T21:45:00Z'), 'America/Chicago', ['America/Los_Angeles']) // 'Wed, Jan 14, 3:45 PM CST'
 */
export function formatCalledAt(at: number, timeZone: string, recipientZones?: readonly string[] | null): string {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
    formats.set(timeZone, f);
  }
  return f.format(at) + businessZoneSuffix(at, timeZone, recipientZones);
}
