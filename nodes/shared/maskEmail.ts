/**
 * Masks an email address for error messages: the first character of the local part and the domain
 * stay readable (support can still tell which mailbox provider), the rest of the local part goes.
 * Text that is no address keeps its first character only. null/undefined give ''.
 * @example maskEmail('dana.lee@example.com') // 'd***@example.com'
 * @example maskEmail('not an address') // 'n***'
 */
export function maskEmail(email: string | null | undefined): string {
  if (email === null || email === undefined) return '';
  const s = email.trim();
  if (s === '') return '';
  const at = s.lastIndexOf('@');
  const domain = at > 0 ? s.slice(at + 1, at + 1 + 100) : '';
  return `${[...s][0]}***${at > 0 ? `@${domain}` : ''}`;
}
