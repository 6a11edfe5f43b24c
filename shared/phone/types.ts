/** Line type as the policy sees it. NANP ranges are not typed, so there it is `unknown` unless a
 * carrier lookup (e.g. Twilio Lookup line_type_intelligence) says otherwise. `premium` (premium-rate)
 * and `pager` lines never get a consumer text. */
export const LINE_TYPES = ['mobile', 'landline', 'voip', 'toll_free', 'premium', 'pager', 'unknown'] as const;
export type LineType = (typeof LINE_TYPES)[number];

/** What the policy knows about one number. */
export interface PhoneInfo {
  /** E.164, e.g. `+13055550123` */
  e164: string;
  /** ISO 3166-1 alpha-2, e.g. `US`; null when libphonenumber cannot tell. US territories (PR, VI, GU,
   * MP, AS) report `US` with the territory as subdivision, since US federal rules reach them. */
  country: string | null;
  /** ISO 3166-2 subdivision suffix from the area code, e.g. `FL`, `QC`, `PR`; null outside US/CA, when
   * unknown, or when the area code spans several (902: NS+PE; all of them are in `jurisdictions`) */
  subdivision: string | null;
  /** jurisdictions whose rules may apply, broadest first, e.g. `['US', 'US-FL']` */
  jurisdictions: string[];
  lineType: LineType;
  /** candidate IANA zones (conservative union); empty when unknown */
  zones: string[];
}
