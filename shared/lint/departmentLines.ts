import { normalizePhone } from '../phone/normalizePhone';
import type { SequenceTemplate } from '../schema/sequenceTemplate';

/**
 * Why a department line is not usable as written, or null when it is a valid E.164 number. Checked
 * with the shared phone module (stricter than the schema's E.164 pattern: `+15555550100` has no
 * real area code). `suggestion` is the E.164 form of a valid number written another way.
 * @example numberProblem('(512) 555-0142') // { message: 'Write it as E.164: +15125550142', suggestion: '+15125550142' }
 */
export function numberProblem(value: string): { message: string; suggestion: string | null } | null {
  if (value.trim() === '') return { message: 'Enter the line as E.164, e.g. +15125550142', suggestion: null };
  const e164 = normalizePhone(value);
  if (e164 === null) return { message: 'Not a valid phone number; use E.164, e.g. +15125550142', suggestion: null };
  return e164 === value ? null : { message: `Write it as E.164: ${e164}`, suggestion: e164 };
}

export interface LineFinding {
  code: 'DEPARTMENT_NUMBER' | 'DEPARTMENT_NUMBER_SHARED';
  message: string;
  /** the line's field, e.g. `business.departments[1].numbers[0]` */
  path: string;
}

/** `Department 2 "Sales"`: as the departments editor lists it. */
function departmentLabel(d: { name?: string }, index: number): string {
  return `Department ${index + 1}${d.name?.trim() ? ` "${d.name.trim()}"` : ''}`;
}

/**
 * Department lines (`business.departments[].numbers`) that cannot identify the department called: an
 * invalid number, or a line two departments list (a call to it is credited to the first one only).
 * Messages name the department and line as the designer shows them; `path` is the field.
 */
export function departmentLineFindings(business: Pick<SequenceTemplate['business'], 'departments'>): LineFinding[] {
  const out: LineFinding[] = [];
  const owner = new Map<string, { id: string; label: string; name: string }>();
  business.departments.forEach((d, i) => {
    const label = departmentLabel(d, i);
    (d.numbers ?? []).forEach((n, j) => {
      const path = `business.departments[${i}].numbers[${j}]`;
      const where = `${label}, line ${j + 1}${n.trim() ? ` (${n})` : ''}`;
      const problem = numberProblem(n);
      if (problem) out.push({ code: 'DEPARTMENT_NUMBER', message: `${where}: ${problem.message}.`, path });
      const first = owner.get(n);
      if (first !== undefined && first.id !== d.id) {
        out.push({
          code: 'DEPARTMENT_NUMBER_SHARED',
          message: `${where} also rings ${first.label}; calls to it are credited to "${first.name}" only. Remove it from one of the two.`,
          path,
        });
      } else if (first === undefined) owner.set(n, { id: d.id, label, name: d.name });
    });
  });
  return out;
}
