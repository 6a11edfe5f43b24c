import { isCapitals, personName } from './personName';

/** Words that make a name an organization's, not a person's ("ACME PLUMBING LLC", "CITY OF MIAMI"). */
const ORGANIZATION_WORDS = new Set([
  'ASSOCIATES', 'BANK', 'CENTER', 'CENTRE', 'CHURCH', 'CITY', 'CLINIC', 'CO', 'COLLEGE', 'COMPANY', 'CORP', 'CORPORATION',
  'COUNTY', 'DENTAL', 'DEPT', 'GROUP', 'HOSPITAL', 'INC', 'INSURANCE', 'LLC', 'LLP', 'LTD', 'MEDICAL', 'OFFICE', 'PHARMACY',
  'PLLC', 'SCHOOL', 'SERVICES', 'UNIVERSITY',
]);

/**
 * The name to greet a caller by ("Hi John"), or null when none is safe, so the greeting falls back
 * ("Hi there"): never a number or stand-in (personName), never an organization ("Hi Acme"), and
 * never a guess at the order of a caller-ID name in capitals, which carriers list as "SMITH JOHN"
 * as often as "JOHN SMITH" ("Hi Smith"). "SMITH, JOHN" is unambiguous; so is a name written in
 * mixed case (an address book's or a CRM's), whose first word is the given name.
 * @example firstName('Jane Doe') // 'Jane'
 * @example firstName('SMITH, JOHN') // 'John'
 * @example firstName('JOHN SMITH') // null
 */
export function firstName(raw: string | null | undefined): string | null {
  const name = personName(raw);
  if (name === null) return null;
  const words = name.split(' ');
  if (words.some((w) => ORGANIZATION_WORDS.has(w.toUpperCase().replace(/[^\p{L}]/gu, '')))) return null;
  const trimmed = raw!.trim();
  const reordered = trimmed.includes(',') && !name.includes(',');
  if (isCapitals(trimmed) && !reordered) return null;
  return words[0]!;
}
