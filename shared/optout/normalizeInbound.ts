/** An inbound text reduced for matching. */
export interface NormalizedInbound {
  /** lowercase, accents and apostrophes removed, letters/digits/single spaces only */
  flat: string;
  /** `flat` split where the sender put sentence punctuation, symbols, emoji, dashes or line breaks */
  clauses: string[];
}

const ASCII = /^[\x00-\x7f]*$/;
const MARKS = /\p{M}+/gu;
const APOSTROPHES = /['’‘ʼ`´]/g;
const SPACED_DASH = /\s[-‐‑‒–—―]+(?=\s|$)|[‒–—―]/g;
const HYPHEN = /[-‐‑]/g;
const BREAK = /[^\p{L}\p{N} ]+/gu; // everything else (punctuation, symbols, emoji, controls, newlines)
const SPACES = / +/g;
const TAB = /\t/g;

/**
 * Lowercases, strips accents (`arrêt` → `arret`) and apostrophes (`don't` → `dont`), turns in-word
 * hyphens into spaces (`opt-out` → `opt out`) and splits into clauses at everything else.
 *
 * @example
 * normalizeInbound("Who is this?? STOP 🛑") // { flat: 'who is this stop', clauses: ['who is this', 'stop'] }
 */
export function normalizeInbound(text: string): NormalizedInbound {
  const s = (ASCII.test(text) ? text : text.normalize('NFKD').replace(MARKS, ''))
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(SPACED_DASH, '|')
    .replace(HYPHEN, ' ')
    .replace(TAB, ' ') // NFKD already made no-break and ideographic spaces plain; line breaks stay breaks
    .replace(BREAK, '|');
  const clauses: string[] = [];
  for (const part of s.split('|')) {
    const c = (part.includes('  ') ? part.replace(SPACES, ' ') : part).trim();
    if (c) clauses.push(c);
  }
  return { flat: clauses.join(' '), clauses };
}
