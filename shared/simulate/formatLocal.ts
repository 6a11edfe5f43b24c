/** `2026-12-02 08:00 EST (Wed)` in `zone`, or UTC when the zone is unknown. */
export function formatLocal(instant: number, zone: string | null): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone ?? 'UTC',
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    weekday: 'short', hourCycle: 'h23', timeZoneName: 'short',
  }).formatToParts(instant);
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${p.timeZoneName} (${p.weekday})`;
}
