import { describe, expect, it } from 'vitest';
import { chooseVariant } from '../../../nodes/FollowUpSender/chooseVariant';
import { nextStep } from '../../../shared/schema/nextStep';
import { departmentName, formatCalledAt, renderStep, templateValues } from '../../../nodes/FollowUpSender/renderStep';
import { parseSequenceTemplate, type SequenceTemplate } from '../../../shared/schema';
import { fourTouch } from '../../../shared/templates';

const MIN = 60_000;
const CALL = Date.UTC(2027, 0, 14, 17, 0);

describe('chooseVariant', () => {
  const ab = [
    { id: 'a', weight: 1 },
    { id: 'b', weight: 3 },
  ];
  it('gives the same answer for the same key', () => {
    for (let i = 0; i < 50; i++) expect(chooseVariant(ab, `enr_${i}:s`)).toBe(chooseVariant(ab, `enr_${i}:s`));
  });
  it('splits many enrollments roughly by weight', () => {
    let b = 0;
    for (let i = 0; i < 4000; i++) if (chooseVariant(ab, `enr_${i}:s`).id === 'b') b++;
    expect(b / 4000).toBeGreaterThan(0.71);
    expect(b / 4000).toBeLessThan(0.79);
  });
  it('returns the only option', () => {
    expect(chooseVariant([{ id: 'x', weight: 1 }], 'k').id).toBe('x');
  });
});

describe('nextStep', () => {
  const t = (steps: object[]): SequenceTemplate => {
    const r = parseSequenceTemplate({ ...fourTouch, steps });
    if (!r.success) throw new Error(JSON.stringify(r.issues));
    return r.data;
  };
  const sms = (id: string, minutes: number, from: 'call' | 'previous', onlyIf?: string[]) => ({
    id,
    channel: 'sms',
    delay: { minutes, from },
    message: { text: 'Hi from {{businessName}}' },
    ...(onlyIf ? { onlyIf: { classes: onlyIf } } : {}),
  });
  const sent = CALL + 5 * MIN;
  it.each([
    ['from the call', [sms('a', 1, 'call'), sms('b', 60, 'call')], 'a', 'missed', 'b', CALL + 60 * MIN],
    ['from the previous send', [sms('a', 1, 'call'), sms('b', 60, 'previous')], 'a', 'missed', 'b', sent + 60 * MIN],
    ['past a step for another call class', [sms('a', 1, 'call'), sms('b', 60, 'previous', ['voicemail']), sms('c', 30, 'previous')], 'a', 'missed', 'c', sent + 90 * MIN],
    ['into a step for this call class', [sms('a', 1, 'call'), sms('b', 60, 'previous', ['voicemail'])], 'a', 'voicemail', 'b', sent + 60 * MIN],
  ])('counts %s', (_n, steps, from, cls, want, dueAt) => {
    expect(nextStep(t(steps), from, CALL, sent, cls)).toMatchObject({ kind: 'step', step: { id: want }, dueAt });
  });
  it.each([
    ['after the last step', [sms('a', 1, 'call')], 'a', 'missed'],
    ['when no later step applies', [sms('a', 1, 'call'), sms('b', 5, 'call', ['abandoned'])], 'a', 'missed'],
  ])('is none %s', (_n, steps, from, cls) => {
    expect(nextStep(t(steps), from, CALL, sent, cls)).toEqual({ kind: 'none' });
  });
});

describe('renderStep', () => {
  const tpl = parseSequenceTemplate(fourTouch);
  if (!tpl.success) throw new Error('fixture');
  const template = tpl.data;
  const sms = template.steps[0]! as Extract<SequenceTemplate['steps'][number], { channel: 'sms' }>;
  const call = { class: 'missed' as const, department: 'service', callerName: 'Dana Lee' };

  it('fills business, caller and department (matched to the template’s department name)', () => {
    const r = renderStep(template, sms, 'enr_1', { call, callAt: CALL, now: CALL });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.text).toMatch(/^Hi Dana, /);
      expect(r.text).toContain('Brightside Plumbing');
      expect(r.text).toContain('call to Service');
    }
  });

  it.each([['(305) 555-0153'], ['WIRELESS CALLER'], ['Unknown']])('greets a caller whose phone system names them %j as "there", never by a number or a caller-ID stand-in', (callerName) => {
    const r = renderStep(template, sms, 'enr_1', { call: { ...call, callerName }, callAt: CALL, now: CALL });
    expect(r.ok && r.text).toMatch(/^Hi there, /);
  });

  it('greets a caller-ID name in capitals by its first name only when the order is certain', () => {
    const greet = (callerName: string) => {
      const r = renderStep(template, sms, 'enr_1', { call: { ...call, callerName }, callAt: CALL, now: CALL });
      return r.ok ? r.text.slice(0, r.text.indexOf(',')) : r.reason;
    };
    // carriers list "LEE DANA" as often as "DANA LEE": no guess, never "Hi Lee"
    expect(greet('DANA LEE')).toBe('Hi there');
    expect(greet('LEE, DANA')).toBe('Hi Dana');
    expect(greet('Dana Lee')).toBe('Hi Dana');
    expect(greet('MIAMI FL')).toBe('Hi there');
    expect(greet('ACME PLUMBING LLC')).toBe('Hi there');
    // the full name, for texts read inside the business, is written in title case
    expect(templateValues(template, { call: { ...call, callerName: 'DANA LEE' }, callAt: CALL, now: CALL })).toMatchObject({ callerName: 'Dana Lee', callerFirstName: null });
  });

  it('uses the per-class first message for a voicemail', () => {
    const r = renderStep(template, sms, 'enr_1', { call: { ...call, class: 'voicemail' }, callAt: CALL, now: CALL });
    expect(r).toMatchObject({ ok: true, variant: 'first:voicemail', firstMessageFor: 'voicemail' });
    expect(r.ok && r.text).toContain('thanks for your voicemail to Brightside Plumbing');
  });

  it('uses the per-class first message on the first SMS that call class gets (a step onlyIf keeps from it does not count)', () => {
    const t = parseSequenceTemplate({
      ...fourTouch,
      trigger: { ...fourTouch.trigger, firstMessage: { missed: 'Hi {{callerFirstName}}, {{businessName}} missed your call: reply here or call {{callbackNumber}}. Reply STOP to opt out.' } },
      steps: [
        { id: 'vm-thanks', channel: 'sms', delay: { minutes: 1, from: 'call' }, onlyIf: { classes: ['voicemail'] }, message: { text: 'Hi {{callerFirstName}}, thanks for your voicemail to {{businessName}}; we will call you back at {{callbackNumber}}. Reply STOP to opt out.' } },
        { id: 'missed-first', channel: 'sms', delay: { minutes: 0, from: 'previous' }, onlyIf: { classes: ['missed', 'abandoned'] }, message: { text: 'Hi {{callerFirstName}}, {{businessName}} here about your call to {{department}}: reply or call {{callbackNumber}}. Reply STOP to opt out.' } },
      ],
    });
    if (!t.success) throw new Error(JSON.stringify(t.issues));
    const [vm, missed] = t.data.steps as Extract<SequenceTemplate['steps'][number], { channel: 'sms' }>[];
    expect(renderStep(t.data, missed!, 'e', { call, callAt: CALL, now: CALL })).toMatchObject({ ok: true, variant: 'first:missed', firstMessageFor: 'missed', text: `Hi Dana, Brightside Plumbing missed your call: reply here or call ${t.data.business.callbackNumber}. Reply STOP to opt out.` });
    // the step's own text where the class has no first message, and on the voicemail caller's own first SMS
    expect(renderStep(t.data, missed!, 'e', { call: { ...call, class: 'abandoned' }, callAt: CALL, now: CALL })).toMatchObject({ ok: true, variant: 'default' });
    expect(renderStep(t.data, vm!, 'e', { call: { ...call, class: 'voicemail' }, callAt: CALL, now: CALL })).toMatchObject({ ok: true, variant: 'default' });
  });

  it('renders both A/B variants across enrollments', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) seen.add(renderStep(template, sms, `enr_${i}`, { call, callAt: CALL, now: CALL }).variant);
    expect([...seen].sort()).toEqual(['default', 'question']);
  });

  it('reports RENDER_MISSING for a placeholder without value or fallback', () => {
    const step = { ...sms, message: { text: 'Book at {{callbackLink}} ({{agentName}})' } };
    const { callbackLink: _x, ...business } = template.business;
    expect(renderStep({ ...template, business }, step, 'e', { call, callAt: CALL, now: CALL })).toMatchObject({ ok: false, reason: 'RENDER_MISSING', missing: ['callbackLink', 'agentName'] });
  });

  it.each([
    ['America/Chicago', 'Thu, Jan 14, 11:00 AM'],
    ['America/New_York', 'Thu, Jan 14, 12:00 PM'],
  ])('formats calledAt in the business zone %s', (zone, want) => {
    expect(formatCalledAt(CALL, zone)).toBe(want);
  });

  describe('{{nextOpening}}', () => {
    const text = (t: string) => ({ ...sms, message: { text: t } });
    const render = (t: string, now: number, tpl = template) => {
      const r = renderStep(tpl, text(t), 'e', { call, callAt: CALL, now });
      return r.ok ? r.text : r;
    };
    // Brightside (Chicago): Mon–Fri 07:30–18:00, Sat 09:00–13:00
    it.each([
      ['Thu 11:00 (open)', CALL, 'Open now.'],
      ['Thu 06:00', Date.UTC(2027, 0, 14, 12), 'Open today at 7:30 AM.'],
      ['Fri 19:00', Date.UTC(2027, 0, 16, 1), 'Open tomorrow at 9:00 AM.'],
      ['Sat 14:00', Date.UTC(2027, 0, 16, 20), 'Open Monday at 7:30 AM.'],
    ])('fills it from the node’s now, not the call time, at %s', (_n, now, want) => {
      expect(render('Open {{nextOpening}}.', now)).toBe(want);
    });

    it('skips a closure: after Christmas week it reopens on Tuesday Dec 28', () => {
      const closed = { ...template, business: { ...template.business, closures: [{ from: '2027-12-24', to: '2027-12-27' }] } };
      expect(render('Open {{nextOpening}}.', Date.UTC(2027, 11, 24, 1), closed)).toBe('Open Tuesday at 7:30 AM.');
    });

    it('falls back (inline, then "soon") when the business has no opening hours', () => {
      const none = { ...template, business: { ...template.business, openingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } } };
      expect(render('Open {{nextOpening}}.', CALL, none)).toBe('Open soon.');
      expect(render('Open {{nextOpening|shortly}}.', CALL, none)).toBe('Open shortly.');
    });
  });

  it.each([
    ['billing', 'Billing'],
    ['SERVICE', 'Service'],
    ['Front desk', 'Front desk'],
    [null, null],
  ])('names department %j as %j', (raw, want) => {
    expect(departmentName(template, raw)).toBe(want);
  });
});
