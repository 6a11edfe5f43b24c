/** Placeholders every missed-call template may use; callers fill them (calledAt comes preformatted). */
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
export type KnownPlaceholder = (typeof KNOWN_PLACEHOLDERS)[number];

/** Used when a value is missing or blank and the placeholder has no inline `|fallback`. */
export const DEFAULT_FALLBACKS: Readonly<Partial<Record<string, string>>> = Object.freeze({
  callerName: 'there',
  callerFirstName: 'there',
  department: 'our team',
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
