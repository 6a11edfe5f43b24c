/**
 * GSM 03.38 (3GPP TS 23.038) default alphabet, basic table, in code order 0x00–0x7F.
 * 0x1B (ESC) is the escape to the extension table and is not a character of its own.
 */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** Extension table: each costs two septets (ESC + code) and is never split across segments. */
const GSM_EXTENSION = '\f^{}\\[~]|€';

const BASIC = new Set([...GSM_BASIC].filter((c) => c !== '\u001b'));
const EXTENSION = new Set([...GSM_EXTENSION]);

export type SmsEncodingName = 'GSM-7' | 'UCS-2';

export interface SmsEncodingResult {
  encoding: SmsEncodingName;
  /** septets for GSM-7, UTF-16 code units for UCS-2 */
  units: number;
  segments: number;
  /** capacity of one segment in `units`: 160/70 for a single segment, 153/67 when concatenated */
  perSegment: number;
  /** distinct characters (code points, in order of appearance) that force UCS-2 */
  nonGsm: string[];
}

/** Septets a character costs in GSM-7, or 0 when it is not in the default alphabet. */
export function gsmSeptets(char: string): 0 | 1 | 2 {
  if (BASIC.has(char)) return 1;
  if (EXTENSION.has(char)) return 2;
  return 0;
}

/**
 * How an SMS body is encoded and how many segments it takes.
 *
 * GSM-7: 160 septets in one segment, 153 per segment when concatenated (the UDH takes the rest);
 * extension characters (`^ { } \ [ ] ~ | €`, form feed) cost 2 and their escape pair is never split.
 * UCS-2: 70 code units in one segment, 67 when concatenated; a surrogate pair is never split.
 *
 * @example
 * smsEncoding('Hi there')      // { encoding: 'GSM-7', units: 8, segments: 1, perSegment: 160, nonGsm: [] }
 * smsEncoding('¿Qué tal? 👋') // { encoding: 'UCS-2', units: 12, segments: 1, perSegment: 70, nonGsm: ['👋'] }
 */
export function smsEncoding(text: string): SmsEncodingResult {
  const nonGsm: string[] = [];
  const seen = new Set<string>();
  let septets = 0;
  for (const ch of text) {
    const cost = gsmSeptets(ch);
    if (cost === 0) {
      if (!seen.has(ch)) {
        seen.add(ch);
        nonGsm.push(ch);
      }
    } else {
      septets += cost;
    }
  }

  if (nonGsm.length === 0) {
    if (septets <= 160) return { encoding: 'GSM-7', units: septets, segments: septets === 0 ? 0 : 1, perSegment: 160, nonGsm };
    return { encoding: 'GSM-7', units: septets, segments: pack(text, 153, gsmSeptets), perSegment: 153, nonGsm };
  }

  const units = text.length;
  if (units <= 70) return { encoding: 'UCS-2', units, segments: 1, perSegment: 70, nonGsm };
  return { encoding: 'UCS-2', units, segments: pack(text, 67, (ch) => ch.length), perSegment: 67, nonGsm };
}

/** Greedy packing of indivisible characters into segments of `capacity` units. */
function pack(text: string, capacity: number, cost: (ch: string) => number): number {
  let segments = 1;
  let used = 0;
  for (const ch of text) {
    const c = cost(ch);
    if (used + c > capacity) {
      segments += 1;
      used = 0;
    }
    used += c;
  }
  return segments;
}
