import { gsmSeptets } from './smsEncoding';

/**
 * Plain GSM-7 forms of characters that neither GSM-7 has nor NFKD takes apart: Latin letters with a
 * stroke, hook or bar, ligatures and old letters (Latin-1, Extended-A, Extended-B and Extended
 * Additional), and the typographic punctuation and spaces that editors and phone keyboards put in.
 * Letters that decompose (á = a + ◌́) need no entry: their marks are dropped.
 */
const PLAIN: Readonly<Record<string, string>> = {
  // Latin-1 and Extended-A
  Ð: 'D', ð: 'd', Þ: 'Th', þ: 'th', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', ĸ: 'q', Ł: 'L', ł: 'l',
  Ŋ: 'N', ŋ: 'n', Œ: 'OE', œ: 'oe', Ŧ: 'T', ŧ: 't',
  // Extended-B: African and other alphabets' hooked, barred and turned letters
  ƀ: 'b', Ɓ: 'B', Ƃ: 'B', ƃ: 'b', Ƅ: '6', ƅ: '6', Ɔ: 'O', Ƈ: 'C', ƈ: 'c', Ɖ: 'D', Ɗ: 'D', Ƌ: 'D', ƌ: 'd', ƍ: 'd',
  Ǝ: 'E', Ə: 'E', Ɛ: 'E', Ƒ: 'F', ƒ: 'f', Ɠ: 'G', Ɣ: 'G', ƕ: 'hv', Ɩ: 'I', Ɨ: 'I', Ƙ: 'K', ƙ: 'k', ƚ: 'l', ƛ: 'l',
  Ɯ: 'M', Ɲ: 'N', ƞ: 'n', Ɵ: 'O', Ƣ: 'Gh', ƣ: 'gh', Ƥ: 'P', ƥ: 'p', Ʀ: 'R', Ƨ: '2', ƨ: '2', Ʃ: 'Sh', ƪ: 'sh',
  ƫ: 't', Ƭ: 'T', ƭ: 't', Ʈ: 'T', Ʊ: 'U', Ʋ: 'V', Ƴ: 'Y', ƴ: 'y', Ƶ: 'Z', ƶ: 'z', Ʒ: 'Z', ʒ: 'z', Ƹ: 'Z', ƹ: 'z',
  ƺ: 'z', ƻ: '2', Ƽ: '5', ƽ: '5', ƾ: "'", ƿ: 'w', ǀ: '|', ǁ: '||', ǂ: '=', ǃ: '!', ǝ: 'e', Ǥ: 'G', ǥ: 'g', Ƕ: 'Hv',
  Ƿ: 'W', Ȝ: 'Y', ȝ: 'y', Ƞ: 'N', ȡ: 'd', Ȣ: 'Ou', ȣ: 'ou', Ȥ: 'Z', ȥ: 'z', ȴ: 'l', ȵ: 'n', ȶ: 't', ȷ: 'j',
  ȸ: 'db', ȹ: 'qp', Ⱥ: 'A', Ȼ: 'C', ȼ: 'c', Ƚ: 'L', Ⱦ: 'T', ȿ: 's', ɀ: 'z', Ɂ: "'", ɂ: "'", Ƀ: 'B', Ʉ: 'U',
  Ʌ: 'V', Ɇ: 'E', ɇ: 'e', Ɉ: 'J', ɉ: 'j', Ɋ: 'Q', ɋ: 'q', Ɍ: 'R', ɍ: 'r', Ɏ: 'Y', ɏ: 'y',
  // Extended Additional
  ẜ: 's', ẝ: 's', ẞ: 'SS', ẟ: 'd', Ỻ: 'LL', ỻ: 'll', Ỽ: 'V', ỽ: 'v', Ỿ: 'Y', ỿ: 'y',
  // apostrophes, quotes and primes
  '‘': "'", '’': "'", '‚': "'", '‛': "'", '′': "'", '‵': "'", '‹': "'", '›': "'", '`': "'", '´': "'",
  'ʼ': "'", 'ʻ': "'", 'ʽ': "'", 'ʾ': "'", 'ʿ': "'", 'ˈ': "'",
  '“': '"', '”': '"', '„': '"', '‟': '"', '″': '"', '‶': '"', '«': '"', '»': '"', '‴': '"\'', '‷': '"\'',
  // dashes, bullets and other marks
  '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-', '−': '-', '⁃': '-', '‧': '-', '‾': '-',
  '·': '.', '•': '*', '‣': '*', '⁌': '*', '⁍': '*', '※': '*', '⁎': '*', '⁑': '**', '⁂': '***',
  '†': '+', '‡': '++', '‖': '||', '‗': '_', '‿': '_', '⁀': '_', '⁔': '_', '‸': '^', '⁁': '^', 'ˆ': '^', '˜': '~',
  '⁅': '[', '⁆': ']', '⁊': '&', '‽': '?!', '‰': '%o', '‱': '%oo', '⁄': '/', '∕': '/', '×': 'x', '÷': '/', '¦': '|',
  '©': '(c)', '®': '(R)',
  // a tab is a space; zero-width characters and the soft hyphen are nothing (ZWJ/ZWNJ stay: emoji and scripts need them)
  '\t': ' ', '\u200b': '', '\u2060': '', '\ufeff': '', '\u00ad': '',
};

const MARK = /\p{M}/u;
const MARKS = /\p{M}/gu;
const LATIN = /^\p{Script=Latin}$/u;
const LETTER = /^\p{L}$/u;
/** characters of no script (punctuation, spaces, symbols, digits) or inheriting one */
const FOLDABLE = /^[\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]$/u;

const isGsm = (ch: string) => gsmSeptets(ch) !== 0;

/** GSM-7 form of one character, or null when it has none (it is kept as it is). */
function plainForm(ch: string): string | null {
  if (isGsm(ch)) return ch;
  const direct = PLAIN[ch];
  if (direct !== undefined) return direct;
  // other scripts are never touched: a Cyrillic, Greek or Arabic name stays as written
  if (!FOLDABLE.test(ch)) return null;
  // compatibility forms (ﬁ, ½, ², Ａ, ‼, …, no-break spaces) and accents: NFKD, then marks dropped
  let out = '';
  for (const part of ch.normalize('NFKD').replace(MARKS, '')) {
    const p = isGsm(part) ? part : PLAIN[part];
    if (p === undefined) return null;
    out += p;
  }
  return out === '' && ch !== '' ? null : out;
}

/**
 * An SMS text in the GSM-7 alphabet as far as it has a plain form, so that it costs 160 characters a
 * segment (153 concatenated) instead of UCS-2's 70 (67): accented Latin letters lose the accents
 * GSM-7 lacks (`á í ó ú â ê î ô û ç ë ï` → `a i o u a e i o u c e i`) and keep those it has (`é è ù ì
 * ò à ä ö ñ ü Ä Ö Ñ Ü É Ç Å å Ø ø Æ æ ß`); curly quotes become `'` `"`, dashes `-`, `…` `...`, and
 * no-break and other spaces a plain space. Characters with no plain form (emoji, CJK, Cyrillic, Greek,
 * Arabic, …) are kept, so such a text still goes UCS-2 and a name in another script is never lost.
 * NFC or NFD input gives the same result.
 *
 * @example
 * foldToGsm('Abrimos el sábado a las 9:00 a.m. – ¡Gracias, María!') // 'Abrimos el sabado a las 9:00 a.m. - ¡Gracias, Maria!'
 * foldToGsm('“Café” Zoë, Олег 👋')                                   // '"Café" Zoe, Олег 👋'
 */
export function foldToGsm(text: string): string {
  const chars = [...text.normalize('NFC')];
  let out = '';
  for (let i = 0; i < chars.length; ) {
    // a base character and the combining marks NFC could not fold into it
    let j = i + 1;
    while (j < chars.length && MARK.test(chars[j]!)) j++;
    const base = chars[i]!;
    if (j === i + 1) out += plainForm(base) ?? base;
    // a Latin letter drops its leftover marks (q̃ → q); other clusters (1️⃣, Devanagari vowel signs) stay whole
    else if (LATIN.test(base) && LETTER.test(base)) out += plainForm(base) ?? chars.slice(i, j).join('');
    else out += chars.slice(i, j).join('');
    i = j;
  }
  return out;
}

/** a link in a text: folding one (`/hôtel`, an accented domain) would send the caller somewhere else */
const LINK = /\b(?:https?:\/\/|www\.)\S+/giu;

/**
 * An SMS text as it goes out under the template's `keepSmsInGsm7` setting: folded with
 * {@link foldToGsm} when it is on, links left as written; as rendered otherwise. Emails are never folded.
 * @example smsTextAsSent('Llámenos: https://ex.com/hôtel', { keepSmsInGsm7: true }) // 'Llamenos: https://ex.com/hôtel'
 */
export function smsTextAsSent(text: string, settings: { readonly keepSmsInGsm7?: boolean }): string {
  if (settings.keepSmsInGsm7 !== true) return text;
  let out = '';
  let at = 0;
  for (const m of text.matchAll(LINK)) {
    out += foldToGsm(text.slice(at, m.index)) + m[0];
    at = m.index + m[0].length;
  }
  return out + foldToGsm(text.slice(at));
}
