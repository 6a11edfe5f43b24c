import type { Diagnostic } from '../../../shared/lint';
import type { TemplateMeta } from '../graph/types';
import { numberProblem } from './numberProblem';

/** Designer-only findings on department lines, which the schema checks only by pattern. */
export const DEPARTMENT_NUMBER = 'DEPARTMENT_NUMBER';
export const DEPARTMENT_NUMBER_SHARED = 'DEPARTMENT_NUMBER_SHARED';

/**
 * Errors for department lines the shared phone module rejects (skipping any the schema already
 * reported, listed in `reported`), and a warning for a line listed by two departments (calls to it
 * are attributed to the first one only).
 */
export function departmentNumberDiagnostics(business: TemplateMeta['business'], reported: readonly Diagnostic[] = []): Diagnostic[] {
  const out: Diagnostic[] = [];
  const owner = new Map<string, string>();
  // defensive: an old autosave may hold anything; the schema diagnostics report the shape
  const departments = Array.isArray(business?.departments) ? business.departments : [];
  departments.forEach((d, i) => {
    (Array.isArray(d?.numbers) ? d.numbers : []).forEach((n, j) => {
      if (typeof n !== 'string') return;
      const path = `business.departments[${i}].numbers[${j}]`;
      const problem = numberProblem(n);
      if (problem && !reported.some((r) => r.message.startsWith(`${path}:`))) {
        out.push({ code: DEPARTMENT_NUMBER, severity: 'error', stepId: null, message: `${path}: ${problem.message}` });
      }
      const first = owner.get(n);
      if (first !== undefined && first !== d.id) {
        out.push({ code: DEPARTMENT_NUMBER_SHARED, severity: 'warning', stepId: null, message: `${path}: ${n} also rings department "${first}"; calls to it are attributed to "${first}" only.` });
      } else if (first === undefined) owner.set(n, d.id);
    });
  });
  return out;
}
