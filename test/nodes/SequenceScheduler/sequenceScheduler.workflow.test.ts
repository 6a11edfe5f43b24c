import { pgForNodeTests, pgLedgerFixture } from '../ledger/pgStore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../nodes/ledger';
import { fourTouch } from '../../../shared/templates';
import { embeddedLedgerFile, loadHarness, useFreshUserFolder, type Harness, type RunOptions } from '../harness';
import { MIAMI, enrollCaller } from '../harness/fixtures';
import { processDelivery, type TriggerConfig } from '../../../nodes/shared/triggerPipeline';
import { dialAction, recordAction, signedTwilio, TWILIO_TOKEN, WEBHOOK_URL } from '../MissedCallTrigger/fakeWebhook';

// Thursday 2027-01-14 20:45 in Miami (EST, UTC−5); 08:00 next morning is 13:00 UTC
const MIAMI_2045 = Date.UTC(2027, 0, 15, 1, 45);
const NEXT_0800 = Date.UTC(2027, 0, 15, 13, 0);
const NOON = Date.UTC(2027, 0, 14, 17, 0);

let h: Harness;
beforeAll(async () => {
  h = await loadHarness();
});

const iso = (t: number) => new Date(t).toISOString();

function poll(now: number, extra: Partial<RunOptions> = {}, parameters: Record<string, unknown> = {}) {
  return h.runWorkflow({
    nodes: [{ name: 'Scheduler', type: 'sequenceScheduler', parameters: { currentTime: iso(now), ...parameters } }],
    connections: [],
    startNode: 'Scheduler',
    ...extra,
  });
}

let phones = 0;
/** A fresh Miami-area number per test, so tests sharing a ledger do not see each other's touches. */
const nextPhone = () => `+1305555${String(1000 + ++phones).slice(-4)}`;

const TRIGGER: TriggerConfig = {
  provider: 'twilio',
  classes: ['missed', 'voicemail', 'abandoned'],
  inboundOnly: true,
  minRingSeconds: 0,
  mobileOnly: false,
  lookupLineType: false,
  calendar: 'always',
  ignoreNumbers: [],
  repeatCallerMinutes: 0,
  conversationHours: 24,
  settleSeconds: 90,
  defaultCountry: 'US',
  scope: 'wf-1:trigger',
};

/** One Twilio webhook through the Missed Call Trigger's pipeline, into `ledger`. */
async function twilioWebhook(ledger: Ledger, params: Record<string, string>, now: number) {
  const req = signedTwilio(params);
  return processDelivery(TRIGGER, { ...req, url: WEBHOOK_URL, headers: req.headers!, contentType: req.headers!['content-type'] }, {
    ledger,
    now,
    secret: TWILIO_TOKEN,
    generic: { auth: { kind: 'none' } },
    template: { kind: 'json', text: fourTouch },
    fetchJson: async () => {
      throw new Error('no network in tests');
    },
  });
}

const touchIds = (runs: { outputs: (n: string) => Record<string, unknown>[][] }[]) =>
  runs.flatMap((r) => r.outputs('Scheduler')[0] ?? []).map((j) => (j.touch as { id: string }).id);

/**
 * The settle sweep, through two concurrent polls: a Twilio Dial no-answer with no later event is
 * enrolled once after the window (and its first touch emitted once when due); a voicemail that
 * arrives inside the window enrolls at once, as voicemail, and the sweep finds nothing.
 */
function settleSweepTests(getLedger: () => Ledger, pollWith: (now: number) => ReturnType<typeof poll>) {
  const SMS_FIRST = fourTouch.steps[0]!.delay.minutes * 60_000;

  it('enrolls a Twilio no-answer whose final event never comes exactly once, after the settle window, across two concurrent polls', async () => {
    const ledger = getLedger();
    const phone = nextPhone();
    const callId = `CAsettle${phones}`;
    const t0 = NOON + 400_000 + phones * 1_000_000;
    const parked = await twilioWebhook(ledger, dialAction(callId, phone), t0);
    expect(parked.enrolled).toEqual([]);
    expect(await ledger.enrollmentsOf(phone)).toEqual([]);

    const early = await pollWith(t0 + 89_000);
    expect(early.error).toBeUndefined();
    expect(await ledger.enrollmentsOf(phone)).toEqual([]);

    const both = await Promise.all([pollWith(t0 + 90_000), pollWith(t0 + 90_000)]);
    for (const r of both) expect(r.error).toBeUndefined();
    const enrollments = await ledger.enrollmentsOf(phone);
    expect(enrollments.map((e) => [e.callId, (e.callEvent as { class: string }).class, e.status])).toEqual([[callId, 'missed', 'active']]);
    expect(await ledger.pendingCall(`call:twilio:${callId}`)).toMatchObject({ status: 'resolved', outcome: 'enrolled' });

    // the first touch (call + 1 min) is already due: one of the two polls that enrolled it also emits it, once
    const [touch] = await ledger.touchesOf(enrollments[0]!.id);
    expect(touch).toMatchObject({ stepId: fourTouch.steps[0]!.id, dueAt: t0 + SMS_FIRST, status: 'claimed', claims: 1 });
    expect(touchIds(both)).toEqual([touch!.id]);
    expect(touchIds(await Promise.all([pollWith(t0 + 200_000), pollWith(t0 + 200_000)]))).toEqual([]);
    expect(await ledger.enrollmentsOf(phone)).toHaveLength(1);
  });

  it('enrolls once, as voicemail, when the recording arrives inside the window, and the sweep then finds nothing', async () => {
    const ledger = getLedger();
    const phone = nextPhone();
    const callId = `CAvm${phones}`;
    const t0 = NOON + 400_000 + phones * 1_000_000;
    await twilioWebhook(ledger, dialAction(callId, phone), t0);
    const vm = await twilioWebhook(ledger, recordAction(callId, phone), t0 + 20_000);
    expect(vm.enrolled.map((i) => [i.call.class, i.contact.phone])).toEqual([['voicemail', phone]]);
    const both = await Promise.all([pollWith(t0 + 200_000), pollWith(t0 + 200_000)]);
    for (const r of both) expect(r.error).toBeUndefined();
    expect((await ledger.enrollmentsOf(phone)).map((e) => (e.callEvent as { class: string }).class)).toEqual(['voicemail']);
    expect(await ledger.pendingCall(`call:twilio:${callId}`)).toMatchObject({ status: 'resolved', outcome: 'final' });
    expect(await ledger.claimSettledCalls({ now: t0 + 10 * 86_400_000, limit: 100, worker: 'check', leaseMs: 1000 })).toEqual([]);
  });
}

describe('Sequence Scheduler (embedded ledger) in a real n8n workflow', () => {
  let ledger: Ledger;
  beforeAll(async () => {
    useFreshUserFolder();
    ledger = await openLedger({ kind: 'embedded', path: embeddedLedgerFile() });
  });
  afterAll(async () => ledger.close());

  it('emits one item per due touch with the touch, its step, the template, the stored call and the contact', async () => {
    const phone = nextPhone();
    const { touch, call, enrollment } = await enrollCaller(ledger, { phone, at: NOON - 120_000, dueAt: NOON - 60_000 });
    const r = await poll(NOON);
    expect(r.error).toBeUndefined();
    const [items] = r.outputs('Scheduler');
    expect(items).toHaveLength(1);
    expect(items![0]).toEqual({
      touch: { id: touch.id, stepId: 'sms-first', dueAt: iso(NOON - 60_000), phone, enrollmentId: enrollment.id, channel: 'sms', claims: 1 },
      step: fourTouch.steps[0],
      template: {
        id: fourTouch.id,
        name: fourTouch.name,
        business: fourTouch.business,
        classification: 'informational',
        consent: { required: 'informational' },
        sendWindow: fourTouch.sendWindow,
        firstStepIds: ['sms-first'],
      },
      call,
      contact: { phone, name: 'Dana Lee', email: null },
    });
    expect((await ledger.touch(touch.id))?.status).toBe('claimed');
    // claimed and leased: the next poll does not emit it again
    expect(r.order).toEqual(['Scheduler']);
    expect((await poll(NOON + 1000)).outputs('Scheduler')).toEqual([]);
  });

  it('claims every due touch exactly once across two concurrent polls', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 12; i++) ids.add((await enrollCaller(ledger, { phone: nextPhone(), at: NOON, dueAt: NOON + 1000 })).touch.id);
    const [a, b] = await Promise.all([poll(NOON + 2000, {}, { batchSize: 8 }), poll(NOON + 2000, {}, { batchSize: 8 })]);
    const got = [...(a.outputs('Scheduler')[0] ?? []), ...(b.outputs('Scheduler')[0] ?? [])].map((j) => (j.touch as { id: string }).id);
    expect(got).toHaveLength(12);
    expect(new Set(got)).toEqual(ids);
  });

  it('emits nothing for a contact who opted out', async () => {
    const phone = nextPhone();
    const { touch } = await enrollCaller(ledger, { phone, at: NOON + 10_000, dueAt: NOON + 20_000 });
    await ledger.recordOptOut(phone, { channel: 'sms', source: 'sms_stop', text: 'STOP', now: NOON + 15_000 });
    const r = await poll(NOON + 30_000);
    expect(r.outputs('Scheduler').flat().filter((j) => (j.touch as { id: string }).id === touch.id)).toEqual([]);
    expect((await ledger.touch(touch.id))?.status).not.toBe('claimed');
  });

  it('takes at most Batch Size touches per poll and leaves the rest for the next', async () => {
    const at = NOON + 100_000;
    for (let i = 0; i < 3; i++) await enrollCaller(ledger, { phone: nextPhone(), at, dueAt: at + 1000 });
    const first = await poll(at + 2000, {}, { batchSize: 2 });
    const second = await poll(at + 2000, {}, { batchSize: 2 });
    expect([first.outputs('Scheduler')[0]?.length, second.outputs('Scheduler')[0]?.length]).toEqual([2, 1]);
  });

  it('closes a touch whose step is no longer in the template as skipped instead of emitting it', async () => {
    const at = NOON + 200_000;
    const { enrollment } = await enrollCaller(ledger, { phone: nextPhone(), at, dueAt: at + 1000 });
    const ghost = await ledger.scheduleTouch({ enrollmentId: enrollment.id, stepId: 'no-such-step', dueAt: at + 500, channel: 'sms', now: at });
    const r = await poll(at + 2000);
    expect(r.outputs('Scheduler')[0]!.map((j) => (j.touch as { stepId: string }).stepId)).toEqual(['sms-first']);
    expect((await ledger.touch(ghost.id))?.status).toBe('skipped');
  });

  describe('settle sweep of calls the trigger parked', () => {
    settleSweepTests(() => ledger, (now) => poll(now));
  });

});

describe('Scheduler → Consent Gate end to end (embedded ledger)', () => {
  let ledger: Ledger;
  beforeAll(async () => {
    useFreshUserFolder(); // a ledger of its own: no leftover claims of the tests above
    ledger = await openLedger({ kind: 'embedded', path: embeddedLedgerFile() });
  });
  afterAll(async () => ledger.close());

  it('defers a touch due at 20:45 in Miami to 08:00, then sends the same touch at 08:00', async () => {
    const phone = MIAMI;
    const { touch } = await enrollCaller(ledger, { phone, at: MIAMI_2045 - 120_000, dueAt: MIAMI_2045 - 60_000 });
    const flow = (now: number) =>
      h.runWorkflow({
        nodes: [
          { name: 'Scheduler', type: 'sequenceScheduler', parameters: { currentTime: iso(now) } },
          { name: 'Gate', type: 'consentGate', parameters: { currentTime: iso(now) } },
        ],
        connections: [['Scheduler', 'Gate']],
        startNode: 'Scheduler',
      });
    const evening = await flow(MIAMI_2045);
    expect(evening.error).toBeUndefined();
    expect(evening.order).toEqual(['Scheduler', 'Gate']);
    const outs = evening.outputs('Gate');
    expect(outs.map((o) => o.length)).toEqual([0, 1, 0, 0]);
    expect(outs[1]![0]!.gate).toMatchObject({ verdict: 'defer', notBefore: iso(NEXT_0800) });
    expect(await ledger.touch(touch.id)).toMatchObject({ status: 'pending', dueAt: NEXT_0800 });

    expect((await flow(NEXT_0800 - 60_000)).order).toEqual(['Scheduler']); // not due yet: nothing emitted
    const morning = await flow(NEXT_0800);
    const sent = morning.outputs('Gate');
    expect(sent.map((o) => o.length)).toEqual([1, 0, 0, 0]);
    expect(sent[0]![0]).toMatchObject({ touch: { id: touch.id }, gate: { verdict: 'send' } });
    expect(await ledger.touch(touch.id)).toMatchObject({ status: 'claimed', claims: 2 });
  });
});


const pgUp = await pgForNodeTests();
describe.skipIf(!pgUp)('Sequence Scheduler (Postgres ledger)', () => {
  const pgFix = pgLedgerFixture('sched_test');
  const { credentials } = pgFix;
  let ledger: Ledger;
  beforeAll(async () => {
    ledger = await pgFix.open();
  });
  afterAll(async () => {
    await ledger.close();
    await pgFix.drop();
  });

  it('claims every due touch exactly once across four concurrent polls', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++) ids.add((await enrollCaller(ledger, { phone: nextPhone(), at: NOON, dueAt: NOON + 1000 })).touch.id);
    const runs = await Promise.all(
      [0, 1, 2, 3].map(() => poll(NOON + 2000, { credentials }, { ledger: 'postgres', batchSize: 6 })),
    );
    for (const r of runs) expect(r.error).toBeUndefined();
    const got = runs.flatMap((r) => r.outputs('Scheduler')[0] ?? []).map((j) => (j.touch as { id: string }).id);
    expect(got.length).toBeLessThanOrEqual(20);
    expect(new Set(got).size).toBe(got.length);
    // whatever the first round left is taken by the next polls, still once each
    const rest = await poll(NOON + 3000, { credentials }, { ledger: 'postgres', batchSize: 50 });
    const all = [...got, ...(rest.outputs('Scheduler')[0] ?? []).map((j) => (j.touch as { id: string }).id)];
    expect(all).toHaveLength(20);
    expect(new Set(all)).toEqual(ids);
  });

  describe('settle sweep of calls the trigger parked', () => {
    settleSweepTests(() => ledger, (now) => poll(now, { credentials }, { ledger: 'postgres' }));
  });

  it('emits nothing for a contact who opted out', async () => {
    const phone = nextPhone();
    const { touch } = await enrollCaller(ledger, { phone, at: NOON + 10_000, dueAt: NOON + 20_000 });
    await ledger.recordOptOut(phone, { channel: 'all', source: 'sms_stop', text: 'STOP', now: NOON + 15_000 });
    const r = await poll(NOON + 30_000, { credentials }, { ledger: 'postgres' });
    expect(r.error).toBeUndefined();
    expect(r.outputs('Scheduler')).toEqual([]);
    expect((await ledger.touch(touch.id))?.status).not.toBe('claimed');
  });
});
