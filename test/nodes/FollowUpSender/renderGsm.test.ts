/**
 * `keepSmsInGsm7`: every SMS text renderStep picks (the step's own, an A/B variant, a translation, a
 * per-class first text) goes out in plain letters, placeholder values included; emails never.
 */
import { describe, expect, it } from 'vitest';
import { renderStep, type RenderedMessage } from '../../../nodes/FollowUpSender/renderStep';
import { parseSequenceTemplate, type EmailStep, type SequenceTemplate, type SmsStep } from '../../../shared/schema';
import { smsEncoding } from '../../../shared/template';
import { bilingual } from '../../../shared/templates';

// Wednesday 2027-01-13 20:00 in Chicago (CST), after closing; Thursday and Friday closed: Casa Verde opens Saturday at 9:00
const WED_EVENING = Date.UTC(2027, 0, 14, 2, 0);
const closed = { closures: [{ from: '2027-01-14', to: '2027-01-15', reason: 'Inventory' }] };

function template(keepSmsInGsm7: boolean, over: (t: SequenceTemplate) => object = () => ({})): SequenceTemplate {
  const base = { ...bilingual, keepSmsInGsm7, business: { ...bilingual.business, ...closed } };
  const r = parseSequenceTemplate({ ...base, ...over(base) });
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.data;
}
const step = (t: SequenceTemplate, id: string) => t.steps.find((s) => s.id === id) as SmsStep | EmailStep;
const render = (t: SequenceTemplate, id: string, o: { department?: string; cls?: string; name?: string; enrollment?: string } = {}): RenderedMessage & { ok: true } => {
  const r = renderStep(t, step(t, id), o.enrollment ?? 'enr_gsm', {
    callerName: o.name ?? 'María Fernández',
    call: { class: (o.cls ?? 'missed') as 'missed', department: o.department ?? 'espanol' },
    callAt: WED_EVENING - 60_000,
    now: WED_EVENING,
  });
  if (!r.ok) throw new Error(`not rendered: ${r.missing.join(', ')}`);
  return r as RenderedMessage & { ok: true };
};

describe('renderStep with "Keep texts in the basic SMS alphabet"', () => {
  it('sends the Spanish Saturday text in plain letters, one GSM-7 text; without the setting it is UCS-2', () => {
    const on = render(template(true), 'sms-final');
    expect(on).toMatchObject({ channel: 'sms', variant: 'lang:es', language: 'es' });
    expect(on.text).toContain('Hola Maria, Casa Verde Landscaping le escribe');
    expect(on.text).toContain('Abrimos el sabado a las 9:00 a.m.');
    expect(smsEncoding(on.text)).toMatchObject({ encoding: 'GSM-7', segments: 2 });

    const off = render(template(false), 'sms-final');
    expect(off.text).toContain('Hola María');
    expect(off.text).toContain('Abrimos el sábado a las 9:00 a.m.');
    expect(smsEncoding(off.text)).toMatchObject({ encoding: 'UCS-2', segments: 4, nonGsm: ['í', 'á'] });
    // the same words otherwise
    expect(off.text.normalize('NFD').replace(/\u0301/g, '')).toBe(on.text);
  });

  it('folds the per-class first text (voicemail) in Spanish and in English', () => {
    const es = render(template(true), 'sms-first', { cls: 'voicemail' });
    expect(es).toMatchObject({ variant: 'first:voicemail', firstMessageFor: 'voicemail', language: 'es' });
    expect(es.text.startsWith('Hola Maria, gracias por su mensaje de voz')).toBe(true);
    const en = render(template(true), 'sms-first', { cls: 'voicemail', department: 'office', name: 'Zoë “Zo” Brontë' });
    expect(en).toMatchObject({ variant: 'first:voicemail', language: 'en' });
    expect(en.text.startsWith('Hi Zoe, thanks for your voicemail')).toBe(true);
    expect(smsEncoding(en.text).encoding).toBe('GSM-7');
    expect(render(template(false), 'sms-first', { cls: 'voicemail', department: 'office', name: 'Zoë Brontë' }).text.startsWith('Hi Zoë,')).toBe(true);
  });

  it('folds A/B variants, literal text and values alike', () => {
    const t = template(true, (b) => ({
      steps: b.steps.map((s) => (s.id === 'sms-first' && s.channel === 'sms'
        ? { ...s, message: { text: s.message.text, variants: [{ id: 'b', weight: 1000, text: '¡Hola {{callerFirstName}}! {{businessName}} — “le llamamos” pronto… Responda STOP para no recibir mensajes.' }] } }
        : s)),
    }));
    const r = render(t, 'sms-first', { department: 'office' });
    expect(r.variant).toBe('b');
    expect(r.text).toBe('¡Hola Maria! Casa Verde Landscaping - "le llamamos" pronto... Responda STOP para no recibir mensajes.');
  });

  it('never folds an email', () => {
    const r = render(template(true), 'email-next-day');
    expect(r.channel).toBe('email');
    expect(r.text).toContain('Ayer llamó a Casa Verde Landscaping');
    expect(r.text.startsWith('Hola María:')).toBe(true);
  });

  it('keeps a name in another script, so that text still goes UCS-2', () => {
    const r = render(template(true), 'sms-final', { name: 'Олег Петров' });
    expect(r.text).toContain('Hola Олег, Casa Verde Landscaping le escribe');
    expect(r.text).toContain('el sabado');
    expect(smsEncoding(r.text).nonGsm).toEqual([...'Олег']);
  });
});
