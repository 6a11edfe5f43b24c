import { describe, expect, it } from 'vitest';
import type { ContactState, Enrollment } from '../../../nodes/ledger';
import { exitCheck, type ExitCheckInput } from '../../../nodes/SequenceExit/exitCheck';

const NOW = Date.UTC(2027, 0, 11, 15);
const contact = (over: Partial<ContactState> = {}): ContactState => ({
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
  ...over,
});
const enrollment = (over: Partial<Enrollment> = {}): Enrollment => ({
  id: 'e1',
  templateId: 't',
  templateHash: 'h',
  template: {},
  phone: '+13055550123',
  callId: 'c',
  callEvent: {},
  status: 'active',
  endReason: null,
  createdAt: NOW - 1000,
  updatedAt: NOW - 1000,
  endedAt: null,
  ...over,
});
const base: ExitCheckInput = {
  contact: contact(),
  enrollment: enrollment(),
  templatePaused: false,
  channel: 'sms',
  booked: false,
  crmStatus: null,
  onBooked: true,
  exitStatuses: ['won'],
  now: NOW,
};
const optOut = { at: 1, source: 's', text: null };

describe('exitCheck', () => {
  it.each<[string, Partial<ExitCheckInput>, string | null]>([
    ['an active enrollment of a plain contact', {}, null],
    ['an SMS opt-out', { contact: contact({ optOut: { sms: optOut, email: null } }) }, 'opt_out'],
    ['an email opt-out for an SMS step', { contact: contact({ optOut: { sms: null, email: optOut } }) }, null],
    ['a reply after the enrollment began', { contact: contact({ lastReply: { at: NOW - 10, text: 'hi', class: 'reply', channel: 'sms' } }) }, 'reply'],
    ['a reply before the enrollment began', { contact: contact({ lastReply: { at: NOW - 5000, text: 'hi', class: 'reply', channel: 'sms' } }) }, null],
    ['a completed enrollment', { enrollment: enrollment({ status: 'completed', endReason: 'completed' }) }, 'completed'],
    ['an enrollment ended as booked', { enrollment: enrollment({ status: 'exited', endReason: 'booked' }) }, 'booked'],
    ['an enrollment ended for another reason', { enrollment: enrollment({ status: 'exited', endReason: 'manual' }) }, 'ended'],
    ['a booking', { booked: true }, 'booked'],
    ['a booking with exit.onBooked off', { booked: true, onBooked: false }, null],
    ['an exit CRM status in another case', { crmStatus: ' WON ' }, 'crm_status'],
    ['a CRM status that is not an exit status', { crmStatus: 'open' }, null],
    ['a contact paused until later', { contact: contact({ pause: { until: NOW + 1, reason: 'ooo', since: 0 } }) }, 'paused'],
    ['a pause that has run out', { contact: contact({ pause: { until: NOW, reason: 'ooo', since: 0 } }) }, null],
    ['a paused template', { templatePaused: true }, 'paused'],
    ['no enrollment and a replied contact (nothing to compare with)', { enrollment: null, contact: contact({ lastReply: { at: NOW, text: 'x', class: 'reply', channel: 'sms' } }) }, null],
  ])('judges %s', (_, over, reason) => {
    const v = exitCheck({ ...base, ...over });
    expect(v.exit ? v.reason : null).toBe(reason);
  });

  it('marks pauses as temporary and gives their end', () => {
    expect(exitCheck({ ...base, contact: contact({ pause: { until: NOW + 60_000, reason: 'ooo', since: 0 } }) })).toMatchObject({
      final: false,
      until: NOW + 60_000,
    });
  });
});
