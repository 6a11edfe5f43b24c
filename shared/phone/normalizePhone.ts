import { parseAccepted } from './parse';

/**
 * Normalizes a phone number to E.164, or null when it is not a valid number. National formats are
 * read in `defaultCountry` (ISO 3166-1 alpha-2, default `US`); an extension is dropped.
 * NANP numbers in a new NPA libphonenumber-js does not know yet (e.g. 729) are accepted.
 * @example normalizePhone('(305) 555-0123') // '+13055550123'
 * @example normalizePhone('07400 123456', 'GB') // '+447400123456'
 */
export function normalizePhone(input: string, defaultCountry?: string): string | null {
  return parseAccepted(input, defaultCountry)?.e164 ?? null;
}
