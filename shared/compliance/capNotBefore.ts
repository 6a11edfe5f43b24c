/** A frequency cap: at most `max` automated touches per `hours`. */
export interface Cap {
  max: number;
  hours: number;
}

/**
 * Instant from which one more touch stays within `cap`, null when it already does, Infinity when max ≤ 0.
 * Sends are counted in (t − hours, t]. Touches counted in `sentLast24h` but missing from `recentSends`
 * are assumed to have happened at `now` (conservative) — so with only a count the answer is now + hours.
 * @example capNotBefore({ max: 3, hours: 24 }, now, 3, undefined) // now + 24 h
 */
export function capNotBefore(cap: Cap, now: number, sentLast24h: number | undefined, recentSends: readonly number[] | undefined): number | null {
  if (cap.max <= 0) return Infinity;
  const win = cap.hours * 3_600_000;
  const inWindow: number[] = [];
  let known24h = 0;
  if (recentSends) {
    for (const s of recentSends) {
      if (s > now) continue;
      if (s > now - win) inWindow.push(s);
      if (s > now - 86_400_000) known24h++;
    }
  }
  const unknown = Math.max(0, (sentLast24h ?? 0) - known24h);
  for (let i = 0; i < unknown; i++) inWindow.push(now);
  if (inWindow.length < cap.max) return null;
  inWindow.sort((a, b) => a - b);
  return inWindow[inWindow.length - cap.max]! + win;
}
