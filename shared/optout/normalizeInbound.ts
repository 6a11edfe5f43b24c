/** An inbound text reduced for matching. */
export interface NormalizedInbound {
  /** lowercase, accents and apostrophes removed (Hangul kept as syllables), letters/digits/single spaces only */
  flat: string;
  /** `flat` split where the sender put sentence punctuation, symbols, emoji, dashes or line breaks */
  clauses: string[];
  /** the letters joined when the whole text is one word spelled out (`S T O P` → `stop`), else null */
  spelled: string | null;
}

const ASCII = /^[\x00-\x7f]*$/;
const MARKS = /\p{M}+/gu;
/** Vietnamese đ has no decomposition: read as the `d` people type without a Vietnamese keyboard */
const D_STROKE = /[đĐ]/g;
const APOSTROPHES = /['’‘ʼ`´]/g;
const SPACED_DASH = /\s[-‐‑‒–—―]+(?=\s|$)|[‒–—―]/g;
const HYPHEN = /[-‐‑]/g;
const BREAK = /[^\p{L}\p{N} ]+/gu; // everything else (punctuation, symbols, emoji, controls, newlines)
const SPACES = / +/g;
const TAB = /\t/g;
/** masked letters stay in the word: `f***ing` → `fing`, `sh*t` → `sht` */
const MASK = /(?<=\p{L})\*+/gu;
/** `#` for "number" after a word: `wrong #` → `wrong number` (`#1`, `#tag` are no number) */
const NUMBER_SIGN = /(?<=\p{L} ?)#(?![\p{L}\p{N}])/gu;
/** zero-width and other format characters (`S\u200bTOP`) */
const FORMAT = /\p{Cf}+/gu;
/** a letter-spaced word: `s t o p`, `s.t.o.p` */
const SPELLED = /^(?:\p{L} ){2,}\p{L}$/u;

/**
 * Lowercases, strips accents (`arrêt` → `arret`, `đừng` → `dung`) and apostrophes (`don't` → `dont`),
 * turns in-word hyphens into spaces (`opt-out` → `opt out`), reads `wrong #` as `wrong number`, keeps
 * masked words whole (`f***ing` → `fing`) and splits into clauses at everything else. CJK stays as typed
 * (a run without spaces is one word); Hangul, which NFKD splits into jamo, is recomposed into syllables,
 * so keyword tables and patterns can be written as typed (`수신거부`).
 *
 * @example
 * normalizeInbound("Who is this?? STOP 🛑") // { flat: 'who is this stop', clauses: ['who is this', 'stop'] }
 */
export function normalizeInbound(text: string): NormalizedInbound {
  const s = (ASCII.test(text) ? text : text.replace(FORMAT, '').normalize('NFKD').replace(MARKS, '').normalize('NFC').replace(D_STROKE, 'd'))
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(SPACED_DASH, '|')
    .replace(HYPHEN, ' ')
    .replace(TAB, ' ') // NFKD already made no-break and ideographic spaces plain; line breaks stay breaks
    .replace(MASK, '')
    .replace(NUMBER_SIGN, ' number')
    .replace(BREAK, '|');
  const clauses: string[] = [];
  for (const part of s.split('|')) {
    const c = (part.includes('  ') ? part.replace(SPACES, ' ') : part).trim();
    if (c) clauses.push(c);
  }
  const flat = clauses.join(' ');
  return { flat, clauses, spelled: SPELLED.test(flat) ? flat.replace(SPACES, '') : null };
}
