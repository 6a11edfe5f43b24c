import { AUTO_REPLY_PATTERNS } from './autoReplies';
import { ACCENTED_ONLY, FILLERS, HELP_PHRASES, START_PHRASES, STOP_PHRASES } from './keywords';
import { normalizeInbound } from './normalizeInbound';
import { localDate, parseReturnDate } from './parseReturnDate';
import {
  ANY_CLAUSE_INTENT,
  ANY_PART_INTENT,
  ANY_STOP_INTENT,
  CLAUSE_INTENTS,
  DONT_CALL,
  NEGATIONS,
  OPT_OUT_INSTRUCTION,
  OTHER_NUMBER_STOP,
  SCOPE_ALL,
  STOP_INTENTS,
  TEXT_ME,
  TEXTS_OK,
  USE_THIS_NUMBER,
  type StopIntent,
} from './stopIntents';
import type { ClassifyOptions, InboundClass } from './types';

/**
 * Any word that begins a stop phrase ('all' only ever follows one), letters possibly repeated ("stooop").
 * Words end at spaces, not `\b`: an ASCII `\b` never falls before or after a CJK or Hangul word.
 */
const STOP_WORD = new RegExp(
  `(?:^| )(?:${[...new Set([...STOP_PHRASES.keys()].map((p) => p.split(' ')[0]!))].map((w) => w.replace(/./g, '$&+')).join('|')})(?= |$)`,
);
/** Every word of a keyword phrase. */
const KEYWORD_WORDS: ReadonlySet<string> = new Set([...STOP_PHRASES.keys(), ...START_PHRASES, ...HELP_PHRASES].flatMap((p) => p.split(' ')));
/** Keyword and filler words by their letters with repeats squeezed: an elongated "STOPPP", "pleeease", "hellooo" is read as the word. */
const BY_SQUEEZED: ReadonlyMap<string, string> = new Map([...KEYWORD_WORDS, ...FILLERS].reverse().map((w) => [squeeze(w), w]));
/** A message of nothing but stop-sign emoji (🛑) is a STOP. */
const STOP_SIGN = /\u{1F6D1}/u;
/** a clause intent reads at most this many trailing characters of a clause (keeps matching linear) */
const CLAUSE_TAIL = 200;

/**
 * Classifies an inbound text as stop / start / help / auto_reply / reply.
 *
 * Decision rule, in order (a false "stop" costs one lost contact, a missed one costs a TCPA claim):
 * 1. **Keyword clause → stop.** The message is split into clauses at punctuation, emoji and line
 *    breaks. If any clause is nothing but a stop keyword — the FCC's seven words, provider words
 *    (STOPALL, OPTOUT, REMOVE, ARRET, TD), basic Spanish/French/Portuguese/Chinese/Vietnamese/Tagalog/
 *    Korean (keywords.ts) — plus fillers ("please", "thanks", "me", "now", "and", "ạ"…; elongated
 *    "STOPPP" too), it is a stop: "STOP!!", " stop please ", "Unsubscribe me", "Who is this? Stop",
 *    "Sair", "退订", "Hủy ạ", "Tama na po", "수신거부". A lone 🛑 is a STOP. A keyword inside a longer
 *    clause is *not* enough ("I can't stop by today", "Can you end the appointment early?", "Cancel my
 *    appointment", "Pode parar aqui amanhã?", "漏水停止了吗"): there the intent patterns decide.
 * 2. **Intent → stop.** Unambiguous opt-out words anywhere (unsubscribe, opt out, revoke, stopall) and
 *    natural-language revocations (47 CFR § 64.1200(a)(10) "reasonable person"): "please stop texting
 *    me", "don't text me", "remove me from your list", "leave me alone", "no more messages", "wrong
 *    number" / "I never called you" (not the customer, so scope 'all'), "this is spam", "no me envíes
 *    más mensajes", "ne m'envoyez plus", "não quero mais mensagens", "不要再给我发短信", "đừng nhắn tin
 *    nữa", "wag na kayong mag-text", "문자 보내지 마세요"; then short requests judged on one clause ("can
 *    you please stop", "the texts need to stop", "please don't text", "请退订", "别再发了"). A business's
 *    own "Reply STOP to opt out" is not read as a request (an auto-reply), nor is a stop for another
 *    number when the sender offers this one ("stop calling my husband's cell, use this one"); "don't
 *    call me, just text" revokes no texts. Readings beyond English, Spanish and French are deliberately
 *    few; which words count is a judgement call, marked `// J:` in keywords.ts and stopIntents.ts.
 * 3. **Auto-reply** (out of office, driving, automated, vacation, opt-out instructions), with the return
 *    date when given.
 * 4. **Whole-message keyword → start / help** (START, UNSTOP, YES; HELP, INFO). A bare YES is an
 *    opt-in only for an opted-out sender: with `optedOut: false` it is a reply; when unknown it is
 *    reported as start and the caller decides.
 * 5. Otherwise a reply.
 *
 * Scope is a hint: 'all' when the sender asked to stop everything (STOPALL, "all", wrong number, DNC
 * list), else 'this'. Either way the sender must get no further texts that need consent.
 *
 * @example
 * classifyInbound('Stop.')                // { class: 'stop', keyword: 'STOP', scope: 'this', matched: 'keyword' }
 * classifyInbound('please stop texting me') // { class: 'stop', keyword: null, scope: 'this', matched: 'stop_contact' }
 * classifyInbound('Out of office until Jan 5', { now: new Date('2026-12-20T00:00:00Z') })
 * // { class: 'auto_reply', returnDate: '2027-01-05', matched: 'out_of_office' }
 */
export function classifyInbound(text: string, opts: ClassifyOptions = {}): InboundClass {
  if (opts.timeZone !== undefined && opts.now !== undefined) localDate(opts.now, opts.timeZone); // fail fast on a bad zone
  const { flat, clauses, spelled } = normalizeInbound(text);
  if (!flat) return STOP_SIGN.test(text) ? { class: 'stop', keyword: 'STOP', scope: 'this', matched: 'keyword' } : { class: 'reply' };
  // a keyword spelled out letter by letter ("S T O P") is that keyword; other spelled text stays a reply
  if (spelled) {
    const asWord = classifyInbound(spelled, opts);
    if (asWord.class !== 'reply' && asWord.class !== 'auto_reply') return asWord;
  }

  for (const clause of STOP_WORD.test(flat) ? clauses : []) {
    if (!STOP_WORD.test(clause)) continue; // cheap pre-check before splitting into words
    const phrase = keywordPhrase(clause);
    const scope = STOP_PHRASES.get(phrase);
    if (scope && typedAccented(phrase, text)) return { class: 'stop', keyword: phrase.toUpperCase(), scope, matched: 'keyword' };
  }

  // a business's own "Reply STOP to opt out" is no request; "please stop calling my husband's cell, use
  // this one" is none for this number (see OTHER_NUMBER_STOP)
  let said = flat.replace(OPT_OUT_INSTRUCTION, ' ');
  const instruction = said !== flat;
  if (USE_THIS_NUMBER.test(said)) said = said.replace(OTHER_NUMBER_STOP, ' ');
  if (said !== flat) said = said.replace(/ {2,}/g, ' ').trim();

  const texts = asksForTexts(said);
  for (const intent of ANY_STOP_INTENT.test(said) ? STOP_INTENTS : []) {
    if (applies(intent, said, texts) && intent.pattern.test(said)) return stopFor(intent, said, intent.keyword ?? null);
  }
  let oneClause: boolean | undefined; // one clause besides fillers ("Hi, I need to cancel. Thanks!")
  const isOneClause = () => (oneClause ??= clauses.length === 1 || clauses.filter((c) => !fillersOnly(c)).length === 1);
  for (const clause of clauses) {
    const tail = clause.length > CLAUSE_TAIL ? clause.slice(clause.indexOf(' ', clause.length - CLAUSE_TAIL) + 1) : clause;
    if (!(isOneClause() ? ANY_CLAUSE_INTENT : ANY_PART_INTENT).test(tail)) continue;
    for (const intent of CLAUSE_INTENTS) {
      if (intent.whole && !isOneClause()) continue;
      const m = applies(intent, flat, texts) ? intent.pattern.exec(tail) : null;
      if (m) return stopFor(intent, flat, m.groups?.kw?.toUpperCase() ?? intent.keyword ?? null);
    }
  }
  if (DONT_CALL.test(said) && !texts) {
    return { class: 'stop', keyword: null, scope: SCOPE_ALL.test(said) ? 'all' : 'this', matched: 'dont_call' };
  }

  for (const { rule, pattern } of AUTO_REPLY_PATTERNS) {
    if (pattern.test(flat)) return { class: 'auto_reply', returnDate: parseReturnDate(text, opts), matched: rule };
  }
  if (instruction) return { class: 'auto_reply', returnDate: null, matched: 'automated' };

  const whole = keywordPhrase(flat);
  if (START_PHRASES.has(whole)) {
    if (whole === 'yes' && opts.optedOut === false) return { class: 'reply' };
    return { class: 'start', keyword: whole.toUpperCase() };
  }
  if (HELP_PHRASES.has(whole)) return { class: 'help', keyword: whole.toUpperCase() };
  return { class: 'reply' };
}

function applies(intent: StopIntent, flat: string, asksTexts: boolean): boolean {
  return !(intent.callsOnly && asksTexts) && !intent.unless?.test(flat);
}

function stopFor(intent: StopIntent, flat: string, keyword: string | null): InboundClass {
  return { class: 'stop', keyword, scope: intent.scope === 'all' || SCOPE_ALL.test(flat) ? 'all' : 'this', matched: intent.rule };
}

/** False for a Vietnamese keyword that is also a name ("Huy") unless the sender typed its accents ("Hủy"). */
function typedAccented(phrase: string, text: string): boolean {
  const accented = ACCENTED_ONLY.get(phrase);
  return !accented || accented.test(text.normalize('NFC').toLowerCase());
}

/** A known word for an elongated one ("stoppp" → "stop", "pleeease" → "please", "everything" → "all"). */
function canonicalWord(w: string): string {
  if (FILLERS.has(w) || KEYWORD_WORDS.has(w)) return w;
  if (w === 'everything') return 'all';
  const squeezed = squeeze(w);
  return (squeezed !== w && BY_SQUEEZED.get(squeezed)) || w;
}

/** Runs of one letter made single: "stoppp" → "stop", "hello" → "helo". */
function squeeze(w: string): string {
  let out = '';
  for (let i = 0; i < w.length; i++) if (i === 0 || w[i] !== w[i - 1]) out += w[i];
  return out;
}

function fillersOnly(clause: string): boolean {
  return clause.split(' ').every((w) => FILLERS.has(canonicalWord(w)));
}

/** Words of a clause without fillers and without immediate repeats ("stop stop please" → "stop"). */
function keywordPhrase(clause: string): string {
  const words: string[] = [];
  let start = 0;
  while (start < clause.length) {
    let end = clause.indexOf(' ', start);
    if (end < 0) end = clause.length;
    const w = canonicalWord(clause.slice(start, end));
    start = end + 1;
    if (FILLERS.has(w) || words[words.length - 1] === w) continue;
    words.push(w);
    if (words.length > 4) return ''; // longer than any keyword phrase; stop before reading a long text
  }
  return words.join(' ');
}

/** "don't call me, text me" asks for texts: a "text me" not preceded by a negation, "just text", "text only"… */
function asksForTexts(flat: string): boolean {
  for (const m of flat.matchAll(TEXT_ME)) {
    if (m[1] === undefined || !NEGATIONS.has(m[1])) return true;
  }
  return TEXTS_OK.test(flat);
}
