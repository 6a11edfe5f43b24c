import { describe, expect, it } from 'vitest';
import type { Ledger } from '../../../nodes/ledger';
import { applyFilters, isOpenAt, type TriggerConfig } from '../../../nodes/shared/triggerPipeline';
import type { CallEvent } from '../../../shared/schema/callEvent';
import { parseSequenceTemplate, type Business, type SequenceTemplate } from '../../../shared/schema';
import { fourTouch } from '../../../shared/templates';

const ALL_DAY = { mon: ['00:00-24:00'], tue: ['00:00-24:00'], wed: ['00:00-24:00'], thu: ['00:00-24:00'], fri: ['00:00-24:00'], sat: ['00:00-24:00'], sun: ['00:00-24:00'] };
const at = (iso: string) => Date.parse(iso);
const biz = (timeZone: string, closures: Business['closures'], openingHours: Business['openingHours'] = ALL_DAY) => ({ timeZone, openingHours, closures });

describe('isOpenAt with business closures', () => {
  it('closes every day of an inclusive range, in normal opening hours (Chicago, Mon–Fri 07:30–18:00)', () => {
    const b = { ...fourTouch.business, closures: [{ from: '2027-12-24', to: '2027-12-26', reason: 'Christmas' }] };
    expect(isOpenAt(b, at('2027-12-23T16:00:00Z'))).toBe(true); // Thu 10:00, before the closure
    expect(isOpenAt(b, at('2027-12-24T16:00:00Z'))).toBe(false); // Fri 10:00, first day
    expect(isOpenAt(b, at('2027-12-27T16:00:00Z'))).toBe(true); // Mon 10:00, after the last day
    expect(isOpenAt({ ...b, closures: [] }, at('2027-12-24T16:00:00Z'))).toBe(true);
  });

  it('treats a template without closures (older shape, not parsed) as before', () => {
    const { closures: _none, ...old } = fourTouch.business;
    expect(isOpenAt(old, at('2027-12-24T16:00:00Z'))).toBe(true);
  });

  it('closes the whole local day: local midnight to midnight, not the UTC day (Chicago, CST)', () => {
    const b = biz('America/Chicago', [{ from: '2027-03-10' }]);
    expect(isOpenAt(b, at('2027-03-10T05:59:00Z'))).toBe(true); // Tue 23:59 local
    expect(isOpenAt(b, at('2027-03-10T06:00:00Z'))).toBe(false); // Wed 00:00 local
    expect(isOpenAt(b, at('2027-03-11T05:59:00Z'))).toBe(false); // Wed 23:59 local, already Thu in UTC
    expect(isOpenAt(b, at('2027-03-11T06:00:00Z'))).toBe(true); // Thu 00:00 local
  });

  it('uses the local date east of UTC too (Auckland, NZDT +13)', () => {
    const b = biz('Pacific/Auckland', [{ from: '2027-01-04' }]);
    expect(isOpenAt(b, at('2027-01-03T20:00:00Z'))).toBe(false); // Mon 4th 09:00 local, still the 3rd in UTC
    expect(isOpenAt(b, at('2027-01-04T20:00:00Z'))).toBe(true); // Tue 5th 09:00 local, the 4th in UTC
    expect(isOpenAt(b, at('2027-01-03T10:59:00Z'))).toBe(true); // Sun 3rd 23:59 local
  });

  it('covers a 23-hour spring-forward day exactly (Chicago, 2027-03-14)', () => {
    const b = biz('America/Chicago', [{ from: '2027-03-14' }]);
    expect(isOpenAt(b, at('2027-03-14T05:59:00Z'))).toBe(true); // Sat 23:59 CST
    expect(isOpenAt(b, at('2027-03-14T06:00:00Z'))).toBe(false); // Sun 00:00 CST
    expect(isOpenAt(b, at('2027-03-15T04:59:00Z'))).toBe(false); // Sun 23:59 CDT
    expect(isOpenAt(b, at('2027-03-15T05:00:00Z'))).toBe(true); // Mon 00:00 CDT
  });

  it('covers a 25-hour fall-back day exactly (Chicago, 2027-11-07)', () => {
    const b = biz('America/Chicago', [{ from: '2027-11-07' }]);
    expect(isOpenAt(b, at('2027-11-07T04:59:00Z'))).toBe(true); // Sat 23:59 CDT
    expect(isOpenAt(b, at('2027-11-07T05:00:00Z'))).toBe(false); // Sun 00:00 CDT
    expect(isOpenAt(b, at('2027-11-07T06:30:00Z'))).toBe(false); // 01:30 CDT, first pass
    expect(isOpenAt(b, at('2027-11-07T07:30:00Z'))).toBe(false); // 01:30 CST, repeated hour
    expect(isOpenAt(b, at('2027-11-08T05:59:00Z'))).toBe(false); // Sun 23:59 CST
    expect(isOpenAt(b, at('2027-11-08T06:00:00Z'))).toBe(true); // Mon 00:00 CST
  });

  it('closes across a year boundary and ignores closures of other dates', () => {
    const b = biz('Europe/Paris', [{ from: '2027-12-31', to: '2028-01-01' }, { from: '2028-05-01', reason: 'Fête du Travail' }]);
    expect(isOpenAt(b, at('2027-12-30T22:59:00Z'))).toBe(true); // 30th 23:59 CET
    expect(isOpenAt(b, at('2027-12-31T23:30:00Z'))).toBe(false); // 1 Jan 00:30 CET
    expect(isOpenAt(b, at('2028-01-01T23:00:00Z'))).toBe(true); // 2 Jan 00:00 CET
    expect(isOpenAt(b, at('2028-04-30T22:30:00Z'))).toBe(false); // 1 May 00:30 CEST
  });
});

describe('the trigger calendar filter on a closure day', () => {
  const call: CallEvent = {
    schemaVersion: 1, provider: 'twilio', eventType: 'dial-action:no-answer', callId: 'CA1', direction: 'inbound',
    from: '+13055550123', to: '+15125550142', class: 'missed', reason: 'no_answer', final: true, startedAt: null, endedAt: null,
    ringSeconds: null, durationSeconds: null, department: null, callerName: null, voicemailUrl: null,
  };
  const cfg = (calendar: TriggerConfig['calendar']): TriggerConfig => ({
    provider: 'twilio', classes: ['missed', 'voicemail', 'abandoned'], inboundOnly: true, minRingSeconds: 0, mobileOnly: false, lookupLineType: false,
    calendar, ignoreNumbers: [], repeatCallerMinutes: 0, conversationHours: 0, settleSeconds: 0, defaultCountry: 'US', scope: 'test',
  });
  const parsed = parseSequenceTemplate({ ...fourTouch, business: { ...fourTouch.business, closures: [{ from: '2027-12-24', to: '2027-12-26' }] } });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.issues));
  const template: SequenceTemplate = parsed.data;
  // no ledger use: the repeat-caller filter is off, and the calendar decides first
  const deps = { ledger: {} as Ledger, now: at('2027-12-24T16:00:00Z') };
  const decided = { call, via: 'final' as const, callAt: at('2027-12-24T16:00:00Z') }; // Fri 10:00 Chicago, closed

  it('filters an open-hours trigger and enrolls an after-hours one', async () => {
    expect(await applyFilters(decided, cfg('open_hours'), template, deps)).toMatchObject({ pass: false, reason: 'OUTSIDE_CALENDAR' });
    expect(await applyFilters(decided, cfg('after_hours'), template, deps)).toMatchObject({ pass: true });
    const open = { ...decided, callAt: at('2027-12-27T16:00:00Z') }; // Mon 10:00, after the closure
    expect(await applyFilters(open, cfg('open_hours'), template, deps)).toMatchObject({ pass: true });
  });
});
