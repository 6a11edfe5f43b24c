/** Placeholder names the message renderer fills in. */
export const KNOWN_PLACEHOLDERS = [
  'businessName',
  'callerName',
  'callerFirstName',
  'department',
  'callbackLink',
  'callbackNumber',
  'agentName',
  'calledAt',
] as const;
export type PlaceholderName = (typeof KNOWN_PLACEHOLDERS)[number];

const KNOWN = new Set<string>(KNOWN_PLACEHOLDERS);

/** Placeholders that make a text about this caller (business name and links don't count). */
export const PERSONAL_PLACEHOLDERS: ReadonlySet<string> = new Set(['callerName', 'callerFirstName', 'department', 'agentName', 'calledAt']);

export interface Placeholder {
  /** trimmed name, e.g. `callerFirstName` (may be empty for `{{}}`) */
  name: string;
  /** text after `|`, or null */
  fallback: string | null;
  /** the whole match, e.g. `{{callerFirstName|there}}` */
  raw: string;
}

/** `{{name}}` or `{{name|fallback}}`, whitespace around the name allowed. */
export const PLACEHOLDER_RE = /\{\{\s*([^{}|]*?)\s*(?:\|([^{}]*))?\}\}/g;

/**
 * All placeholders in a text, in order.
 * @example findPlaceholders('Hi {{callerFirstName|there}}') // [{ name: 'callerFirstName', fallback: 'there', … }]
 */
export function findPlaceholders(text: string): Placeholder[] {
  const out: Placeholder[] = [];
  for (const m of text.matchAll(PLACEHOLDER_RE)) out.push({ name: m[1], fallback: m[2] ?? null, raw: m[0] });
  return out;
}

export function isKnownPlaceholder(name: string): name is PlaceholderName {
  return KNOWN.has(name);
}
