import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * The ways people type one number into a CRM, E.164 first: `+13055550123`, `(305) 555-0123`,
 * `3055550123`, `+1 305 555 0123`. CRMs compare phone fields as text, so a lookup tries them all.
 * @example phoneVariants('+13055550123') // ['+13055550123', '(305) 555-0123', '3055550123', '+1 305 555 0123']
 */
export function phoneVariants(e164: string): string[] {
  const p = parsePhoneNumberFromString(e164);
  if (!p) return [e164];
  const out = [e164, p.formatNational(), String(p.nationalNumber), p.formatInternational()];
  return [...new Set(out)];
}
