/**
 * The bilingual starter keeps every SMS in GSM-7 whatever day it goes out: its Spanish and English
 * texts are written GSM-7, and `keepSmsInGsm7` takes care of the dates (`el sábado`) and the names.
 */
import { describe, expect, it } from 'vitest';
import { renderStep } from '../../../nodes/FollowUpSender/renderStep';
import { ENROLLING_CALL_CLASSES, WEEKDAYS, type SequenceTemplate, type SmsStep } from '../../../shared/schema';
import { smsEncoding } from '../../../shared/template';
import { bilingual } from '../../../shared/templates';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** 00:00 CST (UTC−6) on Monday 2027-01-18, in Chicago, Casa Verde's zone */
const MONDAY = Date.UTC(2027, 0, 18, 6);
const CALLERS = { en: { department: 'office', name: 'Zoë Brontë' }, es: { department: 'espanol', name: 'María Fernández' } } as const;
/** the weekday as the final check-in names it, as sent: `sábado` loses its accent, `miércoles` keeps its GSM-7 é */
const SENT_WEEKDAY = {
  en: { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday' },
  es: { mon: 'el lunes', tue: 'el martes', wed: 'el miércoles', thu: 'el jueves', fri: 'el viernes', sat: 'el sabado' },
} as const;
const localDate = (at: number) => new Date(at - 6 * HOUR).toISOString().slice(0, 10);

/** Every SMS a caller can get, in `lang`, sent at `now`: each SMS step for each call class (first texts included). */
function smsTexts(t: SequenceTemplate, lang: 'en' | 'es', now: number): string[] {
  const smsSteps = t.steps.filter((s): s is SmsStep => s.channel === 'sms');
  return ENROLLING_CALL_CLASSES.flatMap((cls) => smsSteps.map((s) => {
    const r = renderStep(t, s, 'enr_weekdays', { callerName: CALLERS[lang].name, call: { class: cls, department: CALLERS[lang].department }, callAt: now - 60_000, now });
    if (!r.ok) throw new Error(`${s.id} not rendered`);
    expect(r.language).toBe(lang);
    return r.text;
  }));
}

/**
 * The template closed on the two days before `day` (0 = Monday 2027-01-18), sent at 20:00 three days
 * before it: `{{nextOpening}}` names that weekday (`el sábado a las 9:00 a.m.`, `Saturday at 9:00 AM`).
 */
function openingOn(t: SequenceTemplate, day: number): { template: SequenceTemplate; now: number } {
  const at = MONDAY + day * DAY;
  const closures = [{ from: localDate(at - 2 * DAY), to: localDate(at - DAY) }];
  return { template: { ...t, business: { ...t.business, closures } }, now: at - 3 * DAY + 20 * HOUR };
}

describe('bilingual starter in GSM-7', () => {
  it('keeps texts in the basic SMS alphabet', () => {
    expect(bilingual.keepSmsInGsm7).toBe(true);
  });

  // Monday to Saturday (Sunday is closed: it is never the next opening)
  it.each(WEEKDAYS.slice(0, 6).map((w, day) => [w, day] as const))('sends every SMS as GSM-7 when it next opens on %s, in English and Spanish', (w, day) => {
    const { template, now } = openingOn(bilingual, day);
    for (const lang of ['en', 'es'] as const) {
      const texts = smsTexts(template, lang, now);
      // the final check-in names the weekday, in plain letters
      expect(texts.some((x) => x.includes(` ${SENT_WEEKDAY[lang][w as keyof (typeof SENT_WEEKDAY)['en']]} `))).toBe(true);
      for (const text of texts) expect(`${smsEncoding(text).encoding}: ${text}`).toBe(`GSM-7: ${text}`);
    }
  });

  it('sends every SMS as GSM-7 at any hour of a week (now, today, tomorrow) and a week ahead (a date)', () => {
    for (let at = MONDAY; at < MONDAY + 7 * DAY; at += HOUR) {
      for (const lang of ['en', 'es'] as const) for (const text of smsTexts(bilingual, lang, at)) expect(`${smsEncoding(text).encoding}: ${text}`).toBe(`GSM-7: ${text}`);
    }
    const week = { ...bilingual, business: { ...bilingual.business, closures: [{ from: '2027-01-18', to: '2027-01-24' }] } };
    for (const lang of ['en', 'es'] as const) for (const text of smsTexts(week, lang, MONDAY + 12 * HOUR)) expect(smsEncoding(text).encoding).toBe('GSM-7');
  });

  it('would send the Spanish Saturday texts as UCS-2 without the setting', () => {
    const { template, now } = openingOn({ ...bilingual, keepSmsInGsm7: false }, 5);
    const texts = smsTexts(template, 'es', now);
    expect(texts.some((x) => x.includes('el sábado a las 9:00 a.m.'))).toBe(true);
    expect(texts.every((x) => smsEncoding(x).encoding === 'UCS-2')).toBe(true);
  });
});
