import { describe, expect, it } from 'vitest';
import type { AuditEntry, Enrollment, StoredCallEvent, Touch } from '../../../nodes/ledger';
import { kpiReport, percentile, type KpiRow } from '../../../nodes/MissedCallLedger/kpiReport';
import type { CallEvent } from '../../../shared/schema/callEvent';
import { neutralCallEvent } from '../../support/neutralCallEvent';
import { fourTouch } from '../../../shared/templates';

const T0 = Date.UTC(2027, 0, 11, 15, 0);
const S = 1000;
const H = 3600 * S;

function enrollment(id: string, phone: string, over: Partial<Enrollment> = {}): Enrollment {
  return {
    id,
    templateId: 'tpl-t',
    templateHash: 'h',
    template: {},
    phone,
    callId: `call-${id}`,
    callEvent: { callId: `call-${id}`, from: phone, startedAt: new Date(T0).toISOString(), endedAt: new Date(T0 + 30 * S).toISOString() },
    status: 'active',
    endReason: null,
    createdAt: T0 + 31 * S,
    updatedAt: T0 + 31 * S,
    endedAt: null,
    ...over,
  };
}

let touchIds = 0;
function touch(e: Enrollment, stepId: string, sentAt: number | null, variant: string | null = null, status: Touch['status'] = 'sent'): Touch {
  return {
    id: `t${++touchIds}`,
    enrollmentId: e.id,
    templateId: e.templateId,
    phone: e.phone,
    stepId,
    channel: 'sms',
    dueAt: sentAt ?? T0,
    status,
    reason: null,
    claims: 1,
    claimedBy: null,
    leaseUntil: null,
    idempotencyKey: null,
    provider: 'twilio',
    providerMessageId: null,
    detail: variant === null ? null : { variant },
    sentAt,
    createdAt: T0,
    updatedAt: T0,
  };
}

let auditIds = 0;
const entry = (kind: string, phone: string | null, at: number, data: unknown = {}, enrollmentId: string | null = null): AuditEntry => ({
  id: ++auditIds,
  at,
  kind,
  phone,
  enrollmentId,
  touchId: null,
  data,
});
const call = (callId: string, from: string, at: number): StoredCallEvent => ({
  seq: at,
  callId,
  provider: 'twilio',
  class: 'not_missed',
  final: true,
  payload: { callId, from, direction: 'inbound' },
  receivedAt: at,
});

// A hand-built history: template tpl-t (step s1 with variants A/B, step s2) and tpl-u.
const e1 = enrollment('e1', '+13055550001'); // s1/A at +60 s, replies at +600 s
const e2 = enrollment('e2', '+13055550002'); // s1/B at +120 s, s2 a day later, opts out after s2
const e3 = enrollment('e3', '+13055550003', { status: 'exited', endReason: 'booked', endedAt: T0 + 2 * H }); // s1/A at +30 s, calls back, books
const e4 = enrollment('e4', '+13055550004'); // replies before any touch
const e5 = enrollment('e5', '+13055550005', { templateId: 'tpl-u' }); // s1 at +300 s, nothing else
const input = {
  enrollments: [e1, e2, e3, e4, e5],
  touches: [
    touch(e1, 's1', T0 + 60 * S, 'A'),
    touch(e2, 's1', T0 + 120 * S, 'B'),
    touch(e2, 's2', T0 + 24 * H, null),
    touch(e3, 's1', T0 + 30 * S, 'A'),
    touch(e3, 's2', null, null, 'cancelled'),
    touch(e4, 's1', null, 'A', 'sending'),
    touch(e5, 's1', T0 + 300 * S, null),
  ],
  events: [
    entry('reply', e1.phone, T0 + 600 * S, { class: 'reply' }),
    entry('reply', e4.phone, T0 + 40 * S, { class: 'reply' }),
    entry('reply', e2.phone, T0 + 200 * S, { class: 'auto_reply' }),
    entry('opt_out', e2.phone, T0 + 24 * H + 60 * S, { firstTime: true }),
    entry('opt_out', '+13055559999', T0 + 100 * S),
    entry('conversion', e3.phone, T0 + 2 * H, { reason: 'booked' }, e3.id),
  ],
  callEvents: [call(e1.callId, e1.phone, T0 + 30 * S), call('callback-3', e3.phone, T0 + H)],
};

const zero = { responses: 0, responseRate: 0, reengaged: 0, reengagementRate: 0, conversions: 0, conversionRate: 0, optOuts: 0, optOutRate: 0 };

describe('kpiReport on a hand-built history', () => {
  const rows = kpiReport(input);
  const find = (level: KpiRow['level'], templateId: string, stepId: string | null = null, variant: string | null = null) =>
    rows.find((r) => r.level === level && r.templateId === templateId && r.stepId === stepId && r.variant === variant);

  it('emits the rows in template, step (by first send), variant order', () => {
    expect(rows.map((r) => [r.templateId, r.stepId, r.variant])).toEqual([
      ['tpl-t', null, null],
      ['tpl-t', 's1', null],
      ['tpl-t', 's1', 'A'],
      ['tpl-t', 's1', 'B'],
      ['tpl-t', 's2', null],
      ['tpl-u', null, null],
      ['tpl-u', 's1', null],
    ]);
  });

  it.each([
    [
      'template tpl-t',
      find('template', 'tpl-t'),
      {
        enrollments: 4,
        touched: 3,
        timeToFirstTouch: { n: 3, p50Seconds: 60, p90Seconds: 120 },
        responses: 2,
        responseRate: 0.5,
        reengaged: 3,
        reengagementRate: 0.75,
        conversions: 1,
        conversionRate: 0.25,
        optOuts: 1,
        optOutRate: 0.25,
      },
    ],
    [
      'step s1 (last-touch attribution)',
      find('step', 'tpl-t', 's1'),
      {
        enrollments: 3,
        touched: 3,
        timeToFirstTouch: { n: 3, p50Seconds: 60, p90Seconds: 120 },
        responses: 1,
        responseRate: 0.3333,
        reengaged: 2,
        reengagementRate: 0.6667,
        conversions: 1,
        conversionRate: 0.3333,
        optOuts: 0,
        optOutRate: 0,
      },
    ],
    [
      'variant A of s1',
      find('variant', 'tpl-t', 's1', 'A'),
      {
        enrollments: 2,
        touched: 2,
        timeToFirstTouch: { n: 2, p50Seconds: 30, p90Seconds: 60 },
        responses: 1,
        responseRate: 0.5,
        reengaged: 2,
        reengagementRate: 1,
        conversions: 1,
        conversionRate: 0.5,
        optOuts: 0,
        optOutRate: 0,
      },
    ],
    ['variant B of s1', find('variant', 'tpl-t', 's1', 'B'), { enrollments: 1, touched: 1, timeToFirstTouch: { n: 1, p50Seconds: 120, p90Seconds: 120 }, ...zero }],
    [
      'step s2 (not a first touch)',
      find('step', 'tpl-t', 's2'),
      { enrollments: 1, touched: 1, timeToFirstTouch: { n: 0, p50Seconds: null, p90Seconds: null }, ...zero, optOuts: 1, optOutRate: 1 },
    ],
    ['template tpl-u', find('template', 'tpl-u'), { enrollments: 1, touched: 1, timeToFirstTouch: { n: 1, p50Seconds: 300, p90Seconds: 300 }, ...zero }],
  ])('gives the exact figures of %s', (_, row, expected) => {
    expect(row).toMatchObject(expected);
  });

  it('gives null rates for an empty cohort and no rows without enrollments', () => {
    expect(kpiReport({ enrollments: [], touches: [], events: [], callEvents: [] })).toEqual([]);
    const only = kpiReport({ enrollments: [e4], touches: [], events: [], callEvents: [] });
    expect(only).toEqual([
      expect.objectContaining({ enrollments: 1, touched: 0, timeToFirstTouch: { n: 0, p50Seconds: null, p90Seconds: null }, responseRate: 0 }),
    ]);
  });

  it('gives a caller’s reply to their latest enrollment begun before it', () => {
    const later = enrollment('e1b', e1.phone, { callId: 'call-e1b', createdAt: T0 + 2 * H });
    const reply = [entry('reply', e1.phone, T0 + 3 * H, { class: 'reply' })];
    const both = kpiReport({ ...input, enrollments: [e1, later], events: reply });
    expect(both.map((r) => [r.stepId, r.enrollments, r.responses])).toEqual([[null, 2, 1], ['s1', 1, 0], ['s1', 1, 0]]);
    const alone = kpiReport({ ...input, enrollments: [e1], events: reply });
    expect(alone.map((r) => [r.stepId, r.enrollments, r.responses])).toEqual([[null, 1, 1], ['s1', 1, 1], ['s1', 1, 1]]);
  });
});

describe('kpiReport: A/B verdicts', () => {
  // 40 callers per variant of s1: A gets 30 replies; B gets 10 replies and 25 call backs from the others
  const many = Array.from({ length: 80 }, (_, i) => enrollment(`m${i}`, `+1305556${String(1000 + i)}`));
  const variantOf = (i: number) => (i < 40 ? 'A' : 'B');
  const big = {
    enrollments: many,
    touches: many.map((e, i) => touch(e, 's1', T0 + 60 * S, variantOf(i))),
    events: many.flatMap((e, i) => ((i < 40 ? i < 30 : i < 50) ? [entry('reply', e.phone, T0 + H, { class: 'reply' })] : [])),
    callEvents: many.flatMap((e, i) => (i >= 50 && i < 75 ? [call(`cb-${e.id}`, e.phone, T0 + 2 * H)] : [])),
  };
  const verdicts = (rows: KpiRow[]) => rows.map((r) => [r.level, r.variant, r.comparison?.verdict ?? null, r.winningVariant]);

  it('judges the variants of a step on re-engagement by default: B leads (35/40 against 30/40), no winner', () => {
    const rows = kpiReport(big);
    expect(rows.map((r) => [r.variant, r.responses, r.reengaged, r.enrollments])).toEqual([
      [null, 40, 65, 80],
      [null, 40, 65, 80],
      ['A', 30, 30, 40],
      ['B', 10, 35, 40],
    ]);
    expect(verdicts(rows)).toEqual([
      ['template', null, null, null],
      ['step', null, null, null],
      ['variant', 'A', 'no_difference', null],
      ['variant', 'B', 'leading', null],
    ]);
    expect(rows[2]!.comparison).toMatchObject({ metric: 'reengagement', alpha: 0.05, lift: -0.1429, optOutGuard: false });
    expect(rows[2]!.comparison!.pValue).toBeGreaterThan(0.05);
  });

  it('crowns A on responses (30/40 against 10/40) when the report compares them', () => {
    const rows = kpiReport(big, { winnerMetric: 'response' });
    expect(verdicts(rows)).toEqual([
      ['template', null, null, null],
      ['step', null, null, 'A'],
      ['variant', 'A', 'winner', null],
      ['variant', 'B', 'worse', null],
    ]);
    expect(rows[3]!.comparison).toMatchObject({ metric: 'response', lift: -0.6667, pValue: expect.any(Number) });
    expect(rows[3]!.comparison!.pValue).toBeLessThan(0.001);
  });

  it('gives a small test insufficient_data and no comparison to rows without variants', () => {
    const rows = kpiReport(input);
    expect(verdicts(rows)).toEqual([
      ['template', null, null, null],
      ['step', null, null, null],
      ['variant', 'A', 'insufficient_data', null],
      ['variant', 'B', 'insufficient_data', null],
      ['step', null, null, null],
      ['template', null, null, null],
      ['step', null, null, null],
    ]);
    expect(rows.every((r) => 'comparison' in r && 'winningVariant' in r)).toBe(true);
  });
});

describe('kpiReport: time to a human', () => {
  const BIZ = '+17865550100';
  let seq = 0;
  /** One stored event of a call: a CallEvent payload received (and sequenced) at `at`. */
  const stored = (callId: string, at: number, over: Partial<CallEvent>, provider: CallEvent['provider'] = 'twilio'): StoredCallEvent => {
    const payload = neutralCallEvent({ provider, eventType: 'status', callId, from: '', to: BIZ, ...over });
    return { seq: ++seq, callId, provider, class: payload.class, final: payload.final, payload, receivedAt: at };
  };
  /** An inbound call from `from` a person answered, proven at `at`. */
  const answered = (callId: string, from: string, at: number): StoredCallEvent[] => [
    stored(callId, at - 60 * S, { from }),
    stored(callId, at, { from, class: 'not_missed', reason: 'answered', final: true }),
  ];
  /** The business's call to `to`, final at `at` with `reason`. */
  const outbound = (callId: string, to: string, at: number, reason: string): StoredCallEvent =>
    stored(callId, at, { direction: 'outbound', from: BIZ, to, class: 'not_missed', reason, final: true });
  const human = (rows: KpiRow[]) => rows.map((r) => [r.stepId, r.variant, r.humanReached, r.humanReachRate, r.timeToHuman]);
  const none = { n: 0, p50Seconds: null, p90Seconds: null };

  it('counts the caller’s answered call back (any number format) and the agent’s answered call, with last-touch attribution', () => {
    const callEvents = [
      ...answered('cb-1', '13055550001', T0 + 900 * S), // e1 after s1/A
      outbound('out-2', '+1 305 555 0002', T0 + 25 * H, 'outbound_answered'), // e2 after s2
      ...answered('cb-1b', e1.phone, T0 + 2 * H), // a later conversation: the first one counts
    ];
    const rows = kpiReport({ ...input, callEvents });
    expect(human(rows)).toEqual([
      [null, null, 2, 0.5, { n: 2, p50Seconds: 900, p90Seconds: 25 * 3600 }],
      ['s1', null, 1, 0.3333, { n: 1, p50Seconds: 900, p90Seconds: 900 }],
      ['s1', 'A', 1, 0.5, { n: 1, p50Seconds: 900, p90Seconds: 900 }],
      ['s1', 'B', 0, 0, none],
      ['s2', null, 1, 1, { n: 1, p50Seconds: 25 * 3600, p90Seconds: 25 * 3600 }],
      [null, null, 0, 0, none],
      ['s1', null, 0, 0, none],
    ]);
    // the business's call is no re-engagement of the caller
    expect(rows[4]).toMatchObject({ reengaged: 0, humanReached: 1 });
    expect(Object.keys(rows[0]!).slice(-5)).toEqual(['humanReached', 'humanReachRate', 'timeToHuman', 'comparison', 'winningVariant']);
  });

  it('reads a Vonage conversation’s legs together, as the trigger does: an answered agent leg or call-back reaches a person', () => {
    const vonage = (callId: string, at: number, over: Partial<CallEvent>) => stored(callId, at, { eventType: 'answered', ...over }, 'vonage');
    // the caller's inbound leg (Vonage answers it itself) and the connect leg an agent answered
    const inboundLeg = vonage('CON-1', T0 + 890 * S, { from: e1.phone, class: 'not_missed', reason: 'answered', final: false });
    const agentLeg = vonage('CON-1', T0 + 900 * S, { direction: 'outbound', from: BIZ, to: '+17865550111', class: 'not_missed', reason: 'outbound', final: true });
    expect(kpiReport({ ...input, callEvents: [inboundLeg, agentLeg] })[0]).toMatchObject({ humanReached: 1, timeToHuman: { n: 1, p50Seconds: 900 } });
    // a call-back the customer answered: a conversation with outbound legs only
    const callBack = vonage('CON-2', T0 + 900 * S, { direction: 'outbound', from: BIZ, to: e1.phone, class: 'not_missed', reason: 'outbound', final: true });
    expect(kpiReport({ ...input, callEvents: [callBack] })[0]).toMatchObject({ humanReached: 1 });
    // the same agent leg under another provider says nothing of the customer
    expect(kpiReport({ ...input, callEvents: [{ ...inboundLeg, provider: 'generic' }, { ...agentLeg, provider: 'generic' }] })[0]).toMatchObject({ humanReached: 0 });
  });

  it('counts a Twilio click-to-call (our call rings the agent, then dials the customer) for the customer', () => {
    const agentCall = stored('CA-c2c', T0 + 850 * S, { direction: 'outbound', from: BIZ, to: '+17865550111', class: 'not_missed', reason: 'outbound_answered', final: true });
    const dialLeg = stored('CA-c2c', T0 + 900 * S, { eventType: 'dial-leg:in-progress', direction: 'inbound', from: BIZ, to: e1.phone, class: 'not_missed', reason: 'answered', final: true });
    expect(kpiReport({ ...input, callEvents: [agentCall, dialLeg] })[0]).toMatchObject({ humanReached: 1, timeToHuman: { n: 1, p50Seconds: 900 } });
  });

  it('reads the customer from the first inbound event in arrival order (seq), not the agent leg', () => {
    const [ring, answer] = answered('cb-1', e1.phone, T0 + 900 * S);
    const agentLeg = { ...answer!, payload: { ...(answer!.payload as CallEvent), from: BIZ, to: '+17865550111' } };
    expect(kpiReport({ ...input, callEvents: [agentLeg, ring!] })[0]).toMatchObject({ humanReached: 1, timeToHuman: { n: 1, p50Seconds: 900 } });
    // the same events under another provider are another call
    const other = { ...ring!, provider: 'aircall' };
    expect(kpiReport({ ...input, callEvents: [agentLeg, other] })[0]).toMatchObject({ humanReached: 0 });
  });

  it.each([
    ['an outbound call the provider does not say was answered', [outbound('out-3', e3.phone, T0 + H, 'outbound')]],
    ['an outbound call nobody answered', [stored('out-3', T0 + H, { direction: 'outbound', from: BIZ, to: e3.phone, class: 'missed', reason: 'no_answer', final: true })]],
    ['a provisional answer', [stored('cb-3', T0 + H, { from: e3.phone, class: 'not_missed', reason: 'answered', final: false })]],
    ['a conversation before the enrollment', answered('cb-4', e4.phone, T0 + 20 * S)],
    ['a conversation with another number', answered('cb-9', '+13055559999', T0 + H)],
    ['an answer of the enrollment’s own missed call', answered(e5.callId, e5.phone, T0 + H)],
  ])('does not count %s', (_, callEvents) => {
    expect(kpiReport({ ...input, callEvents }).map((r) => r.humanReached)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('times the conversation from when its call began, not from when the proof arrived after the talk', () => {
    const [ring, answer] = answered('cb-1', e1.phone, T0 + 1800 * S);
    const startedAt = new Date(T0 + 900 * S).toISOString();
    const withStart = { ...answer!, payload: { ...(answer!.payload as CallEvent), startedAt } };
    expect(kpiReport({ ...input, callEvents: [ring!, withStart] })[0]).toMatchObject({ humanReached: 1, timeToHuman: { n: 1, p50Seconds: 900 } });
    // a start the provider dates after the proof's arrival (a skewed clock) falls back to the arrival
    const skewed = { ...answer!, payload: { ...(answer!.payload as CallEvent), startedAt: new Date(T0 + 3600 * S).toISOString() } };
    expect(kpiReport({ ...input, callEvents: [ring!, skewed] })[0]).toMatchObject({ timeToHuman: { n: 1, p50Seconds: 1800 } });
  });

  it('reads a national-format number in the report’s Default Country', () => {
    const uk = enrollment('e-uk', '+447400123456', { callId: 'call-uk' });
    const callEvents = answered('cb-uk', '07400 123456', T0 + 900 * S);
    expect(kpiReport({ ...input, enrollments: [uk], callEvents })[0]).toMatchObject({ humanReached: 0 });
    expect(kpiReport({ ...input, enrollments: [uk], callEvents }, { defaultCountry: 'GB' })[0]).toMatchObject({ humanReached: 1, timeToHuman: { n: 1, p50Seconds: 900 } });
  });

  it('skips a stored payload without the customer’s number instead of throwing', () => {
    const bad = outbound('out-x', e3.phone, T0 + H, 'outbound_answered');
    const { to: _, ...payload } = bad.payload as CallEvent;
    expect(kpiReport({ ...input, callEvents: [{ ...bad, payload }] })[0]).toMatchObject({ humanReached: 0 });
  });

  it('gives the conversation to the caller’s latest enrollment begun before it', () => {
    const later = enrollment('e1b', e1.phone, { callId: 'call-e1b', createdAt: T0 + 2 * H });
    const rows = kpiReport({ ...input, enrollments: [e1, later], callEvents: answered('cb-1', e1.phone, T0 + 3 * H) });
    // e1b's call is also at T0 (the fixture), its conversation 3 h later; e1 has none
    expect(human(rows)).toEqual([
      [null, null, 1, 0.5, { n: 1, p50Seconds: 3 * 3600, p90Seconds: 3 * 3600 }],
      ['s1', null, 0, 0, none],
      ['s1', 'A', 0, 0, none],
    ]);
  });
});

describe('percentile (nearest rank)', () => {
  it.each([
    [[], 0.5, null],
    [[7], 0.9, 7],
    [[1, 2, 3, 4], 0.5, 2],
    [[1, 2, 3, 4], 0.9, 4],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9],
  ])('of %j at %d is %j', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
});

describe('kpiReport: per language', () => {
  const bilingualTemplate = {
    ...fourTouch,
    id: 'tpl-t',
    business: { ...fourTouch.business, departments: [...fourTouch.business.departments, { id: 'ventas', name: 'Ventas', queue: 'ventas', language: 'es' as const }] },
  };
  const withDept = (id: string, phone: string, department: string | null) => {
    const e = enrollment(id, phone, { template: bilingualTemplate });
    return { ...e, callEvent: { ...(e.callEvent as object), department } };
  };

  it('adds a row per language after the template row when callers got texts in more than one', () => {
    const es1 = withDept('es1', '+13055550301', 'Ventas');
    const es2 = withDept('es2', '+13055550302', 'ventas');
    const en1 = withDept('en1', '+13055550303', 'Service');
    const touches = [touch(es1, 'sms-first', T0 + 60 * S), touch(es2, 'sms-first', T0 + 90 * S), touch(en1, 'sms-first', T0 + 120 * S)];
    const events = [entry('reply', es1.phone, T0 + H, { class: 'reply' })];
    const rows = kpiReport({ enrollments: [es1, es2, en1], touches, events, callEvents: [] });
    expect(rows.map((r) => [r.level, r.language, r.enrollments, r.responses, r.timeToFirstTouch.p50Seconds])).toEqual([
      ['template', null, 3, 1, 90],
      ['language', 'en', 1, 0, 120],
      ['language', 'es', 2, 1, 60],
      ['step', null, 3, 1, 90],
    ]);
  });

  it('counts each enrollment in the language its texts actually went out in, as the sender recorded it per touch', () => {
    const sentIn = (e: Enrollment, stepId: string, at: number, language: string, variant = `lang:${language}`) => ({ ...touch(e, stepId, at), detail: { variant, language } });
    // a Spanish-preferring caller of the English line: Spanish texts
    const preferred = withDept('p1', '+13055550321', 'Service');
    // a preference set mid-sequence: English first, then Spanish (the latest text counts)
    const switched = withDept('p2', '+13055550322', 'Service');
    // a Spanish department caller who prefers French, which the step lacks: the step's own English text went out
    const fallback = withDept('p3', '+13055550323', 'Ventas');
    // nothing sent yet: the department's language
    const waiting = withDept('p4', '+13055550324', 'Ventas');
    const touches = [
      sentIn(preferred, 'sms-first', T0 + 60 * S, 'es'),
      sentIn(switched, 'sms-first', T0 + 60 * S, 'en', 'default'),
      sentIn(switched, 'sms-final', T0 + 5 * 24 * H, 'es'),
      // a CRM task's touch records no language: not counted
      { ...touch(switched, 'callback-day-2', T0 + 6 * 24 * H), channel: null, detail: { crm: true } },
      sentIn(fallback, 'sms-first', T0 + 60 * S, 'en', 'default'),
    ];
    const rows = kpiReport({ enrollments: [preferred, switched, fallback, waiting], touches, events: [], callEvents: [] });
    expect(rows.filter((r) => r.level === 'language').map((r) => [r.language, r.enrollments])).toEqual([
      ['en', 1],
      ['es', 3],
    ]);
  });

  it('adds none when every caller got the same language, or the stored template does not parse', () => {
    const a = withDept('a', '+13055550311', 'Service');
    const b = withDept('b', '+13055550312', null);
    const broken = enrollment('c', '+13055550313', { template: { nonsense: true } });
    expect(kpiReport({ enrollments: [a, b, broken], touches: [], events: [], callEvents: [] }).map((r) => r.level)).toEqual(['template']);
  });
});

describe('kpiReport: SMS delivery by status callbacks', () => {
  const status = (t: Touch, deliveryStatus: Touch['deliveryStatus'], over: Partial<Touch> = {}): Touch => ({ ...t, deliveryStatus, deliveryError: null, deliveryAt: t.sentAt, ...over });
  const delivery = (rows: KpiRow[]) => rows.map((r) => [r.level, r.stepId, r.variant, r.delivered, r.undelivered, r.deliveryRate]);

  it('counts delivered (or read) and undelivered (or failed) texts per row; queued and sent ones stay out of the rate', () => {
    const touches = [
      status(touch(e1, 's1', T0 + 60 * S, 'A'), 'delivered'),
      status(touch(e2, 's1', T0 + 120 * S, 'B'), 'undelivered', { deliveryError: 30006 }),
      status(touch(e2, 's2', T0 + 24 * H, null), 'read'),
      status(touch(e3, 's1', T0 + 30 * S, 'A'), 'sent'),
      // not sent: its status (if any) is not counted
      status(touch(e4, 's1', null, 'A', 'sending'), 'failed'),
      status(touch(e5, 's1', T0 + 300 * S, null), 'failed'),
    ];
    expect(delivery(kpiReport({ ...input, touches }))).toEqual([
      ['template', null, null, 2, 1, 0.6667],
      ['step', 's1', null, 1, 1, 0.5],
      ['variant', 's1', 'A', 1, 0, 1],
      ['variant', 's1', 'B', 0, 1, 0],
      ['step', 's2', null, 1, 0, 1],
      ['template', null, null, 0, 1, 0],
      ['step', 's1', null, 0, 1, 0],
    ]);
  });

  it('gives a null rate where no text has a final status: no callbacks (Sandbox), still queued, email, hand-built touches', () => {
    const touches = [
      status(touch(e1, 's1', T0 + 60 * S, 'A'), null),
      status(touch(e2, 's1', T0 + 120 * S, 'B'), 'queued'),
      // an email step's status is not an SMS delivery
      status(touch(e2, 's2', T0 + 24 * H, null), 'delivered', { channel: 'email' }),
      touch(e3, 's1', T0 + 30 * S, 'A'),
      touch(e5, 's1', T0 + 300 * S, null),
    ];
    const rows = kpiReport({ ...input, touches });
    expect(rows.every((r) => r.delivered === 0 && r.undelivered === 0 && r.deliveryRate === null)).toBe(true);
    // the existing figures are untouched by the new ones
    expect(rows.map((r) => r.touched)).toEqual(kpiReport(input).map((r) => r.touched));
  });

  it('counts a touch without a recorded channel (scheduled before channels were) as a text', () => {
    const touches = [status({ ...touch(e5, 's1', T0 + 300 * S, null), channel: null }, 'delivered')];
    expect(delivery(kpiReport({ ...input, enrollments: [e5], touches }))).toEqual([
      ['template', null, null, 1, 0, 1],
      ['step', 's1', null, 1, 0, 1],
    ]);
  });

  it('splits the figures per language row', () => {
    const fr = (e: Enrollment, at: number, language: string, s: Touch['deliveryStatus']) => status({ ...touch(e, 's1', at), detail: { variant: `lang:${language}`, language } }, s);
    const touches = [fr(e1, T0 + 60 * S, 'es', 'delivered'), fr(e2, T0 + 60 * S, 'es', 'failed'), fr(e3, T0 + 60 * S, 'en', 'delivered')];
    const rows = kpiReport({ ...input, enrollments: [e1, e2, e3], touches });
    expect(rows.filter((r) => r.level !== 'step').map((r) => [r.level, r.language, r.delivered, r.undelivered, r.deliveryRate])).toEqual([
      ['template', null, 2, 1, 0.6667],
      ['language', 'en', 1, 0, 1],
      ['language', 'es', 1, 1, 0.5],
    ]);
  });
});
