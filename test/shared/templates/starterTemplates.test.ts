import { describe, expect, it } from 'vitest';
import { stepOffsets, validateSequence, findPlaceholders } from '../../../shared/lint';
import { afterHours, bilingual, fourTouch, healthcareInformational, STARTER_TEMPLATES } from '../../../shared/templates';
import { callDepartment, callerLanguage } from '../../../shared/schema';
import { smsEncoding } from '../../../shared/template';

describe('starter templates', () => {
  it.each(STARTER_TEMPLATES.map((t) => [t.id, t] as const))('%s validates with no diagnostics at all', (_id, t) => {
    expect(validateSequence(t)).toEqual([]);
  });

  it('have unique ids', () => {
    expect(new Set(STARTER_TEMPLATES.map((t) => t.id)).size).toBe(STARTER_TEMPLATES.length);
  });

  it('fourTouch runs SMS ≤2 min → email 24 h → callback 48 h → SMS day 6', () => {
    const plan = stepOffsets(fourTouch).map((o, i) => [fourTouch.steps[i].channel, o.minutes]);
    expect(plan).toEqual([['sms', 1], ['email', 1440], ['callback_task', 2880], ['sms', 8640]]);
  });

  it('afterHours enrolls only calls outside opening hours and holds later touches to business hours', () => {
    expect(afterHours.trigger.when).toBe('after_hours');
    expect(afterHours.sendWindow.businessHoursOnly).toBe(true);
    expect(afterHours.steps[1].channel).toBe('sms');
  });

  it('bilingual gives callers of its Spanish line every text in Spanish, in as many segments as the English', () => {
    const dept = callDepartment(bilingual.business.departments, null, '+17135550141');
    expect([dept, callerLanguage(bilingual, dept)]).toEqual(['Español', 'es']);
    expect(callerLanguage(bilingual, callDepartment(bilingual.business.departments, null, '+17135550140'))).toBe('en');
    for (const s of bilingual.steps) {
      if (s.channel === 'sms') {
        const es = s.message.translations?.es?.text;
        expect(es, s.id).toBeDefined();
        expect(smsEncoding(es!)).toMatchObject({ encoding: 'GSM-7', segments: smsEncoding(s.message.text).segments });
      }
      if (s.channel === 'email') expect(s.message.translations?.es?.subject, s.id).toBeDefined();
    }
    expect(bilingual.trigger.firstMessageTranslations?.es?.voicemail).toBeDefined();
  });

  it('healthcareInformational is informational, healthcare, and never names the caller in a text', () => {
    const t = healthcareInformational;
    expect([t.classification, t.consent.required, t.business.industry]).toEqual(['informational', 'informational', 'healthcare']);
    const texts = t.steps.flatMap((s) => (s.channel === 'sms' ? [s.message.text] : s.channel === 'email' ? [s.message.subject, s.message.text] : []));
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) {
      expect(findPlaceholders(text).map((p) => p.name)).not.toContain('callerName');
      expect(findPlaceholders(text).map((p) => p.name)).not.toContain('callerFirstName');
    }
    expect(t.steps.filter((s) => s.channel === 'callback_task').length).toBeGreaterThanOrEqual(2);
  });
});
