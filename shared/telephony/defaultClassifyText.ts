import type { MessageClass } from '../schema/callEvent';

const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT']);
const OPT_IN = new Set(['START', 'UNSTOP']);
const HELP = new Set(['HELP', 'INFO']);

/**
 * Minimal fallback text classifier: the whole message (trimmed, case- and trailing-punctuation-
 * insensitive) must be a carrier keyword. Pass `classifyText` to `classifyWebhook` to use the
 * full opt-out classifier instead.
 * @example defaultClassifyText(' Stop. ') // 'opt_out'
 * @example defaultClassifyText('stop calling me at work') // 'reply'
 */
export function defaultClassifyText(text: string): MessageClass {
  const word = text.trim().replace(/[.!\s]+$/u, '').toUpperCase();
  if (OPT_OUT.has(word)) return 'opt_out';
  if (OPT_IN.has(word)) return 'opt_in';
  if (HELP.has(word)) return 'help';
  return 'reply';
}
