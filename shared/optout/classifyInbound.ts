import { AUTO_REPLY_PATTERNS } from './autoReplies';
import { FILLERS, HELP_PHRASES, START_PHRASES, STOP_PHRASES } from './keywords';
import { normalizeInbound } from './normalizeInbound';
import { localDate, parseReturnDate } from './parseReturnDate';
import { ANY_STOP_INTENT, DONT_CALL, NEGATIONS, SCOPE_ALL, STOP_INTENTS, TEXT_ME } from './stopIntents';
import type { ClassifyOptions, InboundClass } from './types';

/** Any word that begins a stop phrase ('all' only ever follows one). */
const STOP_WORD = new RegExp(`\\b(?:${[...new Set([...STOP_PHRASES.keys()].map((p) => p.split(' ')[0]!))].join('|')})\\b`);

/**
 * Classifies an inbound text as stop / start / help / auto_reply / reply.
 *
 * Decision rule, in order (a false "stop" costs one lost contact, a missed one costs a TCPA claim):
 * 1. **Keyword clause → stop.** The message is split into clauses at punctuation, emoji and line
 *    breaks. If any clause is nothing but a stop keyword — the FCC's seven words, provider words
 *    (STOPALL, OPTOUT, REMOVE, ARRET, TD), basic Spanish/French — plus fillers ("please", "thanks",
 *    "me", "now"…), it is a stop: "STOP!!", " stop please ", "Unsubscribe me", "Who is this? Stop".
 *    A keyword inside a longer clause is *not* enough ("I can't stop by today", "Can you end the
 *    appointment early?", "Cancel my appointment"): there the intent patterns decide.
 * 2. **Intent → stop.** Unambiguous opt-out words anywhere (unsubscribe, opt out, revoke, stopall) and
 *    natural-language revocations (47 CFR § 64.1200(a)(10) "reasonable person"): "please stop texting
 *    me", "don't text me", "remove me from your list", "leave me alone", "no more messages", "wrong
 *    number" (not the customer, so scope 'all'), "no me envíes más mensajes", "ne m'envoyez plus".
 * 3. **Auto-reply** (out of office, driving, automated, vacation), with the return date when given.
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
  if (!flat) return { class: 'reply' };
  // a keyword spelled out letter by letter ("S T O P") is that keyword; other spelled text stays a reply
  if (spelled) {
    const asWord = classifyInbound(spelled, opts);
    if (asWord.class !== 'reply' && asWord.class !== 'auto_reply') return asWord;
  }

  for (const clause of STOP_WORD.test(flat) ? clauses : []) {
    if (!STOP_WORD.test(clause)) continue; // cheap pre-check before splitting into words
    const phrase = keywordPhrase(clause);
    const scope = STOP_PHRASES.get(phrase);
    if (scope) return { class: 'stop', keyword: phrase.toUpperCase(), scope, matched: 'keyword' };
  }

  for (const intent of ANY_STOP_INTENT.test(flat) ? STOP_INTENTS : []) {
    if (intent.pattern.test(flat)) {
      const scope = intent.scope === 'all' || SCOPE_ALL.test(flat) ? 'all' : 'this';
      return { class: 'stop', keyword: intent.keyword ?? null, scope, matched: intent.rule };
    }
  }
  if (DONT_CALL.test(flat) && !asksForTexts(flat)) {
    return { class: 'stop', keyword: null, scope: SCOPE_ALL.test(flat) ? 'all' : 'this', matched: 'dont_call' };
  }

  for (const { rule, pattern } of AUTO_REPLY_PATTERNS) {
    if (pattern.test(flat)) return { class: 'auto_reply', returnDate: parseReturnDate(text, opts), matched: rule };
  }

  const whole = keywordPhrase(flat);
  if (START_PHRASES.has(whole)) {
    if (whole === 'yes' && opts.optedOut === false) return { class: 'reply' };
    return { class: 'start', keyword: whole.toUpperCase() };
  }
  if (HELP_PHRASES.has(whole)) return { class: 'help', keyword: whole.toUpperCase() };
  return { class: 'reply' };
}

/** Words of a clause without fillers and without immediate repeats ("stop stop please" → "stop"). */
function keywordPhrase(clause: string): string {
  const words: string[] = [];
  let start = 0;
  while (start < clause.length) {
    let end = clause.indexOf(' ', start);
    if (end < 0) end = clause.length;
    const w = clause.slice(start, end);
    start = end + 1;
    if (FILLERS.has(w) || words[words.length - 1] === w) continue;
    words.push(w);
    if (words.length > 4) return ''; // longer than any keyword phrase; stop before reading a long text
  }
  return words.join(' ');
}

/** "don't call me, text me" asks for texts: a "text me" not preceded by a negation. */
function asksForTexts(flat: string): boolean {
  for (const m of flat.matchAll(TEXT_ME)) {
    if (m[1] === undefined || !NEGATIONS.has(m[1])) return true;
  }
  return false;
}
