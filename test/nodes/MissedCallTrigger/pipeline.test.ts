import { describe, expect, it } from 'vitest';
import type { StoredCallEvent } from '../../../nodes/ledger';
import { firstSteps, isOpenAt, provisionalClass, resolveCall } from '../../../nodes/shared/triggerPipeline';
import type { CallEvent } from '../../../shared/schema/callEvent';
import { afterHours, fourTouch } from '../../../shared/templates';
import { neutralCallEvent } from '../../support/neutralCallEvent';

const call = neutralCallEvent;
const stored = (c: CallEvent, receivedAt: number, seq = 1): StoredCallEvent => ({ seq, callId: c.callId, provider: c.provider, class: c.class, final: c.final, payload: c, receivedAt });

describe('provisionalClass', () => {
  it.each([
    ['a Twilio Dial no-answer', call({ eventType: 'dial-action:no-answer', reason: 'no_answer' }), 'missed'],
    ['an Aircall hangup in the IVR', call({ provider: 'aircall', eventType: 'call.hungup', reason: 'abandoned_in_ivr' }), 'abandoned'],
    ['an Aircall hangup', call({ provider: 'aircall', eventType: 'call.hungup', reason: 'hungup' }), 'missed'],
    ['a non-final missed leg', call({ class: 'missed' }), 'missed'],
    ['a RingCentral sent-to-voicemail', call({ provider: 'ringcentral', class: 'voicemail' }), 'voicemail'],
    ['a ringing call', call({ eventType: 'status-callback:ringing' }), null],
    ['a final miss (not provisional)', call({ class: 'missed', final: true }), null],
    ['a Twilio parent completed', call({ eventType: 'status-callback:completed', reason: 'completed' }), null],
  ])('says %s promises %s', (_, e, want) => {
    expect(provisionalClass(e)).toBe(want);
  });
});

describe('resolveCall', () => {
  const dial = call({ eventType: 'dial-action:no-answer', reason: 'no_answer' });
  it.each([
    ['holds a provisional miss inside the window', [stored(dial, 0)], 89_999, { kind: 'hold', provisional: 'missed', settlesAt: 90_000, call: dial }],
    ['fires it as settled once the window elapsed', [stored(dial, 0)], 90_000, 'settled'],
    ['prefers a final voicemail over the provisional miss', [stored(dial, 0), stored(call({ class: 'voicemail', final: true }), 10)], 20, 'final'],
    ['never fires an answered call', [stored(call({ class: 'missed' }), 0), stored(call({ class: 'not_missed', final: true }), 1)], 999_999, { kind: 'answered' }],
    ['ignores a call with only ringing events', [stored(call({}), 0)], 999_999, { kind: 'none' }],
  ])('%s', (_, events, now, want) => {
    const r = resolveCall(events, now, 90_000);
    if (typeof want === 'string') {
      expect(r.kind).toBe('fire');
      expect(r.kind === 'fire' && r.via).toBe(want);
    } else expect(r).toEqual(want);
  });

  it('counts the window from the newest event of the call', () => {
    const events = [stored(dial, 0), stored(call({ eventType: 'status-callback:completed' }), 60_000, 2)];
    expect(resolveCall(events, 100_000, 90_000).kind).toBe('hold');
    expect(resolveCall(events, 150_000, 90_000)).toMatchObject({ kind: 'fire', via: 'settled', call: { class: 'missed', final: true } });
  });
});

describe('isOpenAt', () => {
  const chicago = fourTouch.business; // Mon–Fri 07:30–18:00, Sat 09:00–13:00
  it.each([
    ['Wednesday 07:29 CST', '2027-03-10T13:29:00Z', false],
    ['Wednesday 07:30 CST', '2027-03-10T13:30:00Z', true],
    ['Monday 07:30 CDT, after the DST change', '2027-03-15T12:30:00Z', true],
    ['Monday 07:29 CDT', '2027-03-15T12:29:00Z', false],
    ['Saturday 12:59', '2027-03-13T18:59:00Z', true],
    ['Saturday 13:00 (end is exclusive)', '2027-03-13T19:00:00Z', false],
    ['Sunday noon', '2027-03-14T17:00:00Z', false],
  ])('in Chicago, %s is %s', (_, iso, want) => {
    expect(isOpenAt(chicago, Date.parse(iso))).toBe(want);
  });
});

describe('firstSteps', () => {
  it('schedules the earliest step at call + its offset', () => {
    const at = Date.parse('2027-03-10T15:00:00Z');
    const steps = firstSteps(fourTouch, 'missed', at);
    expect(steps).toEqual([{ stepId: fourTouch.steps[0]!.id, dueAt: at + fourTouch.steps[0]!.delay.minutes * 60_000, channel: fourTouch.steps[0]!.channel }]);
  });

  it('skips steps whose onlyIf excludes the call class', () => {
    const t = {
      ...afterHours,
      steps: [
        { ...afterHours.steps[0]!, id: 'vm-only', onlyIf: { classes: ['voicemail' as const] } },
        { ...afterHours.steps[0]!, id: 'all', delay: { minutes: 5, from: 'call' as const } },
      ],
    };
    expect(firstSteps(t, 'missed', 0).map((s) => s.stepId)).toEqual(['all']);
    expect(firstSteps(t, 'voicemail', 0).map((s) => s.stepId)).toEqual(['vm-only']);
  });
});
