import type { Business, Weekday } from '../schema/sequenceTemplate';

/** Opening hours per weekday (`"HH:MM-HH:MM"`, local); a missing or empty day is closed. */
export type OpeningHours = Readonly<Partial<Record<Weekday, readonly string[]>>>;

/** What the hours logic reads from a business; unparsed or older shapes may lack hours or closures. */
export interface BusinessHours {
  timeZone: string;
  openingHours?: OpeningHours;
  closures?: Business['closures'];
}
