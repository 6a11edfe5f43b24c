import { suppressionView } from './contactEmailSuppression';
import { emailParam, type Operation } from './types';

/** email suppression → get: whether emails may go to the address, and the suppression on record. */
export const emailSuppressionGet: Operation = async (c) => {
  const email = emailParam(c);
  const s = await c.ledger.emailSuppression(email);
  return [{ json: { email, suppressed: s !== null, suppression: suppressionView(s) } }];
};
