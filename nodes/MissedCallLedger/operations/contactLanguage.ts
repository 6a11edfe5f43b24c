import { NodeOperationError } from 'n8n-workflow';
import { isLanguage } from '../../../shared/schema/callerLanguage';
import { LANGUAGE_NAMES } from '../../../shared/schema/sequenceTemplate';
import { phoneParam, str, type Operation } from './types';

/** The Language parameter's value that clears the contact's preference. */
export const CLEAR_LANGUAGE = 'clear';

/**
 * contact → set language: the language the contact prefers their texts in (e.g. from the CRM, or an agent
 * who spoke with them), or `clear` (their department's or the template's language again). Every later
 * text, STOP/HELP confirmation and callback task follows it (a step without a translation into it goes
 * out in its own text); audited `contact_language`.
 */
export const contactLanguage: Operation = async (c) => {
  const phone = phoneParam(c);
  const raw = c.fn.getNodeParameter('language', c.i, '') as unknown;
  const value = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
  if (value !== CLEAR_LANGUAGE && !isLanguage(value)) {
    throw new NodeOperationError(c.fn.getNode(), `Language ${JSON.stringify(raw)} is not one of ${Object.keys(LANGUAGE_NAMES).join(', ')} or ${CLEAR_LANGUAGE}`, {
      itemIndex: c.i,
      description: 'Pick English, Spanish or French, or “Clear” to use the department’s or the template’s language again.',
    });
  }
  const language = value === CLEAR_LANGUAGE ? null : value;
  const reason = str(c.fn.getNodeParameter('reason', c.i, 'manual')) ?? 'manual';
  const { previous } = await c.ledger.setContactLanguage(phone, language, reason, c.now);
  return [{ json: { phone, language, previous, reason } }];
};
