import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldToGsm, smsEncoding, smsTextAsSent } from '../../../shared/template';

const gsm = (s: string) => smsEncoding(s).encoding === 'GSM-7';

describe('foldToGsm', () => {
  it.each([
    ['Spanish acute accents lose the accent GSM-7 lacks', 'sábado, aquí, sí, Ramón, Raúl, Álvaro', 'sabado, aqui, si, Ramon, Raul, Alvaro'],
    ['French circumflexes, diaeresis and cedilla', 'août, fenêtre, île, hôtel, sûr, Noël, Anaïs, français', 'aout, fenetre, ile, hotel, sur, Noel, Anais, francais'],
    ['letters GSM-7 has stay as they are', 'é è ù ì ò à ä ö ñ ü Ä Ö Ñ Ü É Ç Å å Ø ø Æ æ ß', 'é è ù ì ò à ä ö ñ ü Ä Ö Ñ Ü É Ç Å å Ø ø Æ æ ß'],
    ['a mix keeps é and folds ô', 'Jérôme', 'Jérome'],
    ['capitals GSM-7 lacks fold to their base', 'À È Ì Ò Ù Á Í Ó Ú Ê Ë Î Ï', 'A E I O U A I O U E E I I'],
    ['curly quotes become straight ones', '“Hi” it’s ‘ok’ „ja“ «oui»', `"Hi" it's 'ok' "ja" "oui"`],
    ['dashes and the minus sign become hyphens', '9–5 — or ‑ or − 2', '9-5 - or - or - 2'],
    ['the ellipsis becomes three dots', 'Wait…', 'Wait...'],
    ['no-break, thin and other spaces become spaces', 'a\u00a0b\u202fc\u2009d\u3000e', 'a b c d e'],
    ['a tab is a space; zero-width spaces and soft hyphens go', 'a\tb\u200bc\u00add', 'a bcd'],
    ['letters with a stroke, ligatures and old letters', 'Łódź Đorđe œuvre Þóra straße ẞ', 'Lodz Dorde oeuvre Thora straße SS'],
    ['compatibility forms', 'ﬁne ½ m² Ａ ‼ ™', 'fine 1/2 m2 A !! TM'],
    ['Catalan l·l and Vietnamese stacked marks', 'col·legi, Nguyễn Thị Ánh', 'col.legi, Nguyen Thi Anh'],
    ['a leftover combining mark on a Latin letter goes', 'q\u0303 x\u0301', 'q x'],
    ['emoji, keycaps and ZWJ sequences are kept', 'Hi 👋 1️⃣ 👨‍👩‍👧 🇫🇷', 'Hi 👋 1️⃣ 👨‍👩‍👧 🇫🇷'],
    ['names in other scripts are kept', 'Олег, Δημήτρης, 王芳, محمد, नमस्ते', 'Олег, Δημήτρης, 王芳, محمد, नमस्ते'],
    ['a Greek letter keeps its accent, though without it GSM-7 would have it (Ώ, not Ω)', 'Ώρα', 'Ώρα'],
    ['Greek capitals GSM-7 has stay, others too', 'ΔΦΓ Α', 'ΔΦΓ Α'],
    ['the extension table is GSM-7 and stays', '€ [x] {y} ~ ^ | \\', '€ [x] {y} ~ ^ | \\'],
    ['a text with no plain form for one character folds the rest', 'María 😀', 'Maria 😀'],
  ])('%s', (_name, input, expected) => {
    expect(foldToGsm(input)).toBe(expected);
  });

  it('reads NFD text as NFC: é stays é, á becomes a', () => {
    const nfd = 'José, María, Ñandú, Åse'.normalize('NFD');
    expect(nfd).not.toBe(nfd.normalize('NFC'));
    expect(foldToGsm(nfd)).toBe('José, Maria, Ñandu, Åse');
  });

  it('leaves a GSM-7 text exactly as it is', () => {
    const text = 'Hi Dana, Brightside here: we open tomorrow at 9:00 AM. Reply STOP to opt out. @£$¥ ¡¿ §';
    expect(foldToGsm(text)).toBe(text);
  });

  it('takes a Spanish Saturday text from 3 UCS-2 segments to 1 GSM-7 segment', () => {
    const text = 'Hola María, Casa Verde le escribe sobre su llamada. Abrimos el sábado a las 9:00 a.m. Reserve en https://casaverde.example.com/cita o responda a este mensaje.';
    expect(smsEncoding(text)).toMatchObject({ encoding: 'UCS-2', segments: 3 });
    expect(smsEncoding(foldToGsm(text))).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  // Latin letters of the Latin-1, Extended-A, Extended-B and Extended Additional blocks, and fullwidth ones
  const LATIN_LETTERS = [[0x41, 0x24f], [0x1e00, 0x1eff], [0xff21, 0xff5a]]
    .flatMap(([a, b]) => Array.from({ length: b! - a! + 1 }, (_, i) => String.fromCodePoint(a! + i)))
    .filter((c) => /\p{Script=Latin}/u.test(c) && /\p{L}/u.test(c));
  const DIGITS = [...'0123456789'];
  // ASCII and Latin-1 punctuation, and what editors and phone keyboards type: quotes, primes, dashes, bullets, spaces
  const PUNCTUATION = [
    ...' !"#%&\'()*,-./:;?@[\\]_{}¡§«·»¿',
    ...'‘’‚‛“”„‟‹›′″‴‐‑‒–—―−…‥․•‣⁃†‡‰‼⁇⁈⁉‽',
    '\u00a0', '\u2002', '\u2003', '\u2009', '\u200a', '\u202f', '\u205f', '\u3000', '\t', '\u00ad', '\u200b',
  ];

  it('gives GSM-7 for any text of Latin letters, digits and punctuation, written NFC or NFD', () => {
    expect(LATIN_LETTERS.length).toBeGreaterThan(600);
    const char = fc.oneof(fc.constantFrom(...LATIN_LETTERS), fc.constantFrom(...DIGITS), fc.constantFrom(...PUNCTUATION));
    fc.assert(
      fc.property(fc.array(char, { maxLength: 40 }), fc.constantFrom('NFC', 'NFD', 'NFKC'), (chars, form) => {
        const text = chars.join('').normalize(form as 'NFC');
        const out = foldToGsm(text);
        expect(smsEncoding(out).nonGsm).toEqual([]);
        // folding twice changes nothing
        expect(foldToGsm(out)).toBe(out);
      }),
      { numRuns: 2000 },
    );
  });

  it('folds every Latin letter of those blocks on its own, so the property does not rest on chance', () => {
    for (const c of LATIN_LETTERS) for (const form of ['NFC', 'NFD'] as const) expect(`${c} ${form}: ${gsm(foldToGsm(c.normalize(form)))}`).toBe(`${c} ${form}: true`);
  });

  it('keeps every character of another script, mixed with foldable ones', () => {
    const other = fc.constantFrom('Олег', 'Δημήτρης', '王芳', 'محمد', 'नमस्ते', '😀', '👨‍👩‍👧', 'שלום');
    fc.assert(
      fc.property(other, fc.array(fc.constantFrom(...LATIN_LETTERS, ...PUNCTUATION), { maxLength: 10 }), (name, rest) => {
        const out = foldToGsm(`${rest.join('')}${name}`);
        expect(out.endsWith(name)).toBe(true);
      }),
    );
  });
});

describe('smsTextAsSent', () => {
  it('folds only when the template keeps texts in GSM-7', () => {
    expect(smsTextAsSent('el sábado', { keepSmsInGsm7: true })).toBe('el sabado');
    expect(smsTextAsSent('el sábado', { keepSmsInGsm7: false })).toBe('el sábado');
    expect(smsTextAsSent('el sábado', {})).toBe('el sábado');
  });

  it('leaves links as written: a folded path or domain would lead somewhere else', () => {
    expect(smsTextAsSent('Réservez ici : https://exemple.fr/hôtel?à=1 – merci', { keepSmsInGsm7: true })).toBe('Réservez ici : https://exemple.fr/hôtel?à=1 - merci');
    expect(smsTextAsSent('Reserve: www.crêperie.fr, o llame — gracias', { keepSmsInGsm7: true })).toBe('Reserve: www.crêperie.fr, o llame - gracias');
    expect(smsTextAsSent('sábado https://a.com/x sábado', { keepSmsInGsm7: true })).toBe('sabado https://a.com/x sabado');
  });
});
