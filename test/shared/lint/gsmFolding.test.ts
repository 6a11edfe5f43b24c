import { describe, expect, it } from 'vitest';
import { LINT_RULES, validateSequence, type Diagnostic } from '../../../shared/lint';
import { STARTER_TEMPLATES, bilingual } from '../../../shared/templates';
import { cleanTemplate, ES_SMS } from './fixtures';

type T = ReturnType<typeof cleanTemplate>;

/** The clean fixture with a Spanish department and `es` as the Spanish text of its SMS. */
function spanish(es: string, mutate: (t: T) => void = () => {}): T {
  const t = cleanTemplate();
  t.business.departments!.push({ id: 'ventas', name: 'Ventas', queue: 'ventas', language: 'es' });
  t.steps[0].name = 'Text back';
  t.steps[0].message.translations = { es: { text: es } };
  mutate(t);
  return t;
}
function found(t: unknown, code: string): Diagnostic[] {
  const all = validateSequence(t);
  expect(all.filter((d) => d.code === 'SCHEMA')).toEqual([]);
  return all.filter((d) => d.code === code);
}

/** GSM-7 as written; a name such as María or a Saturday makes it UCS-2 (about 150 characters) */
const ES_GSM = 'Hola {{callerFirstName}}, le escribe {{businessName}}. Abrimos {{nextOpening}}; le llamaremos pronto, o responda con lo que necesita. Responda STOP para no recibir mensajes.';

describe('lint with "Keep texts in the basic SMS alphabet"', () => {
  it('counts SMS segments of the text as sent: in plain letters when the setting is on', () => {
    const accented = `${ES_SMS} Le llamamos de lunes a viernes, de nueve a cinco, y los sábados por la mañana. Gracias.`;
    expect(found(spanish(accented), 'SMS_SEGMENTS')).toEqual([
      expect.objectContaining({ path: 'steps[0].message.translations.es.text', message: expect.stringMatching(/is about 4 SMS segments long \(\d+ UCS-2 characters/) }),
    ]);
    expect(found(spanish(accented, (t) => { t.keepSmsInGsm7 = true; }), 'SMS_SEGMENTS')).toEqual([]);
  });

  describe('SMS_AVOIDABLE_UCS2', () => {
    it('is an info finding', () => {
      expect(LINT_RULES.SMS_AVOIDABLE_UCS2.severity).toBe('info');
    });

    it('suggests the setting, once, where a GSM-7 text can go UCS-2 with a date or a name', () => {
      expect(found(spanish(ES_GSM), 'SMS_AVOIDABLE_UCS2')).toEqual([
        {
          code: 'SMS_AVOIDABLE_UCS2',
          severity: 'info',
          stepId: null,
          path: 'keepSmsInGsm7',
          message:
            'The Spanish text of Step 1 "Text back" (3 segments instead of 2) can go out in UCS-2, 70 characters per segment, because of a date or a caller\'s name such as "María", "sábado". ' +
            'Turn on "Keep texts in the basic SMS alphabet" to send them in plain letters (í → i, á → a) at 160 characters per segment.',
        },
      ]);
    });

    it('is quiet once the setting is on, and for the starters (the bilingual one has it on)', () => {
      expect(found(spanish(ES_GSM, (t) => { t.keepSmsInGsm7 = true; }), 'SMS_AVOIDABLE_UCS2')).toEqual([]);
      for (const t of STARTER_TEMPLATES) expect(found(t, 'SMS_AVOIDABLE_UCS2')).toEqual([]);
      const [d] = found({ ...bilingual, keepSmsInGsm7: false }, 'SMS_AVOIDABLE_UCS2');
      expect(d?.message).toMatch(/^The Spanish text of Step 1 "Instant text-back" \(3 segments instead of 2\), the Spanish first message for voicemail calls .* and the Spanish text of Step 4 "Final check-in" \(\d segments instead of 2\) can go out in UCS-2/);
    });

    it('names the French date wording (août) and names', () => {
      const t = cleanTemplate();
      t.language = 'fr';
      t.steps[0].message.text = 'Bonjour {{callerFirstName}}, ici {{businessName}}. Nous ouvrons {{nextOpening}}. Nous vous rappellerons, ou repondez a ce message. Repondez STOP pour vous desabonner.';
      t.steps[1].message = { subject: 'Votre appel', text: 'Un appel de {{businessName}} : {{callbackLink}}.' };
      const [d] = found(t, 'SMS_AVOIDABLE_UCS2');
      expect(d?.message).toMatch(/^Step 1 \(s1\) \(3 segments instead of 1\) can go out in UCS-2, .* such as "Jérôme", "août"\. Turn on .* \(ô → o, û → u\)/);
    });

    it('says nothing of an English text, of a short one that fits one UCS-2 segment, or of one written with accents or emoji', () => {
      expect(found(cleanTemplate(), 'SMS_AVOIDABLE_UCS2')).toEqual([]);
      expect(found(spanish('{{callerFirstName}}: {{businessName}} abre {{nextOpening}}. STOP: baja.'), 'SMS_AVOIDABLE_UCS2')).toEqual([]);
      // the counter shows those; folding "aquí" and "más" would help, but the author wrote them
      expect(found(spanish(ES_SMS), 'SMS_AVOIDABLE_UCS2')).toEqual([]);
      expect(found(spanish(`${ES_GSM} 👋`), 'SMS_AVOIDABLE_UCS2')).toEqual([]);
    });
  });
});
