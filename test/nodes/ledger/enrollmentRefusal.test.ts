import { describe, expect, it } from 'vitest';
import { DAY_MS, enrollmentRefusal, type ContactState, type Enrollment } from '../../../nodes/ledger';

const NOW = Date.UTC(2027, 2, 10, 15, 0);
const H = 3_600_000;

const contact = (over: Partial<ContactState> = {}): ContactState => ({
  phone: '+13055550123',
  name: null,
  email: null,
  createdAt: NOW - 30 * DAY_MS,
  updatedAt: NOW - 30 * DAY_MS,
  consent: null,
  optOut: { sms: null, email: null },
  pause: null,
  lastReply: null,
  lastConversationAt: null,
  carrierLineType: null,
  ...over,
});
const reply = (at: number) => ({ lastReply: { at, text: 'ok', class: 'reply', channel: 'sms' } });

function ended(createdAt: number): Enrollment {
  return {
    id: 'e1', templateId: 'tpl', templateHash: 'h', template: {}, phone: '+13055550123', callId: 'CA0', callEvent: {},
    status: 'exited', endReason: 'call_connected', createdAt, updatedAt: createdAt, endedAt: createdAt,
  };
}

const refusal = (c: ContactState | null, windowMs: number | undefined, previous: Enrollment[] = []) =>
  enrollmentRefusal({
    input: { reentry: { policy: 'after_completion' }, now: NOW, ...(windowMs === undefined ? {} : { conversationWindowMs: windowMs }) },
    contact: c,
    previous,
    sameCall: null,
  })?.reason ?? null;

describe('enrollmentRefusal: the in-conversation window', () => {
  it.each<[string, Partial<ContactState>, number | undefined, string | null]>([
    ['a reply 2 h ago, 24 h window', reply(NOW - 2 * H), 24 * H, 'in_conversation'],
    ['an answered call 2 h ago, 24 h window', { lastConversationAt: NOW - 2 * H }, 24 * H, 'in_conversation'],
    ['an answered call at this very instant', { lastConversationAt: NOW }, 24 * H, 'in_conversation'],
    ['an answered call exactly one window ago (the bound is exclusive)', { lastConversationAt: NOW - 24 * H }, 24 * H, null],
    ['an answered call 25 h ago', { lastConversationAt: NOW - 25 * H }, 24 * H, null],
    ['an answered call after now (clock skew) does not count', { lastConversationAt: NOW + 1 }, 24 * H, null],
    ['an answered call 2 h ago with the window off (0)', { lastConversationAt: NOW - 2 * H }, 0, null],
    ['an answered call 2 h ago without a window', { lastConversationAt: NOW - 2 * H }, undefined, null],
    ['an old reply and a recent answered call', { ...reply(NOW - 30 * H), lastConversationAt: NOW - H }, 24 * H, 'in_conversation'],
    ['a recent reply and an old answered call', { ...reply(NOW - H), lastConversationAt: NOW - 30 * H }, 24 * H, 'in_conversation'],
    ['both outside the window', { ...reply(NOW - 30 * H), lastConversationAt: NOW - 30 * H }, 24 * H, null],
  ])('%s', (_, over, windowMs, expected) => {
    expect(refusal(contact(over), windowMs)).toBe(expected);
  });

  it('a state built without the field (older callers) reads as no conversation', () => {
    const { lastConversationAt: _, ...old } = contact();
    expect(refusal(old as ContactState, 24 * H)).toBeNull();
    expect(refusal(null, 24 * H)).toBeNull();
  });

  it('comes before the re-entry policy and after an opt-out', () => {
    const prev = [ended(NOW - 3 * H)];
    expect(
      enrollmentRefusal({ input: { reentry: { policy: 'never' }, now: NOW, conversationWindowMs: 24 * H }, contact: contact({ lastConversationAt: NOW - H }), previous: prev, sameCall: null })
        ?.reason,
    ).toBe('in_conversation');
    const optedOut = contact({ lastConversationAt: NOW - H, optOut: { sms: { at: NOW - DAY_MS, source: 'sms', text: 'STOP' }, email: null } });
    expect(refusal(optedOut, 24 * H)).toBe('opted_out');
    // outside the window the policy decides again
    expect(refusal(contact({ lastConversationAt: NOW - 25 * H }), 24 * H, prev)).toBeNull();
  });
});
