/**
 * Keyword sets, written as they look after {@link normalizeInbound} (lowercase, no accents, hyphens
 * as spaces). Sources (see docs/compliance notes §1.3, §3):
 * - FCC per-se revocation words, 47 CFR § 64.1200(a)(10): stop, quit, end, revoke, opt out, cancel, unsubscribe
 *   https://www.ecfr.gov/current/title-47/chapter-I/subchapter-B/part-64/subpart-L/section-64.1200
 * - Twilio/Telnyx/Braze: STOPALL, STOP ALL, OPTOUT; AWS End User Messaging: OPT-OUT, REMOVE, ARRET, TD
 * - opt-in START, YES, UNSTOP; help HELP, INFO
 * FCC 26-67 (adopted 2026-09-30, not yet in force) would let a sender designate one exclusive opt-out
 * method; not relied on: every reasonable means (these words + stopIntents.ts) keeps revoking.
 *
 * Languages read: English, Spanish, French, and — after them the most spoken in US homes — Portuguese,
 * Chinese (simplified and traditional), Vietnamese, Tagalog and Korean. Beyond English, a word is listed
 * only when a whole reply of it plainly means stop/unsubscribe/cancel; other readings are judgement
 * calls, marked `// J:`. Entries must equal their own `normalizeInbound(…).flat` (a test checks):
 * Vietnamese without accents (`hủy` → `huy`, `đ` → `d`), CJK as typed (one word, no spaces), Hangul as
 * syllables.
 */

/** The seven words the FCC names; replying with any of them revokes consent per se. */
export const FCC_REVOCATION_WORDS = ['stop', 'quit', 'end', 'revoke', 'opt out', 'cancel', 'unsubscribe'] as const;

/** Clause-only stop phrases → scope. A clause must consist of one of these (plus fillers) to count. */
export const STOP_PHRASES: ReadonlyMap<string, 'all' | 'this'> = new Map<string, 'all' | 'this'>([
  ...FCC_REVOCATION_WORDS.map((w) => [w, 'this'] as const),
  ['optout', 'this'],
  ['unsub', 'this'],
  ['remove', 'this'],
  ['td', 'this'], // AWS End User Messaging required opt-out keyword (US/CA)
  ['arret', 'this'],
  ['arrete', 'this'],
  ['arreter', 'this'],
  ['arretez', 'this'],
  ['para', 'this'],
  ['parar', 'this'],
  ['pare', 'this'],
  ['paren', 'this'],
  ['alto', 'this'],
  ['basta', 'this'],
  ['baja', 'this'],
  ['de baja', 'this'],
  ['cancelar', 'this'],
  ['detener', 'this'],
  ['no mas', 'this'],
  ['no more', 'this'], // as "no más"; "no more than $200" is a longer clause, so a reply
  ['sotp', 'this'], // common transpositions of STOP; elongations ("STOPPP") are folded in classifyInbound
  ['stpo', 'this'],
  ['stahp', 'this'],
  ['stopall', 'all'],
  ['stop all', 'all'],
  ['end all', 'all'],
  ['quit all', 'all'],
  ['cancel all', 'all'],
  ['unsubscribe all', 'all'],
  ['opt out all', 'all'],
  ['optout all', 'all'],
  ['remove all', 'all'],
  // Portuguese (parar, pare, cancelar are above): SAIR is the usual Brazilian SMS opt-out word
  ['parem', 'this'],
  ['sair', 'this'],
  ['descadastrar', 'this'],
  ['descadastre', 'this'],
  ['remover', 'this'], // J: as the English REMOVE, even when it answers "remove the old unit or keep it?"
  // Chinese: 退订 "unsubscribe" (also "cancel a booking", so only as a whole clause), 取消订阅 "cancel subscription"
  ['退订', 'this'],
  ['退訂', 'this'],
  ['取消订阅', 'this'],
  ['取消訂閱', 'this'],
  ['停止', 'this'], // J: a bare "停止" answers nothing but the texts; "停止了" ("it stopped") is another word
  ['取消', 'this'], // J: "cancel", as a bare CANCEL is
  // Vietnamese (typed without accents too): hủy "cancel", dừng / ngừng "stop", hủy đăng ký "unsubscribe", từ chối "refuse"
  ['huy', 'this'], // J: only as "hủy" (see ACCENTED_ONLY)
  ['dung', 'this'], // J: only as "dừng"
  ['dung lai', 'this'], // J: only as "dừng lại"
  ['ngung', 'this'],
  ['ngung lai', 'this'],
  ['huy dang ky', 'this'],
  ['tu choi', 'this'], // J: "I refuse", as a whole reply to a follow-up
  // Tagalog, each also with the politeness "po" after it ("tigil na po"): tigil / itigil / hinto "stop",
  // "stop na" (Taglish "stop now"). J: "tama na" "enough already" ("tama na po yung oras", "the time is right
  // now", is a longer clause); J: "ayoko na" "I don't want (this) anymore"
  ['stop po', 'this'],
  ...['tigil', 'tigil na', 'itigil', 'itigil na', 'itigil mo na', 'itigil nyo na', 'itigil niyo na', 'hinto', 'hinto na', 'stop na', 'tama na', 'ayoko na']
    .flatMap((k) => [[k, 'this'], [`${k} po`, 'this']] as const),
  // Korean: 수신거부 "refuse messages" (the Korean ad opt-out), 중지 "stop", 그만 "enough/stop", 구독 취소 "unsubscribe"
  ['수신거부', 'this'],
  ['수신 거부', 'this'],
  ['중지', 'this'],
  ['그만', 'this'],
  ['구독취소', 'this'],
  ['구독 취소', 'this'],
  ['취소', 'this'], // J: "cancel", as a bare CANCEL is
]);

/**
 * J: unaccented, these Vietnamese words are also common given names (Huy, Dung / Dũng; Lại is a surname):
 * such a clause is a stop only when the message has the accented verb (`hủy`, `dừng`), so a signature
 * "– Huy" stays a reply. An unaccented "huy" meant as "cancel" is missed (it still reaches a human as a reply).
 * Matched on the message lowercased in NFC.
 */
export const ACCENTED_ONLY: ReadonlyMap<string, RegExp> = new Map([
  ['huy', /hủy|huỷ/],
  ['dung', /dừng/],
  ['dung lai', /dừng/],
]);

/** Whole-message opt-in keywords. */
export const START_PHRASES: ReadonlySet<string> = new Set(['start', 'unstop', 'yes']);

/** Whole-message help keywords. */
export const HELP_PHRASES: ReadonlySet<string> = new Set(['help', 'info', 'ayuda', 'aide']);

/**
 * Words that do not change what a short keyword message means ("stop please", "Unsubscribe me",
 * "STOP NOW!!", "ok stop thanks", "thanks but stop", "stop please and thank you", "para por favor", "arrêt svp",
 * "pare obrigado", "hủy ạ", "중지 해주세요"). Tagalog "po" is no filler here but part of the Tagalog keywords
 * ("tama na po"): as a filler it would make "Cancel PO #4411" a cancel. "salamat" is left out too: with
 * the Portuguese PARE it would make "salamat pare" ("thanks, buddy") a stop.
 */
export const FILLERS: ReadonlySet<string> = new Set([
  'please', 'pls', 'plz', 'plse', 'pleas', 'thanks', 'thank', 'thankyou', 'thx', 'ty', 'you', 'u',
  'now', 'ok', 'okay', 'k', 'it', 'me', 'us', 'just', 'hi', 'hey', 'hello', 'sorry', 'bro', 'dude',
  'man', 'guys', 'yall', 'lol', 'omg', 'asap', 'already', 'right', 'seriously', 'sir', 'maam',
  'again', 'immediately', 'damn', 'fucking', 'fuckin', 'freaking', 'frickin', 'oh', 'yo', 'and', 'but', 'so',
  'por', 'favor', 'porfavor', 'gracias', 'ya', 'svp', 'stp', 'merci', 'sil', 'vous', 'plait',
  'obrigado', 'obrigada', 'brigado', 'brigada', 'valeu', 'pf', 'pfv', 'pfvr', 'agora', // Portuguese
  '请', '請', '谢谢', '謝謝', '麻烦', '麻煩', // Chinese, when set apart by a space
  'a', 'nhe', 'nha', 'di', 'xin', 'giup', 'em', 'anh', 'chi', 'toi', // Vietnamese ạ, nhé, nha, đi, xin, giúp, and "me"
  '제발', '감사합니다', '고맙습니다', '부탁드립니다', '부탁합니다', '부탁해요', '해', '해주세요', '주세요', // Korean
]);
