/** Truncation marker; three ASCII dots, because '…' is not GSM-7 and would force UCS-2. */
export const ELLIPSIS = '...';

// C0 and C1 controls, DEL, lone surrogates, bidi embeddings/overrides/isolates (spoofing), zero-width
// joiners/spaces and BOM. Tab/CR/LF/FF/VT and the Unicode line/paragraph separators become spaces first.
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
const STRIP =
  /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const SPACES = /[ \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;

/**
 * Makes a caller-supplied value safe to drop into an SMS: NFC, control/bidi/zero-width characters
 * removed, line breaks and runs of spaces collapsed to one space, trimmed, and capped at `maxLength`
 * code points (a surrogate pair is never cut) with a trailing `...`.
 *
 * @example
 * sanitizeValue('  Ana\n\u202eMaría\u0007 ', 100) // 'Ana María'
 */
export function sanitizeValue(value: string, maxLength: number): string {
  const clean = value
    .normalize('NFC')
    .replace(LINE_BREAKS, ' ')
    .replace(STRIP, '')
    .replace(SPACES, ' ')
    .trim();
  return truncate(clean, maxLength);
}

/** Cuts to at most `maxLength` code points including the ellipsis; no-op when it already fits. */
export function truncate(text: string, maxLength: number): string {
  const max = Math.max(0, Math.floor(maxLength));
  // UTF-16 length is an upper bound on the code point count
  if (text.length <= max) return text;
  if (indexAfterPoints(text, max) === text.length) return text;
  if (max <= ELLIPSIS.length) return text.slice(0, indexAfterPoints(text, max));
  return text.slice(0, indexAfterPoints(text, max - ELLIPSIS.length)).trimEnd() + ELLIPSIS;
}

/** UTF-16 index just after the first `count` code points (or the end of the text). */
function indexAfterPoints(text: string, count: number): number {
  let i = 0;
  for (let n = 0; n < count && i < text.length; n++) {
    const code = text.charCodeAt(i);
    i += code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1;
  }
  return i;
}
