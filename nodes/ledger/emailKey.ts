/** The longest address SMTP carries (RFC 5321 § 4.5.3.1: a 256-octet path less its angle brackets). */
export const MAX_EMAIL_LENGTH = 254;

// one `@`, a local part of at most 64 characters, a domain with no spaces, brackets or separators
const ADDRESS = /^[^\s@<>()",;:\\[\]]{1,64}@[^\s@<>()",;:\\[\]]{1,253}$/;

/**
 * An email address as the ledger keys it: trimmed, lower case, the address inside `Name <a@b.c>`;
 * null for anything that is no single address (no `@`, spaces, a list, control characters, too long).
 * @example emailKey(' Dana Lee <Dana@Example.com> ') // 'dana@example.com'
 * @example emailKey('dana@example.com, ben@example.com') // null
 */
export function emailKey(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  let s = raw.trim();
  const angle = /^[^<>]*<([^<>]*)>\s*$/.exec(s);
  if (angle) s = angle[1]!.trim();
  // eslint-disable-next-line no-control-regex -- refused, never stored
  if (s.length > MAX_EMAIL_LENGTH || /[\u0000-\u001f\u007f]/.test(s) || !ADDRESS.test(s)) return null;
  return s.toLowerCase();
}
