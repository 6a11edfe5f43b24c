import { describe, expect, it } from 'vitest';
import {
  callDepartment,
  DEFAULT_OPENING_HOURS,
  formatIssuePath,
  isIanaTimeZone,
  isSensitiveIndustry,
  parseSequenceTemplate,
  type SequenceTemplate,
} from '../../../shared/schema';
import { cleanTemplate } from '../lint/fixtures';

type Mut = (t: ReturnType<typeof cleanTemplate>) => void;
function parse(mutate: Mut = () => {}) {
  const t = cleanTemplate();
  mutate(t);
  return parseSequenceTemplate(t);
}
function data(mutate?: Mut): SequenceTemplate {
  const r = parse(mutate);
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.data;
}

describe('parseSequenceTemplate', () => {
  it('fills every default a designer expects', () => {
    const d = data();
    expect(d.classification).toBe('informational');
    expect(d.consent).toEqual({ required: 'informational' });
    expect(d.trigger).toEqual({ classes: ['missed', 'voicemail', 'abandoned'], when: 'always' });
    expect(d.exit).toEqual({ onReply: true, onOptOut: true, onBooked: true, crmStatuses: [] });
    expect(d.reentry).toEqual({ policy: 'after_completion' });
    expect(d.sendWindow).toEqual({ respectQuietHours: true, businessHoursOnly: false, holdFirstTouch: false });
    expect(d.business.openingHours).toEqual(DEFAULT_OPENING_HOURS);
    expect(d.business.industry).toBe('general');
  });

  it.each([
    ['a partial exit keeps the other exit defaults', ((t) => { t.exit = { onBooked: false }; }) as Mut, (d: SequenceTemplate) => d.exit, { onReply: true, onOptOut: true, onBooked: false, crmStatuses: [] }],
    ['opening hours for one day close the others', ((t) => { t.business.openingHours = { sat: ['10:00-14:00'] }; }) as Mut, (d: SequenceTemplate) => d.business.openingHours.mon, []],
    ['delay.from defaults to the call', ((t) => { delete t.steps[1].delay.from; }) as Mut, (d: SequenceTemplate) => d.steps[1].delay, { minutes: 1440, from: 'call' }],
    ['variant weight defaults to 1', ((t) => { t.steps[0].message.variants = [{ id: 'b', text: 'B {{businessName}}' }]; }) as Mut, (d: SequenceTemplate) => (d.steps[0].channel === 'sms' ? d.steps[0].message.variants : null), [{ id: 'b', weight: 1, text: 'B {{businessName}}' }]],
  ])('accepts input where %s', (_n, mutate, pick, expected) => {
    expect(pick(data(mutate))).toEqual(expected);
  });

  it.each<[string, Mut, string]>([
    ['a wrong schemaVersion', (t) => { (t as any).schemaVersion = 2; }, 'schemaVersion'],
    ['a missing business name', (t) => { delete (t.business as any).name; }, 'business.name'],
    ['an unknown time zone', (t) => { t.business.timeZone = 'Europe/Atlantis'; }, 'business.timeZone'],
    ['a UTC offset instead of a zone', (t) => { t.business.timeZone = '+01:00'; }, 'business.timeZone'],
    ['a malformed opening range', (t) => { t.business.openingHours = { mon: ['9-17'] }; }, 'business.openingHours.mon[0]'],
    ['an overnight opening range', (t) => { t.business.openingHours = { fri: ['22:00-02:00'] }; }, 'business.openingHours.fri[0]'],
    ['overlapping opening ranges', (t) => { t.business.openingHours = { mon: ['08:00-12:00', '11:00-15:00'] }; }, 'business.openingHours.mon'],
    ['a department without a queue', (t) => { t.business.departments = [{ id: 'x', name: 'X' } as any]; }, 'business.departments[0].queue'],
    ['an unknown industry', (t) => { (t.business as any).industry = 'casino'; }, 'business.industry'],
    ['a callback link that is not http(s)', (t) => { t.business.callbackLink = 'ftp://x.example.com'; }, 'business.callbackLink'],
    ['an unknown classification', (t) => { (t as any).classification = 'promo'; }, 'classification'],
    ['an empty trigger class list', (t) => { t.trigger = { classes: [] }; }, 'trigger.classes'],
    ['not_missed as a trigger class', (t) => { t.trigger = { classes: ['not_missed' as any] }; }, 'trigger.classes[0]'],
    ['no steps', (t) => { t.steps = []; }, 'steps'],
    ['an unknown channel', (t) => { t.steps[0].channel = 'whatsapp'; }, 'steps[0].channel'],
    ['a negative delay', (t) => { t.steps[0].delay.minutes = -1; }, 'steps[0].delay.minutes'],
    ['a fractional delay', (t) => { t.steps[0].delay.minutes = 1.5; }, 'steps[0].delay.minutes'],
    ['an email without subject', (t) => { delete t.steps[1].message.subject; }, 'steps[1].message.subject'],
    ['an empty SMS text', (t) => { t.steps[0].message.text = '   '; }, 'steps[0].message.text'],
    ['SMS fields on a callback task', (t) => { t.steps[2].message.text = 'hi'; }, 'steps[2].message'],
    ['a zero variant weight', (t) => { t.steps[0].message.variants = [{ id: 'b', weight: 0, text: 'x' }]; }, 'steps[0].message.variants[0].weight'],
    ['duplicate step ids', (t) => { t.steps[2].id = 's1'; }, 'steps[2].id'],
    ['duplicate department ids', (t) => { t.business.departments!.push({ id: 'front', name: 'Other', queue: 'q2' }); }, 'business.departments[1].id'],
    ['opt-out exit turned off', (t) => { t.exit = { onOptOut: false as any }; }, 'exit.onOptOut'],
    ['quiet hours turned off', (t) => { t.sendWindow = { respectQuietHours: false as any }; }, 'sendWindow.respectQuietHours'],
    ['maxPer24h of 0', (t) => { t.sendWindow = { maxPer24h: 0 }; }, 'sendWindow.maxPer24h'],
    ['after_days re-entry without days', (t) => { t.reentry = { policy: 'after_days' }; }, 'reentry.days'],
    ['an unknown top-level key', (t) => { (t as any).stepz = []; }, ''],
  ])('rejects %s at a readable path', (_n, mutate, path) => {
    const r = parse(mutate);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues.map((i) => i.path)).toContain(path);
  });

  it('never throws on non-objects', () => {
    for (const v of [null, undefined, 1, 'x', []]) expect(parseSequenceTemplate(v).success).toBe(false);
  });
});

describe('callDepartment', () => {
  const departments = [
    { id: 'service', name: 'Service', queue: 'q-service', numbers: ['+15125550142'] },
    { id: 'billing', name: 'Billing', queue: 'q-billing' },
  ];
  it.each<[string, string | null, string, string | null]>([
    ['the template department the phone system names, by id', 'billing', '+15125550142', 'Billing'],
    ['the template department the phone system names, by name in any case', ' BILLING ', '+15125550142', 'Billing'],
    ['the line’s department over a label the template does not list (a line, office or person name)', 'Brightside main line', '+15125550142', 'Service'],
    ['the line’s department when the phone system names none', null, '+15125550142', 'Service'],
    ['the phone system’s label when neither the label nor the line is the template’s', 'Sales Team', '+15125559999', 'Sales Team'],
    ['nothing when there is nothing', null, '+15125559999', null],
    ['nothing for a blank label', '  ', '+15125559999', null],
  ])('takes %s', (_n, label, called, want) => {
    expect(callDepartment(departments, label, called)).toBe(want);
  });
});

describe('helpers', () => {
  it.each([
    [['steps', 2, 'message', 'text'], 'steps[2].message.text'],
    [[], ''],
    [[0, 'a'], '[0].a'],
  ])('formats %j as %s', (segments, path) => {
    expect(formatIssuePath(segments)).toBe(path);
  });

  it.each([
    ['America/Chicago', true],
    ['UTC', true],
    ['US/Eastern', true],
    ['Mars/Olympus', false],
    ['+01:00', false],
    ['', false],
  ])('isIanaTimeZone(%s) is %s', (zone, ok) => {
    expect(isIanaTimeZone(zone)).toBe(ok);
  });

  it.each([
    ['healthcare', true],
    ['debt_collection', true],
    ['legal', true],
    ['general', false],
    ['insurance', true],
  ] as const)('isSensitiveIndustry(%s) is %s', (industry, sensitive) => {
    expect(isSensitiveIndustry(industry)).toBe(sensitive);
  });
});
