import { formatNextOpening } from '../hours/formatNextOpening';
import { LANGUAGES, type Language, type SequenceTemplate } from '../schema/sequenceTemplate';
import { foldToGsm, formatCalledAt, renderTemplate, smsEncoding } from '../template';
import { replacePlaceholders } from './placeholders';
import type { Unit } from './textUnits';

/** What the designer calls the template's `keepSmsInGsm7` setting. */
export const KEEP_SMS_IN_GSM7_LABEL = 'Keep texts in the basic SMS alphabet';

/**
 * Caller names as callers of each language commonly have them, with a letter GSM-7 lacks; none for
 * English, whose texts would otherwise all be flagged for the odd "Zoë".
 */
const ACCENTED_NAMES: Record<Language, { callerFirstName: string; callerName: string } | null> = {
  en: null,
  es: { callerFirstName: 'María', callerName: 'María Fernández' },
  fr: { callerFirstName: 'Jérôme', callerName: 'Jérôme Côté' },
};

const DAY = 86_400_000;
/** Sunday 2027-01-03 10:30 on the UTC clock: a week of weekdays and every month follow it */
const SUNDAY = Date.UTC(2027, 0, 3, 10, 30);

/** The longest of `words` that GSM-7 cannot send, or null when it can send them all. */
function longestNonGsm(words: readonly string[]): string | null {
  return words.filter((w) => smsEncoding(w).encoding === 'UCS-2').reduce<string | null>((a, w) => (a === null || w.length > a.length ? w : a), null);
}

/**
 * `{{nextOpening}}` and `{{calledAt}}` as the nodes word them in `lang` on the day that takes a text out
 * of GSM-7 (`el sábado a las 10:30 a.m.`, `sáb, 9 de ene, 10:30 a.m.`, `le 15 août à 10 h 30`); none
 * where every day's wording is GSM-7 (English). Read off the real formatters for a week and a year.
 */
function nonGsmTimes(lang: Language): { nextOpening?: string; calledAt?: string } {
  const week = Array.from({ length: 7 }, (_, k) => SUNDAY + (k + 1) * DAY);
  const year = Array.from({ length: 12 }, (_, m) => Date.UTC(2027, m, 15, 10, 30));
  const nextOpening = longestNonGsm([...week, ...year].map((at) => formatNextOpening(at, SUNDAY, 'UTC', null, lang)));
  const calledAt = longestNonGsm([...week, ...year].map((at) => formatCalledAt(at, 'UTC', null, lang)));
  return { ...(nextOpening ? { nextOpening } : {}), ...(calledAt ? { calledAt } : {}) };
}

const NON_GSM_TIMES: Record<Language, { nextOpening?: string; calledAt?: string }> = Object.fromEntries(LANGUAGES.map((l) => [l, nonGsmTimes(l)])) as never;

interface Costly {
  who: string;
  ucs2: number;
  gsm: number;
}

/** `a`, `a and b`, `a, b and 2 more` */
function listSome(items: readonly string[], max = 3): string {
  const shown = items.length > max ? [...items.slice(0, max - 1), `${items.length - max + 1} more`] : items;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : (shown[0] ?? '');
}

/**
 * SMS_AVOIDABLE_UCS2 (info), while `keepSmsInGsm7` is off: SMS texts written in GSM-7 (placeholders
 * aside) that the template's own date wording (`el sábado`, `août`) or a caller's name typical of the
 * text's language (`María`) can switch to UCS-2, so that they cost more segments than they would in
 * plain letters. One finding for the template, on the setting, naming the texts; null when there are none.
 * A text already written with such characters is not flagged: the designer's SMS counter shows those.
 */
export function avoidableUcs2Finding(t: SequenceTemplate, units: readonly Unit[], sampleValues: (lang: Language) => Record<string, string>): { message: string; path: string } | null {
  if (t.keepSmsInGsm7 === true) return null;
  const costly: Costly[] = [];
  const words = new Set<string>();
  const chars = new Set<string>();
  // per language, the values to try, or null when all are GSM-7 (a GSM-7 text then renders GSM-7)
  const valuesOf = new Map<Language, Record<string, string> | null>();
  for (const u of units) {
    if (u.channel !== 'sms') continue;
    let values = valuesOf.get(u.lang);
    if (values === undefined) {
      const v = { ...sampleValues(u.lang), ...NON_GSM_TIMES[u.lang], ...ACCENTED_NAMES[u.lang] };
      values = Object.values(v).some((x) => smsEncoding(x).encoding !== 'GSM-7') ? v : null;
      valuesOf.set(u.lang, values);
    }
    if (values === null || smsEncoding(replacePlaceholders(u.full, () => '')).encoding !== 'GSM-7') continue;
    const text = renderTemplate(u.full, values).text;
    const as = smsEncoding(text);
    if (as.encoding === 'GSM-7') continue;
    const plain = smsEncoding(foldToGsm(text));
    if (plain.encoding !== 'GSM-7' || plain.segments >= as.segments) continue;
    costly.push({ who: u.who, ucs2: as.segments, gsm: plain.segments });
    for (const c of as.nonGsm) chars.add(c);
    for (const w of text.split(/\s+/)) if (smsEncoding(w).encoding === 'UCS-2') words.add(`"${w.replace(/[,.;:!?]+$/, '')}"`);
  }
  if (!costly.length) return null;
  const texts = listSome(costly.map((c, i) => `${i ? c.who.replace(/^The /, 'the ') : c.who} (${c.ucs2} segments instead of ${c.gsm})`));
  const folds = [...chars].slice(0, 4).map((c) => `${c} → ${foldToGsm(c)}`).join(', ');
  return {
    path: 'keepSmsInGsm7',
    message:
      `${texts} can go out in UCS-2, 70 characters per segment, because of a date or a caller's name such as ${[...words].slice(0, 3).join(', ')}. ` +
      `Turn on "${KEEP_SMS_IN_GSM7_LABEL}" to send them in plain letters (${folds}) at 160 characters per segment.`,
  };
}
