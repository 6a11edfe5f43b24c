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
  // a business's or landline's own auto-text: "Msg&data rates may apply", "This number does not accept texts",
  // "Texts to this number are not monitored", "We will reply during business hours"
  { rule: 'automated', pattern: /\b(?:msg (?:and )?data rates|message and data rates|this (?:number|line|phone) (?:does not|doesnt|cannot|cant|can not|is unable to|is not able to) (?:accept|receive|support|get)(?: sms)? (?:texts|text messages|messages|sms|text)|(?:texts|messages|text messages) (?:to|sent to) this (?:number|line) (?:are|is) not (?:monitored|read|answered|received)|this (?:mailbox|inbox|number|line) is not monitored|(?:reply|respond|get back to you) (?:during|within) (?:our |\d+ |one |two )?(?:normal |regular )?(?:business|office|working) (?:hours|days?))\b/ },
  { rule: 'do_not_disturb', pattern: /\b(?:with do not disturb|do not disturb (?:is )?(?:on|turned on|enabled|activated)|notifications silenced|(?:im|i am) not receiving notifications)\b/ },
  { rule: 'vacation', pattern: /\b(?:(?:on|in) (?:vacation|vacay|holiday|holidays|annual leave|pto|parental leave|maternity leave|paternity leave|sabbatical|leave until)|de vacaciones|en (?:vacances|conges?))\b/ },
  { rule: 'unavailable', pattern: /\b(?:(?:currently|temporarily) (?:unavailable|away|out|not available|unable to respond)|unavailable (?:until|till|through|thru)|away (?:until|till|through|thru)|away from (?:the|my) (?:office|desk|phone)|with limited access to|(?:respond|reply|get back to you) (?:when|upon|once|as soon as) i (?:return|am back|get back))\b/ },
];
