const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';
const BASIC = new Set(GSM_BASIC);
const EXTENDED = new Set(GSM_EXTENDED);
const escape = (chars: string) => chars.replace(/[\\\]^\-[]/g, '\\$&');
/** fast path: every character in the GSM-7 alphabet (basic or extension) */
const GSM_ONLY_RE = new RegExp(`^[${escape(GSM_BASIC + GSM_EXTENDED)}]*$`);
const EXTENDED_RE = new RegExp(`[${escape(GSM_EXTENDED)}]`, 'g');

export interface SmsSegmentCount {
  encoding: 'GSM-7' | 'UCS-2';
  /** septets (GSM-7, extension characters count 2) or UTF-16 code units (UCS-2) */
  units: number;
  segments: number;
}

/**
 * Segments an SMS needs: GSM-7 160 single / 153 per part, UCS-2 70 / 67. One character outside
 * the GSM-7 alphabet (an emoji, a curly quote) switches the whole message to UCS-2.
 * @example smsSegments('Hi there').segments // 1
 */
export function smsSegments(text: string): SmsSegmentCount {
  if (GSM_ONLY_RE.test(text)) {
    const septets = text.length + (text.match(EXTENDED_RE)?.length ?? 0);
    return { encoding: 'GSM-7', units: septets, segments: septets === 0 ? 0 : septets <= 160 ? 1 : Math.ceil(septets / 153) };
  }
  let septets = 0;
  let gsm = true;
  for (const ch of text) {
    if (BASIC.has(ch)) septets += 1;
    else if (EXTENDED.has(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return { encoding: 'GSM-7', units: septets, segments: septets === 0 ? 0 : septets <= 160 ? 1 : Math.ceil(septets / 153) };
  const units = text.length;
  return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}
