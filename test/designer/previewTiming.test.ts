import { describe, expect, it } from 'vitest';
import { fourTouch, healthcareInformational } from '../../shared/templates';
import { renderTemplate } from '../../shared/template';
import { previewTiming } from '../../designer/src/lib/previewTiming';
import { runSimulation } from '../../designer/src/lib/runSimulation';
import { sampleValues } from '../../designer/src/lib/sampleValues';
import { sampleCaller } from '../../designer/src/lib/samples';

const { steps: _s, exit: _e, ...meta } = fourTouch;
const miami = sampleCaller('miami');
const LOCAL = '2026-12-01T20:45'; // a Tuesday
const CALL = Date.parse('2026-12-01T20:45:00-05:00');
const FALLBACK = Date.parse('2030-01-01T00:00:00Z');

describe('designer: the preview’s send time', () => {
  it('takes the Simulator’s deferred send of the step, so {{nextOpening}} matches its row (Miami, 20:45)', () => {
    const run = runSimulation(fourTouch, miami, LOCAL);
    const touch = run.sim!.touches.find((t) => t.stepId === 'sms-first')!;
    const timing = previewTiming(run, 'sms-first', FALLBACK);
    expect(timing).toEqual({ callAt: CALL, sendAt: Date.parse(touch.allowedAt!), when: 'as sent 2026-12-02 08:00 EST (Wed)', fallback: null });
    const values = sampleValues(meta, miami, timing.sendAt, timing.callAt);
    expect(values.nextOpening).toBe(touch.nextOpening);
    expect(values.nextOpening).toBe('today at 7:30 AM CST'); // 07:00 in Chicago, not 19:45 the evening before
    // {{calledAt}} is the missed call on the business's clock, as the nodes write it
    expect(renderTemplate('You called {{calledAt}}.', values).text).toBe('You called Tue, Dec 1, 7:45 PM CST.');
  });

  it('follows each step: the day-6 SMS reads its own send', () => {
    const run = runSimulation(fourTouch, miami, LOCAL);
    const last = run.sim!.touches.at(-1)!;
    const timing = previewTiming(run, last.stepId, FALLBACK);
    expect(timing.sendAt).toBe(Date.parse(last.allowedAt!));
    expect(sampleValues(meta, miami, timing.sendAt, timing.callAt).nextOpening).toBe(last.nextOpening);
  });

  it('reads a touch routed to a person at its planned time and says so', () => {
    // the Consent Gate's Sensitive Industry option routes every consumer touch to a person
    const run = runSimulation(healthcareInformational, sampleCaller('el-paso'), LOCAL, { sensitiveIndustry: true });
    const touch = run.sim!.touches[0]!;
    expect(touch.verdict).toBe('manual');
    const timing = previewTiming(run, touch.stepId, FALLBACK);
    expect(timing.sendAt).toBe(Date.parse(touch.plannedAt));
    expect(timing.when).toBe(`as planned for ${touch.plannedLocal} (the Simulator routes it to a person)`);
  });

  it('falls back to the missed call itself when the Simulator has no touch for the step, and says why', () => {
    const run = runSimulation(fourTouch, miami, LOCAL);
    expect(previewTiming(run, 'sms-floating', FALLBACK)).toEqual({
      callAt: CALL, sendAt: CALL, when: 'as if sent at the missed call time, 2026-12-01 20:45 EST (Tue)', fallback: 'this step is not in the Simulator’s timeline',
    });
    expect(previewTiming(run, null, FALLBACK).fallback).toBe('this step is not in the Simulator’s timeline');
    const blocked = runSimulation(null, miami, LOCAL);
    expect(previewTiming(blocked, 'sms-first', FALLBACK)).toMatchObject({ sendAt: CALL, fallback: 'the Simulator runs once the schema errors are fixed' });
    const missedOnly = { ...fourTouch, trigger: { ...fourTouch.trigger, classes: ['missed' as const] } };
    expect(previewTiming(runSimulation(missedOnly, miami, LOCAL, { callClass: 'voicemail' }), 'sms-first', FALLBACK))
      .toMatchObject({ sendAt: CALL, fallback: 'the Simulator’s call would not start the sequence' });
    const noTime = runSimulation(fourTouch, miami, '');
    expect(previewTiming(noTime, 'sms-first', FALLBACK)).toMatchObject({ callAt: FALLBACK, sendAt: FALLBACK, fallback: 'pick a missed call in the Simulator' });
  });
});
