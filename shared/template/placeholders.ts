import type { Language } from '../schema/sequenceTemplate';

/**
 * Placeholders every missed-call template may use; callers fill them (calledAt comes preformatted).
 * `nextOpening`: when the business next opens, relative to the send time in its zone — `today at 2:00 PM`,
 * `tomorrow at 8:00 AM`, `Monday at 9:00 AM` (within six days), `on Dec 28 at 9:00 AM`; `now` while it
 * is open; blank (so the fallback, default `soon`, applies) with no opening hours, open 24/7, or no
 * opening within 400 days. See shared/hours/nextOpeningText.
 * `calledAt`: the missed call on the business's clock, `Tue, Jan 14, 3:45 PM`. See formatCalledAt.
 * Both times name the business zone (`tomorrow at 8:00 AM CST`, `Tue, Jan 14, 3:45 PM CST`) when the
 * recipient's zone is known and may read that instant with another UTC offset (any candidate zone of
 * the number); not in texts read inside the business (CRM tasks). See businessZoneSuffix.
 * Both are worded in the text's language: `mañana a las 8:00 a.m.`, `demain à 8 h` (nextOpeningWords).
 */
export const KNOWN_PLACEHOLDERS = [
  'businessName',
  'callerName',
  'callerFirstName',
  'department',
  'callbackLink',
  'callbackNumber',
  'agentName',
  'calledAt',
  'nextOpening',
] as const;
export type KnownPlaceholder = (typeof KNOWN_PLACEHOLDERS)[number];

/** Used when a value is missing or blank and the placeholder has no inline `|fallback`. */
export const DEFAULT_FALLBACKS: Readonly<Partial<Record<string, string>>> = Object.freeze({
  callerName: 'there',
  callerFirstName: 'there',
  department: 'our team',
  nextOpening: 'soon',
});

/**
 * The default fallbacks in each language a template may be written in. A missing name is left out in
 * Spanish and French ("Hola, …", "Bonjour, …": the space before a comma or period goes with it).
 */
export const DEFAULT_FALLBACKS_BY_LANGUAGE: Readonly<Record<Language, Readonly<Partial<Record<string, string>>>>> = Object.freeze({
  en: DEFAULT_FALLBACKS,
  es: Object.freeze({ callerName: '', callerFirstName: '', department: 'nuestro equipo', nextOpening: 'pronto' }),
  fr: Object.freeze({ callerName: '', callerFirstName: '', department: 'notre équipe', nextOpening: 'bientôt' }),
});

/** Default cap (code points) for a rendered value; links get more room than names. */
export const DEFAULT_MAX_VALUE_LENGTH = 100;
export const MAX_VALUE_LENGTHS: Readonly<Partial<Record<string, number>>> = Object.freeze({
  callbackLink: 2000,
});

/**
 * One token of a template: `\{{` (escaped braces), or `{{ … }}` with no braces inside.
 * `[^{}]*` cannot overlap anything around it, so matching stays linear.
 */
export const TOKEN = /\\\{\{|\{\{([^{}]*)\}\}/g;
/** Inside the braces: a name, then optionally `|` and a literal fallback. */
export const INNER = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\|([^]*))?$/;

/**
 * Distinct placeholder names in a template, in order of first appearance (escaped `\{{` skipped,
 * malformed `{{ two words }}` not counted).
 *
 * @example
 * placeholdersIn('Hi {{callerFirstName|there}}, {{ businessName }} here. \\{{not}}') // ['callerFirstName', 'businessName']
 */
export function placeholdersIn(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(TOKEN)) {
    if (m[1] === undefined) continue;
    const inner = INNER.exec(m[1]);
    if (inner && !names.includes(inner[1]!)) names.push(inner[1]!);
  }
  return names;
}
