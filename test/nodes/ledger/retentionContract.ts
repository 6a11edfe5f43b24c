/**
 * Contract of Ledger.prune (retention), run against both backends: each kind goes past its period
 * and stays before it; what is still needed never goes; batches, dry run, floors and the audit entry.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS, isLedgerError, MAX_CONVERSATION_WINDOW_DAYS, type EnrollInput, type Ledger, type NextAfterTouch } from '../../../nodes/ledger';
import { RETENTION_DEFAULTS, type PruneCounts, type PruneQuery } from '../../../nodes/ledger/retention';
import type { LedgerStore } from './ledgerContract';
import { useLedgerStore } from './useLedgerStore';

const ANA = '+13055550123';
const BEN = '+13055550124';
const CAL = '+13055550125';
const NOW = Date.UTC(2031, 0, 6, 15, 0);
const ago = (days: number, ms = 0) => NOW - days * DAY_MS + ms;
const ZERO: PruneCounts = { dedupeKeys: 0, callEvents: 0, pendingCalls: 0, enrollments: 0, touches: 0, auditEntries: 0, retryLeases: 0, conversationContacts: 0 };
const last = (): NextAfterTouch => ({ kind: 'last' });

function input(over: Partial<EnrollInput> & { now: number }): EnrollInput {
  return {
    templateId: 'tpl',
    templateHash: 'h',
    template: { id: 'tpl' },
    phone: ANA,
    callId: `CA-${over.now}`,
    callEvent: {},
    reentry: { policy: 'after_completion' },
    firstSteps: [{ stepId: 's1', dueAt: over.now, channel: 'sms' }],
    ...over,
  };
}

async function enroll(l: Ledger, over: Partial<EnrollInput> & { now: number }) {
  const r = await l.enroll(input(over));
  if (!r.created) throw new Error(`expected an enrollment, got ${r.reason}`);
  return r;
}

/** An enrollment that ran from `from` to `to` (days ago), exited. */
async function endedRun(l: Ledger, from: number, to: number, over: Partial<EnrollInput> = {}) {
  const r = await enroll(l, { now: ago(from), ...over });
  await l.exitEnrollment(r.enrollment.id, 'no_reply', ago(to));
  return r;
}

/** A call a person answered, `at` (its end and arrival). */
const talk = (l: Ledger, phone: string, at: number) => l.recordConversation(phone, { callId: `CA-talk-${at}`, provider: 'twilio', direction: 'inbound', at, now: at });

const event = (l: Ledger, callId: string, at: number) =>
  l.appendCallEvent({ callId, provider: 'twilio', class: 'missed', final: true, payload: { callId }, now: at });

export function describeRetentionContract(name: string, makeStore: () => Promise<LedgerStore>): void {
  describe(`${name} ledger retention (prune)`, () => {
    const s = useLedgerStore(makeStore);
    const { connect } = s;
    let ledger: Ledger;
    beforeEach(() => {
      ({ ledger } = s);
    });
    const prune = (q: Partial<PruneQuery> = {}, l = ledger) => l.prune({ now: NOW, ...q });
    const runs = async () => (await ledger.auditTrail({ kinds: ['records_pruned'] })).map((a) => a.data as { counts: PruneCounts; complete: boolean });

    it('prunes each kind past its period and keeps it at or before its cutoff', async () => {
      const d = RETENTION_DEFAULTS;
      // dedupe keys (30 days): provider retries of calls and inbound messages
      await ledger.claimOnce('call:twilio:OLD', ago(d.dedupeKeys, -1));
      await ledger.claimOnce('inbound:twilio:SM-OLD', ago(d.dedupeKeys + 5));
      await ledger.claimOnce('call:twilio:EDGE', ago(d.dedupeKeys));
      await ledger.claimOnce('call:twilio:NEW', ago(1));
      // resolved pending calls (30 days from resolution)
      for (const [key, resolvedDaysAgo] of [['call:twilio:P-OLD', d.pendingCalls + 1], ['call:twilio:P-NEW', d.pendingCalls - 1]] as const) {
        await ledger.parkPendingCall({ callKey: key, provider: 'twilio', settleAt: ago(200), enrollSpec: {}, now: ago(200) });
        await ledger.resolvePendingCall(key, 'final', ago(resolvedDaysAgo));
      }
      // call events (400 days)
      await event(ledger, 'CA-OLD', ago(d.callEvents + 1));
      await event(ledger, 'CA-OLD', ago(d.callEvents, 1));
      await event(ledger, 'CA-NEW', ago(d.callEvents - 1));
      // ended enrollments (400 days from their end): ANA ran four times in `tpl`; e4 is the latest
      const e1 = await endedRun(ledger, 700, 650);
      const e2 = await endedRun(ledger, 420, d.enrollments + 1);
      const e3 = await endedRun(ledger, 400, d.enrollments - 1);
      const e4 = await endedRun(ledger, 100, 90);
      await ledger.scheduleTouch({ enrollmentId: e1.enrollment.id, stepId: 's2', dueAt: ago(600), now: ago(650) });
      // audit trail (1826 days)
      await ledger.audit({ kind: 'note', data: { n: 'old' }, now: ago(d.auditTrail + 1) });
      await ledger.audit({ kind: 'note', data: { n: 'edge' }, now: ago(d.auditTrail) });
      await ledger.audit({ kind: 'note', data: { n: 'new' }, now: ago(d.auditTrail - 1) });
      // contacts known only from an answered call (60 days from the call)
      await talk(ledger, '+13055550170', ago(d.conversationContacts, -1));
      await talk(ledger, '+13055550171', ago(d.conversationContacts));
      await talk(ledger, '+13055550172', ago(d.conversationContacts - 1));
      const auditBefore = (await ledger.auditTrail({ limit: 10_000 })).length;

      const r = await prune();
      expect(r).toMatchObject({ dryRun: false, complete: true, days: RETENTION_DEFAULTS });
      expect(r.cutoffs.auditTrail).toBe(ago(d.auditTrail));
      expect(r.counts).toEqual({ dedupeKeys: 2, callEvents: 1, pendingCalls: 1, enrollments: 2, touches: 3, auditEntries: 1, retryLeases: 0, conversationContacts: 1 });
      expect(await ledger.contact('+13055550170')).toBeNull();
      expect((await ledger.contact('+13055550171'))!.lastConversationAt).toBe(ago(d.conversationContacts));
      expect(await ledger.contact('+13055550172')).not.toBeNull();

      expect(await ledger.claimOnce('call:twilio:OLD', NOW)).toBe(true);
      expect(await ledger.claimOnce('inbound:twilio:SM-OLD', NOW)).toBe(true);
      expect(await ledger.claimOnce('call:twilio:EDGE', NOW)).toBe(false);
      expect(await ledger.claimOnce('call:twilio:NEW', NOW)).toBe(false);
      expect(await ledger.pendingCall('call:twilio:P-OLD')).toBeNull();
      expect(await ledger.pendingCall('call:twilio:P-NEW')).toMatchObject({ status: 'resolved' });
      expect((await ledger.callEvents('CA-OLD')).map((e) => e.receivedAt)).toEqual([ago(d.callEvents, 1)]);
      expect(await ledger.callEvents('CA-NEW')).toHaveLength(1);
      expect(await ledger.enrollment(e1.enrollment.id)).toBeNull();
      expect(await ledger.touchesOf(e1.enrollment.id)).toEqual([]);
      expect(await ledger.touch(e1.touches[0]!.id)).toBeNull();
      expect(await ledger.enrollment(e2.enrollment.id)).toBeNull();
      expect(await ledger.enrollment(e3.enrollment.id)).toMatchObject({ status: 'exited' });
      expect(await ledger.touchesOf(e3.enrollment.id)).toHaveLength(1);
      const notes = (await ledger.auditTrail({ kinds: ['note'] })).map((a) => (a.data as { n: string }).n);
      expect(notes).toEqual(['edge', 'new']);
      expect((await ledger.auditTrail({ limit: 10_000 })).length).toBe(auditBefore); // one note pruned, one records_pruned added

      // two days later e3 falls out of its period too; e4, the latest run, stays for good
      const later = await prune({ now: NOW + 2 * DAY_MS });
      expect(later.counts).toMatchObject({ enrollments: 1, touches: 1 });
      expect(await ledger.enrollment(e3.enrollment.id)).toBeNull();
      expect(await ledger.enrollment(e4.enrollment.id)).not.toBeNull();
      expect((await prune({ now: NOW + 5000 * DAY_MS })).counts.enrollments).toBe(0);
      expect(await ledger.enrollment(e4.enrollment.id)).not.toBeNull();
    });

    it('audits each run once with its periods, cutoffs and counts', async () => {
      await ledger.claimOnce('call:twilio:OLD', ago(60));
      const r = await prune({ days: { dedupeKeys: 45 }, batchSize: 7 });
      const [entry] = await ledger.auditTrail({ kinds: ['records_pruned'] });
      expect(entry).toMatchObject({ at: NOW, phone: null, enrollmentId: null });
      expect(entry!.data).toEqual({
        days: { ...RETENTION_DEFAULTS, dedupeKeys: 45 },
        cutoffs: r.cutoffs,
        counts: { ...ZERO, dedupeKeys: 1 },
        complete: true,
        batchSize: 7,
      });
      expect(r.cutoffs.dedupeKeys).toBe(ago(45));
    });

    it('never prunes opt-outs, consent, contacts, active enrollments, open touches or pending calls', async () => {
      const old = 3000; // older than every period
      // CAL opted out and consented long ago: the audit entries go, the contact's records stay
      await ledger.recordConsent(CAL, 'written', 'web_form', ago(old));
      await ledger.recordOptOut(CAL, { channel: 'sms', source: 'sms_stop', text: 'STOP', now: ago(old) });
      await ledger.upsertContact({ phone: BEN, name: 'Ben', now: ago(old) });
      // ANA: an enrollment active for ages, its call events with it
      const active = await enroll(ledger, { now: ago(old), callId: 'CA-ACTIVE', firstSteps: [{ stepId: 's1', dueAt: NOW + DAY_MS, channel: 'sms' }] });
      await event(ledger, 'CA-ACTIVE', ago(old));
      // an unresolved pending call: its key and events stay
      await ledger.parkPendingCall({ callKey: 'call:twilio:CA-PARKED', provider: 'twilio', settleAt: ago(old - 1), enrollSpec: {}, now: ago(old) });
      await ledger.claimOnce('call:twilio:CA-PARKED', ago(old));
      await event(ledger, 'CA-PARKED', ago(old));
      // BEN: an old run whose send never finished (sending), then a newer run; both ended long ago
      const stuck = await enroll(ledger, { phone: BEN, now: ago(old) });
      const [claimed] = await ledger.claimDueTouches({ now: ago(old), limit: 1, worker: 'w', leaseMs: 60_000 });
      expect(claimed!.id).toBe(stuck.touches[0]!.id);
      expect(await ledger.beginSend(claimed!.id, 'k1', ago(old))).toBe('go');
      await ledger.exitEnrollment(stuck.enrollment.id, 'no_reply', ago(old - 1));
      await endedRun(ledger, old - 2, old - 3, { phone: BEN });
      // other dedupe keys guard a business fact once, for good
      await ledger.claimOnce(`conversion:${stuck.enrollment.id}`, ago(old));

      const r = await prune();
      expect(r.counts).toMatchObject({ dedupeKeys: 0, callEvents: 0, pendingCalls: 0, enrollments: 0 });
      expect(r.counts.auditEntries).toBeGreaterThan(0);
      const cal = (await ledger.contact(CAL))!;
      expect(cal.consent).toEqual({ level: 'written', source: 'web_form', at: ago(old) });
      expect(cal.optOut.sms).toEqual({ at: ago(old), source: 'sms_stop', text: 'STOP' });
      expect((await ledger.optOuts()).map((o) => o.phone)).toEqual([CAL]);
      expect(await ledger.enroll(input({ phone: CAL, now: NOW }))).toMatchObject({ created: false, reason: 'opted_out' });
      expect((await ledger.contact(BEN))!.name).toBe('Ben');
      expect(await ledger.enrollment(active.enrollment.id)).toMatchObject({ status: 'active' });
      expect(await ledger.touch(active.touches[0]!.id)).toMatchObject({ status: 'pending' });
      expect(await ledger.callEvents('CA-ACTIVE')).toHaveLength(1);
      expect(await ledger.pendingCall('call:twilio:CA-PARKED')).toMatchObject({ status: 'pending' });
      expect(await ledger.claimOnce('call:twilio:CA-PARKED', NOW)).toBe(false);
      expect(await ledger.callEvents('CA-PARKED')).toHaveLength(1);
      expect(await ledger.claimOnce(`conversion:${stuck.enrollment.id}`, NOW)).toBe(false);
      expect(await ledger.touch(claimed!.id)).toMatchObject({ status: 'sending' });

      // the send fails: still open until the sweep settles it; then the old run goes
      await ledger.completeTouch(claimed!.id, { status: 'failed', now: NOW });
      expect((await prune()).counts.enrollments).toBe(0);
      await ledger.settleStrandedTouches({ now: NOW, sendLeaseMs: 60_000, limit: 10, next: last });
      expect((await prune()).counts).toMatchObject({ enrollments: 1, touches: 1 });
      expect(await ledger.enrollment(stuck.enrollment.id)).toBeNull();
      // once the parked call is resolved (and its period passed) its key and events go too
      await ledger.resolvePendingCall('call:twilio:CA-PARKED', 'final', ago(old - 10));
      expect((await prune()).counts).toMatchObject({ pendingCalls: 1, dedupeKeys: 1, callEvents: 1 });
    });

    it('never prunes an email suppression, also once its audit entry and its contact’s conversation are gone', async () => {
      const old = 3000; // older than every period
      await ledger.recordEmailSuppression({ email: 'dana@example.com', phone: BEN, source: 'bounce', code: '5.1.1', touchId: 't-old', now: ago(old) });
      await ledger.recordEmailSuppression({ email: 'ana@example.com', phone: null, source: 'manual', code: null, touchId: null, now: ago(old) });
      await talk(ledger, BEN, ago(old));
      const r = await prune();
      expect(r.counts).toMatchObject({ conversationContacts: 1 });
      expect(r.counts.auditEntries).toBeGreaterThanOrEqual(2);
      expect(await ledger.auditTrail({ kinds: ['email_suppressed'] })).toEqual([]);
      expect(await ledger.contact(BEN)).toBeNull();
      expect(await ledger.emailSuppression('dana@example.com')).toEqual({ email: 'dana@example.com', at: ago(old), source: 'bounce', code: '5.1.1', touchId: 't-old', phone: BEN });
      expect(await ledger.emailSuppression('ana@example.com')).toMatchObject({ source: 'manual', at: ago(old) });
      expect((await prune({ dryRun: true })).counts).toEqual(ZERO);
    });

    it('prunes retry leases that ran out (released or left by a run that died) and keeps the ones still held', async () => {
      const kinds = { kind: 'crm_pending', resolvedBy: ['crm_resolved'] };
      for (const key of ['released', 'died', 'held']) await ledger.audit({ kind: 'crm_pending', data: { key }, now: NOW - 3 * 3_600_000 });
      const claim = (worker: string, limit: number, leaseMs: number, now = NOW - 2 * 3_600_000) =>
        ledger.claimPendingRecords({ ...kinds, since: 0, now, limit, worker, leaseMs });
      await claim('w1', 1, 60_000);
      await ledger.releaseRecordLease('released', 'w1', NOW - 2 * 3_600_000 + 1);
      await claim('died', 1, 60_000);
      await claim('w2', 1, 3 * 3_600_000);
      const dry = await prune({ dryRun: true });
      expect(dry.counts).toEqual({ ...ZERO, retryLeases: 2 });
      expect((await prune()).counts).toEqual(dry.counts);
      expect((await runs()).map((x) => x.counts.retryLeases)).toEqual([2]);
      // pruned ones start over on the next claim; the held one is still held, and kept (its second claim)
      const next = await claim('w3', 10, 3 * 3_600_000, NOW);
      expect(next.map((r) => [r.key, r.claims])).toEqual([['released', 1], ['died', 1]]);
      expect((await claim('w4', 10, 60_000, NOW + 3_600_000)).map((r) => [r.key, r.claims])).toEqual([['held', 2]]);
    });

    it('keeps the latest run of a contact in a template, so re-entry policies still hold', async () => {
      const only = await endedRun(ledger, 2000, 1990, { phone: BEN, reentry: { policy: 'never' } });
      const a1 = await endedRun(ledger, 900, 890, { templateId: 'tpl-days', reentry: { policy: 'after_days', days: 1000 } });
      expect((await prune()).counts.enrollments).toBe(0);
      expect(await ledger.enrollment(only.enrollment.id)).not.toBeNull();
      expect(await ledger.enroll(input({ phone: BEN, reentry: { policy: 'never' }, now: NOW }))).toMatchObject({
        created: false,
        reason: 'reentry_blocked',
      });
      expect(await ledger.enroll(input({ templateId: 'tpl-days', reentry: { policy: 'after_days', days: 1000 }, now: NOW }))).toMatchObject({
        created: false,
        reason: 'reentry_blocked',
        enrollment: { id: a1.enrollment.id },
      });
    });

    it('works in bounded batches that make progress; a second run prunes nothing', async () => {
      for (let i = 0; i < 5; i++) {
        await ledger.claimOnce(`call:twilio:B${i}`, ago(100, i));
        await event(ledger, `B${i}`, ago(500, i));
        await endedRun(ledger, 600 - i, 550 - i, { phone: BEN, callId: `B${i}` });
        await ledger.audit({ kind: 'note', data: { i }, now: ago(2000, i) });
      }
      const first = await prune({ batchSize: 2, maxBatches: 1 });
      expect(first).toMatchObject({ complete: false, counts: { dedupeKeys: 2, callEvents: 2, enrollments: 2, auditEntries: 2 } });
      expect(first.counts.touches).toBe(2);
      // oldest first
      expect((await ledger.auditTrail({ kinds: ['note'] })).map((a) => (a.data as { i: number }).i)).toEqual([2, 3, 4]);
      expect(await ledger.callEvents('B1')).toEqual([]);
      expect(await ledger.callEvents('B2')).toHaveLength(1);
      const second = await prune({ batchSize: 2, maxBatches: 1 });
      expect(second).toMatchObject({ complete: false, counts: { dedupeKeys: 2, callEvents: 2, enrollments: 2, auditEntries: 2 } });
      const rest = await prune({ batchSize: 2 });
      // the 5th run of BEN is the latest: it stays
      expect(rest).toMatchObject({ complete: true, counts: { dedupeKeys: 1, callEvents: 1, enrollments: 0, auditEntries: 1 } });
      const again = await prune({ batchSize: 2 });
      expect(again).toMatchObject({ complete: true, counts: ZERO });
      expect((await runs()).map((x) => x.complete)).toEqual([false, false, true, true]);
      expect(await ledger.auditTrail({ kinds: ['note'] })).toEqual([]);
    });

    it('a dry run counts exactly what a run then prunes and changes nothing', async () => {
      await ledger.claimOnce('call:twilio:OLD', ago(100));
      await event(ledger, 'CA-OLD', ago(500));
      await endedRun(ledger, 800, 790);
      await endedRun(ledger, 700, 690);
      await ledger.audit({ kind: 'note', data: {}, now: ago(2000) });
      await talk(ledger, BEN, ago(100));
      const trail = await ledger.auditTrail({ limit: 10_000 });

      const dry = await prune({ dryRun: true, batchSize: 1, maxBatches: 1 });
      expect(dry).toMatchObject({ dryRun: true, complete: true });
      expect(dry.counts).toEqual({ dedupeKeys: 1, callEvents: 1, pendingCalls: 0, enrollments: 1, touches: 1, auditEntries: 1, retryLeases: 0, conversationContacts: 1 });
      expect(await ledger.auditTrail({ limit: 10_000 })).toEqual(trail);
      expect(await ledger.claimOnce('call:twilio:OLD', NOW)).toBe(false);
      expect(await ledger.callEvents('CA-OLD')).toHaveLength(1);
      expect(await ledger.enrollmentsOf(ANA)).toHaveLength(2);
      expect(await ledger.contact(BEN)).not.toBeNull();

      expect((await prune()).counts).toEqual(dry.counts);
      expect(await ledger.contact(BEN)).toBeNull();
    });

    it('two pruners at once delete each row once', async () => {
      const other = await connect();
      for (let i = 0; i < 12; i++) {
        await ledger.claimOnce(`call:twilio:R${i}`, ago(100, i));
        await endedRun(ledger, 900 - i, 800 - i, { phone: BEN, callId: `R${i}` });
        await ledger.audit({ kind: 'note', data: { i }, now: ago(2000, i) });
      }
      const rs = await Promise.all([prune({ batchSize: 3 }), prune({ batchSize: 3 }, other)]);
      const sum = (k: keyof PruneCounts) => rs[0]!.counts[k] + rs[1]!.counts[k];
      expect([sum('dedupeKeys'), sum('enrollments'), sum('touches'), sum('auditEntries')]).toEqual([12, 11, 11, 12]);
      expect(await ledger.enrollmentsOf(BEN)).toHaveLength(1);
    });

    it('prunes a contact known only from an old answered call, and keeps every contact holding anything else', async () => {
      const d = RETENTION_DEFAULTS.conversationContacts;
      const old = ago(d + 1);
      const p = (n: number) => `+1305555${String(3000 + n)}`;
      const only = p(0); // nothing but the conversation
      const refused = p(1); // then a miss refused in_conversation (the enrollment touched the row, set nothing)
      const recent = p(2); // a conversation inside the period
      for (const phone of [only, refused, p(3), p(4), p(5), p(6), p(7), p(8), p(9)]) await talk(ledger, phone, old);
      await talk(ledger, recent, ago(d - 1));
      expect(await ledger.enroll(input({ phone: refused, callId: 'CA-r', now: old + 60_000, conversationWindowMs: DAY_MS }))).toMatchObject({
        created: false,
        reason: 'in_conversation',
      });
      await endedRun(ledger, d + 1, d, { phone: p(3) });
      await ledger.recordOptOut(p(4), { channel: 'sms', source: 'sms_stop', text: 'STOP', now: old });
      await ledger.recordConsent(p(5), 'marketing', 'web_form', old);
      await ledger.recordReply(p(6), { text: 'thanks', class: 'reply', channel: 'sms', now: old });
      await ledger.upsertContact({ phone: p(7), name: 'Gil', now: old });
      await ledger.recordCarrierLineType(p(8), { type: 'mobile', source: 'twilio_lookup', now: old });
      await ledger.pauseContact(p(9), null, 'asked for no texts', old);
      await ledger.upsertContact({ phone: p(10), now: old }); // a contact without any conversation: not this kind
      await talk(ledger, p(11), old);
      await ledger.setContactLanguage(p(11), 'es', 'crm', old); // a preferred language (migration 10) is kept too

      const dry = await prune({ dryRun: true });
      expect(dry.counts).toEqual({ ...ZERO, conversationContacts: 2 });
      expect(dry.cutoffs.conversationContacts).toBe(ago(d));
      expect(await ledger.contact(only)).not.toBeNull();
      const r = await prune({ batchSize: 1 });
      expect(r.counts).toEqual({ ...ZERO, conversationContacts: 2 });
      expect(await ledger.contact(only)).toBeNull();
      expect(await ledger.contact(refused)).toBeNull();
      for (const phone of [recent, p(3), p(4), p(5), p(6), p(7), p(8), p(9), p(10), p(11)]) expect(await ledger.contact(phone), phone).not.toBeNull();
      expect((await ledger.contact(p(3)))!.lastConversationAt).toBe(old);
      expect(await ledger.enrollmentsOf(p(3))).toHaveLength(1);
      expect((await prune()).counts).toEqual(ZERO);

      // a shorter period (down to the 30-day floor) takes the recent one too; a new call brings a row back
      expect((await prune({ days: { conversationContacts: MAX_CONVERSATION_WINDOW_DAYS } })).counts).toEqual({ ...ZERO, conversationContacts: 1 });
      expect(await ledger.contact(recent)).toBeNull();
      await talk(ledger, only, NOW);
      expect(await ledger.enroll(input({ phone: only, callId: 'CA-o', now: NOW + 60_000, conversationWindowMs: DAY_MS }))).toMatchObject({
        created: false,
        reason: 'in_conversation',
      });
    });

    it('a prune and enrollments of the same conversation-only contacts at once lose no enrollment and no contact', async () => {
      const other = await connect();
      const phones = Array.from({ length: 12 }, (_, i) => `+1305555${String(4000 + i)}`);
      for (const phone of phones) await talk(ledger, phone, ago(RETENTION_DEFAULTS.conversationContacts + 10));
      const [pruned, ...runs] = await Promise.all([
        prune({ batchSize: 2 }),
        ...phones.map((phone, i) => enroll(other, { phone, callId: `CA-c${i}`, now: NOW })),
      ]);
      let gone = 0;
      for (const [i, phone] of phones.entries()) {
        const contact = (await ledger.contact(phone))!;
        expect(contact, phone).not.toBeNull();
        expect((await ledger.enrollmentsOf(phone)).map((e) => e.id), phone).toEqual([runs[i]!.enrollment.id]);
        // pruned before its enrollment (which made a fresh row), or kept because the enrollment came first
        if (contact.lastConversationAt === null) gone++;
      }
      expect(pruned!.counts.conversationContacts).toBe(gone);
      expect((await prune()).counts.conversationContacts).toBe(0);
    });

    it('refuses periods below the floors and bad batch sizes', async () => {
      const refused = async (q: Partial<PruneQuery>) => {
        const e = await prune(q).then(() => null, (err: unknown) => err);
        expect(isLedgerError(e, 'invalid_argument'), JSON.stringify(q)).toBe(true);
      };
      await refused({ days: { auditTrail: 1460 } });
      await refused({ days: { dedupeKeys: 0 } });
      await refused({ days: { callEvents: 1.5 } });
      await refused({ days: { conversationContacts: MAX_CONVERSATION_WINDOW_DAYS - 1 } });
      await refused({ batchSize: 0 });
      await refused({ batchSize: 10_001 });
      await refused({ maxBatches: 0 });
      await refused({ now: 1.5 });
      expect(await runs()).toEqual([]);
      expect((await prune({ days: { auditTrail: 1461, dedupeKeys: 1, conversationContacts: MAX_CONVERSATION_WINDOW_DAYS } })).counts).toEqual(ZERO);
    });
  });
}
