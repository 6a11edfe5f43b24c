import type { Language } from '../schema/sequenceTemplate';
import { ELLIPSIS, gsmSeptets, sanitizeValue } from '../template';

export interface HelpResponseInput {
  businessName: string;
  /** the language the caller's texts were in (default English) */
  lang?: Language;
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

/**
 * The confirmation and HELP wording per language, GSM-7 only (no á í ó ú ê ç): each stays one segment.
 * `help` has `{contacts}`; its `freq` sentence goes in before the rates when it fits.
 */
const WORDS: Record<Language, { stopHead: string; stopTail: string; stopNoName: string; help: string; freq: string; noName: string }> = {
  en: {
    stopHead: "You're unsubscribed from ",
    stopTail: ' texts. No more messages will be sent. Reply START to resubscribe.',
    stopNoName: 'these',
    help: ' texts: help at {contacts}. Msg&data rates may apply. Reply STOP to opt out.',
    freq: ' Msg freq varies.',
    noName: 'Our',
  },
  es: {
    stopHead: 'Se dio de baja de los mensajes de ',
    stopTail: '. No le enviaremos mensajes nuevos. Responda START para volver a suscribirse.',
    stopNoName: 'este programa',
    help: ' mensajes: ayuda en {contacts}. Pueden aplicarse tarifas de mensajes y datos. Responda STOP para cancelar.',
    freq: ' Frecuencia variable.',
    noName: 'Nuestros',
  },
  fr: {
    stopHead: 'Désabonnement confirmé: vous ne recevrez plus de textos de ',
    stopTail: '. Répondez START pour vous réabonner.',
    stopNoName: 'ce programme',
    help: ' textos: aide au {contacts}. Des frais de messagerie peuvent s\'appliquer. Répondez STOP pour vous désabonner.',
    freq: ' Fréquence variable.',
    noName: 'Nos',
  },
};
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
 * stopConfirmation('Acme Plumbing', 'es')
 * // 'Se dio de baja de los mensajes de Acme Plumbing. No le enviaremos mensajes nuevos. Responda START para volver a suscribirse.'
 */
export function stopConfirmation(businessName: string, lang: Language = 'en'): string {
  const w = WORDS[lang];
  const name = fitSeptets(gsmFold(businessName), SINGLE_SEGMENT - septets(w.stopHead + w.stopTail)) || w.stopNoName;
  return w.stopHead + name + w.stopTail;
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
  const w = WORDS[input.lang ?? 'en'];
  const or = { en: ' or ', es: ' o ', fr: ' ou ' }[input.lang ?? 'en'];
  const required = w.help.replace('{contacts}', () => contacts.join(or));
  // frequency is customary rather than required: keep it when it fits in one segment (after the contact's sentence)
  const cut = required.indexOf('.', required.indexOf(contacts.at(-1)!) + contacts.at(-1)!.length - 1) + 1;
  const withFreq = required.slice(0, cut) + w.freq + required.slice(cut);
  const gsmName = gsmFold(input.businessName);
  for (const tail of [withFreq, required]) {
    const budget = SINGLE_SEGMENT - septets(tail);
    if (budget >= Math.min(MIN_NAME, septets(gsmName) || 1)) return (fitSeptets(gsmName, budget) || w.noName) + tail;
  }
  return (fitSeptets(gsmName, MIN_NAME) || w.noName) + required;
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
