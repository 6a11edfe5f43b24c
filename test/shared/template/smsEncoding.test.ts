import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gsmSeptets, smsEncoding } from '../../../shared/template';

const a = (n: number) => 'a'.repeat(n);
const EMOJI = '😀'; // one code point, two UTF-16 units

describe('smsEncoding', () => {
  it.each([
    ['empty text has no segments', '', 'GSM-7', 0, 0, 160],
    ['one character', 'a', 'GSM-7', 1, 1, 160],
    ['160 GSM septets fit one segment', a(160), 'GSM-7', 160, 1, 160],
    ['161 GSM septets need two segments of 153', a(161), 'GSM-7', 161, 2, 153],
    ['153 × 2 septets fill exactly two segments', a(306), 'GSM-7', 306, 2, 153],
    ['153 × 2 + 1 septets need three', a(307), 'GSM-7', 307, 3, 153],
    ['an extension char costs two septets (158 + € = 160)', a(158) + '€', 'GSM-7', 160, 1, 160],
    ['159 + € = 161 septets spills over', a(159) + '€', 'GSM-7', 161, 2, 153],
    ['an escape pair is never split (152 + € + 152 = 306 septets but 3 segments)', a(152) + '€' + a(152), 'GSM-7', 306, 3, 153],
    ['an extension char that fits exactly at the end of a segment stays there', a(151) + '€' + a(153), 'GSM-7', 306, 2, 153],
    ['every extension char costs two', '^{}\\[~]|€', 'GSM-7', 18, 1, 160],
    ['newline and carriage return are basic', 'a\nb\rc', 'GSM-7', 5, 1, 160],
    ['70 UCS-2 units fit one segment', 'á' + a(69), 'UCS-2', 70, 1, 70],
    ['71 UCS-2 units need two segments of 67', 'á' + a(70), 'UCS-2', 71, 2, 67],
    ['67 × 2 UCS-2 units fill exactly two', 'á' + a(133), 'UCS-2', 134, 2, 67],
    ['a surrogate pair is never split (66 + emoji + 66 = 134 units but 3 segments)', 'á' + a(65) + EMOJI + a(66), 'UCS-2', 134, 3, 67],
    ['an emoji ending exactly at unit 67 stays in its segment', 'á' + a(64) + EMOJI + a(67), 'UCS-2', 134, 2, 67],
    ['35 emoji are 70 units: one segment', EMOJI.repeat(35), 'UCS-2', 70, 1, 70],
    ['36 emoji are 72 units: two segments', EMOJI.repeat(36), 'UCS-2', 72, 2, 67],
    ['extension chars count one unit in UCS-2', '€' + EMOJI, 'UCS-2', 3, 1, 70],
  ])('%s', (_name, text, encoding, units, segments, perSegment) => {
    const r = smsEncoding(text);
    expect(r).toMatchObject({ encoding, units, segments, perSegment });
  });

  it.each([
    ['é è ù ì ò Ç Ø ø Å å Ä Ö Ñ Ü ä ö ñ ü à É ß Æ æ are GSM basic', 'éèùìòÇØøÅåÄÖÑÜäöñüàÉßÆæ', []],
    ['Spanish á í ó ú are not', '¿Cómo está? Aquí Ramón, Raúl', ['ó', 'á', 'í', 'ú']],
    ['lowercase ç and Ê are not', 'ça Être', ['ç', 'Ê']],
    ['curly quotes and … are not', '“Hi” it’s…', ['“', '”', '’', '…']],
    ['a tab is not', 'a\tb', ['\t']],
    ['emoji are reported once each, as whole code points', `${EMOJI}x${EMOJI}👍`, [EMOJI, '👍']],
    ['Greek capitals from the table are GSM', 'ΔΦΓΛΩΠΨΣΘΞ', []],
    ['£ $ ¥ ¤ § ¡ ¿ @ _ are GSM', '£$¥¤§¡¿@_', []],
  ])('%s', (_name, text, nonGsm) => {
    const r = smsEncoding(text);
    expect(r.nonGsm).toEqual(nonGsm);
    expect(r.encoding).toBe(nonGsm.length ? 'UCS-2' : 'GSM-7');
  });

  it.each([
    ['a', 1],
    ['€', 2],
    ['\f', 2],
    ['á', 0],
    ['\u001b', 0],
  ] as const)('gsmSeptets(%j) is %i', (ch, cost) => {
    expect(gsmSeptets(ch)).toBe(cost);
  });

  it('never reports fewer segments than units ÷ capacity, and a segment never exceeds its capacity', () => {
    const chars = fc.constantFrom('a', '€', '{', 'é', 'á', EMOJI, ' ', '\n');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 400 }).map((xs) => xs.join('')), (text) => {
        const r = smsEncoding(text);
        expect(r.segments).toBeGreaterThanOrEqual(Math.ceil(r.units / r.perSegment));
        expect(r.segments).toBeLessThanOrEqual(Math.ceil(r.units / (r.perSegment - 1)));
        if (r.encoding === 'UCS-2') expect(r.units).toBe(text.length);
        expect(r.segments === 0).toBe(text === '');
      }),
    );
  });

  it('classifies a 10,000-character body', () => {
    const r = smsEncoding(a(9_999) + '€');
    expect(r).toMatchObject({ encoding: 'GSM-7', units: 10_001, segments: Math.ceil(10_001 / 153) });
  });
});
