import { describe, expect, it } from 'vitest';
import { KNOWN_PLACEHOLDERS, renderTemplate } from '../../shared/template';
import { fourTouch } from '../../shared/templates';
import { sampleValues } from '../../designer/src/lib/sampleValues';
import { sampleCallAt, SAMPLE_CALLERS } from '../../designer/src/lib/samples';
import { stepsUsing } from '../../designer/src/lib/stepsUsing';

const { steps: _s, exit: _e, ...meta } = fourTouch;
const caller = (id: string) => SAMPLE_CALLERS.find((c) => c.id === id)!;

describe('designer: {{nextOpening}}', () => {
  it('is in the list the placeholder picker offers', () => {
    expect(KNOWN_PLACEHOLDERS).toContain('nextOpening');
  });

  it('fills it in the preview relative to the given time, in the business zone (Brightside, Chicago)', () => {
    const miami = caller('miami');
    expect(sampleValues(meta, miami, Date.parse('2026-12-01T20:45:00-05:00')).nextOpening).toBe('tomorrow at 7:30 AM CST'); // Tue 19:45 in Chicago; Miami reads EST
    expect(sampleValues(meta, miami, Date.parse('2026-12-05T14:00:00-06:00')).nextOpening).toBe('Monday at 7:30 AM CST');
    expect(sampleValues(meta, miami, Date.parse('2026-12-02T10:00:00-06:00')).nextOpening).toBe('now');
    expect(renderTemplate('Open {{nextOpening}}.', sampleValues(meta, miami, Date.parse('2026-12-05T14:00:00-06:00'))).text).toBe('Open Monday at 7:30 AM CST.');
  });

  it('falls back to "soon" in the preview when the draft has no opening hours or a broken zone', () => {
    const none = { ...meta, business: { ...meta.business, openingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } } };
    expect(renderTemplate('Open {{nextOpening}}.', sampleValues(none, caller('miami'), 0)).text).toBe('Open soon.');
    expect(sampleValues({ ...meta, business: { ...meta.business, timeZone: 'Not/AZone' } }, caller('miami'), 0).nextOpening).toBe('');
  });

  it('fills {{calledAt}} with the missed call in the business zone, as the nodes do; none for a broken zone', () => {
    const call = Date.parse('2026-12-01T20:45:00-05:00');
    expect(sampleValues(meta, caller('miami'), call + 3_600_000, call).calledAt).toBe('Tue, Dec 1, 7:45 PM CST');
    expect(sampleValues(meta, caller('miami'), call).calledAt).toBe('Tue, Dec 1, 7:45 PM CST');
    expect(sampleValues({ ...meta, business: { ...meta.business, timeZone: 'Not/AZone' } }, caller('miami'), call).calledAt).toBeUndefined();
  });

  it('takes the sample call as 20:45 on the day given, in the caller’s zone', () => {
    expect(sampleCallAt(caller('miami'), new Date(2026, 11, 1, 9))).toBe(Date.parse('2026-12-01T20:45:00-05:00'));
    expect(sampleCallAt(caller('honolulu'), new Date(2026, 11, 1, 9))).toBe(Date.parse('2026-12-01T20:45:00-10:00'));
  });

  it('finds the steps that use it, including the first SMS through a per-class first message', () => {
    expect([...stepsUsing(fourTouch, 'nextOpening')]).toEqual([]);
    const steps = fourTouch.steps.map((s) => (s.id === 'sms-final' && s.channel === 'sms' ? { ...s, message: { ...s.message, text: `${s.message.text} Open {{nextOpening}}.` } } : s));
    expect([...stepsUsing({ ...fourTouch, steps }, 'nextOpening')]).toEqual(['sms-final']);
    const trigger = { ...fourTouch.trigger, firstMessage: { missed: 'We open {{ nextOpening | soon }}.' } };
    expect([...stepsUsing({ ...fourTouch, trigger }, 'nextOpening')]).toEqual(['sms-first']);
  });
});
