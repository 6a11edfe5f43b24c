/**
 * Texts in the caller's language: a department's `language` picks each step's translation, and the
 * trigger's per-class first text in that language; without a translation the template's own text goes.
 */
import { describe, expect, it } from 'vitest';
import { renderStep, type RenderedMessage } from '../../../nodes/FollowUpSender/renderStep';
import { parseSequenceTemplate, type EmailStep, type SequenceTemplate, type SmsStep } from '../../../shared/schema';
import { fourTouch } from '../../../shared/templates';

const CALL = Date.UTC(2027, 0, 14, 17, 0);
const ES_FIRST = 'Hola {{callerFirstName|}}, le habla {{businessName}}: vimos su llamada. Responda aquí o llame al {{callbackNumber}}. Responda STOP para no recibir más.';
const ES_VOICEMAIL = 'Hola, {{businessName}} recibió su mensaje de voz y le llamará pronto. Responda STOP para no recibir más.';

function bilingual(over: Record<string, unknown> = {}): SequenceTemplate {
  const [first, email, ...rest] = fourTouch.steps as [SmsStep, EmailStep, ...SequenceTemplate['steps']];
  const r = parseSequenceTemplate({
    ...fourTouch,
    business: { ...fourTouch.business, departments: [...fourTouch.business.departments, { id: 'ventas', name: 'Ventas', queue: 'ventas', language: 'es', numbers: ['+15125550199'] }] },
    trigger: { ...fourTouch.trigger, firstMessage: { voicemail: 'Thanks for your voicemail to {{businessName}}. Reply STOP to opt out.' }, firstMessageTranslations: { es: { voicemail: ES_VOICEMAIL } } },
    steps: [
      { ...first, message: { ...first.message, variants: [{ id: 'b', weight: 1, text: 'B: {{businessName}} here. Reply STOP to opt out.' }], translations: { es: { text: ES_FIRST } } } },
      { ...email, message: { ...email.message, translations: { es: { subject: 'Su llamada a {{businessName}}', text: 'Hola, {{businessName}} aquí. Responda a este correo.' } } } },
      ...rest,
    ],
    ...over,
  });
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.data;
}

const t = bilingual();
const [sms, email] = t.steps as [SmsStep, EmailStep];
const render = (step: SmsStep | EmailStep, call: Record<string, unknown>, template = t): RenderedMessage =>
  renderStep(template, step, 'enr_lang', { call: { class: 'missed', callerName: 'Dana Lee', ...call }, callAt: CALL, now: CALL });

describe('renderStep in the caller’s language', () => {
  it('sends a caller of the Spanish department the Spanish first text, with the placeholders filled', () => {
    expect(render(sms, { department: 'Ventas' })).toEqual({
      ok: true,
      channel: 'sms',
      variant: 'lang:es',
      language: 'es',
      text: 'Hola Dana, le habla Brightside Plumbing: vimos su llamada. Responda aquí o llame al (512) 555-0142. Responda STOP para no recibir más.',
    });
    // the department named by id, in any case
    expect(render(sms, { department: 'VENTAS' })).toMatchObject({ variant: 'lang:es', language: 'es' });
  });

  it('sends the Spanish per-class first text to a Spanish voicemail caller, not the English one', () => {
    expect(render(sms, { department: 'ventas', class: 'voicemail' })).toMatchObject({ ok: true, variant: 'first:voicemail', firstMessageFor: 'voicemail', language: 'es', text: 'Hola, Brightside Plumbing recibió su mensaje de voz y le llamará pronto. Responda STOP para no recibir más.' });
  });

  it('sends the step’s Spanish text to a Spanish voicemail caller when only English has a per-class first text', () => {
    const noEsFirst = bilingual({ trigger: { ...t.trigger, firstMessageTranslations: undefined } });
    expect(render(noEsFirst.steps[0] as SmsStep, { department: 'Ventas', class: 'voicemail' }, noEsFirst)).toMatchObject({ variant: 'lang:es', language: 'es' });
  });

  it('sends the Spanish email with its subject', () => {
    expect(render(email, { department: 'Ventas' })).toMatchObject({ ok: true, channel: 'email', variant: 'lang:es', language: 'es', subject: 'Su llamada a Brightside Plumbing', text: 'Hola, Brightside Plumbing aquí. Responda a este correo.' });
  });

  it('keeps English (and its A/B variants) for other departments and unknown ones', () => {
    for (const department of ['Service', 'Billing', 'Front desk', null]) {
      const r = render(sms, { department });
      expect(r).toMatchObject({ ok: true, language: 'en' });
      expect(['default', 'b']).toContain(r.ok ? r.variant : '');
    }
    expect(render(sms, { department: 'Service', class: 'voicemail' })).toMatchObject({ variant: 'first:voicemail', language: 'en', text: 'Thanks for your voicemail to Brightside Plumbing. Reply STOP to opt out.' });
  });

  it('falls back to the template’s text for a step without a translation', () => {
    const noEs = bilingual();
    const last = noEs.steps.find((s) => s.id === 'sms-final') as SmsStep;
    expect(last.message.translations).toBeUndefined();
    expect(render(last, { department: 'Ventas' })).toMatchObject({ ok: true, language: 'en', variant: 'default' });
  });

  it('reads a French-written template’s own texts as French, and gives an English department the English translation', () => {
    const fr = bilingual({
      language: 'fr',
      business: { ...t.business, departments: [{ id: 'en', name: 'English line', queue: 'en', language: 'en' }] },
      steps: [{ id: 's1', channel: 'sms', delay: { minutes: 1, from: 'call' }, message: { text: 'Bonjour, ici {{businessName}}. Répondez STOP pour ne plus recevoir de messages.', translations: { en: { text: 'Hi, {{businessName}} here. Reply STOP to opt out.' } } } }],
    });
    const s1 = fr.steps[0] as SmsStep;
    expect(render(s1, { department: null }, fr)).toMatchObject({ language: 'fr', variant: 'default', text: 'Bonjour, ici Brightside Plumbing. Répondez STOP pour ne plus recevoir de messages.' });
    expect(render(s1, { department: 'English line' }, fr)).toMatchObject({ language: 'en', variant: 'lang:en', text: 'Hi, Brightside Plumbing here. Reply STOP to opt out.' });
  });

  it('leaves out a name it does not know in Spanish ("Hola, …", not "Hola there, …"), and uses Spanish fallbacks', () => {
    expect(render(sms, { department: 'Ventas', callerName: null })).toMatchObject({ ok: true, text: expect.stringMatching(/^Hola, le habla Brightside Plumbing: /) });
    const es = bilingual();
    (es.steps[0] as SmsStep).message.translations = { es: { text: 'Hola {{callerFirstName}}, {{businessName}} ({{department}}) abre {{nextOpening}}. Responda STOP.' } };
    const r = renderStep(es, es.steps[0] as SmsStep, 'e', { call: { class: 'missed', department: 'Ventas', callerName: null }, callAt: CALL, now: CALL });
    expect(r).toMatchObject({ ok: true, text: expect.stringMatching(/^Hola, Brightside Plumbing \(Ventas\) abre /) });
  });

  it('refuses a translation whose placeholder has no value, as for the template’s own text', () => {
    const strict = bilingual({ business: { ...t.business, callbackNumber: undefined } });
    expect(render(strict.steps[0] as SmsStep, { department: 'Ventas' }, strict)).toEqual({ ok: false, reason: 'RENDER_MISSING', variant: 'lang:es', missing: ['callbackNumber'] });
  });
});

describe('renderStep in the contact’s preferred language', () => {
  const prefer = (step: SmsStep | EmailStep, department: string | null, preferredLanguage: 'en' | 'es' | 'fr' | null, call: Record<string, unknown> = {}): RenderedMessage =>
    renderStep(t, step, 'enr_lang', { call: { class: 'missed', callerName: 'Dana Lee', department, ...call }, callAt: CALL, now: CALL, preferredLanguage });

  it('sends a Spanish-preferring caller of an English department the Spanish texts, the per-class first text included', () => {
    expect(prefer(sms, 'Service', 'es')).toMatchObject({ ok: true, variant: 'lang:es', language: 'es', text: expect.stringMatching(/^Hola Dana, le habla Brightside Plumbing/) });
    expect(prefer(email, 'Service', 'es')).toMatchObject({ ok: true, variant: 'lang:es', language: 'es', subject: 'Su llamada a Brightside Plumbing' });
    expect(prefer(sms, 'Service', 'es', { class: 'voicemail' })).toMatchObject({ variant: 'first:voicemail', language: 'es', text: expect.stringMatching(/^Hola, Brightside Plumbing recibió/) });
  });

  it('comes before the department: an English-preferring caller of the Spanish department gets English', () => {
    expect(prefer(sms, 'Ventas', 'en')).toMatchObject({ ok: true, language: 'en' });
    expect(prefer(sms, 'Ventas', null)).toMatchObject({ ok: true, language: 'es' });
  });

  it('falls back to the department’s language, then the step’s own text, and says so, for a preference the step has no translation for', () => {
    const r = prefer(sms, 'Service', 'fr');
    expect(r).toMatchObject({ ok: true, language: 'en' });
    expect(['default', 'b']).toContain(r.ok ? r.variant : '');
    // a caller of the Spanish department who prefers French: the Spanish text, the next language they have
    expect(prefer(sms, 'Ventas', 'fr')).toMatchObject({ ok: true, variant: 'lang:es', language: 'es', text: expect.stringMatching(/^Hola Dana/) });
    expect(prefer(email, 'Ventas', 'fr')).toMatchObject({ ok: true, variant: 'lang:es', language: 'es' });
    expect(prefer(sms, 'Ventas', 'fr', { class: 'voicemail' })).toMatchObject({ variant: 'first:voicemail', language: 'es' });
    const last = t.steps.find((x) => x.id === 'sms-final') as SmsStep;
    expect(prefer(last, 'Service', 'es')).toMatchObject({ ok: true, language: 'en', variant: 'default' });
  });
});
