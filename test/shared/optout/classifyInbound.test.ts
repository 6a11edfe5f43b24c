import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyInbound, FCC_REVOCATION_WORDS } from '../../../shared/optout';

const NOW = new Date('2026-11-20T15:00:00Z'); // a Friday

describe('classifyInbound: per-se and provider keywords', () => {
  it.each([
    ['Stop.', 'STOP'],
    ['STOP!!', 'STOP'],
    [' stop please ', 'STOP'],
    ['Stop thanks', 'STOP'],
    ['stop thank you!', 'STOP'],
    ['Please STOP 🛑', 'STOP'],
    ['🛑🛑 stop', 'STOP'],
    ['stop stop stop', 'STOP'],
    ['ＳＴＯＰ', 'STOP'], // full-width
    ['\tStop\n', 'STOP'],
    ['Quit', 'QUIT'],
    ['END', 'END'],
    ['Revoke', 'REVOKE'],
    ['opt out', 'OPT OUT'],
    ['OPT-OUT', 'OPT OUT'],
    ['OptOut', 'OPTOUT'],
    ['cancel', 'CANCEL'],
    ['Unsubscribe', 'UNSUBSCRIBE'],
    ['Unsubscribe me', 'UNSUBSCRIBE'],
    ['unsub', 'UNSUB'],
    ['REMOVE', 'REMOVE'],
    ['Remove me please', 'REMOVE'],
    ['TD', 'TD'],
    ['ARRET', 'ARRET'],
    ['Arrêt', 'ARRET'],
    ['arrêter', 'ARRETER'],
    ['Para', 'PARA'],
    ['alto', 'ALTO'],
    ['¡Basta!', 'BASTA'],
    ['Baja', 'BAJA'],
    ['cancelar por favor', 'CANCELAR'],
    ['No más', 'NO MAS'],
    ['ok stop now', 'STOP'],
    ['Stop bro', 'STOP'],
    ['Stop - John', 'STOP'],
    ['Who is this? Stop', 'STOP'],
    ['who is this\nstop', 'STOP'],
    ['Stop. Who is this?', 'STOP'],
    ['Cancel, I found someone else', 'CANCEL'],
  ])('%j is a stop with keyword %s', (text, keyword) => {
    expect(classifyInbound(text)).toEqual({ class: 'stop', keyword, scope: 'this', matched: 'keyword' });
  });

  it.each([['STOPALL'], ['STOP ALL'], ['stop all!'], ['Cancel all'], ['unsubscribe all please']])(
    '%j is a stop with scope all',
    (text) => {
      expect(classifyInbound(text)).toMatchObject({ class: 'stop', scope: 'all' });
    },
  );

  it('treats every FCC revocation word, alone, as stop', () => {
    for (const w of FCC_REVOCATION_WORDS) expect(classifyInbound(w.toUpperCase()).class, w).toBe('stop');
  });

  it('ignores case, punctuation and fillers around any keyword (property)', () => {
    const word = fc.constantFrom('stop', 'quit', 'end', 'revoke', 'opt out', 'cancel', 'unsubscribe', 'stopall');
    const noise = fc.constantFrom('', '.', '!!', '?', ' 🙏', ' please', ' thanks', ' pls', '...');
    const caseOf = fc.constantFrom((s: string) => s, (s: string) => s.toUpperCase(), (s: string) => s[0]!.toUpperCase() + s.slice(1));
    fc.assert(
      fc.property(word, noise, noise, caseOf, fc.constantFrom('', ' ', '  '), (w, pre, post, c, pad) => {
        const text = `${pad}${pre.trim()} ${c(w)}${post}${pad}`;
        expect(classifyInbound(text).class).toBe('stop');
      }),
    );
  });
});

describe('classifyInbound: natural-language revocations', () => {
  it.each([
    ['please stop texting me', 'stop_contact', 'this'],
    ['Stop messaging me', 'stop_contact', 'this'],
    ['stop fucking texting me', 'stop_contact', 'this'],
    ['Quit calling me', 'stop_contact', 'this'],
    ['Please stop sending these', 'stop_contact', 'this'],
    ['stop with the texts already', 'stop_contact', 'this'],
    ["Don't text me", 'dont_contact', 'this'],
    ['Dont text me anymore', 'dont_contact', 'this'],
    ['Do not contact me again.', 'dont_contact', 'this'],
    ['never message me again', 'dont_contact', 'this'],
    ["don't ever text this number", 'dont_contact', 'this'],
    ["Don't text me at this number", 'dont_contact', 'this'],
    ["don't call me at all", 'dont_call', 'all'],
    ["I don't want any more texts", 'dont_want', 'this'],
    ['I no longer wish to receive these messages', 'dont_want', 'this'],
    ['i do not want to be contacted', 'dont_want', 'this'],
    ['Remove me from your list', 'remove_me', 'this'],
    ['Please delete my number', 'remove_me', 'this'],
    ['take me off your list', 'remove_me', 'this'],
    ['Take my number off your list please', 'remove_me', 'this'],
    ['Leave me alone', 'leave_alone', 'this'],
    ['lose my number', 'leave_alone', 'this'],
    ['No more messages', 'no_more', 'this'],
    ['no more texts please!!', 'no_more', 'this'],
    ['Wrong number', 'wrong_number', 'all'],
    ['Sorry, you have the wrong number', 'wrong_number', 'all'],
    ['wrong person, I never called you', 'wrong_number', 'all'],
    ['Put me on your do not call list', 'do_not_call_list', 'all'],
    ['How do I unsubscribe from this?', 'keyword_in_text', 'this'],
    ['Could you opt me out of these', 'keyword_in_text', 'this'],
    ['I want to opt-out', 'keyword_in_text', 'this'],
    ['I revoke my consent', 'keyword_in_text', 'this'],
    ['I already unsubscribed, why are you still texting?', 'keyword_in_text', 'this'],
    ['I opted out last week', 'keyword_in_text', 'this'],
    ['Please cancel my subscription', 'keyword_in_text', 'this'],
    ['unsubscribe me from everything', 'keyword_in_text', 'all'],
    ['stop all texts from you guys', 'keyword_in_text', 'all'],
    ["Don't call me", 'dont_call', 'this'],
    ['Never call me again, nor text me', 'dont_call', 'this'],
    ["don't call or text me", 'dont_contact', 'this'],
    ['no me envíes más mensajes', 'es_dont_contact', 'this'],
    ['No me escriban', 'es_dont_contact', 'this'],
    ['No me vuelvan a llamar', 'es_dont_contact', 'this'],
    ['no me llamen más', 'es_dont_contact', 'this'],
    ['Borra mi número', 'es_dont_contact', 'this'],
    ['Quítame de la lista por favor', 'es_dont_contact', 'this'],
    ['Ya no quiero recibir mensajes', 'es_dont_contact', 'this'],
    ['no más mensajes por favor', 'es_dont_contact', 'this'],
    ['Dejen de escribirme', 'es_dont_contact', 'this'],
    ['quiero darme de baja', 'es_unsubscribe', 'this'],
    ['Número equivocado', 'wrong_number', 'all'],
    ["Arrêtez de m'envoyer des messages", 'fr_dont_contact', 'this'],
    ["Ne m'envoyez plus de textos", 'fr_dont_contact', 'this'],
    ['Je veux me désabonner', 'fr_unsubscribe', 'this'],
    ['Je ne veux plus recevoir de messages', 'fr_dont_contact', 'this'],
    ['Je ne souhaite plus de SMS', 'fr_dont_contact', 'this'],
    ['Merci de ne plus me contacter', 'fr_dont_contact', 'this'],
    ['Supprimez mon numéro', 'fr_dont_contact', 'this'],
    ['mauvais numéro', 'wrong_number', 'all'],
    // FCC words aimed at the messages (47 CFR § 64.1200(a)(10) "reasonable person")
    ['End these texts', 'stop_contact', 'this'],
    ['please end the messages', 'stop_contact', 'this'],
    ['quit the reminders', 'stop_contact', 'this'],
    ['stop sms', 'stop_contact', 'this'],
    ['Stop messages', 'stop_contact', 'this'],
    ['cancel these texts', 'keyword_in_text', 'this'],
    ['Cancel all texts', 'keyword_in_text', 'all'],
    ['I said stop', 'keyword_in_text', 'this'],
    ['I already told you to STOP!', 'keyword_in_text', 'this'],
    // STOP beside a refusal, no punctuation between
    ['not interested stop', 'keyword_in_text', 'this'],
    ['No thanks stop', 'keyword_in_text', 'this'],
    ['Not interested at all STOP', 'keyword_in_text', 'all'],
    ['stop not interested', 'keyword_in_text', 'this'],
    // withdrawing consent, in any words
    ['I withdraw my consent', 'revoke_consent', 'this'],
    ['I am revoking consent to these texts', 'revoke_consent', 'this'],
    ['I do not consent to this', 'revoke_consent', 'this'],
    ['I never gave you permission to text me', 'revoke_consent', 'this'],
    ['I no longer consent', 'revoke_consent', 'this'],
    ['I never authorized you to text me', 'revoke_consent', 'this'],
    ['I did not authorize this', 'revoke_consent', 'this'],
  ])('%j is a stop (%s, scope %s)', (text, matched, scope) => {
    expect(classifyInbound(text)).toMatchObject({ class: 'stop', matched, scope });
  });

  it('reports the per-se word when an unambiguous one appears inside a sentence', () => {
    expect(classifyInbound('How do I unsubscribe?')).toEqual({ class: 'stop', keyword: 'UNSUBSCRIBE', scope: 'this', matched: 'keyword_in_text' });
    expect(classifyInbound('please stop texting me')).toMatchObject({ keyword: null });
  });
});

describe('classifyInbound: ordinary replies are not stops', () => {
  it.each([
    ["I can't stop by today, call me tomorrow"],
    ['Yes please call me back'],
    ['Can you end the appointment early?'],
    ['Cancel my appointment for Tuesday'],
    ['The end of the week works'],
    ['Please call me after 5'],
    ["Don't call me before noon, text me instead"],
    ["Don't call me, text me"],
    ['Who is this?'],
    ['No thanks'],
    ['Not interested'],
    ["I'm not authorized to approve that, call my manager"],
    ['Je ne veux plus attendre, rappelez-moi'],
    ['No me llames antes de las 5'],
    ['Borra mi cita del martes'],
    ['Je ne veux plus de rendez-vous mardi'],
    ['no, stop by at 3'],
    ['No need to stop by, I found it'],
    ['ok'],
    ['Thanks!'],
    ['Para mañana a las 3 por favor'],
    ['Can I get more info about pricing?'],
    ['I need help with my water heater'],
    ['Stop by anytime after 3'],
    ['I said stop by at 3, see you'],
    ['Can I cancel the calls for tomorrow and book Friday?'],
    ['Yes you have my permission'],
    ['I consent'],
    ['Do not disturb me before 9, call after'],
    ['Remove the old address from my account'],
    ['Yes that works, 3pm'],
    ['I stopped by yesterday but you were closed'],
    ["Don't call me back till the 3rd, I'm away"],
    ["Don't call me before noon"],
    ["Don't call me back, I found someone"],
    ["Please don't text me at work, call after 6"],
    ["Don't text me this morning, I'm in meetings"],
    ['See you this weekend'],
    ['Not interested'],
    ['What are your hours?'],
    ["I'm at work, text me later"],
    ['Is this Acme Plumbing?'],
    [''],
    ['   '],
    ['🙂'],
  ])('%j is a reply', (text) => {
    expect(classifyInbound(text)).toEqual({ class: 'reply' });
  });
});

describe('classifyInbound: start and help', () => {
  it.each([
    ['START', { class: 'start', keyword: 'START' }],
    ['Unstop', { class: 'start', keyword: 'UNSTOP' }],
    ['Yes', { class: 'start', keyword: 'YES' }],
    ['yes please!', { class: 'start', keyword: 'YES' }],
    ['HELP', { class: 'help', keyword: 'HELP' }],
    ['help me', { class: 'help', keyword: 'HELP' }],
    ['Info?', { class: 'help', keyword: 'INFO' }],
    ['Ayuda', { class: 'help', keyword: 'AYUDA' }],
  ])('%j is %o', (text, expected) => {
    expect(classifyInbound(text)).toEqual(expected);
  });

  it.each([
    [undefined, 'start'],
    [true, 'start'],
    [false, 'reply'],
  ] as const)('a bare YES with optedOut %s is %s', (optedOut, cls) => {
    expect(classifyInbound('YES', { optedOut }).class).toBe(cls);
  });

  it('keeps START an opt-in even when the sender is not opted out', () => {
    expect(classifyInbound('START', { optedOut: false }).class).toBe('start');
  });

  it('lets stop win over start in the same message', () => {
    expect(classifyInbound('Yes. STOP').class).toBe('stop');
  });
});

describe('classifyInbound: auto-replies', () => {
  const IOS_DRIVING =
    "I'm driving with Do Not Disturb While Driving turned on. I'll see your message when I get where I'm going.";
  it.each([
    [IOS_DRIVING, 'driving', null],
    ['I’m Driving – I’ll see your message when I get where I’m going.', 'driving', null],
    ['Estoy manejando, te respondo luego', 'driving', null],
    ['I am out of the office until Monday, January 5th, with limited access to email.', 'out_of_office', '2027-01-05'],
    ['OOO - back on Dec 3', 'out_of_office', '2026-12-03'],
    ['Out of office. Returning 12/03.', 'out_of_office', '2026-12-03'],
    ['This is an automated response. We will reply within 1 business day.', 'automated', null],
    ['Auto-reply: I am away until the 3rd', 'automated', '2026-12-03'],
    ['Thanks for your message! I am currently unavailable and will respond when I return.', 'unavailable', null],
    ['I am on vacation and will be back on Nov 30, 2026', 'vacation', '2026-11-30'],
    ['Estoy de vacaciones hasta el 3 de diciembre', 'vacation', '2026-12-03'],
    ['Je suis en congé, de retour le 3 décembre', 'vacation', '2026-12-03'],
    ['Jane has notifications silenced', 'do_not_disturb', null],
  ])('%j is an auto-reply (%s, back %s)', (text, matched, returnDate) => {
    expect(classifyInbound(text, { now: NOW })).toEqual({ class: 'auto_reply', returnDate, matched });
  });

  it('resolves no year-less return date without now', () => {
    expect(classifyInbound('Out of office until Dec 3')).toMatchObject({ class: 'auto_reply', returnDate: null });
    expect(classifyInbound('Out of office until Dec 3, 2026')).toMatchObject({ returnDate: '2026-12-03' });
  });

  it('lets a stop inside an auto-reply win', () => {
    expect(classifyInbound('Auto-reply: I am driving. STOP').class).toBe('stop');
  });

  it('reads numeric dates in the sender locale order', () => {
    const text = 'Out of office until 12/03';
    expect(classifyInbound(text, { now: NOW, locale: 'en-US' })).toMatchObject({ returnDate: '2026-12-03' });
    expect(classifyInbound(text, { now: NOW, locale: 'en-GB' })).toMatchObject({ returnDate: '2027-03-12' });
  });

  it('rejects an unknown time zone', () => {
    expect(() => classifyInbound('hi', { now: NOW, timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});

describe('classifyInbound: performance', () => {
  const pathological = [
    'stop '.repeat(2_000),
    'a'.repeat(10_000),
    'dont '.repeat(2_000),
    'dont call me '.repeat(770) + 'text me',
    'no me '.repeat(1_700),
    'back 12/'.repeat(1_250),
    'until the '.repeat(1_000),
    '!'.repeat(10_000),
    '🛑'.repeat(5_000),
    'text me '.repeat(1_250),
    'out of office back '.repeat(500),
    ' '.repeat(10_000) + 'x',
    'stop texting '.repeat(800),
    'a1 '.repeat(3_300),
    'i never called you '.repeat(550),
    'reply stop to opt out '.repeat(500),
    'stop calling my wife use this one '.repeat(300),
    'f*** '.repeat(2_000),
    'stooooop '.repeat(1_100),
    'can you please '.repeat(700),
    'i i '.repeat(2_500),
    'please stop, '.repeat(800),
    'i need to cancel/'.repeat(600),
  ];

  // A guard against catastrophic backtracking (seconds or a hang), not a speed target: the worst input
  // takes about 1 ms per call on an idle machine, so the bound leaves room for a loaded CI runner.
  it.each(pathological.map((s) => [s.slice(0, 24), s]))('classifies a 10k-character %j… 100 times in under 1 s', (_label, text) => {
    expect(text.length).toBeGreaterThanOrEqual(9_000);
    classifyInbound(text, { now: NOW }); // warm up
    const t0 = performance.now();
    for (let i = 0; i < 100; i++) classifyInbound(text, { now: NOW });
    expect(performance.now() - t0).toBeLessThan(1_000);
  });

  it('grows about linearly from 1k to 10k characters', () => {
    const unit = 'I can wait, dont call me back till the 3rd of next month, thanks! ';
    const time = (n: number) => {
      const text = unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
      for (let i = 0; i < 20; i++) classifyInbound(text, { now: NOW });
      const t0 = performance.now();
      for (let i = 0; i < 200; i++) classifyInbound(text, { now: NOW });
      return performance.now() - t0;
    };
    const small = time(1_000);
    const large = time(10_000);
    // linear would be ~10×; quadratic ~100×. Generous bound against noise.
    expect(large).toBeLessThan(Math.max(small, 1) * 40);
  });
});

describe('classifyInbound: disguised keywords', () => {
  it.each(['S T O P', 's.t.o.p', 'S\u200bTOP', 'S-T-O-P', 'U N S U B S C R I B E'])('treats %j as a stop', (text) => {
    expect(classifyInbound(text, {}).class).toBe('stop');
  });
  it.each(['I am at a b c store', 'ok'])('leaves %j a reply', (text) => {
    expect(classifyInbound(text, {}).class).toBe('reply');
  });
});
