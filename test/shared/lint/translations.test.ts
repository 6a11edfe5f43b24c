import { describe, expect, it } from 'vitest';
import { LINT_RULES, validateSequence, type Diagnostic } from '../../../shared/lint';
import { cleanTemplate, ES_EMAIL, ES_SMS, FR_EMAIL, FR_SMS } from './fixtures';

type T = ReturnType<typeof cleanTemplate>;

/** The clean fixture with a Spanish department ("Ventas") and Spanish texts for its SMS and email. */
function spanish(mutate: (t: T) => void = () => {}): T {
  const t = cleanTemplate();
  t.business.departments!.push({ id: 'ventas', name: 'Ventas', queue: 'ventas', language: 'es' });
  t.steps[0].name = 'Text back';
  t.steps[1].name = 'Next-day email';
  t.steps[0].message.translations = { es: { text: ES_SMS } };
  t.steps[1].message.translations = { es: { ...ES_EMAIL } };
  mutate(t);
  return t;
}
/** The findings of one code; a template that does not parse fails the test (no SCHEMA error may pass as "quiet"). */
function found(t: T, code: string): Diagnostic[] {
  const all = validateSequence(t);
  expect(all.filter((d) => d.code === 'SCHEMA')).toEqual([]);
  return all.filter((d) => d.code === code);
}
const sms = (id: string, minutes: number, text: string, translations?: Record<string, { text: string }>) => ({
  id,
  channel: 'sms',
  delay: { minutes, from: 'call' },
  message: { text, ...(translations ? { translations } : {}) },
});

describe('translations in the lint', () => {
  it('finds nothing in a template whose Spanish and French departments have all their texts', () => {
    expect(validateSequence(spanish())).toEqual([]);
    const t = spanish((x) => {
      x.business.departments![0].language = 'fr';
      x.steps[0].message.translations.fr = { text: FR_SMS };
      x.steps[1].message.translations.fr = { ...FR_EMAIL };
    });
    expect(validateSequence(t)).toEqual([]);
  });

  describe('checks every translation as a text of its own', () => {
    it('names the business', () => {
      expect(found(spanish((t) => { t.steps[0].message.translations.es.text = 'Hola, responda aquí. Responda STOP para no recibir más mensajes.'; }), 'MISSING_BUSINESS_NAME')).toEqual([
        {
          code: 'MISSING_BUSINESS_NAME',
          severity: 'error',
          stepId: 's1',
          path: 'steps[0].message.translations.es.text',
          message: 'The Spanish text of Step 1 "Text back" does not name the business: add {{businessName}} or "Acme Dental".',
        },
      ]);
    });

    it('gives a next step, suggested in the text’s language', () => {
      const [d] = found(spanish((t) => { t.steps[1].message.translations.es.text = 'Gracias por llamar a {{businessName}}.'; }), 'MISSING_NEXT_STEP');
      expect(d).toMatchObject({
        stepId: 'e1',
        path: 'steps[1].message.translations.es',
        message: 'The Spanish text of Step 2 "Next-day email" gives the caller no next step: add {{callbackLink}}, {{callbackNumber}} or a "responda"/"llámenos" line.',
      });
    });

    it('knows its placeholders, in the subject too', () => {
      const d = found(spanish((t) => { t.steps[1].message.translations.es.subject = 'Hola {{nombre}}, {{businessName}}'; }), 'UNKNOWN_PLACEHOLDER');
      expect(d).toEqual([expect.objectContaining({ stepId: 'e1', path: 'steps[1].message.translations.es.subject', message: expect.stringMatching(/^Step 2 "Next-day email": \{\{nombre\}\} in the Spanish subject is not a placeholder/) })]);
    });

    it('counts segments of a Spanish text in UCS-2 (á, í, ó, ú are not GSM-7)', () => {
      const accented = `${ES_SMS} Le llamamos de lunes a viernes, de nueve a cinco, y los sábados por la mañana. Gracias.`;
      // the same text without its acute accents (ñ is GSM-7) fits in 2 GSM-7 segments
      const plain = accented.normalize('NFD').replace(/\u0301/g, '').normalize('NFC');
      expect(plain).not.toMatch(/[áéíóú]/);
      const withText = (text: string) => spanish((t) => { t.steps[0].message.translations.es.text = text; });
      expect(found(withText(accented), 'SMS_SEGMENTS')).toEqual([
        expect.objectContaining({ stepId: 's1', path: 'steps[0].message.translations.es.text', message: expect.stringMatching(/^The Spanish text of Step 1 "Text back" is about 4 SMS segments long \(\d+ UCS-2 characters/) }),
      ]);
      expect(found(withText(plain), 'SMS_SEGMENTS')).toEqual([]);
    });

    it('reads a Spanish or French "sorry we missed you" as generic', () => {
      const es = found(spanish((t) => { t.steps[0].message.translations.es.text = 'Lo sentimos, perdimos su llamada. {{businessName}}: responda aquí. Responda STOP para no recibir más mensajes.'; }), 'GENERIC_TEXT');
      expect(es).toEqual([expect.objectContaining({ stepId: 's1', path: 'steps[0].message.translations.es.text', message: expect.stringMatching(/^The Spanish text of Step 1 "Text back" reads as a generic/) })]);
      const fr = spanish((t) => {
        t.business.departments![0].language = 'fr';
        t.steps[0].message.translations.fr = { text: "Désolés d'avoir manqué votre appel ! {{businessName}} : répondez à ce message. Répondez STOP pour vous désabonner." };
      });
      expect(found(fr, 'GENERIC_TEXT').map((d) => d.path)).toEqual(['steps[0].message.translations.fr.text']);
    });

    it('keeps a sensitive-industry translation free of account details', () => {
      const t = spanish((x) => {
        x.business.industry = 'financial';
        x.steps[0].message.translations.es.text = ES_SMS.replace('con lo que necesite', 'sobre su saldo');
      });
      expect(found(t, 'SENSITIVE_DETAIL')).toEqual([
        expect.objectContaining({ stepId: 's1', path: 'steps[0].message.translations.es.text', message: expect.stringMatching(/^Step 1 "Text back": the Spanish message mentions "saldo", an account detail\./) }),
      ]);
    });

    it('compares texts for duplicates only within one language', () => {
      // a later Spanish text repeating the first Spanish one
      const dup = spanish((t) => { t.steps.push(sms('s9', 4000, 'Last note from {{businessName}}: parking is free. Reply YES for a call.', { es: { text: ES_SMS } })); });
      expect(found(dup, 'DUPLICATE_TEXT')).toEqual([
        expect.objectContaining({ stepId: 's9', path: 'steps[3].message.translations.es', message: 'The Spanish text of Step 4 (s9) repeats the Spanish text of Step 1 "Text back": reword it so each touch adds something new.' }),
      ]);
      const near = spanish((t) => { t.steps.push(sms('s9', 4000, 'Last note from {{businessName}}: parking is free. Reply YES for a call.', { es: { text: ES_SMS.replace('pronto', 'hoy') } })); });
      expect(found(near, 'NEAR_DUPLICATE_TEXT').map((d) => [d.path, d.message.split(' (')[0]])).toEqual([['steps[3].message.translations.es', 'The Spanish text of Step 4']]);
      // the same words in another language's slot are not compared with it
      const across = spanish((t) => { t.steps.push(sms('s9', 4000, ES_SMS)); });
      expect(found(across, 'DUPLICATE_TEXT')).toEqual([]);
      expect(found(across, 'NEAR_DUPLICATE_TEXT')).toEqual([]);
    });

    it('does not check a translation into the texts’ own language: it is never sent', () => {
      const t = spanish((x) => { x.steps[0].message.translations.en = { text: 'Hi {{nmae}}' }; });
      expect(validateSequence(t).map((d) => [d.code, d.path])).toEqual([['TRANSLATION_UNUSED', 'steps[0].message.translations.en']]);
    });
  });

  describe('the first SMS says how to opt out in every language', () => {
    it('in the first SMS’s translation, and not in a later SMS’s', () => {
      const t = spanish((x) => {
        x.steps[0].message.translations.es.text = 'Hola, le habla {{businessName}}. Responda aquí con lo que necesite.';
        x.steps.push(sms('s9', 4000, 'Last note from {{businessName}}: parking is free. Reply YES for a call.', { es: { text: 'Última nota de {{businessName}}: responda SÍ para una llamada.' } }));
      });
      expect(found(t, 'FIRST_SMS_NO_OPTOUT')).toEqual([
        {
          code: 'FIRST_SMS_NO_OPTOUT',
          severity: 'error',
          stepId: 's1',
          path: 'steps[0].message.translations.es.text',
          message: 'The Spanish text of Step 1 "Text back" is the first SMS callers get in Spanish, so it must say how to opt out: add a line like "Responda STOP para no recibir más mensajes".',
        },
      ]);
    });

    it('in a translated first message for a call class, named by its class', () => {
      const t = spanish((x) => { x.trigger = { firstMessageTranslations: { es: { voicemail: 'Gracias por su mensaje de voz a {{businessName}}. Responda aquí.' } } }; });
      expect(found(t, 'FIRST_SMS_NO_OPTOUT')).toEqual([
        expect.objectContaining({
          stepId: 's1',
          path: 'trigger.firstMessageTranslations.es.voicemail',
          message: 'The Spanish first message for voicemail calls (it replaces Step 1 "Text back") is a first SMS, so it must say how to opt out: add a line like "Responda STOP para no recibir más mensajes".',
        }),
      ]);
    });

    it('per call class: the step’s translation only where no translated first message replaces it', () => {
      const first = 'Gracias por llamar a {{businessName}}. Responda aquí. Responda STOP para no recibir más mensajes.';
      const noStop = (x: T) => { x.steps[0].message.translations.es.text = 'Hola, le habla {{businessName}}. Responda aquí con lo que necesite.'; };
      const some = spanish((x) => { noStop(x); x.trigger = { firstMessageTranslations: { es: { voicemail: first } } }; });
      expect(found(some, 'FIRST_SMS_NO_OPTOUT').map((d) => d.message)).toEqual([expect.stringMatching(/^For missed and abandoned calls: The Spanish text of Step 1 "Text back" is the first SMS callers get in Spanish/)]);
      const all = spanish((x) => { noStop(x); x.trigger = { firstMessageTranslations: { es: { missed: first, voicemail: first, abandoned: first } } }; });
      expect(found(all, 'FIRST_SMS_NO_OPTOUT')).toEqual([]);
    });

    it('reports each call class whose first message lacks it, when two classes share the same text', () => {
      const text = 'Thanks for calling {{businessName}}. Reply here.';
      const t = cleanTemplate();
      t.trigger = { firstMessage: { missed: text, voicemail: text } };
      expect(found(t, 'FIRST_SMS_NO_OPTOUT').map((d) => d.path).sort()).toEqual(['trigger.firstMessage.missed', 'trigger.firstMessage.voicemail']);
    });

    it('suggests the opt-out line in the language the template is written in', () => {
      const t = cleanTemplate();
      t.language = 'fr';
      t.steps[0].message.text = 'Bonjour, ici {{businessName}}. Répondez à ce message.';
      expect(found(t, 'FIRST_SMS_NO_OPTOUT').map((d) => d.message)).toEqual([expect.stringMatching(/add a line like "Répondez STOP pour vous désabonner"\.$/)]);
    });
  });

  it('checks the placeholders and details of a translated first message', () => {
    const t = spanish((x) => {
      x.business.industry = 'financial';
      x.trigger = { firstMessageTranslations: { es: { missed: 'Hola {{nombre}}, {{businessName}}. Sobre su saldo, responda aquí. Responda STOP para no recibir más mensajes.' } } };
    });
    expect(found(t, 'UNKNOWN_PLACEHOLDER')).toEqual([
      expect.objectContaining({ stepId: 's1', path: 'trigger.firstMessageTranslations.es.missed', message: expect.stringMatching(/^\{\{nombre\}\} in the Spanish first message for missed calls is not a placeholder/) }),
    ]);
    expect(found(t, 'SENSITIVE_DETAIL')).toEqual([
      expect.objectContaining({ stepId: 's1', path: 'trigger.firstMessageTranslations.es.missed', message: expect.stringMatching(/^The Spanish first message for missed calls mentions "saldo", an account detail\./) }),
    ]);
  });

  describe('MISSING_TRANSLATION', () => {
    it('warns about each SMS or email a department’s callers get in the template’s language, naming the department', () => {
      const t = spanish((x) => { delete x.steps[1].message.translations; });
      expect(LINT_RULES.MISSING_TRANSLATION.severity).toBe('warning');
      expect(found(t, 'MISSING_TRANSLATION')).toEqual([
        {
          code: 'MISSING_TRANSLATION',
          severity: 'warning',
          stepId: 'e1',
          path: 'steps[1].message.translations.es',
          message: 'Step 2 "Next-day email" has no Spanish text: callers of Ventas get the English one. Add the Spanish text, or set the language of Ventas to English if its callers read it.',
        },
      ]);
    });

    it('names every department of that language once', () => {
      const t = spanish((x) => {
        x.business.departments!.push({ id: 'soporte', name: 'Soporte', queue: 'soporte', language: 'es' });
        delete x.steps[0].message.translations;
      });
      expect(found(t, 'MISSING_TRANSLATION').map((d) => d.message)).toEqual([
        'Step 1 "Text back" has no Spanish text: callers of Ventas and Soporte get the English one. Add the Spanish text, or set the language of Ventas and Soporte to English if their callers read it.',
      ]);
    });

    it('ignores callback tasks, steps for call classes the trigger does not enroll, and departments in the texts’ language', () => {
      const t = spanish((x) => {
        x.trigger = { classes: ['missed'] };
        x.steps.push({ ...sms('vm', 3000, 'Thanks for the voicemail, {{businessName}} here. Reply here.'), onlyIf: { classes: ['voicemail'] } });
      });
      expect(found(t, 'MISSING_TRANSLATION')).toEqual([]);
      const same = cleanTemplate();
      same.business.departments![0].language = 'en';
      expect(validateSequence(same)).toEqual([]);
    });

    it('needs no translation of the first SMS when every class it opens has a translated first message', () => {
      const first = 'Gracias por llamar a {{businessName}}. Responda aquí. Responda STOP para no recibir más mensajes.';
      const all = spanish((x) => { delete x.steps[0].message.translations; x.trigger = { firstMessageTranslations: { es: { missed: first, voicemail: first, abandoned: first } } }; });
      expect(found(all, 'MISSING_TRANSLATION')).toEqual([]);
      const some = spanish((x) => { delete x.steps[0].message.translations; x.trigger = { firstMessageTranslations: { es: { missed: first } } }; });
      expect(found(some, 'MISSING_TRANSLATION').map((d) => d.path)).toEqual(['steps[0].message.translations.es']);
    });

    it('names the template’s own language when it is not English', () => {
      const t = cleanTemplate();
      t.language = 'es';
      t.business.departments![0].language = 'en';
      expect(found(t, 'MISSING_TRANSLATION').map((d) => d.message)).toEqual([
        'Step 1 (s1) has no English text: callers of Front desk get the Spanish one. Add the English text, or set the language of Front desk to Spanish if its callers read it.',
        'Step 2 (e1) has no English text: callers of Front desk get the Spanish one. Add the English text, or set the language of Front desk to Spanish if its callers read it.',
      ]);
    });
  });

  describe('TRANSLATION_UNUSED', () => {
    it('notes a translation into a language no department has', () => {
      const t = spanish((x) => { x.steps[1].message.translations.fr = { ...FR_EMAIL }; });
      expect(LINT_RULES.TRANSLATION_UNUSED.severity).toBe('info');
      expect(found(t, 'TRANSLATION_UNUSED')).toEqual([
        {
          code: 'TRANSLATION_UNUSED',
          severity: 'info',
          stepId: 'e1',
          path: 'steps[1].message.translations.fr',
          message: "The French text of Step 2 \"Next-day email\" is never sent: no department has French as its language. Set a department's language to French, or remove it.",
        },
      ]);
    });

    it('notes a translation into the language the texts are written in', () => {
      const t = spanish((x) => { x.steps[0].message.translations.en = { text: x.steps[0].message.text }; });
      expect(found(t, 'TRANSLATION_UNUSED')).toEqual([
        expect.objectContaining({
          stepId: 's1',
          path: 'steps[0].message.translations.en',
          message: "The English text of Step 1 \"Text back\" is never sent: the sequence's texts are written in English already, and callers get those. Remove it.",
        }),
      ]);
    });

    it('notes translated first messages nobody gets', () => {
      const t = spanish((x) => { x.trigger = { firstMessageTranslations: { fr: { missed: FR_SMS } } }; });
      expect(found(t, 'TRANSLATION_UNUSED')).toEqual([
        expect.objectContaining({ stepId: null, path: 'trigger.firstMessageTranslations.fr', message: expect.stringMatching(/^The French first messages per call class are never sent: no department has French/) }),
      ]);
    });
  });
});
