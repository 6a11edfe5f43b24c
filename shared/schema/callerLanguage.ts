import { LANGUAGES, type Department, type Language } from './sequenceTemplate';

/** True for a language code texts can be written in (`LANGUAGES`). */
export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

/**
 * The language a caller's texts are in: the contact's own preference (set from a CRM or by an agent,
 * see the ledger's setContactLanguage) when it is a known language, else that of the department the
 * call reached (by id or name, any case, as `callDepartment` names it), else the template's own.
 * Without a template (e.g. a contact never enrolled): the preference, else English.
 * A step without a translation into this language still goes out in the step's own text (renderStep).
 * @example callerLanguage({ language: 'en', business: { departments: [{ id: 'es', name: 'Ventas', language: 'es' }] } }, 'Ventas') // 'es'
 * @example callerLanguage({ language: 'en', business: { departments: [{ id: 'es', name: 'Ventas', language: 'es' }] } }, 'Ventas', 'fr') // 'fr'
 */
export function callerLanguage(
  template: { language?: Language; business: { departments: readonly Department[] } } | null,
  department: string | null | undefined,
  preferred?: string | null,
): Language {
  if (isLanguage(preferred)) return preferred;
  if (template === null) return 'en';
  const key = department?.trim().toLowerCase();
  const d = key ? template.business.departments.find((x) => x.id.toLowerCase() === key || x.name.toLowerCase() === key) : undefined;
  return d?.language ?? template.language ?? 'en';
}

/**
 * The languages a caller's texts may go out in, best first and each once: their preference, the
 * department's language, the template's own (always last). A step without a translation into the
 * first takes the next one it has, so a Spanish-line caller who prefers French gets the Spanish text
 * of a step that has no French one, and the template's own text only when neither is there.
 * @example callerLanguages({ language: 'en', business: { departments: [{ id: 'es', name: 'Ventas', language: 'es' }] } }, 'Ventas', 'fr') // ['fr', 'es', 'en']
 */
export function callerLanguages(
  template: { language?: Language; business: { departments: readonly Department[] } },
  department: string | null | undefined,
  preferred?: string | null,
): Language[] {
  const own = template.language ?? 'en';
  const out: Language[] = [];
  if (isLanguage(preferred)) out.push(preferred);
  const dept = callerLanguage(template, department);
  if (!out.includes(dept)) out.push(dept);
  if (!out.includes(own)) out.push(own);
  return out;
}
