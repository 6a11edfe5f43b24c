import { describe, expect, it } from 'vitest';
import { stepOffsets, validateSequence, findPlaceholders } from '../../../shared/lint';
import { afterHours, fourTouch, healthcareInformational, STARTER_TEMPLATES } from '../../../shared/templates';

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
