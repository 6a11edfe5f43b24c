import { describe, expect, it } from 'vitest';
import { simulateSequence, formatLocal } from '../../../shared/simulate';
import { afterHours, fourTouch, healthcareInformational } from '../../../shared/templates';
import type { SequenceTemplate } from '../../../shared/schema';

const at = (iso: string) => Date.parse(iso);

describe('simulateSequence', () => {
  it('sends every touch of the four-touch cadence on time for a New York call at 10:00 on a Tuesday', () => {
    const sim = simulateSequence(fourTouch, { to: '+12125550123', at: at('2026-12-01T10:00:00-05:00') });
    expect(sim.phone?.zones).toEqual(['America/New_York']);
    expect(sim.touches.map((t) => t.verdict)).toEqual(fourTouch.steps.map(() => 'send'));
    for (const t of sim.touches) expect(t.allowedAt).toBe(t.plannedAt);
  });

  it('holds the after-hours template’s later touches to opening hours, not its first (the answer to the call)', () => {
    // Friday 18:30 in Denver: the shop closed at 17:30, quiet hours start at 21:00
    const sim = simulateSequence(afterHours, { to: '+13035550142', at: at('2027-01-15T18:30:00-07:00') });
    expect(sim.touches.map((t) => [t.stepId, t.verdict, t.allowedAt])).toEqual([
      ['sms-closed-now', 'send', '2027-01-16T01:31:00.000Z'],
      // due 00:30 Saturday: quiet hours to 08:00, the shop opens Saturday at 09:00
      ['sms-morning', 'defer', '2027-01-16T16:00:00.000Z'],
      ['callback-first-thing', 'send', '2027-01-16T16:30:00.000Z'],
      // due Tuesday 18:30, after closing: Wednesday 08:00
      ['sms-last-check', 'defer', '2027-01-20T15:00:00.000Z'],
    ]);
    expect(sim.touches[1]!.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['QUIET_HOURS', 'BUSINESS_HOURS']));
    expect(sim.touches[3]!.reasons.map((r) => r.code)).toEqual(['BUSINESS_HOURS']);
    // the same template without the setting: only the law holds them
    const free = simulateSequence({ ...afterHours, sendWindow: { ...afterHours.sendWindow, businessHoursOnly: false } }, { to: '+13035550142', at: at('2027-01-15T18:30:00-07:00') });
    expect(free.touches.map((t) => t.allowedAt)).toEqual(['2027-01-16T01:31:00.000Z', '2027-01-16T15:00:00.000Z', '2027-01-16T15:30:00.000Z', '2027-01-20T01:30:00.000Z']);
  });

  it('holds the after-hours first text to the next opening too with holdFirstTouch', () => {
    const held = { ...afterHours, sendWindow: { ...afterHours.sendWindow, holdFirstTouch: true } };
    const first = simulateSequence(held, { to: '+13035550142', at: at('2027-01-15T18:30:00-07:00') }).touches[0]!;
    // Friday 18:30 in Denver: the shop opens Saturday at 09:00
    expect(first).toMatchObject({ stepId: 'sms-closed-now', verdict: 'defer', allowedAt: '2027-01-16T16:00:00.000Z' });
    expect(first.reasons.map((r) => r.code)).toEqual(['BUSINESS_HOURS']);
    // without "business hours only" it holds nothing
    const off = { ...held, sendWindow: { ...held.sendWindow, businessHoursOnly: false } };
    expect(simulateSequence(off, { to: '+13035550142', at: at('2027-01-15T18:30:00-07:00') }).touches[0]).toMatchObject({ verdict: 'send' });
  });

  it('moves the first SMS of a 20:45 Miami call to 08:00 local and gives the reason', () => {
    const sim = simulateSequence(fourTouch, { to: '+13055550123', at: at('2026-12-01T20:45:00-05:00') });
    const first = sim.touches[0];
    expect(first).toMatchObject({ verdict: 'defer', allowedAt: '2026-12-02T13:00:00.000Z', zone: 'America/New_York' });
    expect(first.reasons.map((r) => r.code)).toContain('QUIET_HOURS');
    expect(first.allowedLocal).toBe('2026-12-02 08:00 EST (Wed)');
  });

  it('fills {{nextOpening}} at each touch’s own send time, in the business zone (Brightside, Chicago)', () => {
    // New York, Fri 16:30 = 15:30 in Chicago; Brightside is open Mon–Fri 07:30–18:00, Sat 09:00–13:00
    const sim = simulateSequence(fourTouch, { to: '+12125550123', at: at('2026-12-04T16:30:00-05:00') });
    expect(sim.touches.map((t) => [t.stepId, t.nextOpening])).toEqual([
      ['sms-first', 'now'],
      ['email-next-day', 'Monday at 7:30 AM CST'], // Sat 15:30; a New York caller reads Chicago's zone
      ['callback-day-2', 'tomorrow at 7:30 AM CST'], // Sun 15:30
      ['sms-final', 'now'], // Thu 15:30
    ]);
  });

  it('fills {{nextOpening}} at the deferred send time, not the planned one', () => {
    // Miami, Tue 20:45 (19:46 in Chicago: "tomorrow"); quiet hours hold the SMS to 08:00 Miami = 07:00 Chicago
    const first = simulateSequence(fourTouch, { to: '+13055550123', at: at('2026-12-01T20:45:00-05:00') }).touches[0];
    expect(first).toMatchObject({ verdict: 'defer', nextOpening: 'today at 7:30 AM CST' });
  });

  it('leaves {{nextOpening}} blank for a business open 24/7, so its fallback applies', () => {
    const allDay = Object.fromEntries(Object.keys(fourTouch.business.openingHours).map((d) => [d, ['00:00-24:00']]));
    const template = { ...fourTouch, business: { ...fourTouch.business, openingHours: allDay as typeof fourTouch.business.openingHours } };
    const sim = simulateSequence(template, { to: '+13055550123', at: at('2026-12-01T20:45:00-05:00') });
    for (const t of sim.touches) expect(t.nextOpening).toBe('');
  });

  it('chains a step timed from the previous touch to where that touch really went', () => {
    const template: SequenceTemplate = {
      ...fourTouch,
      steps: fourTouch.steps.map((s, i) => (i === 1 ? { ...s, delay: { minutes: 60, from: 'previous' as const } } : s)),
    };
    const sim = simulateSequence(template, { to: '+13055550123', at: at('2026-12-01T20:45:00-05:00') });
    expect(sim.touches[1].plannedAt).toBe('2026-12-02T14:00:00.000Z');
  });

  it('honours the Texas Sunday rule for an El Paso caller (no texts before noon on Sunday)', () => {
    const sim = simulateSequence(fourTouch, { to: '+19155550123', at: at('2026-12-06T09:00:00-07:00') });
    expect(sim.touches[0].verdict).toBe('defer');
    expect(sim.touches[0].allowedLocal).toMatch(/12:00 MST \(Sun\)/);
  });

  it('sends a sensitive-industry template’s touches as the gate does by default: the industry limits what texts say, not who sends them', () => {
    const call = { to: '+12125550123', at: at('2026-12-01T10:00:00-05:00') };
    const consumer = (sim: ReturnType<typeof simulateSequence>) => sim.touches.filter((t) => t.channel === 'sms' || t.channel === 'email');
    const auto = simulateSequence(healthcareInformational, call);
    expect(consumer(auto).length).toBeGreaterThan(0);
    expect(consumer(auto).map((t) => t.verdict)).not.toContain('manual');
    expect(consumer(auto)[0]!.verdict).toBe('send');
    // the Consent Gate's "Sensitive Industry" option routes every consumer touch to a person
    const manual = simulateSequence(healthcareInformational, { ...call, sensitiveIndustry: true });
    expect(consumer(manual).map((t) => t.verdict)).toEqual(consumer(manual).map(() => 'manual'));
  });

  it('blocks every touch for a number with no known zone', () => {
    const sim = simulateSequence(afterHours, { to: '+999123', at: at('2026-12-01T10:00:00Z') });
    expect(sim.phone).toBeNull();
    for (const t of sim.touches.filter((x) => x.channel !== 'notify_agent')) expect(t.verdict).toBe('block');
  });

  it('blocks SMS to a landline known from a carrier lookup', () => {
    const sim = simulateSequence(fourTouch, { to: '+12125550123', at: at('2026-12-01T10:00:00-05:00'), carrierLineType: 'landline' });
    expect(sim.touches[0].verdict).toBe('block');
    expect(sim.touches[0].reasons.map((r) => r.code)).toContain('LANDLINE_SMS');
  });
});

describe('formatLocal', () => {
  it.each([
    [at('2026-03-08T07:30:00Z'), 'America/New_York', '2026-03-08 03:30 EDT (Sun)'],
    [at('2026-11-01T05:30:00Z'), 'America/New_York', '2026-11-01 01:30 EDT (Sun)'],
    [at('2026-11-01T06:30:00Z'), 'America/New_York', '2026-11-01 01:30 EST (Sun)'],
    [at('2026-12-01T12:00:00Z'), null, '2026-12-01 12:00 UTC (Tue)'],
  ])('formats %s in %s as %s', (instant, zone, expected) => {
    expect(formatLocal(instant, zone)).toBe(expected);
  });
});
