import type { IDataObject } from 'n8n-workflow';
import { emailKey } from '../../ledger/emailKey';
import type { EmailSuppression, Ledger } from '../../ledger/Ledger';
import { emailParam, iso, str, type Operation } from './types';

/** A suppression as the node outputs it (`at` as an ISO instant). */
export function suppressionView(s: EmailSuppression | null): IDataObject | null {
  return s === null ? null : { email: s.email, at: iso(s.at), source: s.source, code: s.code, touchId: s.touchId, phone: s.phone };
}

/** The suppression of a contact's email on record (null without an email, or with one that is no address). */
export async function contactEmailSuppression(ledger: Ledger, email: string | null | undefined): Promise<IDataObject | null> {
  const key = emailKey(email);
  return key === null ? null : suppressionView(await ledger.emailSuppression(key));
}

/**
 * contact → clear email suppression (also email suppression → remove): lets emails go to the address again (after a hard bounce or an
 * SMTP refusal recorded it, or a manual suppression), e.g. once the customer fixed their mailbox or gave
 * the address again. Audited `email_suppression_cleared` with the reason, also when none was on record.
 */
export const contactClearEmailSuppression: Operation = async (c) => {
  const email = emailParam(c);
  const reason = str(c.fn.getNodeParameter('reason', c.i, 'manual')) ?? 'manual';
  const { cleared } = await c.ledger.clearEmailSuppression(email, { reason, now: c.now });
  return [{ json: { email, cleared: cleared !== null, suppression: suppressionView(cleared), reason } }];
};
