import type { AutoReplyRule } from './types';

/**
 * Markers of machine-sent or away replies, matched on `flat` text (see {@link normalizeInbound}).
 * Order matters: the first that matches names the rule. iOS Driving Focus sends e.g. "I'm driving with
 * Do Not Disturb While Driving turned on. I'll see your message when I get where I'm going."
 */
export const AUTO_REPLY_PATTERNS: readonly { rule: AutoReplyRule; pattern: RegExp }[] = [
  { rule: 'driving', pattern: /\b(?:(?:im|i am) (?:currently )?driving|do not disturb while driving|driving focus|when i get where im going|estoy (?:manejando|conduciendo)|je (?:suis au volant|conduis))\b/ },
  { rule: 'out_of_office', pattern: /\b(?:out of (?:the )?office|ooo|fuera de (?:la )?oficina|absent du bureau|hors du bureau)\b/ },
  { rule: 'automated', pattern: /\b(?:auto ?(?:reply|replies|response|responder|message)|automat(?:ed|ic) (?:reply|response|text reply)|this is an? (?:automated|automatic)|respuesta automatica|mensaje automatico|reponse automatique|message automatique)\b/ },
  { rule: 'do_not_disturb', pattern: /\b(?:with do not disturb|do not disturb (?:is )?(?:on|turned on|enabled|activated)|notifications silenced|(?:im|i am) not receiving notifications)\b/ },
  { rule: 'vacation', pattern: /\b(?:(?:on|in) (?:vacation|vacay|holiday|holidays|annual leave|pto|parental leave|maternity leave|paternity leave|sabbatical|leave until)|de vacaciones|en (?:vacances|conges?))\b/ },
  { rule: 'unavailable', pattern: /\b(?:(?:currently|temporarily) (?:unavailable|away|out|not available|unable to respond)|unavailable (?:until|till|through|thru)|away (?:until|till|through|thru)|away from (?:the|my) (?:office|desk|phone)|with limited access to|(?:respond|reply|get back to you) (?:when|upon|once|as soon as) i (?:return|am back|get back))\b/ },
];
