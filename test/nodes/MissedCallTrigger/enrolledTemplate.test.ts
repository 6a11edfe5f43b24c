import { describe, expect, it } from 'vitest';
import { enrolledTemplate } from '../../../nodes/shared/triggerPipeline/enrolledTemplate';
import type { SequenceTemplate } from '../../../shared/schema';
import { fourTouch } from '../../../shared/templates';

describe('the template summary on an Enrolled item', () => {
  it('carries what the gate reads of the template, and no business', () => {
    expect(enrolledTemplate(fourTouch, 'sms-first')).toEqual({
      id: 'four-touch',
      name: fourTouch.name,
      classification: 'informational',
      consent: { required: 'informational' },
      sendWindow: fourTouch.sendWindow,
      firstStepId: 'sms-first',
    });
  });

  it('carries the business only when the first touch is held to business hours (a later step first, e.g. by onlyIf)', () => {
    const held: SequenceTemplate = { ...fourTouch, sendWindow: { respectQuietHours: true, businessHoursOnly: true } };
    expect(enrolledTemplate(held, 'sms-first')).not.toHaveProperty('business');
    expect(enrolledTemplate(held, 'email-next-day').business).toEqual(fourTouch.business);
    expect(enrolledTemplate(fourTouch, 'email-next-day')).not.toHaveProperty('business');
  });

  it('copies: changing the item leaves the template as it was', () => {
    const s = enrolledTemplate(fourTouch, 'sms-first');
    s.consent.required = 'written';
    s.sendWindow.businessHoursOnly = true;
    expect(fourTouch.consent.required).toBe('informational');
    expect(fourTouch.sendWindow.businessHoursOnly).toBe(false);
  });
});
