import { describe, expect, it } from 'vitest';
import { simulateSequence } from '../../../shared/simulate';
import { fourTouch } from '../../../shared/templates';
import type { SequenceTemplate } from '../../../shared/schema';

/** Brightside in Spanish, open on Saturdays only: every touch's `{{nextOpening}}` is `el sábado …` */
const saturdays = (keepSmsInGsm7: boolean): SequenceTemplate => ({
  ...fourTouch,
  language: 'es',
  keepSmsInGsm7,
  business: { ...fourTouch.business, openingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: ['09:00-13:00'], sun: [] } },
});

describe('simulateSequence with "Keep texts in the basic SMS alphabet"', () => {
  it('shows {{nextOpening}} of an SMS as it is sent, in plain letters; of an email or a callback task as written', () => {
    // New York, Tue 2026-12-01 10:00 (09:00 in Chicago)
    const run = (on: boolean) => simulateSequence(saturdays(on), { to: '+12125550123', at: Date.parse('2026-12-01T10:00:00-05:00') }).touches.map((t) => [t.stepId, t.nextOpening]);
    expect(run(true)).toEqual([
      ['sms-first', 'el sabado a las 9:00 a.m. CST'],
      ['email-next-day', 'el sábado a las 9:00 a.m. CST'],
      ['callback-day-2', 'el sábado a las 9:00 a.m. CST'],
      ['sms-final', 'el sabado a las 9:00 a.m. CST'],
    ]);
    expect(run(false).map(([, words]) => words)).toEqual(Array(4).fill('el sábado a las 9:00 a.m. CST'));
  });
});
