import { findPlaceholders, PERSONAL_PLACEHOLDERS, type Placeholder } from './placeholders';

/** Opt-out instruction: "Reply STOP", "Text STOP to cancel", "STOP to end", "opt out", "unsubscribe". */
export const OPT_OUT_RE =
  /\b(?:reply|text|send|respond)\s+(?:with\s+)?["'“‘]?(?:stop|end|quit|cancel|unsubscribe|optout)\b|\bstop\s+to\s+(?:opt|end|unsubscribe|quit|cancel|stop)|\bopt[- ]?out\b|\bunsubscribe\b/i;
const OPT_OUT_ALL_RE = new RegExp(OPT_OUT_RE.source, 'gi');

/** A call to action other than the opt-out line. */
const CTA_RE =
  /\b(?:reply|respond|text\s+(?:us|back|me)|call\s+(?:us|me|back|anytime|any\s+time|our)|give\s+us\s+a\s+call|book|schedule|pick\s+a\s+time)\b/i;
const URL_RE = /\bhttps?:\/\/\S+|\bwww\.\S+/i;
const PHONE_RE = /\+?\d[\d\s().-]{8,}\d/;
const EMAIL_RE = /\b[^\s@]+@[^\s@]+\.[a-z]{2,}\b/i;
const GENERIC_RE = /\b(?:sorry|apologi[sz]e|apologies)\b[^.!?]*\bmiss|\bmissed\s+(?:your|a|the)\s+call\b|\bmissed\s+you\b/i;

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
  if (!GENERIC_RE.test(text)) return false;
  return !ph.some((p) => PERSONAL_PLACEHOLDERS.has(p.name));
}
