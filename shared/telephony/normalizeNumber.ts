/**
 * Small, dependency-free phone normalizer for webhook fields: E.164 when the value is clearly a
 * phone number, else the value as given (`anonymous`, `restricted`, `client:alice`, extensions).
 * - `+` followed by 7–15 digits (spaces, dashes, dots, parentheses ignored) → `+digits`
 * - `00` international prefix → `+`
 * - 10 digits → NANP, `+1…`; 11 digits starting with 1 → `+…`
 * - `international: true` (providers that send E.164 without `+`, e.g. Vonage): 8–15 digits → `+digits`
 * @example normalizeNumber('+44 330 818 6690') // '+443308186690'
 * @example normalizeNumber('(415) 555-7777')   // '+14155557777'
 */
export function normalizeNumber(raw: string, opts: { international?: boolean } = {}): string {
  const value = raw.trim();
  if (!/^[+\d\s().-]+$/.test(value)) return value;
  const digits = value.replace(/\D/g, '');
  if (value.startsWith('+')) return digits.length >= 7 && digits.length <= 15 ? `+${digits}` : value;
  if (digits.startsWith('00') && digits.length >= 9 && digits.length <= 17) return `+${digits.slice(2)}`;
  if (opts.international && digits.length >= 8 && digits.length <= 15) return `+${digits}`;
  if (digits.length === 10 && /^[2-9]\d{2}[2-9]/.test(digits)) return `+1${digits}`;
  if (digits.length === 11 && /^1[2-9]\d{2}[2-9]/.test(digits)) return `+${digits}`;
  return value;
}
