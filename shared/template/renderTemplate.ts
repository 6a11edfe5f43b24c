import {
  DEFAULT_FALLBACKS,
  DEFAULT_MAX_VALUE_LENGTH,
  INNER,
  KNOWN_PLACEHOLDERS,
  MAX_VALUE_LENGTHS,
  TOKEN,
} from './placeholders';
import { sanitizeValue } from './sanitizeValue';

export type TemplateValue = string | number | null | undefined;
export type TemplateValues = Readonly<Record<string, TemplateValue>>;

export interface RenderOptions {
  /** replaces the default fallback table (pass `{}` to disable defaults) */
  defaults?: Readonly<Partial<Record<string, string>>>;
  /** per-name length caps in code points, merged over the built-in ones */
  maxLengths?: Readonly<Partial<Record<string, number>>>;
  /** cap for names without their own entry; default 100 */
  maxLength?: number;
}

export interface RenderResult {
  text: string;
  /** placeholders with no value and no fallback; rendered as '' — callers and lint treat these as errors */
  missing: string[];
  /** names that are neither known placeholders nor keys of `values` (typos) */
  unknown: string[];
  /** every placeholder name that appears, in order */
  used: string[];
  /** `{{ … }}` tokens that are not a valid placeholder (e.g. `{{first name}}`); left in the text as written */
  invalid: string[];
}

const KNOWN: ReadonlySet<string> = new Set(KNOWN_PLACEHOLDERS);

/**
 * Renders `{{name}}` / `{{ name | fallback }}` placeholders in one pass: values are never expanded
 * again, so a value containing `{{businessName}}` appears literally. Values (and inline fallbacks) are
 * sanitized with {@link sanitizeValue}; a missing or blank value falls back to the inline fallback, then
 * to the default table, else renders '' and is reported in `missing`. `\{{` renders a literal `{{`.
 *
 * @example
 * renderTemplate('Hi {{callerFirstName}}, {{businessName}} here.', { businessName: 'Acme' })
 * // { text: 'Hi there, Acme here.', missing: [], unknown: [], used: ['callerFirstName', 'businessName'], invalid: [] }
 */
export function renderTemplate(text: string, values: TemplateValues, opts: RenderOptions = {}): RenderResult {
  const defaults = opts.defaults ?? DEFAULT_FALLBACKS;
  const missing: string[] = [];
  const unknown: string[] = [];
  const used: string[] = [];
  const invalid: string[] = [];
  const add = (list: string[], name: string) => {
    if (!list.includes(name)) list.push(name);
  };

  const out = text.replace(TOKEN, (token: string, body: string | undefined) => {
    if (body === undefined) return '{{'; // escaped
    const inner = INNER.exec(body);
    if (!inner) {
      add(invalid, token);
      return token;
    }
    const name = inner[1]!;
    add(used, name);
    const hasValue = Object.hasOwn(values, name);
    if (!KNOWN.has(name) && !hasValue) add(unknown, name);

    const cap = opts.maxLengths?.[name] ?? MAX_VALUE_LENGTHS[name] ?? opts.maxLength ?? DEFAULT_MAX_VALUE_LENGTH;
    const raw = hasValue ? values[name] : undefined;
    const value = raw === null || raw === undefined ? '' : sanitizeValue(String(raw), cap);
    if (value !== '') return value;
    // an inline fallback, even an empty one (`{{x|}}`), is the author's explicit choice
    if (inner[2] !== undefined) return sanitizeValue(inner[2], cap);
    const fallback = Object.hasOwn(defaults, name) ? defaults[name] : undefined;
    if (fallback !== undefined) return fallback;
    add(missing, name);
    return '';
  });

  return { text: out, missing, unknown, used, invalid };
}
