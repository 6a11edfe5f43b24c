import type { IDataObject } from 'n8n-workflow';
import { isContactPaused } from '../../ledger/isContactPaused';
import { contactEmailSuppression } from './contactEmailSuppression';
import { iso, phoneParam, type Operation } from './types';

/**
 * contact → get state: consent, opt-outs, pause, last reply, preferred language (`contact.language`),
 * the suppression of the contact's email address (`emailSuppression`, null when none or no email) and
 * enrollments (without their templates).
 */
export const contactGet: Operation = async (c) => {
  const phone = phoneParam(c);
  const state = await c.ledger.contact(phone);
  const enrollments = await c.ledger.enrollmentsOf(phone);
  return [
    {
      json: {
        phone,
        found: state !== null,
        contact: state as unknown as IDataObject,
        pausedNow: state !== null && isContactPaused(state, c.now),
        optedOut: { sms: state?.optOut.sms !== null && state !== null, email: state?.optOut.email !== null && state !== null },
        emailSuppression: await contactEmailSuppression(c.ledger, state?.email),
        enrollments: enrollments.map((e) => ({
          id: e.id,
          templateId: e.templateId,
          callId: e.callId,
          status: e.status,
          endReason: e.endReason,
          createdAt: iso(e.createdAt),
          endedAt: iso(e.endedAt),
        })),
      },
    },
  ];
};
