import { describe, expect, it } from 'vitest';
import { enrollmentRefusal, simulateSequence } from '../../../shared/simulate';
import { ENROLLING_CALL_CLASSES, parseSequenceTemplate, type EnrollingCallClass, type SequenceTemplate } from '../../../shared/schema';
import { afterHours, fourTouch, STARTER_TEMPLATES } from '../../../shared/templates';
import { firstSteps } from '../../../nodes/shared/triggerPipeline/firstSteps';
import { nextInTemplate } from '../../../nodes/shared/nextAfterTouch';

const at = (iso: string) => Date.parse(iso);
const MIN = 60_000;
// Tuesday 10:00 in New York: no quiet hours, so every consumer touch goes out as planned
const NY = { to: '+12125550123', at: at('2026-12-01T10:00:00-05:00') };

const parse = (t: unknown): SequenceTemplate => {
  const r = parseSequenceTemplate(t);
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.data;
};
const sms = (id: string, minutes: number, from: 'call' | 'previous', onlyIf?: EnrollingCallClass[]) => ({
  id,
  channel: 'sms',
  delay: { minutes, from },
  message: { text: 'Hi from {{businessName}}. Reply STOP to opt out.' },
  ...(onlyIf ? { onlyIf: { classes: onlyIf } } : {}),
});
const withSteps = (steps: object[], trigger: object = {}) => parse({ ...fourTouch, trigger: { ...fourTouch.trigger, ...trigger }, steps });

describe('simulateSequence per call class (onlyIf, as the nodes schedule)', () => {
  const t = withSteps([
    sms('first', 1, 'call'),
    sms('vm-thanks', 60, 'previous', ['voicemail']),
    sms('later', 120, 'previous'),
    sms('abandoned-only', 24 * 60, 'call', ['abandoned']),
  ]);

  it('shows only the steps that reach this class of caller, a missed call by default', () => {
    const ids = (cls?: EnrollingCallClass) => simulateSequence(t, { ...NY, ...(cls ? { callClass: cls } : {}) }).touches.map((x) => x.stepId);
    expect(ids()).toEqual(['first', 'later']);
    expect(ids('missed')).toEqual(['first', 'later']);
    expect(ids('voicemail')).toEqual(['first', 'vm-thanks', 'later']);
    expect(ids('abandoned')).toEqual(['first', 'later', 'abandoned-only']);
    expect(simulateSequence(t, NY)).toMatchObject({ callClass: 'missed', notEnrolled: null });
  });

  it('times a step after a skipped one from the skipped step’s nominal instant, as nextStep does', () => {
    const missed = simulateSequence(t, NY).touches;
    // first at +1 min; vm-thanks (skipped) nominally at +61; later 120 min after that
    expect(missed.map((x) => [x.stepId, x.plannedAt])).toEqual([
      ['first', new Date(NY.at + MIN).toISOString()],
      ['later', new Date(NY.at + 181 * MIN).toISOString()],
    ]);
  });

  it('starts with the earliest step for the class when the first step is for another class', () => {
    const v = withSteps([sms('vm-only', 1, 'call', ['voicemail']), sms('missed-first', 2, 'call'), sms('next', 60, 'previous')]);
    expect(simulateSequence(v, NY).touches.map((x) => [x.stepId, x.plannedAt])).toEqual([
      ['missed-first', new Date(NY.at + 2 * MIN).toISOString()],
      ['next', new Date(NY.at + 62 * MIN).toISOString()],
    ]);
  });

  it('shows no touch when no step applies to the class', () => {
    const v = withSteps([sms('vm-only', 1, 'call', ['voicemail'])]);
    expect(simulateSequence(v, NY)).toMatchObject({ notEnrolled: null, touches: [] });
  });
});

describe('simulateSequence: calls the template’s trigger does not enroll', () => {
  it('reports a call class the trigger does not take, instead of a timeline', () => {
    const t = withSteps([sms('first', 1, 'call')], { classes: ['missed', 'voicemail'] });
    const sim = simulateSequence(t, { ...NY, callClass: 'abandoned' });
    expect(sim.touches).toEqual([]);
    expect(sim.notEnrolled).toEqual({ reason: 'CLASS_NOT_SELECTED', message: 'the trigger enrolls only missed or voicemail calls, not abandoned ones.' });
    expect(simulateSequence(t, { ...NY, callClass: 'voicemail' }).touches).toHaveLength(1);
  });

  it('holds the after-hours starter to calls outside opening hours (Denver, Mon–Fri 7:30–17:30)', () => {
    const noon = simulateSequence(afterHours, { to: '+13035550142', at: at('2027-01-12T12:00:00-07:00') });
    expect(noon.touches).toEqual([]);
    expect(noon.notEnrolled).toEqual({
      reason: 'OUTSIDE_CALENDAR',
      message: 'the trigger enrolls only calls made outside opening hours, and Northgate Auto Repair is open at 2027-01-12 12:00 MST (Tue).',
    });
    const evening = simulateSequence(afterHours, { to: '+13035550142', at: at('2027-01-12T19:00:00-07:00') });
    expect(evening.notEnrolled).toBeNull();
    expect(evening.touches.length).toBe(afterHours.steps.length);
  });

  it('holds an open-hours template to opening hours, and a closure day counts as closed', () => {
    const open = { ...fourTouch, trigger: { ...fourTouch.trigger, when: 'open_hours' as const } };
    const tuesdayNoon = at('2026-12-01T12:00:00-06:00');
    expect(enrollmentRefusal(open, 'missed', tuesdayNoon)).toBeNull();
    expect(enrollmentRefusal(open, 'missed', at('2026-12-01T20:00:00-06:00'))?.reason).toBe('OUTSIDE_CALENDAR');
    const closed = { ...open, business: { ...open.business, closures: [{ from: '2026-12-01', reason: 'Staff day' }] } };
    expect(enrollmentRefusal(closed, 'missed', tuesdayNoon)).toMatchObject({ reason: 'OUTSIDE_CALENDAR', message: expect.stringContaining('Brightside Plumbing is closed at 2026-12-01 12:00 CST (Tue)') });
  });
});

/** A small deterministic generator (mulberry32). */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function randomTemplate(r: () => number): SequenceTemplate {
  const n = 1 + Math.floor(r() * 6);
  let offset = 0;
  const steps = Array.from({ length: n }, (_, i) => {
    const fromCall = r() < 0.5;
    const minutes = [0, 1, 5, 60, 24 * 60][Math.floor(r() * 5)]!;
    if (fromCall) offset += minutes; // keep "from the call" steps in order (DELAY_ORDER)
    const classes = ENROLLING_CALL_CLASSES.filter(() => r() < 0.5);
    return sms(`s${i}`, fromCall ? offset : minutes, fromCall ? 'call' : 'previous', r() < 0.5 && classes.length ? classes : undefined);
  });
  return withSteps(steps);
}

describe('simulateSequence walks a sequence as the nodes do', () => {
  const templates = [...STARTER_TEMPLATES.map((t) => ({ ...t, trigger: { ...t.trigger, when: 'always' as const } })), ...Array.from({ length: 200 }, (_, i) => randomTemplate(rng(i + 1)))];

  const byStep = (t: SequenceTemplate) => (a: (string | number)[], b: (string | number)[]) => t.steps.findIndex((s) => s.id === a[0]) - t.steps.findIndex((s) => s.id === b[0]);

  it('starts with the Missed Call Trigger’s first steps (nodes firstSteps) for every class', () => {
    for (const t of templates) {
      for (const cls of ENROLLING_CALL_CLASSES) {
        const runtime = firstSteps(t, cls, NY.at).map((s) => [s.stepId, s.dueAt]);
        const sim = simulateSequence(t, { ...NY, callClass: cls }).touches.map((x) => [x.stepId, Date.parse(x.plannedAt)]);
        for (const first of runtime) expect(sim).toContainEqual(first);
      }
    }
  });

  it('follows each touch with the step and due time the nodes schedule after it (nextInTemplate)', () => {
    let chained = 0;
    for (const t of templates) {
      for (const cls of ENROLLING_CALL_CLASSES) {
        const sim = simulateSequence(t, { ...NY, callClass: cls }).touches;
        // what the ledger holds once each touch completed at the instant it really went out (one touch per step)
        const expected = new Map(firstSteps(t, cls, NY.at).map((s) => [s.stepId, s.dueAt]));
        for (const touch of sim) {
          const next = nextInTemplate(t, NY.at, cls)({ touch: { stepId: touch.stepId } as never, from: Date.parse(touch.allowedAt ?? touch.plannedAt) } as never);
          if (next.kind === 'step' && !expected.has(next.stepId)) expected.set(next.stepId, next.dueAt);
        }
        const planned = sim.map((x) => [x.stepId, Date.parse(x.plannedAt)] as [string, number]);
        expect([...planned].sort(byStep(t))).toEqual([...expected].sort(byStep(t)));
        chained += Math.max(0, sim.length - 1);
      }
    }
    expect(chained).toBeGreaterThan(500);
  });
});
