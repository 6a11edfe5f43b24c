import type { StopRule } from './types';

/**
 * Natural-language revocations (47 CFR § 64.1200(a)(10): "words … a reasonable person would understand
 * … to revoke consent"), matched on {@link normalizeInbound}'s `flat` text. Each pattern is a plain
 * sequence of alternations with bounded repeats (no nested quantifiers), so matching is linear.
 *
 * Read in English, Spanish, French, Portuguese, Chinese, Vietnamese, Tagalog and Korean; in the last five
 * only a few unambiguous requests per language (texts, not calls alone), each needing an "anymore" word
 * or an object that leaves no other reading. Chinese and Korean patterns use no `\b` (an ASCII `\b`
 * never falls beside a CJK or Hangul character): they match within the run of characters, or anchor to
 * the clause. What a reading leaves out or takes in beyond that is a judgement call (`// J:`).
 */
export interface StopIntent {
  rule: StopRule;
  pattern: RegExp;
  scope: 'all' | 'this';
  /** set for per-se words found inside a longer message (a clause intent may name it in a `kw` group) */
  keyword?: string;
  /** not a revocation when this also matches the message ("I didn't call you, my wife did") */
  unless?: RegExp;
  /** revokes calls only: not a stop when the sender asks for texts instead ("stop calling me, text me") */
  callsOnly?: boolean;
  /** clause intents: only when every other clause is fillers ("Hi, I need to cancel. Thanks!") */
  whole?: boolean;
}

const OBJ = '(?:me|us|this number|my number|my phone|again|anymore|any more|ever again)';
/** "don't text me before 9" / "don't call me back" limit timing, they do not revoke: not followed by these. */
const NOT_TIMING =
  '(?! (?:back|until|till|til|before|after|today|tonight|tomorrow|during|while|yet|right now|for now|next|so (?:early|late)|this (?:morning|afternoon|evening|week|weekend)|in the (?:morning|afternoon|evening)|at (?:work|night|\\d))\\b)';
const TEXT_VERB = '(?:text|txt|message|msg|contact|sms|email|bother|spam|harass|write|reach out to|hit me up)';
const ING = '(?:texting|txting|messaging|msging|contacting|emailing|spamming|bothering|bugging|pestering|hounding|harassing|sending|writing|hitting me up|reaching out)';
const THINGS = '(?:texts|txts|text messages|messages|msgs|messaging|texting|sms|spam|emails|notifications|alerts|reminders|contact)';
/** calls alone revoke calls only ("no more calls, just text"): these rules are `callsOnly` twins of the THINGS ones */
const CALLS = '(?:calls|phone calls)';
/** "stop the fucking texts", "end these stupid messages" */
const RUDE = '(?:(?:fucking|fuckin|fing|freaking|frickin|damn|damned|goddamn|stupid|annoying|bloody|spam|spammy|automated|constant|endless|unwanted|marketing|promotional) )?';
/**
 * Before "stop"/"end", a first-person subject or a negation makes it no request: "I'll stop calling
 * around", "I'll end up texting", "don't stop texting me lol" — but "how do I stop these texts" is one
 * ("Why don't you stop…" has "you" before it).
 */
const NOT_A_REQUEST =
  '(?<!\\b(?:ill|i will|i can|i could|i should|i might|i may|id|i would|im going to|im gonna|i am going to|we will|we can|dont|do not|never) )' +
  '(?<!(?<!\\b(?:how do|how can|how could|how would|how should|can|could|do|should|where do|what do|may) )\\b(?:i|we) )';
const STOP_VERB = `(?=stop|quit|cease|end)${NOT_A_REQUEST}(?:stop|quit|cease|end(?! up\\b))`; // lookahead first: cheap
const WANT_TO = '(?:(?:i|we)(?: (?:just|really|now))? (?:want|wanna|would like|need|wish)|id like|wed like) (?:to )?';
/** trailing words that do not change a short clause ("please stop now thanks") */
const END = '(?: (?:please|pls|plz|thanks|thank you|thx|ty|now|already|asap|ok|okay|lol|immediately|guys|again|anymore|any more|ever again|seriously))*$';

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
  { rule: 'wrong_number', pattern: /\b(?:numero (?:equivocado|incorrecto|errado)|equivoc\w* (?:de|el) numero|(?:mauvais|faux) numero)\b/, scope: 'all' },
  // "I never called you": the missed call is the consent basis, so this denies it, like "wrong number" — unless
  // someone else in the household did, or it is about calling back ("I never called you back, is Tue ok?")
  {
    rule: 'wrong_number',
    pattern: /\bi (?:never|didnt|did not) (?:ever )?call(?:ed)?(?: (?:you|u|yall|you guys|this number|anyone|anybody|your (?:number|company|office|business)))?(?=$| (?:who|whos|what|whats|why|how|stop|wrong|sorry|lol|ever|at all|dont|do not|please|pls|leave|remove|take|delete|lose|i dont know|i do not know|i have no idea|you have|u have|youve got|wtf|wth|idk|not me|never|go away)\b)/,
    unless: /\b(?:my|our) (?:\w+ )?(?:did|called|calls|might have|may have|must have|probably)\b|\b(?:he|she|they|someone|somebody) (?:else )?(?:did|called|might have|may have|must have|probably)\b|\b(?:it was|must have been|might have been|may have been|probably|maybe) (?:my|our)\b/,
    scope: 'all',
  },
  { rule: 'do_not_call_list', pattern: /\b(?:do not (?:call|contact|text) list|dnc(?: list)?)\b/, scope: 'all' },

  { rule: 'stop_contact', pattern: new RegExp(`\\b${STOP_VERB} (?:\\w+ )?${ING}\\b`), scope: 'this' },
  { rule: 'stop_contact', pattern: new RegExp(`\\b${STOP_VERB} (?:\\w+ )?calling\\b`), scope: 'this', callsOnly: true },
  // FCC words + the messages, determiner optional: "end these texts", "quit the reminders", "stop sms"
  ...[THINGS, CALLS].flatMap((things): StopIntent[] => [
    { rule: 'stop_contact', pattern: new RegExp(`\\b(?:${STOP_VERB}|halt) (?:with )?(?:(?:the|these|those|your|ur|my|all|all the|all these|all your|any|any more|further|future) )?${RUDE}${things}\\b`), scope: 'this', callsOnly: things === CALLS },
    { rule: 'stop_contact', pattern: new RegExp(`\\b${STOP_VERB} (?:receiving|getting) (?:(?:the|these|those|your|ur|any|all|all the|all these|all your|such) )?${RUDE}${things}\\b`), scope: 'this', callsOnly: things === CALLS },
  ]),
  // withdrawing consent is a revocation in any words (47 CFR § 64.1200(a)(10) "any reasonable method")
  { rule: 'revoke_consent', pattern: /\b(?:withdraw(?:ing|n)?|rescind(?:ing)?|retract(?:ing)?|revok(?:ed|ing)|cancel(?:l?ing)?|take back|taking back|pull(?:ing)?) (?:my |all |any |your |the |of )?(?:consent|permission|authori[sz]ation)\b/, scope: 'this' },
  { rule: 'revoke_consent', pattern: /\b(?:dont|do not|did not|didnt|no longer|never|not) (?:give |gave |given )?(?:(?:my|you|u|any) )?(?:consent|consented|permission)\b/, scope: 'this' },
  // "I never authorized you to text me" — but "I'm not authorized to approve that" is a reply
  { rule: 'revoke_consent', pattern: /\b(?:dont|do not|did not|didnt|never|not) authori[sz]ed? (?:you|u|this|these|those|any|your|texts?|messages?|contact(?:ing)?|(?:to be )?(?:texted|contacted|messaged))\b/, scope: 'this' },
  // denying any consent: "I never opted in", "I never gave you my number" ("I didn't give you my number? it's…" is a reply)
  { rule: 'revoke_consent', pattern: /\b(?:i|we) (?:never|didnt|did not) (?:ever )?(?:opt(?:ed)? in(?:to)?|agreed? to (?:receive|get|getting|receiving|be texted|be contacted|(?:this|these|your|any) (?:texts|messages|alerts))|subscribed? (?:to|for) (?:this|these|your|any))\b|\b(?:i|we) never (?:ever )?gave (?:you|u|yall|you guys|anyone|your company) (?:my|this|our) (?:number|phone number|cell|cell number|phone)\b/, scope: 'this' },
  { rule: 'dont_contact', pattern: new RegExp(`\\b(?:dont|do not|never|stop|quit) (?:ever )?${TEXT_VERB} ${OBJ}\\b${NOT_TIMING}`), scope: 'this' },
  { rule: 'dont_contact', pattern: /\b(?:dont|do not|never) (?:ever )?(?:call|text|txt|message|contact|email) (?:or|and|nor) (?:call|text|txt|message|contact|email) (?:me|us|this number|again)\b/, scope: 'this' },
  ...[THINGS, CALLS].map((things): StopIntent => ({
    rule: 'dont_want',
    pattern: new RegExp(`\\b(?:dont|do not|no longer|never) (?:want|wish|need|like)(?: to)?(?: (?:receive|get|getting|receiving))?(?: (?:any|these|those|your|ur|more|further|the|such|text)){0,2} ${things}\\b`),
    scope: 'this',
    callsOnly: things === CALLS,
  })),
  { rule: 'dont_want', pattern: /\b(?:dont|do not|no longer) want to be (?:contacted|texted|messaged|called|bothered)\b/, scope: 'this' },
  { rule: 'remove_me', pattern: /\b(?:remove|delete|erase|drop) (?:me|my (?:phone )?number|my info(?:rmation)?|my contact(?: info)?|this number)\b/, scope: 'this' },
  { rule: 'remove_me', pattern: /\btake (?:me|my (?:phone )?number|this number) off\b/, scope: 'this' },
  { rule: 'leave_alone', pattern: /\b(?:leave me alone|go away|lose my number|forget my number|block(?:ing|ed)? (?:you|this number|your number)|(?:fuck|fck|fuk|fk|f|eff|piss|bugger|sod) off)\b/, scope: 'this' },
  // calling the texts spam or harassment, or threatening to report them
  { rule: 'complaint', pattern: /\b(?:this is|thats|that is|its|it is) (?:(?:just|total|pure|obviously|clearly|fucking|such|straight up) )?(?:spam|a scam|harassment|harassing me)\b(?! (?:free|filter|folder|blocker|check))|\breport(?:ed|ing)? (?:(?:you|u|this|it|this number|your number|yall|you guys) )?(?:as spam|as a scam|for spam|for harassment|to (?:the )?(?:fcc|ftc|my carrier|attorney general|bbb))\b|\b(?:going to|gonna|will|ill|im) report(?:ing)? (?:you|u|this number|your number|yall|you guys)\b|\breporting (?:you|this number|your number)\b/, scope: 'this' },
  { rule: 'no_more', pattern: new RegExp(`\\bno more ${THINGS}\\b`), scope: 'this' },
  { rule: 'no_more', pattern: new RegExp(`\\bno more ${CALLS}\\b`), scope: 'this', callsOnly: true },

  // Spanish
  { rule: 'es_unsubscribe', pattern: /\b(?:darme|dame|deme|denme|dar|darse|darnos) de baja\b|\bdesuscrib\w*|\bdesinscrib\w*|\bcancelar (?:la |mi )?(?:suscripcion|mensajes)\b/, scope: 'this' },
  { rule: 'es_dont_contact', pattern: /\bno (?:me |nos )?(?:envies|envie|envien|mandes|mande|manden|escribas|escriba|escriban|contactes|contacte|contacten|molestes|moleste|molesten|textees|texteen)\b/, scope: 'this' },
  { rule: 'es_dont_contact', pattern: /\b(?:ya )?no (?:quiero|deseo|queremos)(?: (?:recibir|tener|mas|sus|tus|los|estos|esos|ningun|ningunos)){0,3} (?:mensajes|textos|sms|llamadas)\b|\bno mas (?:mensajes|textos|sms|llamadas)\b/, scope: 'this' },
  // "ya no quiero que me escriban", "déjenme en paz"
  { rule: 'es_dont_contact', pattern: /\bno (?:quiero|queremos|deseo) que (?:me |nos )?(?:sigan |siga |sigas )?(?:escrib|mand|envi|contact|llam|molest|textee)\w*|\bdej(?:ame|eme|enme|anme|adme|arme|ennos|anos) en paz\b/, scope: 'this' },
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
  { rule: 'fr_dont_contact', pattern: /\bne plus (?:(?:me |nous )?(?:contacter|appeler|ecrire|envoyer|deranger|recevoir)|m(?:envoyer|ecrire|appeler))\b/, scope: 'this' },
  // "laissez-moi tranquille", "fichez-moi la paix"
  { rule: 'fr_dont_contact', pattern: /\blaisse[zr]? (?:moi|nous) (?:tranquilles?|en paix)\b|\b(?:fiche[zr]?|fout(?:ez|re)?) (?:moi|nous) la paix\b/, scope: 'this' },
  { rule: 'fr_dont_contact', pattern: /\b(?:supprime[rz]?|effacez|effacer|retire[rz]?|enleve[rz]?) (?:mon|mes|notre) (?:numero|numeros|coordonnees|contact)\b/, scope: 'this' },

  // Portuguese ("número errado" is read above)
  { rule: 'pt_unsubscribe', pattern: /\bdescadastr\w*|\bcancelar (?:a |o |minha |meu )?(?:inscricao|assinatura|cadastro|mensagens)\b|\b(?:quero|queremos|desejo|gostaria de) sair (?:da|dessa|desta|da sua|de sua) lista\b/, scope: 'this' },
  // "não quero mais mensagens", "chega de mensagens"
  { rule: 'pt_dont_contact', pattern: /\bnao (?:quero|queremos|desejo)(?: (?:mais|receber|as|suas|seus|essas|estas|esses|estes|nenhuma|nenhum)){0,3} (?:mensagens|msgs|sms|textos|torpedos|notificacoes|lembretes)\b|\bchega de (?:mensagens|msgs|sms|textos|torpedos)\b/, scope: 'this' },
  // "não me mandem mais", "nunca mais me mande" ("mais" needed: "não me mande mensagem antes das 9" limits timing).
  // J: "não me mande mais fotos" ("no more photos") reads as a stop too
  { rule: 'pt_dont_contact', pattern: /\bnao (?:me |nos )?(?:mande|mandem|manda|envie|enviem|escreva|escrevam|incomode|incomodem|perturbe|perturbem|contate|contatem|contacte|contactem) mais\b|\bnunca mais (?:me |nos )?(?:mande|mandem|manda|envie|enviem|escreva|escrevam|incomode|incomodem|perturbe|perturbem|contate|contatem|contacte|contactem)\b/, scope: 'this' },
  // "pare de me mandar mensagens", "para de mandar sms", "parem de me incomodar"
  { rule: 'pt_dont_contact', pattern: /\b(?:pare|parem|para|parar) de (?:me |nos )(?:mandar|enviar|escrever|incomodar|perturbar|contatar|contactar|encher)\w*|\b(?:pare|parem|para|parar) de (?:mandar|enviar) (?:mensagens?|msgs?|sms|textos?|torpedos?)\b|\b(?:pare|parem|para) de (?:incomodar|perturbar)\b/, scope: 'this' },
  // "me tira da lista", "remova-me da lista", "apaguem meu número", "me deixa em paz"
  { rule: 'pt_dont_contact', pattern: /\bme (?:tira|tire|tirem|remove|remova|removam|exclui|exclua|excluam|retira|retire|retirem|apaga|apague|apaguem) (?:da|do|dessa|desta|das|dos|da sua|de sua) (?:lista|listas|cadastro|base|contatos|sistema|grupo)\b|\b(?:tira|tire|tirem|remova|removam|exclua|excluam|retira|retire|retirem) me (?:da|dessa|desta|da sua|de sua) lista\b|\b(?:tira|tire|tirem|remova|removam|exclua|excluam|retira|retire|retirem|apaga|apague|apaguem|apagar|excluir|remover) (?:o )?(?:meu|nosso) (?:numero|telefone|contato|celular|cadastro)\b|\b(?:me deix(?:a|e|em)|deix(?:a|e|em) me) em paz\b/, scope: 'this' },

  // Chinese (simplified and traditional): 取消订阅 "cancel subscription"; 退订 only with the messages (alone it may be a booking)
  { rule: 'zh_unsubscribe', pattern: /取消(?:订阅|訂閱)|退(?:订|訂)(?:短信|信息|讯息|訊息|消息|簡訊|简讯|通知|广告|廣告)/, scope: 'this' },
  // "不要再给我发短信", "请勿发送广告", "别再联系我", "我不想收到这些信息", "请删除我的号码" — not "今天不要发短信" ("no texts today")
  {
    rule: 'zh_dont_contact',
    pattern: /(?:别|別|不要|勿|请勿|請勿|不准|不许|不許)再?(?:给我|給我|向我|跟我)?(?:发送|發送|发|發|传|傳|寄)(?:任何|这些|這些|这种|這種)?(?:短信|信息|讯息|訊息|消息|簡訊|简讯|广告|廣告|推销|推銷)|(?:别|別|不要|请勿|請勿|不准|不许|不許)再?(?:联系|聯繫|联络|聯絡|骚扰|騷擾)我|(?:别|別|不要)再(?:打扰|打擾|烦|煩)我|(?:不想|不愿意|不願意|不希望)再?(?:收到|接收)(?:任何|这些|這些|你们的|你們的)?(?:短信|信息|讯息|訊息|消息|簡訊|简讯|广告|廣告)|(?:删除|刪除|删掉|刪掉|移除)我的(?:号码|號碼|电话|電話|手机号|手機號|联系方式|聯繫方式)|把我从(?:你们的|你們的)?(?:名单|名單|列表|通讯录|通訊錄)(?:中|里|裡|上)?(?:删除|刪除|删掉|刪掉|移除|去掉)/,
    unless: /(?:今天|明天|今晚|晚上|早上|上午|中午|下午|周末|週末|现在|現在|点前|點前|之前|以前|上班时|上班時)(?:先|都|就|请|請)?(?:别|別|不要|勿|请勿|請勿|不想)/,
    scope: 'this',
  },

  // Vietnamese, read without accents: "đừng nhắn tin nữa", "ngừng gửi tin nhắn", "không muốn nhận tin nhắn nữa",
  // "xóa số của tôi". J: a bare "dung" may be the name Dung, so "dừng/đừng" needs "nữa" or a "please" before it
  {
    rule: 'vi_dont_contact',
    pattern: /\b(?:(?:xin |vui long |lam on |hay )?(?:dung|ngung)) (?:nhan tin|gui tin nhan|gui tin|nhan|gui sms|gui|nt|lien lac|lien he|lam phien)(?: (?:cho |voi |den )?(?:toi|tui|minh|em|anh|chi|chung toi))? nua\b|\b(?:ngung|(?:xin|vui long|lam on|hay) dung) (?:gui|nhan) (?:tin nhan|tin|sms)\b|\bkhong muon nhan (?:them )?(?:tin nhan|sms|quang cao)(?: (?:nay|do|cua (?:ban|anh|chi|cac ban)))? nua\b|\bxoa (?:so|so dien thoai|so dt|sdt) (?:cua )?(?:toi|tui|em|minh)\b|\b(?:xoa|loai|go) (?:toi|tui|em|minh|so|sdt|ten)(?: (?:cua )?(?:toi|tui|em|minh))? khoi (?:danh sach|ds)\b/,
    scope: 'this',
  },

  // Tagalog: "wag na kayong mag-text", "wag nyo na akong i-text" ("na", "anymore", needed: "wag mo akong i-text bukas"
  // limits timing), "tigilan nyo na ako", "itigil na ang pag-text", "ayoko na ng text", "alisin nyo ako sa listahan"
  {
    rule: 'tl_dont_contact',
    pattern: /\b(?:wag|huwag|hwag) (?:(?:nyo|niyo|ninyo|mo|po|kayo|kayong|ka|kang) ){0,2}na (?:(?:po|nyo|niyo|ninyo|mo|kayo|kayong|ka|kang|ako|akong|kami|ulit) ){0,3}(?:mag text|magtext|mag txt|magtxt|i text|itext|mag message|magmessage|mag msg|mag sms|magsms|mag send|magsend|magpadala|mag padala|i message|imessage)\b|\btigilan (?:(?:nyo|niyo|ninyo|mo|na|po) ){0,3}(?:ako|kami)\b|\b(?:itigil|tigil|ihinto|tigilan) (?:(?:nyo|niyo|ninyo|mo|na|po) ){0,3}(?:ang |na )?(?:pag text|pagtext|pag message|pagmessage|pagpapadala|mga text|mga message)\b|\b(?:ayoko|ayaw ko|ayaw namin) na (?:po )?(?:ng |sa )?(?:mga )?(?:text|texts|txt|message|messages|mensahe|sms)\b|\b(?:alisin|tanggalin|burahin|i delete|idelete|i remove|iremove) (?:(?:nyo|niyo|ninyo|mo|na|po) ){0,3}(?:ako|ang number ko|number ko|ang numero ko|numero ko) (?:sa|mula sa) (?:listahan|list|inyong listahan)\b|\b(?:burahin|i delete|idelete) (?:(?:nyo|niyo|ninyo|mo|na|po) ){0,3}(?:ang )?(?:number|numero) ko\b/,
    scope: 'this',
  },

  // Korean: "문자 보내지 마세요", "연락하지 마세요", "문자 그만 보내세요", "제 번호 삭제해 주세요" — not
  // "밤에는 문자 보내지 마세요" ("no texts at night")
  {
    rule: 'ko_dont_contact',
    pattern: /(?:문자|메시지|메세지|연락|광고|카톡)(?:를|은|는|도)? ?(?:더 ?이상 |이제 )?(?:보내지|하지|주지) ?(?:마세요|마십시오|마라|말아 ?주세요|말아 ?줘|말아요|마)|(?:문자|메시지|메세지|연락|광고)(?:를|은|는|도)? ?그만 ?(?:보내|하세요|해|주세요)|(?:제|내|저의|나의) ?(?:전화)?번호(?:를|는)? ?(?:(?:명단|목록|리스트)에서 ?)?(?:삭제|지워)/,
    unless: /(?:전에|후에|이후에|이전에|에는)/,
    scope: 'this',
  },
];

/**
 * Short requests judged on one clause ({@link normalizeInbound} `clauses`), anchored at its end so that
 * "please stop by" or "the texts need to stop at 5" stay replies. Only a clause's last 200 characters are
 * read. A `kw` group names the per-se word.
 */
export const CLAUSE_INTENTS: readonly StopIntent[] = [
  // "can you please stop", "you need to stop", "…please stop", "who is this stop", "yes stop"
  { rule: 'keyword_in_text', keyword: 'STOP', scope: 'this', pattern: new RegExp(`^(?:(?:can|could|would|will) (?:you|u|yall|you guys|you all)|(?:you|u|yall|you guys|you all) (?:need to|have to|gotta|got to|must|should|better)|(?:i|we) (?:want|need) (?:you|u) to)(?: (?:please|pls|plz|kindly|just|all))* stop(?: (?:it|this|that))?${END}`) },
  { rule: 'keyword_in_text', keyword: 'STOP', scope: 'this', pattern: new RegExp(`\\b(?:please|pls|plz|plse|kindly) stop(?: (?:it|this|that))?${END}`) },
  { rule: 'keyword_in_text', keyword: 'STOP', scope: 'this', pattern: new RegExp(`^(?:who is this|whos this|who dis|who this|who are you|what is this|whats this|wtf|wth|yes|yeah|yea|yep)(?: (?:please|pls|plz|just|ok|okay))* stop(?: (?:it|this|that))?${END}`) },
  // "I want to stop", "I'd like to quit": the per-se word with nothing else to stop but the texts
  { rule: 'keyword_in_text', scope: 'this', pattern: new RegExp(`^${WANT_TO}(?<kw>stop|quit|end|unsubscribe|opt out)(?: (?:this|these|them|it|all|everything|the texts|these texts|the messages|these messages))?${END}`) },
  // Judgement call: "I need to cancel" alone is the per-se word (as a bare "Cancel" is), though it may mean an
  // appointment; with anything more ("I need to cancel, can we do Friday?") it is a reply for a human.
  { rule: 'keyword_in_text', scope: 'this', whole: true, pattern: new RegExp(`^${WANT_TO}(?<kw>cancel)(?: (?:this|these|them|it|all|everything|the texts|these texts|the messages|these messages))?${END}`) },
  { rule: 'keyword_in_text', scope: 'this', whole: true, pattern: /^(?:(?:yo|ya) )?(?:quiero|quisiera|necesito|deseo|queremos) (?<kw>cancelar|parar|detener)(?: (?:esto|todo|los mensajes|por favor|porfavor|ya|gracias))*$/ },
  { rule: 'keyword_in_text', scope: 'this', whole: true, pattern: /^(?:eu )?(?:quero|queria|gostaria de|preciso|desejo|queremos) (?<kw>cancelar|parar|sair|descadastrar)(?: (?:isso|tudo|as mensagens|por favor|pf|obrigado|obrigada|agora|ja))*$/ },
  // Chinese keyword with "please" / "I want to" / "thanks" run on (no spaces): "请退订", "我要退订", "停止吧谢谢"
  { rule: 'keyword_in_text', scope: 'this', pattern: /^(?:请|請|麻烦|麻煩|麻烦你|麻煩你|我要|我想|我想要)?(?<kw>退订|退訂|停止|取消订阅|取消訂閱)吧?(?:谢谢|謝謝)?$/ },
  // J: "我要取消" ("I want to cancel") alone, as "I need to cancel"
  { rule: 'keyword_in_text', scope: 'this', whole: true, pattern: /^(?:我要|我想|我想要|请|請|帮我|幫我)(?<kw>取消)(?:吧|谢谢|謝謝)?$/ },
  // "别再发了", "不要再发", "请停止发送短信"
  { rule: 'zh_dont_contact', scope: 'this', pattern: /^(?:请|請)?(?:你们|你們|你|您)?(?:别再|別再|不要再|停止)(?:给我|給我)?(?:发送|發送|发|發|传|傳)(?:短信|信息|讯息|訊息|消息|簡訊|简讯)?(?:了|啦|吧)?(?:谢谢|謝謝)?$/ },
  // Korean keyword with a verb ending run on: "중지해주세요", "수신거부합니다", "문자 수신거부", "그만하세요"
  { rule: 'keyword_in_text', scope: 'this', pattern: /^(?:제발 )?(?:(?:문자|메시지|메세지|광고|알림) )?(?<kw>수신 ?거부|중지|그만|구독 ?취소)(?:해 ?주세요|해 ?주십시오|합니다|해요|하세요|해|요)?(?: (?:해 ?주세요|부탁(?:드립니다|합니다|해요|드려요)|감사합니다|고맙습니다|제발))*$/ },
  // the CTA copied back: "STOP to end", "stop 2 opt out"
  { rule: 'keyword_in_text', keyword: 'STOP', scope: 'this', pattern: new RegExp(`^stop (?:to|2) (?:end|opt out|optout|unsubscribe|quit|cancel|stop)${END}`) },
  // "please don't text", "do not contact": no object needed at a clause end
  { rule: 'dont_contact', scope: 'this', pattern: new RegExp(`(?:^|\\b(?:please|pls|plz|just|so|and|kindly|ok|okay|now|then|said) )(?:dont|do not|never)(?: ever)? (?:text|txt|message|msg|contact|sms|call or text|text or call|call and text|text and call)${END}`) },
  { rule: 'no_more', scope: 'this', pattern: new RegExp(`^no (?:texts|text messages|messages|msgs|sms|texting|more texting|spam)${END}`) },
  // "I want these messages to stop", "the texts need to stop", "how do I make these stop", "how do I stop receiving these"
  { rule: 'stop_contact', scope: 'this', pattern: new RegExp(`^(?:(?:i|we) (?:want|need|would like|d like) )?(?:these|the|your|ur|all these|all the|all your|all of these|all of your|those|all) (?:texts|messages|msgs|text messages|reminders|notifications|alerts|calls and texts|texts and calls)(?: (?:need to|needs to|have to|has to|must|should|gotta|got to|to|will|better|are going to))? stop${END}`) },
  { rule: 'stop_contact', scope: 'this', pattern: new RegExp(`^(?:(?:please|pls|plz|just|how do i|how can i|how do you|can you|could you|can u) )?make (?:these|those|(?:these|the|your|those) (?:texts|messages|msgs|text messages|reminders|notifications|alerts)) stop${END}`) },
  { rule: 'stop_contact', scope: 'this', pattern: new RegExp(`^(?:(?:how (?:do|can) i|i (?:want|need|would like|d like) to|please|pls|plz) )?stop (?:receiving|getting) (?:these|them|those|this)${END}`) },
  // "I never signed up for this"
  { rule: 'revoke_consent', scope: 'this', pattern: new RegExp(`^(?:i|we) (?:never|didnt|did not|havent|have not)(?: ever)? (?:sign(?:ed)? up|signup|subscribed?|asked for (?:this|these|that|it|them|texts|messages|your texts))(?: (?:for|to) (?:this|these|that|those|it|them|anything|texts|messages|(?:this|these|your|ur|any|the) (?:texts|messages|list|crap|shit|stuff|spam|program)))?${END}`) },
  { rule: 'complaint', scope: 'this', pattern: new RegExp(`^(?:this is |thats |its |total |more )?(?:spam|spammer|spamming|scam|scammer|junk|harassment)${END}`) },
  // whole message only: "Get lost? lol no I'm here" asks whether the tech got lost
  { rule: 'leave_alone', scope: 'this', whole: true, pattern: new RegExp(`^(?:(?:just|now|so|please|pls|oh|and|ok|okay|yo|dude|bro) )?(?:get lost|go to hell|back off|screw off|buzz off|go fuck yourself|go f yourself|go fk yourself)${END}`) },
  { rule: 'wrong_number', scope: 'all', whole: true, pattern: new RegExp(`^(?:(?:you have|you got|youve got|u have|u got|sorry|sorry you have) )?(?:the |a )?wrong no${END}`) },
];

/**
 * An opt-out instruction in a business's own auto-text ("Reply STOP to opt out", "Text END to
 * unsubscribe") is no request from the sender; "Do I reply STOP to opt out?" still is.
 */
export const OPT_OUT_INSTRUCTION =
  /\b(?<!\b(?:i|we|i just|i already|ill|i will|i did|i have|ive|do i|should i|can i|did i|how do i|where do i|i tried to|i tried) )(?:reply|text|txt|send|respond)(?: back)?(?: with)? (?:stop|end|quit|cancel|unsubscribe|unsub|stopall|optout|opt out|remove|arret)(?: (?:to|2) (?:opt out|optout|unsubscribe|unsub|stop|end|cancel|quit|be removed|stop receiving|no longer receive)| (?:at )?any ?time)\b/g;

const KIN = '(?:husband|wife|son|daughter|mom|mother|dad|father|kid|kids|boss|partner|girlfriend|boyfriend|brother|sister|grandma|grandpa|grandmother|grandfather|spouse|roommate|tenant|landlord|employee|coworker|aunt|uncle)s?';
/**
 * "Please stop calling my husband's cell, use this one": a stop aimed at another number, with this one
 * offered. Judgement call: when both appear, the other-number part is not read as this sender's revocation
 * (a human must act on it); "stop texting my wife" alone stays a stop, since we cannot tell whose phone this is.
 */
export const OTHER_NUMBER_STOP = new RegExp(
  `\\b(?:stop|quit|dont|do not|never)(?: ever)? (?:\\w+ )?(?:call|calling|text|texting|message|messaging|contact|contacting) (?:my|our) (?:${KIN} )?(?:(?:work|home|office|old|other|cell|landline) )?(?:cell|phone|number|line|mobile|landline|cell phone|phone number|${KIN})\\b`,
  'g',
);
export const USE_THIS_NUMBER =
  /\b(?:use|try|call|text|reach|contact|message) (?:me )?(?:(?:at|on) )?this (?:one|number|cell|phone|line)\b|\b(?:call|text|reach|contact|message) me (?:here|instead|on this|at this)\b|\bthis is (?:my|the) (?:new |best |right |correct )?(?:number|cell|phone)\b/;

/**
 * "Don't call me" revokes calls, but "don't call me, text me" asks for texts: the call-only pattern
 * applies only when the sender does not also ask to be texted.
 */
export const DONT_CALL = new RegExp(`\\b(?:dont|do not|never|stop) (?:ever )?call(?:ing)? (?:me|us|this number|my number|again)\\b${NOT_TIMING}`);
/** A positive "text me" not preceded by a negation or stop word. */
export const TEXT_ME = /(?:^|\b(\w+) )(?:text|txt|message|msg) me\b/g;
/** Other ways to ask for texts: "just text", "text only", "texting is better", "I'll text you". */
export const TEXTS_OK =
  /\b(?:just|only|rather|prefer(?: to)?|(?:you|u) (?:can|may|could)|ill|i will|i can|better to) (?:text|texts|txt|message|messages|msg|sms)\b|\b(?:text|txt|texting|texts|message|messages|messaging|sms) (?:only|instead|is (?:fine|better|ok|okay|best|good|preferred|easier)|are (?:fine|ok|okay|better|good)|works)\b/;
export const NEGATIONS: ReadonlySet<string> = new Set(['dont', 'not', 'never', 'nor', 'stop', 'quit', 'no']);

/** Scope hints inside a stop message: any of these widens 'this' to 'all'. */
export const SCOPE_ALL = /\b(?:all|everything|anything|anyone|anybody|todo|todos|tout|tous)\b/;

const anyOf = (intents: readonly StopIntent[]) => new RegExp(intents.map((i) => `(?:${i.pattern.source.replaceAll('(?<kw>', '(?:')})`).join('|'));
/** Cheap per-clause pre-checks: any clause intent; any that need not be the whole message. */
export const ANY_CLAUSE_INTENT = anyOf(CLAUSE_INTENTS);
export const ANY_PART_INTENT = anyOf(CLAUSE_INTENTS.filter((i) => !i.whole));

/**
 * All stop intents in one alternation: one scan rejects the common no-stop case (several times faster
 * on long texts than thirty separate scans); only on a hit are the rules tried one by one for the label.
 */
export const ANY_STOP_INTENT = new RegExp([...STOP_INTENTS.map((i) => i.pattern), DONT_CALL].map((r) => `(?:${r.source})`).join('|'));
