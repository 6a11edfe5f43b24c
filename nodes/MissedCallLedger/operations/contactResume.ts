import { phoneParam, str, type Operation } from './types';

/** contact → resume: lifts the contact's pause (its pending touches become due again). */
export const contactResume: Operation = async (c) => {
  const phone = phoneParam(c);
  const reason = str(c.fn.getNodeParameter('reason', c.i, 'manual')) ?? 'manual';
  await c.ledger.resumeContact(phone, reason, c.now);
  return [{ json: { phone, paused: false, reason } }];
};
