import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../shared/template';
import { fourTouch, healthcareInformational } from '../../shared/templates';
import { previewTiming } from '../../designer/src/lib/previewTiming';
import { runSimulation } from '../../designer/src/lib/runSimulation';
import { sampleValues } from '../../designer/src/lib/sampleValues';
import { sampleCaller } from '../../designer/src/lib/samples';

const meta = (t: typeof fourTouch) => {
  const { steps: _s, exit: _e, ...m } = t;
  return m;
};
const TEXT = 'We open {{nextOpening}}. You called {{calledAt}}.';
const CALL = Date.parse('2026-12-01T20:45:00-05:00'); // Tue 20:45 in New York
const LOCAL = '2026-12-04T16:30'; // Fri, caller's local time

describe('designer preview: the business zone for a sample caller on another clock', () => {
  it('names the New York practice’s zone to El Paso, Honolulu and London callers, not to New York, Miami or Toronto', () => {
    const values = (id: string) => renderTemplate(TEXT, sampleValues(meta(healthcareInformational), sampleCaller(id), CALL)).text;
    for (const id of ['new-york', 'miami', 'toronto']) expect(values(id)).toMatch(/^We open tomorrow at \d+:\d\d [AP]M\. You called Tue, Dec 1, 8:45 PM\.$/);
    for (const id of ['el-paso', 'honolulu', 'london']) {
      expect(values(id)).toMatch(/^We open tomorrow at \d+:\d\d [AP]M EST\. You called Tue, Dec 1, 8:45 PM EST\.$/);
    }
  });

  it('shows in the step preview what the Simulator row shows for that caller (New York caller, Chicago business)', () => {
    const caller = sampleCaller('new-york');
    const run = runSimulation(fourTouch, caller, LOCAL);
    const touch = run.sim!.touches.find((t) => t.stepId === 'email-next-day')!; // Sat 15:30 in Chicago
    const timing = previewTiming(run, touch.stepId, CALL);
    const values = sampleValues(meta(fourTouch), caller, timing.sendAt, timing.callAt);
    expect(values.nextOpening).toBe('Monday at 7:30 AM CST');
    expect(touch.nextOpening).toBe(values.nextOpening);
    expect(values.calledAt).toBe('Fri, Dec 4, 3:30 PM CST');
  });
});
