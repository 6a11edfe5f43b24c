import { describe, expect, it } from 'vitest';
import { PERMANENT_STOPS, touchStop, type ContactState, type TouchStop } from '../../../nodes/ledger';

const base: ContactState = {
  phone: '+13055550123',
  name: null,
  email: null,
  createdAt: 0,
  updatedAt: 0,
  consent: null,
  optOut: { sms: null, email: null },
  pause: null,
  lastReply: null,
  lastConversationAt: null,
};
const rec = { at: 5, source: 'sms', text: 'STOP' };
const enrolledAt = 100;

describe('touchStop', () => {
  it.each<[string, Partial<ContactState> | null, { channel?: string | null; status?: 'active' | 'exited' | 'completed'; templatePaused?: boolean; now?: number }, TouchStop | null]>([
    ['nothing stops a fresh contact', {}, {}, null],
    ['an unknown contact is not stopped', null, {}, null],
    ['an exited enrollment stops first', { optOut: { sms: rec, email: null } }, { status: 'exited' }, 'enrollment_exited'],
    ['a completed enrollment stops', {}, { status: 'completed' }, 'enrollment_completed'],
    ['an sms opt-out stops an sms touch', { optOut: { sms: rec, email: null } }, { channel: 'sms' }, 'opted_out'],
    ['an sms opt-out does not stop an email touch', { optOut: { sms: rec, email: null } }, { channel: 'email' }, null],
    ['an email opt-out stops a touch without channel', { optOut: { sms: null, email: rec } }, { channel: null }, 'opted_out'],
    ['an email opt-out stops a task touch', { optOut: { sms: null, email: rec } }, { channel: 'task' }, 'opted_out'],
    ['a reply at the enrollment instant stops', { lastReply: { at: enrolledAt, text: 'ok', class: 'reply', channel: 'sms' } }, {}, 'replied'],
    ['a reply before the enrollment does not stop', { lastReply: { at: enrolledAt - 1, text: 'ok', class: 'reply', channel: 'sms' } }, {}, null],
    ['an indefinite pause holds back', { pause: { until: null, reason: 'x', since: 0 } }, {}, 'contact_paused'],
    ['a pause ends at its instant', { pause: { until: 200, reason: 'x', since: 0 } }, { now: 200 }, null],
    ['a paused template holds back', {}, { templatePaused: true }, 'template_paused'],
    ['an opt-out wins over a pause', { optOut: { sms: rec, email: null }, pause: { until: null, reason: 'x', since: 0 } }, { channel: 'sms', templatePaused: true }, 'opted_out'],
  ])('%s', (_, contact, x, want) => {
    const stop = touchStop({
      channel: x.channel === undefined ? 'sms' : x.channel,
      enrollment: { status: x.status ?? 'active', createdAt: enrolledAt },
      contact: contact === null ? null : { ...base, ...contact },
      templatePaused: x.templatePaused ?? false,
      now: x.now ?? 150,
    });
    expect(stop).toBe(want);
  });

  it.each([
    ['enrollment_exited', true],
    ['opted_out', true],
    ['replied', true],
    ['contact_paused', false],
    ['template_paused', false],
  ] as const)('%s is permanent: %s', (stop, permanent) => {
    expect(PERMANENT_STOPS.has(stop)).toBe(permanent);
  });
});
