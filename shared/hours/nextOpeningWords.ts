import type { Language, Weekday } from '../schema/sequenceTemplate';
import { CALENDAR_NAMES } from './calendarNames';
import { clockTime } from './clockTime';

export interface NextOpeningWords {
  now: string;
  today: string;
  tomorrow: string;
  /** a weekday within six days: `Monday`, `el lunes`, `lundi` */
  weekday: (w: Weekday) => string;
  /** a later date (month 1–12): `on Dec 28`, `el 28 de diciembre`, `le 28 déc.` */
  date: (m: number, d: number) => string;
  /** the time with its preposition: `at 9:00 AM`, `a la 1:00 p.m.` / `a las 9:00 a.m.`, `à 9 h` */
  at: (minute: number) => string;
}

const { en, es, fr } = CALENDAR_NAMES;

/**
 * The words of {@link formatNextOpening} per language. Spanish writes the month in full — `dic` reads
 * as a form field in running prose, and `dic.` beside `a.m.` stacks abbreviations; French abbreviates
 * as Quebec does (`déc.`). The apostrophe of `aujourd'hui` is ASCII, which GSM-7 can send.
 */
export const NEXT_OPENING_WORDS: Record<Language, NextOpeningWords> = {
  en: {
    now: 'now',
    today: 'today',
    tomorrow: 'tomorrow',
    weekday: (w) => en.weekdays[w],
    date: (m, d) => `on ${en.monthsShort[m - 1]} ${d}`,
    at: (minute) => `at ${clockTime(minute)}`,
  },
  es: {
    now: 'ahora',
    today: 'hoy',
    tomorrow: 'mañana',
    weekday: (w) => `el ${es.weekdays[w]}`,
    date: (m, d) => `el ${d} de ${es.months[m - 1]}`,
    // "a la una", "a las dos": singular only for 1 o'clock
    at: (minute) => `${Math.floor(minute / 60) % 12 === 1 ? 'a la' : 'a las'} ${clockTime(minute, 'es')}`,
  },
  fr: {
    now: 'maintenant',
    today: "aujourd'hui",
    tomorrow: 'demain',
    weekday: (w) => fr.weekdays[w],
    date: (m, d) => `le ${fr.dayOfMonth(d)} ${fr.monthsShort[m - 1]}`,
    at: (minute) => `à ${clockTime(minute, 'fr')}`,
  },
};
