import { INNER, KNOWN_PLACEHOLDERS, TOKEN, type KnownPlaceholder } from '../template/placeholders';

// the renderer's grammar is the only one: lint must see exactly the placeholders rendering fills
export { KNOWN_PLACEHOLDERS };
export type PlaceholderName = KnownPlaceholder;

const KNOWN = new Set<string>(KNOWN_PLACEHOLDERS);

/** Placeholders that make a text about this caller (business name and links don't count). */
export const PERSONAL_PLACEHOLDERS: ReadonlySet<string> = new Set(['callerName', 'callerFirstName', 'department', 'agentName', 'calledAt']);

export interface Placeholder {
  /** trimmed name, e.g. `callerFirstName`; '' for a malformed `{{ two words }}` */
  name: string;
  /** text after `|`, or null */
  fallback: string | null;
  /** the whole match, e.g. `{{callerFirstName|there}}` */
  raw: string;
}

/**
 * All placeholders in a text, in order, as the renderer reads them (escaped `\{{` skipped).
 * @example findPlaceholders('Hi {{callerFirstName|there}}') // [{ name: 'callerFirstName', fallback: 'there', … }]
 */
export function findPlaceholders(text: string): Placeholder[] {
  const out: Placeholder[] = [];
  for (const m of text.matchAll(TOKEN)) {
    if (m[1] === undefined) continue;
    const inner = INNER.exec(m[1]);
    out.push({ name: inner?.[1] ?? '', fallback: inner?.[2] ?? null, raw: m[0] });
  }
  return out;
}

/** The text with each placeholder replaced by `replace(name)`; escapes left as they are. */
export function replacePlaceholders(text: string, replace: (name: string) => string): string {
  return text.replace(TOKEN, (raw, inner: string | undefined) => (inner === undefined ? raw : replace(INNER.exec(inner)?.[1] ?? '')));
}

export function isKnownPlaceholder(name: string): name is PlaceholderName {
  return KNOWN.has(name);
}
