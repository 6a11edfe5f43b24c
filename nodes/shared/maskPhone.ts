/**
 * Masks the last four digits of a phone number for logs and error messages, keeping everything
 * else (country and area code stay readable for support). Numbers of four digits or fewer are
 * masked entirely; text without digits (`anonymous`) is returned as is; null/undefined give ''.
 * @example maskPhone('+13055550123') // '+1305555****'
 * @example maskPhone('(305) 555-0123') // '(305) 555-****'
 */
export function maskPhone(phone: string | null | undefined): string {
  if (phone === null || phone === undefined) return '';
  let toMask = 4;
  const chars = [...phone];
  for (let i = chars.length - 1; i >= 0 && toMask > 0; i--) {
    if (chars[i]! >= '0' && chars[i]! <= '9') {
      chars[i] = '*';
      toMask--;
    }
  }
  return chars.join('');
}
