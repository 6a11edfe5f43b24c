import { describe, expect, it } from 'vitest';
import { departmentLineFindings, numberProblem, validateSequence } from '../../../shared/lint';
import { fourTouch } from '../../../shared/templates';

const withDepartments = (departments: unknown[]) => ({ ...fourTouch, business: { ...fourTouch.business, departments } });
const codes = (t: unknown) => validateSequence(t).map((d) => `${d.severity}:${d.code}`);

describe('department lines in the shared lint (nodes and designer)', () => {
  it('accepts the starter template: its lines are valid and not shared', () => {
    expect(departmentLineFindings(fourTouch.business)).toEqual([]);
    expect(codes(fourTouch).filter((c) => c.includes('DEPARTMENT'))).toEqual([]);
  });

  it('an E.164-shaped line that is no real number is an error naming the field (so the trigger refuses the template)', () => {
    const t = withDepartments([{ id: 'service', name: 'Service', queue: 'service', numbers: ['+15555550100'] }]);
    const found = validateSequence(t).filter((d) => d.code === 'DEPARTMENT_NUMBER');
    expect(codes(t).filter((c) => c.startsWith('error:'))).toEqual(['error:DEPARTMENT_NUMBER']);
    expect(found).toHaveLength(1);
    expect(found[0]).toEqual({
      code: 'DEPARTMENT_NUMBER',
      severity: 'error',
      stepId: null,
      path: 'business.departments[0].numbers[0]',
      message: 'Department 1 "Service", line 1 (+15555550100): Not a valid phone number; use E.164, e.g. +15125550142.',
    });
  });

  it('a line two departments list is a warning: calls to it go to the first department', () => {
    const t = withDepartments([
      { id: 'service', name: 'Service', queue: 'service', numbers: ['+15125550142'] },
      { id: 'sales', name: 'Sales', queue: 'sales', numbers: ['+15125550143', '+15125550142'] },
    ]);
    const found = validateSequence(t).filter((d) => d.code === 'DEPARTMENT_NUMBER_SHARED');
    expect(found.map((d) => [d.severity, d.path])).toEqual([['warning', 'business.departments[1].numbers[1]']]);
    expect(found[0]!.message).toBe('Department 2 "Sales", line 2 (+15125550142) also rings Department 1 "Service"; calls to it are credited to "Service" only. Remove it from one of the two.');
  });

  it('the same line twice in one department is not "shared"', () => {
    expect(departmentLineFindings({ departments: [{ id: 'a', name: 'A', numbers: ['+15125550142', '+15125550142'] }] as never })).toEqual([]);
  });

  it('numberProblem suggests the E.164 form of a valid number written another way', () => {
    expect(numberProblem('+15125550142')).toBeNull();
    expect(numberProblem('(512) 555-0142')).toEqual({ message: 'Write it as E.164: +15125550142', suggestion: '+15125550142' });
    expect(numberProblem('+15555550100')?.suggestion).toBeNull();
    expect(numberProblem('  ')?.suggestion).toBeNull();
  });
});
