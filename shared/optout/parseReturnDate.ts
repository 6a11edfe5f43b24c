export interface ReturnDateOptions {
  /** reference instant; without it only dates with an explicit year resolve */
  now?: Date | number;
  /** IANA zone whose calendar date `now` falls on; default 'UTC' */
  timeZone?: string;
  /** BCP 47 tag deciding numeric order: M/D for US, PH, bare `en` or none; D/M otherwise */
  locale?: string;
}

const MONTHS: Readonly<Record<string, number>> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10, november: 11,
  nov: 11, december: 12, dec: 12,
  enero: 1, ene: 1, febrero: 2, marzo: 3, abril: 4, abr: 4, mayo: 5, junio: 6, julio: 7, agosto: 8, ago: 8,
  septiembre: 9, setiembre: 9, octubre: 10, noviembre: 11, diciembre: 12, dic: 12,
  janvier: 1, janv: 1, fevrier: 2, fevr: 2, fev: 2, mars: 3, avril: 4, avr: 4, mai: 5, juin: 6,
  juillet: 7, juil: 7, aout: 8, septembre: 9, octobre: 10, novembre: 11, decembre: 12,
};
/** 0 = Sunday, like Date#getUTCDay */
const WEEKDAYS: Readonly<Record<string, number>> = {
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
  domingo: 0, lunes: 1, martes: 2, miercoles: 3, jueves: 4, viernes: 5, sabado: 6,
  dimanche: 0, lundi: 1, mardi: 2, mercredi: 3, jeudi: 4, vendredi: 5, samedi: 6,
};

const alt = (words: Record<string, number>) => Object.keys(words).sort((a, b) => b.length - a.length).join('|');
const MONTH = alt(MONTHS);

/** Words after which a return date follows; `through`/`thru`/`after` mean the day after. */
const TRIGGER =
  /\b(back|return|returns|returning|until|untill|till|til|through|thru|after|resume|resuming|hasta|regreso|regresare|regresamos|vuelvo|volvere|retour|jusqu|reviens|reviendrai)\b/g;
const ASCII = /^[\x00-\x7f]*$/;
const MARKS = /\p{M}+/gu;
const DAY_AFTER: ReadonlySet<string> = new Set(['through', 'thru', 'after']);
const DAY_AFTER_IN = /\b(?:through|thru|after)\b/;
const WINDOW = 48;
/** an auto-reply states its date early; looking further only costs time on hostile input */
const MAX_TRIGGERS = 8;

const MONTH_DAY = new RegExp(`\\b(${MONTH})\\.? ?(\\d{1,2})(?:st|nd|rd|th)?\\b(?: (\\d{4})\\b)?`);
const DAY_MONTH = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th|er|eme)? (?:of |de )?(${MONTH})\\b\\.?(?: (?:de |del )?(\\d{4})\\b)?`);
const ISO = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/;
const NUMERIC = /\b(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?\b/;
const ORDINAL = /\b(?:the )?(\d{1,2})(?:st|nd|rd|th)\b|\b(?:the|el|le) (\d{1,2})\b(?![:.]?\d| ?(?:am|pm|h)\b)/;
const WEEKDAY = new RegExp(`\\b(${alt(WEEKDAYS)})\\b`);
const TOMORROW = /\b(?:tomorrow|manana|demain)\b/;
const SENTENCE_END = /[!?;\n]|\.(?: |$)/g;
const MONTH_ABBR_BEFORE_DOT = new RegExp(`\\b(?:${MONTH})$`);

interface Ymd {
  y: number;
  m: number;
  d: number;
}

/**
 * The date an auto-reply says its sender is back, as local `YYYY-MM-DD`, or null. Reads the first date
 * after a trigger word ("back on Dec 3", "returning 12/03", "until Monday, January 5th", "back on the
 * 3rd", "hasta el 3 de diciembre", "de retour le 3 décembre"). Dates without a year resolve to their
 * next occurrence on or after `now`'s local date; without `now` only dates with an explicit year resolve.
 *
 * @example
 * parseReturnDate('Out of office, back on Dec 3', { now: new Date('2026-11-20T12:00:00Z') }) // '2026-12-03'
 * parseReturnDate('Returning 12/03/2027') // '2027-12-03'
 */
export function parseReturnDate(text: string, opts: ReturnDateOptions = {}): string | null {
  const s = (ASCII.test(text) ? text : text.normalize('NFKD').replace(MARKS, ''))
    .toLowerCase()
    .replace(/['’‘ʼ`´,]/g, ' ')
    .replace(/[ \t]{2,}|\t/g, ' ');
  const today = opts.now === undefined ? null : localDate(opts.now, opts.timeZone ?? 'UTC');
  const monthFirst = isMonthFirst(opts.locale);

  let tries = 0;
  for (const t of s.matchAll(TRIGGER)) {
    if (++tries > MAX_TRIGGERS) break;
    const start = t.index + t[0].length;
    const window = cutAtSentenceEnd(s.slice(start, start + WINDOW));
    const found = dateIn(window, today, monthFirst);
    if (found === undefined) continue; // no date here; try the next trigger
    if (found.date === null) return null;
    const dayAfter = DAY_AFTER.has(t[1]!) || DAY_AFTER_IN.test(window.slice(0, found.index)); // "back after the 3rd"
    return iso(dayAfter ? addDays(found.date, 1) : found.date);
  }
  return null;
}

/** The date written in the window and where it starts; undefined when none is, date null when unresolvable. */
function dateIn(w: string, today: Ymd | null, monthFirst: boolean): { date: Ymd | null; index: number } | undefined {
  // explicit month + day: the earliest of the four spellings wins
  const candidates: { index: number; y: number | null; m: number; d: number }[] = [];
  let r = MONTH_DAY.exec(w);
  if (r) candidates.push({ index: r.index, m: MONTHS[r[1]!]!, d: +r[2]!, y: r[3] ? +r[3] : null });
  r = DAY_MONTH.exec(w);
  if (r) candidates.push({ index: r.index, m: MONTHS[r[2]!]!, d: +r[1]!, y: r[3] ? +r[3] : null });
  r = ISO.exec(w);
  if (r) candidates.push({ index: r.index, y: +r[1]!, m: +r[2]!, d: +r[3]! });
  r = NUMERIC.exec(w);
  if (r) {
    const [a, b] = [+r[1]!, +r[2]!];
    const y = r[3] ? (r[3].length === 2 ? 2000 + +r[3] : +r[3]) : null;
    candidates.push({ index: r.index, y, m: monthFirst ? a : b, d: monthFirst ? b : a });
  }
  if (candidates.length) {
    const c = candidates.reduce((p, q) => (q.index < p.index ? q : p));
    if (c.y !== null) return { date: valid(c.y, c.m, c.d) ? { y: c.y, m: c.m, d: c.d } : null, index: c.index };
    return { date: today && nextMonthDay(today, c.m, c.d), index: c.index };
  }

  r = ORDINAL.exec(w);
  if (r) return { date: today && nextDayOfMonth(today, +(r[1] ?? r[2])!), index: r.index };
  r = WEEKDAY.exec(w);
  if (r) {
    if (!today) return { date: null, index: r.index };
    const dow = new Date(Date.UTC(today.y, today.m - 1, today.d)).getUTCDay();
    return { date: addDays(today, (WEEKDAYS[r[1]!]! - dow + 7) % 7), index: r.index };
  }
  r = TOMORROW.exec(w);
  if (r) return { date: today && addDays(today, 1), index: r.index };
  return undefined;
}

/** The window up to the first sentence end ("Dec." and "dic." do not end a sentence). */
function cutAtSentenceEnd(w: string): string {
  for (const m of w.matchAll(SENTENCE_END)) {
    if (m[0][0] === '.' && MONTH_ABBR_BEFORE_DOT.test(w.slice(0, m.index))) continue;
    return w.slice(0, m.index);
  }
  return w;
}

function isMonthFirst(locale: string | undefined): boolean {
  if (!locale) return true;
  const parts = locale.split(/[-_]/);
  const region = parts.slice(1).find((p) => /^[a-z]{2}$/i.test(p) || /^\d{3}$/.test(p))?.toUpperCase();
  if (!region) return parts[0]!.toLowerCase() === 'en';
  return region === 'US' || region === 'PH';
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function valid(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function cmp(a: Ymd, b: Ymd): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

/** Next (m, d) on or after today; Feb 29 waits for a leap year; impossible dates → null. */
function nextMonthDay(today: Ymd, m: number, d: number): Ymd | null {
  for (let y = today.y; y <= today.y + 8; y++) {
    if (valid(y, m, d) && cmp({ y, m, d }, today) >= 0) return { y, m, d };
  }
  return null;
}

/** Next day-of-month d on or after today (the 31st skips short months). */
function nextDayOfMonth(today: Ymd, d: number): Ymd | null {
  for (let i = 0; i < 13; i++) {
    const y = today.y + Math.floor((today.m - 1 + i) / 12);
    const m = ((today.m - 1 + i) % 12) + 1;
    if (valid(y, m, d) && cmp({ y, m, d }, today) >= 0) return { y, m, d };
  }
  return null;
}

function addDays(date: Ymd, n: number): Ymd {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

function iso({ y, m, d }: Ymd): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Memo of Intl formatters per zone: constructing one is the costly part and the result is a pure
 * function of the zone name, so the cache never changes an answer.
 */
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

/** Calendar date of `now` in `timeZone`. @throws RangeError for an unknown zone */
export function localDate(now: Date | number, timeZone: string): Ymd {
  let f = FORMATTERS.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    FORMATTERS.set(timeZone, f);
  }
  const parts = f.formatToParts(typeof now === 'number' ? now : now.getTime());
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { y: get('year'), m: get('month'), d: get('day') };
}
