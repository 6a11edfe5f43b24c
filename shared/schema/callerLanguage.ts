import type { Department, Language } from './sequenceTemplate';

/**
 * The language a caller's texts are in: that of the department the call reached (by id or name, any
 * case, as `callDepartment` names it), else the template's own.
 * @example callerLanguage({ language: 'en', business: { departments: [{ id: 'es', name: 'Ventas', language: 'es' }] } }, 'Ventas') // 'es'
 */
export function callerLanguage(template: { language?: Language; business: { departments: readonly Department[] } }, department: string | null | undefined): Language {
  const key = department?.trim().toLowerCase();
  const d = key ? template.business.departments.find((x) => x.id.toLowerCase() === key || x.name.toLowerCase() === key) : undefined;
  return d?.language ?? template.language ?? 'en';
}
