import type { Language } from '../schema/sequenceTemplate';
import { formatNextOpening } from './formatNextOpening';
import { isAlwaysOpen } from './openingRanges';
import { nextOpeningAt } from './nextOpeningAt';
import type { BusinessHours } from './types';

/**
 * The value of `{{nextOpening}}` at `now`: `now` while the business is open, else its next opening
 * formatted by {@link formatNextOpening} (`tomorrow at 8:00 AM`). Blank — so the inline or default
 * fallback applies — when it has no opening hours, is never open within the search bound, or is
 * open 24/7 and open now (during a closure a 24/7 business reports when it reopens). With the
 * recipient's candidate zones, a reopening is followed by the business zone's short name when the
 * recipient may read it on another clock (`tomorrow at 8:00 AM CST`). `lang` picks the wording
 * (`mañana a las 8:00 a.m. CST`, `demain à 8 h HNC`).
 */
export function nextOpeningText(
  business: BusinessHours,
  now: number,
  recipientZones?: readonly string[] | null,
  lang: Language = 'en',
): string {
  const at = nextOpeningAt(business, now);
  if (at === null) return '';
  // at === now: open now; around the clock, "now" says nothing
  if (at === now && isAlwaysOpen(business.openingHours!)) return '';
  return formatNextOpening(at, now, business.timeZone, recipientZones, lang);
}
