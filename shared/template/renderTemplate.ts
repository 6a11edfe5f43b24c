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

/** marks a placeholder rendered empty before `,` or `.` (U+FFFF is a noncharacter: not in real text) */
const GAP = '\uFFFF';
const TIGHT = /^[,.]$/;

/**
 * Renders `{{name}}` / `{{ name | fallback }}` placeholders in one pass: values are never expanded
 * again, so a value containing `{{businessName}}` appears literally. Values (and inline fallbacks) are
 * sanitized with {@link sanitizeValue}; a missing or blank value falls back to the inline fallback, then
 * to the default table, else renders '' and is reported in `missing`. `\{{` renders a literal `{{`.
 * One that renders empty before a comma or period drops the space before it ("Hola {{callerFirstName|}}," → "Hola,"),
 * and a value ending in a period before the text's own period gives one ("a las 9:00 a.m.").
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

  // a value ending in a period ("9:00 a.m.") before the text's own period gives one period, not two
  const tight = (value: string, offset: number, token: string) => (value.endsWith('.') && text[offset + token.length] === '.' ? value.slice(0, -1) : value);
  let dropped = false;
  // a placeholder that renders empty right before a comma or period takes the space before it along
  const empty = (offset: number, token: string) => {
    if (text[offset - 1] !== ' ' || !TIGHT.test(text[offset + token.length] ?? '')) return '';
    dropped = true;
    return GAP;
  };
  const replaced = text.replace(TOKEN, (token: string, body: string | undefined, offset: number) => {
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
    if (value !== '') return tight(value, offset, token);
    // an inline fallback, even an empty one (`{{x|}}`), is the author's explicit choice
    const fallback = inner[2] !== undefined ? sanitizeValue(inner[2], cap) : Object.hasOwn(defaults, name) ? defaults[name] : undefined;
    if (fallback === undefined) add(missing, name);
    return fallback ? tight(fallback, offset, token) : empty(offset, token);
  });
  const out = dropped ? replaced.replaceAll(` ${GAP}`, '') : replaced;

  return { text: out, missing, unknown, used, invalid };
}
