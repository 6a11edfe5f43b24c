/**
 * Keyword sets, written as they look after {@link normalizeInbound} (lowercase, no accents, hyphens
 * as spaces). Sources (see docs/compliance notes §1.3, §3):
 * - FCC per-se revocation words, 47 CFR § 64.1200(a)(10): stop, quit, end, revoke, opt out, cancel, unsubscribe
 *   https://www.ecfr.gov/current/title-47/chapter-I/subchapter-B/part-64/subpart-L/section-64.1200
 * - Twilio/Telnyx/Braze: STOPALL, STOP ALL, OPTOUT; AWS End User Messaging: OPT-OUT, REMOVE, ARRET, TD
 * - opt-in START, YES, UNSTOP; help HELP, INFO
 * FCC 26-67 (adopted 2026-09-30, not yet in force) would let a sender designate one exclusive opt-out
 * method; not relied on: every reasonable means (these words + stopIntents.ts) keeps revoking.
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
]);

/** Whole-message opt-in keywords. */
export const START_PHRASES: ReadonlySet<string> = new Set(['start', 'unstop', 'yes']);

/** Whole-message help keywords. */
export const HELP_PHRASES: ReadonlySet<string> = new Set(['help', 'info', 'ayuda', 'aide']);

/**
 * Words that do not change what a short keyword message means ("stop please", "Unsubscribe me",
 * "STOP NOW!!", "ok stop thanks", "thanks but stop", "stop please and thank you", "para por favor", "arrêt svp").
 */
export const FILLERS: ReadonlySet<string> = new Set([
  'please', 'pls', 'plz', 'plse', 'pleas', 'thanks', 'thank', 'thankyou', 'thx', 'ty', 'you', 'u',
  'now', 'ok', 'okay', 'k', 'it', 'me', 'us', 'just', 'hi', 'hey', 'hello', 'sorry', 'bro', 'dude',
  'man', 'guys', 'yall', 'lol', 'omg', 'asap', 'already', 'right', 'seriously', 'sir', 'maam',
  'again', 'immediately', 'damn', 'fucking', 'fuckin', 'freaking', 'frickin', 'oh', 'yo', 'and', 'but', 'so',
  'por', 'favor', 'porfavor', 'gracias', 'ya', 'svp', 'stp', 'merci', 'sil', 'vous', 'plait',
]);
