/**
 * What customers really text back after a missed-call follow-up, each with the class a compliance
 * reviewer expects (47 CFR § 64.1200(a)(10): the seven per-se words, or anything a reasonable person reads
 * as a revocation; CTIA keywords). Judgement calls are marked `// J:` with the reason (see compliance.md §1.3).
 * The second table lists the misreadings found by the Dec 2026 audit, one row group per fix.
 */
import { describe, expect, it } from 'vitest';
import { classifyInbound } from '../../../shared/optout';
import type { InboundClass } from '../../../shared/optout';

type Cls = InboundClass['class'];
const NOW = new Date('2026-11-20T15:00:00Z');
const classOf = (text: string) => classifyInbound(text, { now: NOW }).class;

const STOPS: string[] = [
  // keywords in any case, with punctuation, emoji, signatures
  'STOP.', 'Stop!!', 'stop 🙏', 'STOP - sent from my iPhone', 'Stop\n\nSent from my iPhone', 'stop\n-- \nJohn Smith\nSmith Roofing LLC',
  'STOP ✋', 'Stop 🛑🛑🛑', 'STOP!!!!!!', 'Stop it', 'stop it please', '"Stop"', 'Stop 👍', 'Stop\u00a0please', 'Stop!! 😡', 'STOP STOP STOP',
  'Stop 🙏🏽', 'Unsubscribe\n\nGet Outlook for iOS', 'STOP\n--\nSent from my Galaxy', 'Ok stop', 'STOP por favor', 'stop svp',
  // CTIA / carrier keywords
  'STOPALL', 'Stop all', 'UNSUBSCRIBE', 'Unsubscribe.', 'CANCEL', 'cancel.', 'End', 'END.', 'Quit', 'QUIT!', 'REVOKE', 'OPTOUT', 'OPT OUT',
  'opt-out', 'Opt out please', 'optout!', 'Opt me out', 'REMOVE', 'remove me', 'TD', 'CANCEL ALL',
  // Spanish / French (the languages the module claims)
  'PARAR', 'PARE', 'Para ya', 'BAJA', 'Baja por favor', 'Dame de baja', 'Cancelar', 'Alto', 'ya no me manden mensajes', 'no más mensajes',
  'No me escriban más', 'no me mandes mas mensajes por favor', 'Por favor no me contacten', 'Numero equivocado', 'Eliminen mi número',
  'Sáquenme de su lista', 'no molesten', 'ARRÊT', 'Arrêtez', "Arrête de m'écrire", 'Désabonner', 'Ne me contactez plus',
  // natural-language revocations
  "please don't text me anymore", 'Please do not text me anymore.', 'take me off your list', 'Take me off ur list', 'leave me alone',
  'Wrong number', 'Wrong number!!', "who is this? don't contact me", 'remove my number', 'Remove my number from your list', 'lose my number',
  'I never called you, stop', 'Quit texting me', 'STOP TEXTING ME', 'Stop fucking texting me', 'Fuck off and stop texting me',
  'Stop texting me you idiots', 'Go fuck yourself, stop texting me', "Stop! I didn't call you", 'I didnt call you. Stop texting',
  'Not interested, please remove me', 'Not interested. Please stop', "No thank you. Please don't message me again", 'Please stop', 'pls stop',
  'Please stop messaging me', 'You can stop texting me now', "I don't want your texts", 'Do not text this number again', 'Unsubscribe me please',
  'Stop sending', 'No more texts', 'How did you get my number? Stop', "Stop. Don't contact me again", 'Put me on your do not call list',
  'Add me to your DNC list', 'Delete my number', 'Stop texting me or I will report you', "I'm blocking you", 'blocking this number',
  'Stop texting me. Also I found another plumber', 'I have found someone else, please stop texting', 'This is not John, wrong number',
  'You have the wrong person', 'Stop texting me, call me instead', 'Never contact me again', 'Stop bothering me', 'Quit harassing me',
  'Wrong person', "You've got the wrong number", 'Why don\'t you stop texting me', 'You guys won\'t stop texting me', 'How do I opt out',
  'Do I reply STOP to opt out?', 'I replied STOP to opt out already', 'stop calling and texting', "Don't call me anymore", 'Stop calling me',
  'Take me off', 'Cancel subscription', 'no more spam', 'Stop. How did you get my number',
  // J: "unsubscribe" is a per-se word; the FCC 26-67 per-category opt-out is not in force, so the whole message is a stop
  // (a human still sees it on the Opt-out output and may call back about the quote)
  'unsubscribe me from the newsletter but call me back about the quote',
  // J: a stop aimed at someone else with no other number offered: we cannot tell whose phone this is
  'Stop texting my wife',
];

const REPLIES: string[] = [
  // trigger words in ordinary conversation
  "I'll stop by tomorrow", "can't stop thinking about the quote", "don't stop the appointment", 'Non-stop busy today, call me at 5',
  'end of the day works', 'End of day is fine', 'cancel my appointment', 'I need to cancel my appointment', 'Can I cancel and reschedule?',
  "quit my job so I'm free now", "I quit my job so I'm free anytime", 'Yes please stop by at 3', 'Will you stop at the hardware store?',
  "The water won't stop leaking", "my sink won't stop dripping", 'The leak stopped', 'Can you stop the leak today?', 'The AC quit working',
  'My heater quit', 'It stopped working', 'Call me at the end of the week', "I'll end up calling back later", 'We can stop at 2 hours',
  'Stop by anytime', 'Please stop by after 5', 'Cancel the 3pm, can we do Friday?', 'Please cancel my order', 'Cancel my service call',
  'cancel the appointment', 'Stop the water leak please it is urgent', 'Remove the old unit too?', 'can you remove the old water heater',
  'Can you stop by', 'could you stop at 3', 'please stop the leak', "the leak won't stop", 'I need it to stop leaking', 'The noise needs to stop',
  "I'd like to cancel my appointment", 'I want to cancel the 3pm', 'I want to stop by', 'You need to stop by Home Depot first',
  'I need to cancel, something came up. Can we do Friday?', 'No texts yet from the tech', 'Dont text after 9', 'Did the tech get lost?',
  'Back off the valve', 'Turn the water off', 'Can you take $50 off', 'No more than $200 please', 'No more leaks since you came',
  'Wrong no, the address is 12 Main', "I'll stop calling around once I hear back", 'I will stop texting you now lol', "don't stop texting me lol",
  'Never stop texting me', 'I stopped by yesterday but you were closed', "I'm at the bus stop", 'cancel everything for tomorrow',
  // people just talking
  'sorry I missed your call, can you call back?', 'Yes call me', 'Call me back please', 'Who is this?', 'What is this regarding?', 'ok thanks',
  'Thanks, what time?', 'Sounds good', '👍', 'Can you text me the price?', 'No', 'no thanks', 'Not interested', 'Not now', 'Maybe later',
  'I already hired someone', "We're all set", 'Is this spam?', 'I thought this was spam lol', 'The drain is blocked', 'New number, who is this?',
  'More info', 'I need help with my AC', 'Help, my basement is flooding', 'Y', 'Sure', 'Subscribe', 'opt in',
  // calls revoked but texts asked for: nothing to stop in a text sequence
  "don't call, text only", "Don't call me, just text", "Don't call me, text is fine", "don't call me. texting is better",
  "Please don't call me, I'll text you", 'Stop calling me, text me instead', 'Please text me, don\'t call',
  // a stop for another number, with this one offered (J: a human acts on the other number)
  "please stop calling my husband's cell, use this one", "please stop calling my mom's number, call me here instead",
  'Please stop calling my work phone. Text this number instead',
  // the household caller
  "I didn't call you, my wife did", 'I never called you guys back, sorry', "I didn't call yet",
  // canned quick replies a person tapped (not auto-replies: a human answered)
  "Sorry, I can't talk right now.", "I'll call you later.", "Can't talk now. What's up?",
  // J: ambiguous without context ("it" may be the leak); the human reply still ends the sequence
  'make it stop', 'I want it to stop', 'I don\'t know you', 'Blocked', "This isn't Mike", 'enough',
];

const STARTS = ['START', 'Start', 'UNSTOP', 'Unstop', 'YES', 'Yes', 'start.', 'START please', 'Yes!', 'Start again', 'unstop please'];
const HELPS = ['Help', 'HELP', 'help!', 'Info', 'INFO', 'help me', 'Ayuda', 'help?', 'Info please', 'HELP ME'];
const AUTO_REPLIES = [
  "I'm driving with Do Not Disturb While Driving turned on. I'll see your message when I get where I'm going.",
  "I'm driving right now - I'll get back to you later.",
  'Thank you for your message. I am out of the office until December 3 with limited access.',
  'This is an automated message. Please do not reply.',
  'Auto-Reply: Thanks for contacting us. We will get back to you shortly.',
  'Jane has notifications silenced with Focus',
  'I have Do Not Disturb on. I will see your message later.',
  "I'm on vacation until Monday",
  'I am currently away and will reply when I return',
  'OOO until 12/1',
  "I'm on PTO until Monday",
  "I'm sleeping with Do Not Disturb on",
  'Estoy manejando, te respondo luego',
  // a business's or landline's own auto-text, opt-out instructions included
  "Hi, this is Bob's Plumbing. We received your message and will respond shortly. Reply STOP to opt out.",
  'Thanks for texting Acme. Msg&data rates may apply. Reply STOP to unsubscribe, HELP for help.',
  "Thanks for contacting Joe's Pizza! Reply STOP to opt out.",
  'This number does not accept text messages',
  'Texts to this number are not monitored. Please call 555-1212',
  'Hi! We are closed right now. We will reply during business hours.',
];

const CORPUS: [string, Cls][] = [
  ...STOPS.map((t) => [t, 'stop'] as [string, Cls]),
  ...REPLIES.map((t) => [t, 'reply'] as [string, Cls]),
  ...STARTS.map((t) => [t, 'start'] as [string, Cls]),
  ...HELPS.map((t) => [t, 'help'] as [string, Cls]),
  ...AUTO_REPLIES.map((t) => [t, 'auto_reply'] as [string, Cls]),
];

describe('reply corpus', () => {
  it('has at least 150 distinct messages', () => {
    expect(new Set(CORPUS.map(([t]) => t)).size).toBe(CORPUS.length);
    expect(CORPUS.length).toBeGreaterThanOrEqual(150);
  });

  it.each(CORPUS)('%j is %s', (text, cls) => {
    expect(classOf(text)).toBe(cls);
  });
});

/** Misreadings found by the audit, grouped by fix; each group fails when its fix is undone. */
const FIXES: Record<string, [string, Cls][]> = {
  // fillers "and"/"but"/"so", elongated words, "everything" = all
  'keyword clause fillers and elongation': [
    ['Stop please and thank you', 'stop'], ['thanks but stop', 'stop'], ['Ok but stop', 'stop'], ['so stop', 'stop'],
    ['STOPPP', 'stop'], ['Stoppp!!!', 'stop'], ['stop pleaseee', 'stop'], ['pleaseee stop', 'stop'], ['cancel everything', 'stop'],
    ['STAHP', 'stop'], ['Sotp', 'stop'],
  ],
  'no more as a keyword': [['no more', 'stop'], ['No more.', 'stop'], ['No more, thanks', 'stop']],
  'stop-sign emoji alone': [['🛑', 'stop'], ['🛑🛑', 'stop']],
  'masked profanity and # for number': [
    ['stop f***ing texting me', 'stop'], ['f*** off', 'stop'], ['wrong #', 'stop'],
  ],
  'rude words before the messages': [['Stop the fucking texts', 'stop'], ['end these stupid messages', 'stop']],
  'short requests ending a clause': [
    ['Can you please stop', 'stop'], ['can u stop', 'stop'], ['you need to stop', 'stop'], ['Not interested please stop', 'stop'],
    ["I've told you three times please stop", 'stop'], ['Who is this stop', 'stop'], ['Yes stop', 'stop'],
    ['I want these messages to stop', 'stop'], ['The texts need to stop', 'stop'], ['Make these texts stop', 'stop'],
    ['How do I make these stop', 'stop'], ['How do I stop receiving these', 'stop'], ['STOP to end', 'stop'],
    ["Please don't text.", 'stop'], ['Do not text', 'stop'], ['do not contact', 'stop'], ['No texts please', 'stop'],
    ['I want to stop', 'stop'], ['I wanna quit', 'stop'], ['I want to end this', 'stop'],
    // J: a bare "I need to cancel" is the per-se word, like a bare "Cancel"
    ['I need to cancel', 'stop'], ["I'd like to cancel", 'stop'], ['Hi, I need to cancel. Thanks!', 'stop'], ['Quiero cancelar', 'stop'],
    ['Wrong no.', 'stop'],
  ],
  'stop receiving / more contact verbs': [
    ['how do i stop getting these texts', 'stop'], ['quit bugging me', 'stop'], ['Stop contact', 'stop'],
  ],
  'first person and negation before stop': [
    ["I'll end up calling back later", 'reply'], ["I'll stop calling around once I hear back", 'reply'],
    ['I will stop texting you now lol', 'reply'], ["don't stop texting me lol", 'reply'], ['Never stop texting me', 'reply'],
    ["don't end the texts", 'reply'],
    ['how do i stop these texts', 'stop'], ['Why don\'t you stop texting me', 'stop'], ['Well, stop texting me then', 'stop'],
  ],
  'calls revoked, texts asked for': [
    ["Don't call me, just text", 'reply'], ["Don't call me, text is fine", 'reply'], ['Dont call me text only', 'reply'],
    ['Stop calling me, text me instead', 'reply'], ['Stop calling me', 'stop'], ['Quit calling', 'stop'],
    ["I don't want more calls, just texts", 'reply'], ['no more calls, text me', 'reply'], ['stop the calls, text me instead', 'reply'],
    ['no more calls', 'stop'], ['Stop the calls and texts', 'stop'],
  ],
  'another number, this one offered': [
    ["please stop calling my husband's cell, use this one", 'reply'], ["please stop calling my mom's number, call me here instead", 'reply'],
    ["stop calling my wife's number", 'stop'],
  ],
  'denied consent': [
    ['I never called you', 'stop'], ["I didn't call you", 'stop'], ['i didnt call you, who is this', 'stop'],
    ["I didn't call you, my wife did", 'reply'], ['I never called you back sorry, is Tuesday ok?', 'reply'],
    ['i didnt call you guys, must have been my husband', 'reply'], ["I didn't call the office yet", 'reply'],
    ["I didn't call you, who is this? Oh wait, it must have been my wife", 'reply'],
    ['I never signed up for this', 'stop'], ["I didn't sign up for these texts", 'stop'], ['I never gave you my number', 'stop'],
    ['I never opted in', 'stop'], ['I never signed up for the newsletter but I want a quote', 'reply'],
  ],
  'spam, harassment, reporting': [
    ['This is spam', 'stop'], ['spam', 'stop'], ['SPAM!!', 'stop'], ['Reporting this number', 'stop'], ["I'm going to report you", 'stop'],
    ['this is harassment', 'stop'], ['Is this spam?', 'reply'], ["It's spam-free?", 'reply'],
  ],
  'go away, rudely': [
    ['Fuck off', 'stop'], ['F off', 'stop'], ['Piss off', 'stop'], ['get lost', 'stop'], ['Go to hell', 'stop'],
    ['Did the tech get lost?', 'reply'], ['Turn the water off', 'reply'], ["Get lost? lol no I'm here", 'reply'],
  ],
  'Spanish and French': [
    ['ya no quiero recibir sus mensajes', 'stop'], ['Se equivocaron de numero', 'stop'], ['Déjenme en paz', 'stop'],
    ['Ya no quiero que me escriban', 'stop'], ['Laissez-moi tranquille', 'stop'], ['fichez-moi la paix', 'stop'],
    ["Ne plus m'envoyer de messages", 'stop'],
  ],
  "a business's opt-out instructions": [
    ["Thanks for contacting Joe's Pizza! Reply STOP to opt out.", 'auto_reply'], ['Reply STOP to unsubscribe', 'auto_reply'],
    ['Text STOP to opt out', 'auto_reply'], ['Do I reply STOP to opt out?', 'stop'], ['Reply STOP to opt out? Ok STOP', 'stop'],
  ],
  'landline and business auto-texts': [
    ['This number cannot receive texts', 'auto_reply'], ['Msg&data rates may apply.', 'auto_reply'],
    ['We will reply within 1 business day.', 'auto_reply'],
  ],
};

describe('reply corpus: audit fixes', () => {
  for (const [fix, cases] of Object.entries(FIXES)) {
    it.each(cases)(`${fix}: %j is %s`, (text, cls) => {
      expect(classOf(text)).toBe(cls);
    });
  }
});
