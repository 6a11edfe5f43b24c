import { normalizePhone } from '../../../shared/phone';

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
