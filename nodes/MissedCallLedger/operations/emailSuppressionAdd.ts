import { NodeOperationError } from 'n8n-workflow';
import { suppressionView } from './contactEmailSuppression';
import { emailParam, phoneParam, str, type Operation } from './types';

/**
 * email suppression → add: no email goes to the address any more (the customer asked by phone, a
 * complaint, a role address), until Remove lifts it. Idempotent: a suppression on record stays as it
 * is (`firstTime: false`); the first is audited `email_suppressed`.
 */
export const emailSuppressionAdd: Operation = async (c) => {
  const email = emailParam(c);
  const source = str(c.fn.getNodeParameter('suppressionSource', c.i, 'manual')) ?? 'manual';
  if (source.length > 200) throw new NodeOperationError(c.fn.getNode(), 'Source has at most 200 characters', { itemIndex: c.i });
  const phone = str(c.fn.getNodeParameter('contactPhone', c.i, '')) === null ? null : phoneParam(c, 'contactPhone');
  const { firstTime, suppression } = await c.ledger.recordEmailSuppression({ email, phone, source, code: null, touchId: null, now: c.now });
  return [{ json: { email, suppressed: true, firstTime, suppression: suppressionView(suppression) } }];
};
