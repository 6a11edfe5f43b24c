import { ELLIPSIS, gsmSeptets, sanitizeValue } from '../template';

export interface HelpResponseInput {
  businessName: string;
  /** customer-care phone, shown as given (sanitized) */
  supportPhone?: string | null;
  supportEmail?: string | null;
}

/** Thrown by {@link helpResponse} when no customer-care contact is given (CTIA requires one). */
export class HelpResponseError extends Error {
  readonly code = 'HELP_CONTACT_REQUIRED' as const;
  constructor() {
    super('HELP_CONTACT_REQUIRED: helpResponse needs supportPhone or supportEmail');
    this.name = 'HelpResponseError';
  }
}

const SINGLE_SEGMENT = 160;
/** shortest the business name gets (septets) before the HELP text is allowed to take two segments */
const MIN_NAME = 20;

/**
 * The one confirmation allowed after a revocation (47 CFR § 64.1200(a)(12)): no marketing, one GSM-7
 * segment. The business name is sanitized, folded to GSM-7 (accents dropped where needed, emoji
 * removed) and shortened with `...` so the whole text fits 160 septets.
 *
 * @example
 * stopConfirmation('Acme Plumbing')
 * // "You're unsubscribed from Acme Plumbing texts. No more messages will be sent. Reply START to resubscribe."
 */
export function stopConfirmation(businessName: string): string {
  const head = "You're unsubscribed from ";
  const tail = ' texts. No more messages will be sent. Reply START to resubscribe.';
  const name = fitSeptets(gsmFold(businessName), SINGLE_SEGMENT - septets(head + tail)) || 'these';
  return head + name + tail;
}

/**
 * CTIA HELP reply: program name, customer-care contact, "Msg&data rates may apply", "Reply STOP to opt
 * out" and, when it fits, "Msg freq varies". To stay in one GSM-7 segment the frequency line goes first,
 * then the business name is shortened (not below 20 septets); very long contacts may still need two.
 * @throws HelpResponseError (`HELP_CONTACT_REQUIRED`) without phone and email
 *
 * @example
 * helpResponse({ businessName: 'Acme', supportPhone: '(305) 555-0123' })
 * // 'Acme texts: help at (305) 555-0123. Msg freq varies. Msg&data rates may apply. Reply STOP to opt out.'
 */
export function helpResponse(input: HelpResponseInput): string {
  const contacts = [input.supportPhone, input.supportEmail]
    .map((c) => (c ? gsmFold(c) : ''))
    .filter((c) => c !== '');
  if (contacts.length === 0) throw new HelpResponseError();
  const required = ` texts: help at ${contacts.join(' or ')}. Msg&data rates may apply. Reply STOP to opt out.`;
  // frequency is customary rather than required: keep it when it fits in one segment
  const withFreq = required.replace('. Msg&data', '. Msg freq varies. Msg&data');
  const gsmName = gsmFold(input.businessName);
  for (const tail of [withFreq, required]) {
    const budget = SINGLE_SEGMENT - septets(tail);
    if (budget >= Math.min(MIN_NAME, septets(gsmName) || 1)) return (fitSeptets(gsmName, budget) || 'Our') + tail;
  }
  return (fitSeptets(gsmName, MIN_NAME) || 'Our') + required;
}

function septets(text: string): number {
  let n = 0;
  for (const ch of text) n += gsmSeptets(ch) || 1;
  return n;
}

/** Sanitized, with non-GSM characters replaced by their unaccented base letter or dropped. */
function gsmFold(text: string): string {
  let out = '';
  for (const ch of sanitizeValue(text, 200)) {
    if (gsmSeptets(ch) > 0) {
      out += ch;
      continue;
    }
    for (const base of ch.normalize('NFD')) if (gsmSeptets(base) > 0) out += base;
  }
  return out.replace(/ {2,}/g, ' ').trim();
}

/** Cuts GSM text to at most `budget` septets, ending in `...` when cut. */
function fitSeptets(text: string, budget: number): string {
  if (septets(text) <= budget) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const c = gsmSeptets(ch) || 1;
    if (used + c + ELLIPSIS.length > budget) break;
    out += ch;
    used += c;
  }
  return out.trimEnd() + ELLIPSIS;
}
