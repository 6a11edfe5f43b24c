/** One number as typed: an optional +, then digits and the separators written inside a number. */
const NUMBER_RUN = /\+?[\d(][\d().\-\s]*/g;
/** Digits of one run left readable at most: a number with more digits after it stays masked. */
const MAX_SHOWN = 8;

/**
 * Masks the last four digits of a phone number for logs and error messages, keeping everything
 * else (country and area code stay readable for support). Numbers of four digits or fewer are
 * masked entirely; text without digits (`anonymous`) is returned as is; null/undefined give ''.
 * Text that is not one number (an invalid value quoted in an error) has each number in it masked
 * (numbers split by `+`, letters, commas or slashes), and no run shows more than its first 8 digits.
 * @example maskPhone('+13055550123') // '+1305555****'
 * @example maskPhone('(305) 555-0123') // '(305) 555-****'
 * @example maskPhone('+13055550123, +13055550199') // '+1305555****, +1305555****'
 */
export function maskPhone(phone: string | null | undefined): string {
  if (phone === null || phone === undefined) return '';
  return phone.replace(NUMBER_RUN, maskRun);
}

function maskRun(run: string): string {
  const chars = [...run];
  const digits = chars.filter((c) => c >= '0' && c <= '9').length;
  let toMask = Math.max(4, digits - MAX_SHOWN);
  for (let i = chars.length - 1; i >= 0 && toMask > 0; i--) {
    if (chars[i]! >= '0' && chars[i]! <= '9') {
      chars[i] = '*';
      toMask--;
    }
  }
  return chars.join('');
}
