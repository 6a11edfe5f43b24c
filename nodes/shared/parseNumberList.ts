import { maskPhone } from './maskPhone';

export interface NumberList {
  /** E.164, each once, in list order */
  numbers: string[];
  /** the entries that are no phone number, as written, with their 1-based position in the list */
  invalid: { entry: string; position: number }[];
}

/**
 * A list of phone numbers as people type it in a node parameter: entries separated by commas,
 * semicolons or lines, each normalized by `toE164` (E.164, or national in the node's Default Country).
 * An entry that is no number as a whole may be numbers separated by spaces ("+13055550100 +13055550101").
 * @example parseNumberList('(305) 555-0100, front desk', toE164) // { numbers: ['+13055550100'], invalid: [{ entry: 'front desk', position: 2 }] }
 */
export function parseNumberList(text: string, toE164: (entry: string) => string | null): NumberList {
  const numbers = new Set<string>();
  const invalid: NumberList['invalid'] = [];
  const entries = text.split(/[\n\r,;]+/).map((s) => s.trim()).filter((s) => s !== '');
  entries.forEach((entry, i) => {
    const whole = toE164(entry);
    const parts = whole ? [whole] : entry.split(/\s+/).map(toE164);
    if (parts.every((p) => p !== null)) parts.forEach((p) => numbers.add(p));
    else invalid.push({ entry, position: i + 1 });
  });
  return { numbers: [...numbers], invalid };
}

/** `Ignore Numbers: entry 2 ("305-5**") is not a phone number` — entries masked like numbers in logs. */
export function invalidNumbersMessage(parameter: string, invalid: NumberList['invalid']): string {
  const list = invalid.map((x) => `entry ${x.position} ("${maskPhone(x.entry)}")`).join(', ');
  return `${parameter}: ${list} ${invalid.length === 1 ? 'is not a phone number' : 'are not phone numbers'}.`;
}
