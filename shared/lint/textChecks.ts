import { findPlaceholders, PERSONAL_PLACEHOLDERS, type Placeholder } from './placeholders';

// The patterns read English, Spanish and French (the template languages), accented or not. JavaScript's
// `\b` sees only ASCII letters as word characters, so no `\b` sits next to an accented letter. Each
// pattern is linear: alternations of literals and single quantifiers, no nested quantifiers.

/** Opt-out keywords a reply instruction names: STOP, BAJA, ARRÊT… */
const STOP_WORD = String.raw`(?:stop|end|quit|cancel|unsubscribe|optout|baja|alto|parar|cancelar|arr[eê]t(?:e[rz]?)?)\b`;
/** "reply", "responda", "envíe", "répondez", "textez"… (followed by whitespace). */
const SEND_VERB = String.raw`\b(?:reply|text|send|respond|respond[ae]|contest[ae]|env[ií][ae]|escrib[ae]|mand[ae]|textee|r[ée]pondez|r[ée]pondre|envoyez|textez|tapez)\s+`;
const WITH = String.raw`(?:with\s+|con\s+|avec\s+)?`;
const QUOTE = String.raw`(?:["'“‘]|«\s?)?`;

/**
 * Opt-out instruction: "Reply STOP", "Text STOP to cancel", "STOP to end", "opt out", "unsubscribe";
 * "Responda STOP", "Envíe BAJA", "para darse de baja", "para no recibir más"; "Répondez STOP",
 * "Textez ARRET", "pour vous désabonner".
 */
export const OPT_OUT_RE = new RegExp(
  [
    SEND_VERB + WITH + QUOTE + STOP_WORD,
    String.raw`\bstop\s+to\s+(?:opt|end|unsubscribe|quit|cancel|stop)`,
    String.raw`\bopt[- ]?out\b|\bunsubscribe\b`,
    // Spanish
    String.raw`\bdar(?:se|te|le|me)\s+de\s+baja\b|\bpara\s+no\s+recibir\s+m[aá]s\b|\bdejar\s+de\s+recibir\b|\bdesuscrib(?:irse|irte|ase|ete)\b`,
    // French
    String.raw`\b(?:vous|se|te)\s+d[ée]s(?:abonner|inscrire)\b|\bd[ée]sabonnement\b|\bne\s+plus\s+recevoir\b`,
  ].join('|'),
  'i',
);
const OPT_OUT_ALL_RE = new RegExp(OPT_OUT_RE.source, 'gi');

/** A call to action other than the opt-out line. */
const CTA_RE = new RegExp(
  [
    String.raw`\b(?:reply|respond|text\s+(?:us|back|me)|call\s+(?:us|me|back|anytime|any\s+time|our)|give\s+us\s+a\s+call|book|schedule|pick\s+a\s+time)\b`,
    // Spanish: "responda aquí", "llámenos", "llame al", "escríbanos", "reserve", "agende", "elija un horario"
    String.raw`\b(?:resp[oó]nd(?:a|e|anos|enos)|cont[eé]st(?:e|a|enos|anos)|ll[aá]m(?:e|a|enos|anos)|escr[ií]b(?:anos|enos)|reserv[ae]|agende|agenda\s+(?:su|tu|una)|elija|elige)\b`,
    // French: "répondez", "appelez-nous", "rappelez", "réservez", "prenez rendez-vous", "écrivez-nous"
    String.raw`\b(?:r[ée]pondez|appelez|rappelez|r[ée]servez|prenez\s+rendez|contactez)\b|(?<![a-z\u00e0-\u00ff])[ée]crivez\b`,
  ].join('|'),
  'i',
);
const URL_RE = /\bhttps?:\/\/\S+|\bwww\.\S+/i;
const PHONE_RE = /\+?\d[\d\s().-]{8,}\d/;
const EMAIL_RE = /\b[^\s@]+@[^\s@]+\.[a-z]{2,}\b/i;
/** An apology: "sorry", "lo sentimos", "disculpe", "désolés", "excusez"… */
const APOLOGY_RE = /\b(?:sorry|apologi[sz]e|apologies)\b|\b(?:sentimos|siento|lamentamos|lamento|disculp[ae]|perd[oó]n)|\b(?:d[ée]sol[ée]|excus|pardon)/i;
/** What an apology is for, later in its sentence: "…we missed", "…perdimos", "…no pudimos atender", "…d'avoir manqué". */
const MISSED_RE = /\bmiss|\bperd(?:imos|[ií])|\bno\s+(?:pudimos|hemos\s+podido)\s+(?:atender|contestar|responder)|\bmanqu|\bpu\s+r[ée]pondre/i;
/** "missed your call" on its own: "perdimos su llamada", "manqué votre appel". */
const MISSED_CALL_RE = /\bmissed\s+(?:your|a|the)\s+call\b|\bmissed\s+you\b|\bperd(?:imos|[ií])\s+(?:su|tu)\s+llamada\b|\bmanqu[ée]\s+(?:votre|ton)\s+appel\b/i;

/**
 * "Sorry we missed your call", "Lo sentimos, perdimos su llamada", "Désolés d'avoir manqué votre appel":
 * an apology followed in the same sentence by what was missed, or "missed your call" as such. Checked
 * sentence by sentence, so that the scan stays linear.
 */
function readsAsSorryWeMissedYou(text: string): boolean {
  if (MISSED_CALL_RE.test(text)) return true;
  for (const sentence of text.split(/[.!?]/)) {
    const apology = APOLOGY_RE.exec(sentence);
    if (apology && MISSED_RE.test(sentence.slice(apology.index + apology[0].length))) return true;
  }
  return false;
}

export interface BusinessLike {
  name: string;
  callbackNumber?: string;
  callbackLink?: string;
}

export function hasOptOut(text: string): boolean {
  return OPT_OUT_RE.test(text);
}

/** `ph`: the text's placeholders when already parsed. */
export function namesBusiness(text: string, business: BusinessLike, ph: Placeholder[] = findPlaceholders(text)): boolean {
  if (ph.some((p) => p.name === 'businessName')) return true;
  return text.toLowerCase().includes(business.name.toLowerCase());
}

/** A reply/call/book instruction, a callback placeholder, a link, a number or an address (the opt-out line doesn't count). */
export function hasNextStep(text: string, business: BusinessLike, ph: Placeholder[] = findPlaceholders(text)): boolean {
  if (ph.some((p) => p.name === 'callbackLink' || p.name === 'callbackNumber')) return true;
  const rest = text.replace(OPT_OUT_ALL_RE, ' ');
  if (business.callbackNumber && rest.includes(business.callbackNumber)) return true;
  if (business.callbackLink && rest.includes(business.callbackLink)) return true;
  return CTA_RE.test(rest) || URL_RE.test(rest) || PHONE_RE.test(rest) || EMAIL_RE.test(rest);
}

/** "Sorry we missed your call" style with no placeholder about the caller, department, agent or time. */
export function isGeneric(text: string, ph: Placeholder[] = findPlaceholders(text)): boolean {
  if (!readsAsSorryWeMissedYou(text)) return false;
  return !ph.some((p) => PERSONAL_PLACEHOLDERS.has(p.name));
}
