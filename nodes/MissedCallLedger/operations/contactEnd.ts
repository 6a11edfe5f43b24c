import { phoneParam, str, type Operation } from './types';

/** The end reason of an enrollment ended by hand (Sequence Exit and the trigger set the others). */
export const MANUAL_END_REASON = 'manual';

/**
 * contact → end sequences (unenroll): ends the contact's active enrollments, of every template or of
 * one, and cancels their open touches. Final, unlike Pause: a later missed call enrolls the caller
 * afresh. Each end is audited (`enrollment_exited`, reason `manual`) and the note once (`contact_unenrolled`).
 */
export const contactEnd: Operation = async (c) => {
  const phone = phoneParam(c);
  const note = str(c.fn.getNodeParameter('reason', c.i, MANUAL_END_REASON)) ?? MANUAL_END_REASON;
  const only = str(c.fn.getNodeParameter('onlyTemplateId', c.i, ''));
  const active = (await c.ledger.enrollmentsOf(phone)).filter((e) => e.status === 'active' && (only === null || e.templateId === only));
  for (const e of active) await c.ledger.exitEnrollment(e.id, MANUAL_END_REASON, c.now);
  const ended = active.map((e) => ({ enrollmentId: e.id, templateId: e.templateId }));
  if (ended.length > 0) await c.ledger.audit({ kind: 'contact_unenrolled', phone, data: { note, templateId: only, enrollmentIds: ended.map((e) => e.enrollmentId) }, now: c.now });
  return [{ json: { phone, ended, count: ended.length, reason: note } }];
};
