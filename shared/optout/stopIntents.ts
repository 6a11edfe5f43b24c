import type { StopRule } from './types';

/**
 * Natural-language revocations (47 CFR § 64.1200(a)(10): "words … a reasonable person would understand
 * … to revoke consent"), matched on {@link normalizeInbound}'s `flat` text. Each pattern is a plain
 * sequence of alternations with bounded repeats (no nested quantifiers), so matching is linear.
 */
export interface StopIntent {
  rule: StopRule;
  pattern: RegExp;
  scope: 'all' | 'this';
  /** set for per-se words found inside a longer message */
  keyword?: string;
}

const OBJ = '(?:me|us|this number|my number|my phone|again|anymore|any more|ever again)';
/** "don't text me before 9" / "don't call me back" limit timing, they do not revoke: not followed by these. */
const NOT_TIMING =
  '(?! (?:back|until|till|til|before|after|today|tonight|tomorrow|during|while|yet|right now|for now|next|so (?:early|late)|this (?:morning|afternoon|evening|week|weekend)|in the (?:morning|afternoon|evening)|at (?:work|night|\\d))\\b)';
const TEXT_VERB = '(?:text|txt|message|msg|contact|sms|email|bother|spam|harass|write|reach out to|hit me up)';
const ING = '(?:texting|txting|messaging|msging|contacting|calling|emailing|spamming|bothering|harassing|sending|writing|hitting me up|reaching out)';
const THINGS = '(?:texts|txts|text messages|messages|msgs|messaging|texting|calls|sms|spam|emails|notifications|alerts|reminders)';

export const STOP_INTENTS: readonly StopIntent[] = [
  // per-se words with no everyday meaning in a reply: count anywhere in the message
  { rule: 'keyword_in_text', pattern: /\b(?:stopall|stop all|unsubscribe all|opt me out of everything)\b/, scope: 'all', keyword: 'STOPALL' },
  { rule: 'keyword_in_text', pattern: /\bunsub(?:scribe|scribed|scribing)?\b/, scope: 'this', keyword: 'UNSUBSCRIBE' },
  { rule: 'keyword_in_text', pattern: /\b(?:opt(?:ed|ing)? (?:me )?out|optout)\b/, scope: 'this', keyword: 'OPT OUT' },
  { rule: 'keyword_in_text', pattern: /\brevoke\b/, scope: 'this', keyword: 'REVOKE' },
  { rule: 'keyword_in_text', pattern: /\bcancel (?:my |the |this |your |these |those |all |all the |all these |any |further |future )?(?:subscription|texts|messages|alerts|notifications|sms)\b/, scope: 'this', keyword: 'CANCEL' },
  // STOP with a refusal in one clause: "not interested stop", "no thanks stop", "stop not interested"
  { rule: 'keyword_in_text', pattern: /\b(?:not interested|no thanks|no thank you|no)(?: (?:at all|anymore|any more))? stop$|^stop (?:not interested|no thanks|no thank you)\b/, scope: 'this', keyword: 'STOP' },
  // "I said stop", "I already told you to stop": the per-se word, reported rather than sent alone
  { rule: 'keyword_in_text', pattern: /\b(?:i|we) (?:already |just )?(?:said|told you|asked you to|replied|texted|typed|wrote|sent) (?:to )?stop\b(?! by\b| in\b| over\b)/, scope: 'this', keyword: 'STOP' },

  { rule: 'wrong_number', pattern: /\b(?:wrong|incorrect) (?:number|num|person|phone number|phone|guy|girl)\b|\byou have the wrong\b/, scope: 'all' },
  { rule: 'wrong_number', pattern: /\b(?:numero (?:equivocado|incorrecto|errado)|equivocado de numero|(?:mauvais|faux) numero)\b/, scope: 'all' },
  { rule: 'do_not_call_list', pattern: /\b(?:do not (?:call|contact|text) list|dnc(?: list)?)\b/, scope: 'all' },

  { rule: 'stop_contact', pattern: new RegExp(`\\b(?:stop|quit|cease|end) (?:\\w+ )?${ING}\\b`), scope: 'this' },
  // FCC words + the messages, determiner optional: "end these texts", "quit the reminders", "stop sms"
  { rule: 'stop_contact', pattern: new RegExp(`\\b(?:stop|end|quit|cease|halt) (?:with )?(?:(?:the|these|those|your|ur|my|all|all the|all these|all your|any|any more|further|future) )?${THINGS}\\b`), scope: 'this' },
  // withdrawing consent is a revocation in any words (47 CFR § 64.1200(a)(10) "any reasonable method")
  { rule: 'revoke_consent', pattern: /\b(?:withdraw(?:ing|n)?|rescind(?:ing)?|retract(?:ing)?|revok(?:ed|ing)|cancel(?:l?ing)?|take back|taking back|pull(?:ing)?) (?:my |all |any |your |the |of )?(?:consent|permission|authori[sz]ation)\b/, scope: 'this' },
  { rule: 'revoke_consent', pattern: /\b(?:dont|do not|did not|didnt|no longer|never|not) (?:give |gave |given )?(?:(?:my|you|u|any) )?(?:consent|consented|permission)\b/, scope: 'this' },
  // "I never authorized you to text me" — but "I'm not authorized to approve that" is a reply
  { rule: 'revoke_consent', pattern: /\b(?:dont|do not|did not|didnt|never|not) authori[sz]ed? (?:you|u|this|these|those|any|your|texts?|messages?|contact(?:ing)?|(?:to be )?(?:texted|contacted|messaged))\b/, scope: 'this' },
  { rule: 'dont_contact', pattern: new RegExp(`\\b(?:dont|do not|never|stop|quit) (?:ever )?${TEXT_VERB} ${OBJ}\\b${NOT_TIMING}`), scope: 'this' },
  { rule: 'dont_contact', pattern: /\b(?:dont|do not|never) (?:ever )?(?:call|text|txt|message|contact|email) (?:or|and|nor) (?:call|text|txt|message|contact|email) (?:me|us|this number|again)\b/, scope: 'this' },
  { rule: 'dont_want', pattern: new RegExp(`\\b(?:dont|do not|no longer|never) (?:want|wish|need|like)(?: to)?(?: (?:receive|get|getting|receiving))?(?: (?:any|these|those|your|ur|more|further|the|such|text)){0,2} ${THINGS}\\b`), scope: 'this' },
  { rule: 'dont_want', pattern: /\b(?:dont|do not|no longer) want to be (?:contacted|texted|messaged|called|bothered)\b/, scope: 'this' },
  { rule: 'remove_me', pattern: /\b(?:remove|delete|erase|drop) (?:me|my (?:phone )?number|my info(?:rmation)?|my contact(?: info)?|this number)\b/, scope: 'this' },
  { rule: 'remove_me', pattern: /\btake (?:me|my (?:phone )?number|this number) off\b/, scope: 'this' },
  { rule: 'leave_alone', pattern: /\b(?:leave me alone|go away|lose my number|forget my number|block(?:ing|ed)? (?:you|this number|your number))\b/, scope: 'this' },
  { rule: 'no_more', pattern: new RegExp(`\\bno more ${THINGS}\\b`), scope: 'this' },

  // Spanish
  { rule: 'es_unsubscribe', pattern: /\b(?:darme|dame|deme|denme|dar|darse|darnos) de baja\b|\bdesuscrib\w*|\bdesinscrib\w*|\bcancelar (?:la |mi )?(?:suscripcion|mensajes)\b/, scope: 'this' },
  { rule: 'es_dont_contact', pattern: /\bno (?:me |nos )?(?:envies|envie|envien|mandes|mande|manden|escribas|escriba|escriban|contactes|contacte|contacten|molestes|moleste|molesten|textees|texteen)\b/, scope: 'this' },
  { rule: 'es_dont_contact', pattern: /\b(?:ya )?no (?:quiero|deseo)(?: recibir)?(?: mas)? (?:mensajes|textos|sms|llamadas)\b|\bno mas (?:mensajes|textos|sms|llamadas)\b/, scope: 'this' },
  { rule: 'es_dont_contact', pattern: /\bdej(?:a|en|e|ar) de (?:enviar|mandar|escribir|contactar|molestar|llamar)\w*/, scope: 'this' },
  // "no me vuelvan a llamar", "no me llamen más", "borra mi número", "quítame de la lista"
  { rule: 'es_dont_contact', pattern: /\bno (?:me |nos )?(?:vuelvan|vuelva|vuelvas) a (?:llamar|escribir|enviar|mandar|contactar|molestar)\b|\bno (?:me |nos )?(?:llames|llame|llamen) (?:mas|nunca|jamas)\b/, scope: 'this' },
  { rule: 'es_dont_contact', pattern: /\b(?:borra|borre|borren|borrar|elimina|elimine|eliminen|eliminar|quita|quite|quiten|quitar|saca|saque|saquen) (?:mi|mis|nuestro|nuestros) (?:numero|numeros|telefono|datos|contacto)\b|\b(?:quitame|quiteme|quitenme|sacame|saqueme|saquenme|borrame|borreme|borrenme|eliminame|elimineme|eliminenme) de (?:la|su|tu|sus|esta|esa) (?:lista|base|listas)\b/, scope: 'this' },

  // French
  { rule: 'fr_unsubscribe', pattern: /\b(?:me )?des(?:abonn|inscri)\w*/, scope: 'this' },
  { rule: 'fr_dont_contact', pattern: /\barret(?:e|er|ez) (?:de |d)?(?:menvoyer|mecrire|me contacter|envoyer|ecrire|les (?:messages|textos|sms))/, scope: 'this' },
  { rule: 'fr_dont_contact', pattern: /\bne m(?:e )?(?:envoyez|ecrivez|contactez|textez|derangez|envoie|ecris|contacte) (?:plus|jamais)\b|\bplus de (?:messages|textos|sms)\b/, scope: 'this' },
  // "je ne veux plus recevoir de messages", "ne plus me contacter", "supprimez mon numéro"
  { rule: 'fr_dont_contact', pattern: /\bne (?:veux|veut|voulons|souhaite|souhaitons|desire) plus (?:recevoir |avoir )?(?:de |d|vos |ces |les |des )?(?:messages|textos|sms|appels|notifications|nouvelles)\b/, scope: 'this' },
  { rule: 'fr_dont_contact', pattern: /\bne plus (?:me |nous )?(?:contacter|appeler|ecrire|envoyer|deranger|recevoir)\b/, scope: 'this' },
  { rule: 'fr_dont_contact', pattern: /\b(?:supprime[rz]?|effacez|effacer|retire[rz]?|enleve[rz]?) (?:mon|mes|notre) (?:numero|numeros|coordonnees|contact)\b/, scope: 'this' },
];

/**
 * "Don't call me" revokes calls, but "don't call me, text me" asks for texts: the call-only pattern
 * applies only when the sender does not also ask to be texted.
 */
export const DONT_CALL = new RegExp(`\\b(?:dont|do not|never|stop) (?:ever )?call(?:ing)? (?:me|us|this number|my number|again)\\b${NOT_TIMING}`);
/** A positive "text me" not preceded by a negation or stop word. */
export const TEXT_ME = /(?:^|\b(\w+) )(?:text|txt|message|msg) me\b/g;
export const NEGATIONS: ReadonlySet<string> = new Set(['dont', 'not', 'never', 'nor', 'stop', 'quit', 'no']);

/** Scope hints inside a stop message: any of these widens 'this' to 'all'. */
export const SCOPE_ALL = /\b(?:all|everything|anything|anyone|anybody|todo|todos|tout|tous)\b/;

/**
 * All stop intents in one alternation: one scan rejects the common no-stop case (several times faster
 * on long texts than thirty separate scans); only on a hit are the rules tried one by one for the label.
 */
export const ANY_STOP_INTENT = new RegExp([...STOP_INTENTS.map((i) => i.pattern), DONT_CALL].map((r) => `(?:${r.source})`).join('|'));
