/** One formatter per zone (building one costs about as much as parsing a template). */
const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * `{{calledAt}}`: the instant as `Tue, Jan 14, 3:45 PM` on the business's wall clock.
 * Throws RangeError for an unknown zone.
 * @example formatCalledAt(Date.parse('2026-01-14T21:45:00Z'), 'America/Chicago') // 'Wed, Jan 14, 3:45 PM'
 */
export function formatCalledAt(at: number, timeZone: string): string {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
    formats.set(timeZone, f);
  }
  return f.format(at);
}
