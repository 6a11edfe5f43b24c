import { describe, expect, it } from 'vitest';
import { enrolledTemplate } from '../../../nodes/shared/triggerPipeline/enrolledTemplate';
import type { SequenceTemplate } from '../../../shared/schema';
import { fourTouch } from '../../../shared/templates';

describe('the template summary on an Enrolled item', () => {
  it('carries what the gate reads of the template (no business: the first touch answers the call)', () => {
    expect(enrolledTemplate(fourTouch, 'missed')).toEqual({
      id: 'four-touch',
      name: fourTouch.name,
      classification: 'informational',
      consent: { required: 'informational' },
      sendWindow: fourTouch.sendWindow,
      firstStepIds: ['sms-first'],
    });
  });

  it('names the step(s) answering the call of that class: a first step kept for voicemails does not answer a missed call', () => {
    const [first, ...rest] = fourTouch.steps;
    const t = { ...fourTouch, steps: [{ ...first!, onlyIf: { classes: ['voicemail'] } }, ...rest] } as SequenceTemplate;
    expect(enrolledTemplate(t, 'voicemail').firstStepIds).toEqual(['sms-first']);
    expect(enrolledTemplate(t, 'missed').firstStepIds).toEqual([rest[0]!.id]);
  });

  it('carries the business hours (a copy) only when the first touch is held to them', () => {
    const held = { ...fourTouch, sendWindow: { ...fourTouch.sendWindow, businessHoursOnly: true, holdFirstTouch: true } };
    const s = enrolledTemplate(held, 'missed');
    expect(s.business).toEqual(fourTouch.business);
    expect(s.business).not.toBe(fourTouch.business);
    expect(enrolledTemplate({ ...held, sendWindow: { ...held.sendWindow, businessHoursOnly: false } }, 'missed').business).toBeUndefined();
  });

  it('copies: changing the item leaves the template as it was', () => {
    const s = enrolledTemplate(fourTouch, 'missed');
    s.consent.required = 'written';
    s.sendWindow.businessHoursOnly = true;
    expect(fourTouch.consent.required).toBe('informational');
    expect(fourTouch.sendWindow.businessHoursOnly).toBe(false);
  });
});
