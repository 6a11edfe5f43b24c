import { NodeOperationError } from 'n8n-workflow';
import { instantParam, iso, phoneParam, str, type Operation } from './types';

/** contact → pause: holds every automated touch until the date given (empty: until resumed). */
export const contactPause: Operation = async (c) => {
  const phone = phoneParam(c);
  const until = instantParam(c, 'until');
  if (until !== null && until <= c.now) throw new NodeOperationError(c.fn.getNode(), 'Pause Until is not in the future', { itemIndex: c.i });
  const reason = str(c.fn.getNodeParameter('reason', c.i, 'manual')) ?? 'manual';
  await c.ledger.pauseContact(phone, until, reason, c.now);
  return [{ json: { phone, paused: true, until: iso(until), reason } }];
};
