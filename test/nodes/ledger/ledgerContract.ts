/**
 * The one contract both ledger backends pass. A store is one database (a file, a schema);
 * `connect()` opens a further connection/pool to it, which is how the suite races two
 * connections against each other.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  CARRIER_LINE_TYPE_TTL_MS,
  DAY_MS,
  freshCarrierLineType,
  isContactPaused,
  isLedgerError,
  MAX_CONVERSATION_WINDOW_MS,
  type CompletedTouch,
  type EnrollInput,
  type EnrollResult,
  type Ledger,
  type LedgerErrorCode,
  type NextAfterTouch,
  type Touch,
  OUTCOME_UNKNOWN,
  CONTACT_LANGUAGE_KIND,
  EMAIL_SUPPRESSED_KIND,
  EMAIL_SUPPRESSION_CLEARED_KIND,
} from '../../../nodes/ledger';
import type { DeliveryState } from '../../../shared/delivery';
import type { WriteFault } from './failWritesIn';
import { useLedgerStore } from './useLedgerStore';

export interface LedgerStore {
  /** a new, migrated connection to the store */
  connect(): Promise<Ledger>;
  /** a new connection that has not run migrate() */
  connectUnmigrated(): Ledger;
  /** drops the store */
  destroy(): Promise<void>;
  /** makes matching writes to the store fail (see failWritesIn); returns the function that heals it */
  failWrites(f: WriteFault): Promise<() => Promise<void>>;
  /** creates the store's schema as the package's migrations 1…`version` leave it (an older package's ledger) */
  migrateUpTo(version: number): Promise<void>;
}

const ANA = '+13055550123';
const BEN = '+13055550124';
const T0 = Date.UTC(2026, 2 /* Mar */, 2, 15, 0);
const MIN = 60_000;

async function rejectsWith(p: Promise<unknown>, code: LedgerErrorCode): Promise<void> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(isLedgerError(e, code), `expected LedgerError ${code}, got ${String(e)}`).toBe(true);
}

function enrollInput(over: Partial<EnrollInput> = {}): EnrollInput {
  const now = over.now ?? T0;
  return {
    templateId: 'tpl-dental',
    templateHash: 'sha256:abc',
    template: { id: 'tpl-dental', steps: ['s1', 's2'] },
    phone: ANA,
    callId: 'CA1',
    callEvent: { callId: over.callId ?? 'CA1', class: 'missed' },
    reentry: { policy: 'after_completion' },
    firstSteps: [{ stepId: 's1', dueAt: now, channel: 'sms' }],
    now,
    ...over,
  };
}

function created(r: EnrollResult) {
  if (!r.created) throw new Error(`expected an enrollment, got refusal ${r.reason}`);
  return r;
}

export function describeLedgerContract(name: string, makeStore: () => Promise<LedgerStore>): void {
  describe(`${name} ledger contract`, () => {
    const s = useLedgerStore(makeStore);
    const { connect } = s;
    let store: LedgerStore;
    let ledger: Ledger;
    beforeEach(() => {
      ({ store, ledger } = s);
    });

    describe('dedupe and call events', () => {
      it('claimOnce is true only for the first claimer of a key', async () => {
        expect(await ledger.claimOnce('twilio:CA1', T0)).toBe(true);
        expect(await ledger.claimOnce('twilio:CA1', T0 + 1)).toBe(false);
        expect(await ledger.claimOnce('twilio:CA2', T0 + 2)).toBe(true);
      });

      it('releaseOnce gives a failed claim back so a retry can claim it, and audits it', async () => {
        expect(await ledger.claimOnce('twilio:CA9', T0)).toBe(true);
        expect(await ledger.releaseOnce('twilio:CA9', 'template_unavailable', T0 + 1)).toBe(true);
        expect(await ledger.releaseOnce('twilio:CA9', 'again', T0 + 2)).toBe(false);
        expect(await ledger.claimOnce('twilio:CA9', T0 + 3)).toBe(true);
        const trail = await ledger.auditTrail({ kinds: ['claim_released'] });
        expect(trail.map((a) => a.data)).toEqual([{ key: 'twilio:CA9', reason: 'template_unavailable' }]);
      });

      it('claimOnce is true exactly once when 20 callers race on two connections', async () => {
        const other = await connect();
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => (i % 2 ? ledger : other).claimOnce('aircall:race', T0 + i)),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });

      it('keeps the events of a call in arrival order with their payloads', async () => {
        await ledger.appendCallEvent({ callId: 'CA1', provider: 'twilio', class: 'pending', final: false, payload: { s: 'ringing' }, now: T0 });
        await ledger.appendCallEvent({ callId: 'CA2', provider: 'twilio', class: 'missed', final: true, payload: null, now: T0 + 1 });
        const returned = await ledger.appendCallEvent({ callId: 'CA1', provider: 'twilio', class: 'missed', final: true, payload: { s: 'no-answer', n: [1, 2] }, now: T0 + 2 });
        const events = await ledger.callEvents('CA1');
        // the append answers with the call's events, its own included (one transaction, no second read)
        expect(returned).toEqual(events);
        expect(events.map((e) => [e.class, e.final, e.payload, e.receivedAt])).toEqual([
          ['pending', false, { s: 'ringing' }, T0],
          ['missed', true, { s: 'no-answer', n: [1, 2] }, T0 + 2],
        ]);
        expect(events[0]!.seq).toBeLessThan(events[1]!.seq);
      });
    });

    describe('one transaction per delivery step (the trigger)', () => {
      it('claimOnce with resolvePending resolves the parked call in the same transaction, claim or not', async () => {
        await ledger.parkPendingCall({ callKey: 'twilio:CA7', provider: 'twilio', settleAt: T0 + 90_000, enrollSpec: { v: 1 }, now: T0 });
        expect(await ledger.claimOnce('twilio:CA7', T0 + 1, { resolvePending: 'final' })).toBe(true);
        expect(await ledger.pendingCall('twilio:CA7')).toMatchObject({ status: 'resolved', outcome: 'final', resolvedAt: T0 + 1 });
        expect(await ledger.claimOnce('twilio:CA7', T0 + 2, { resolvePending: 'answered' })).toBe(false);
        // resolved once: the later outcome does not overwrite the first, and one call_unparked row is written
        expect(await ledger.pendingCall('twilio:CA7')).toMatchObject({ outcome: 'final' });
        expect(await ledger.auditTrail({ kinds: ['call_unparked'] })).toHaveLength(1);
        // nothing parked: still a plain claim
        expect(await ledger.claimOnce('twilio:CA8', T0, { resolvePending: 'final' })).toBe(true);
      });

      it('enroll records the inbound-call consent only when none is on record, and the trigger audit row, with the enrollment', async () => {
        const onCreated = { consentIfNone: { level: 'informational' as const, source: 'inbound_call:twilio:CA1' }, audit: { kind: 'missed_call_triggered', data: { callId: 'CA1' } } };
        const r = created(await ledger.enroll({ ...enrollInput(), onCreated }));
        expect((await ledger.contact(ANA))?.consent).toEqual({ level: 'informational', source: 'inbound_call:twilio:CA1', at: T0 });
        const trail = await ledger.auditTrail({ kinds: ['missed_call_triggered', 'consent_recorded'] });
        expect(trail.map((a) => [a.kind, a.enrollmentId])).toEqual(
          expect.arrayContaining([
            ['consent_recorded', null],
            ['missed_call_triggered', r.enrollment.id],
          ]),
        );
        // written consent on record is never lowered by a later call
        await ledger.recordConsent(BEN, 'written', 'web-form', T0);
        created(await ledger.enroll({ ...enrollInput({ phone: BEN, callId: 'CA2' }), onCreated: { ...onCreated, consentIfNone: { level: 'informational', source: 'inbound_call:twilio:CA2' } } }));
        expect((await ledger.contact(BEN))?.consent).toMatchObject({ level: 'written', source: 'web-form' });
      });

      it('touchContext reads a touch with its enrollment and contact in one go', async () => {
        await ledger.upsertContact({ phone: ANA, name: 'Ana', now: T0 });
        const r = created(await ledger.enroll(enrollInput()));
        const ctx = await ledger.touchContext(r.touches[0]!.id);
        expect(ctx?.touch).toEqual(r.touches[0]);
        expect(ctx?.enrollment).toEqual(r.enrollment);
        expect(ctx?.contact).toEqual(await ledger.contact(ANA));
        expect(ctx?.contact?.name).toBe('Ana');
        expect(await ledger.touchContext('no-such-touch')).toBeNull();
      });

      it('a refused enrollment writes neither the consent nor the audit row', async () => {
        await ledger.recordOptOut(ANA, { channel: 'sms', source: 'keyword', text: 'STOP', now: T0 - 1 });
        const r = await ledger.enroll({ ...enrollInput(), onCreated: { consentIfNone: { level: 'informational', source: 'x' }, audit: { kind: 'missed_call_triggered', data: {} } } });
        expect(r.created).toBe(false);
        expect((await ledger.contact(ANA))?.consent).toBeNull();
        expect(await ledger.auditTrail({ kinds: ['missed_call_triggered'] })).toEqual([]);
      });

      describe('enrollOnce (claimOnce + enroll in one transaction)', () => {
        const trail = async () => (await ledger.auditTrail({})).map((a) => a.kind);

        it('claims the key and enrolls, as claimOnce then enroll would; null and nothing done once the key is claimed', async () => {
          const r = created((await ledger.enrollOnce({ key: 'call:twilio:CA1' }, enrollInput()))!);
          expect(r).toMatchObject({ enrollment: { callId: 'CA1', status: 'active' }, touches: [{ stepId: 's1', status: 'pending' }] });
          expect(r.enrollment).toEqual(await ledger.enrollment(r.enrollment.id));
          expect(r.touches).toEqual(await ledger.touchesOf(r.enrollment.id));
          expect(await ledger.claimOnce('call:twilio:CA1', T0 + 1)).toBe(false);
          const before = await trail();
          expect(await ledger.enrollOnce({ key: 'call:twilio:CA1' }, enrollInput({ phone: BEN, callId: 'CA2' }))).toBeNull();
          expect(await ledger.enrollmentsOf(BEN)).toEqual([]);
          expect(await ledger.contact(BEN)).toBeNull();
          expect(await trail()).toEqual(before);
          await ledger.claimOnce('call:twilio:CA3', T0);
          expect(await ledger.enrollOnce({ key: 'call:twilio:CA3' }, enrollInput({ callId: 'CA3' }))).toBeNull();
        });

        it('keeps the claim of a refused enrollment, which is audited', async () => {
          await ledger.recordOptOut(ANA, { channel: 'sms', source: 'keyword', text: 'STOP', now: T0 - 1 });
          expect(await ledger.enrollOnce({ key: 'call:twilio:CA1' }, enrollInput())).toMatchObject({ created: false, reason: 'opted_out' });
          expect(await ledger.claimOnce('call:twilio:CA1', T0 + 1)).toBe(false);
          expect(await ledger.auditTrail({ kinds: ['enrollment_refused'] })).toHaveLength(1);
        });

        it('resolves the parked call with resolvePending, claim or not', async () => {
          const park = (key: string) => ledger.parkPendingCall({ callKey: key, provider: 'twilio', settleAt: T0 + 90_000, enrollSpec: { v: 1 }, now: T0 - 5 });
          await park('call:twilio:CA1');
          expect(await ledger.enrollOnce({ key: 'call:twilio:CA1', resolvePending: 'final' }, enrollInput())).toMatchObject({ created: true });
          expect(await ledger.pendingCall('call:twilio:CA1')).toMatchObject({ status: 'resolved', outcome: 'final', resolvedAt: T0 });
          await park('call:twilio:CA2');
          await ledger.claimOnce('call:twilio:CA2', T0);
          expect(await ledger.enrollOnce({ key: 'call:twilio:CA2', resolvePending: 'settled' }, enrollInput({ phone: BEN, callId: 'CA2' }))).toBeNull();
          expect(await ledger.pendingCall('call:twilio:CA2')).toMatchObject({ status: 'resolved', outcome: 'settled' });
          // the same audit rows, in the same order, as claimOnce then enroll
          expect(await trail()).toEqual(['call_parked', 'call_unparked', 'enrollment_created', 'call_parked', 'call_unparked']);
        });

        it('a failure inside the transaction leaves nothing behind: no claim, no resolved parked call, no enrollment, no audit row', async () => {
          await ledger.parkPendingCall({ callKey: 'call:twilio:CA1', provider: 'twilio', settleAt: T0 + 90_000, enrollSpec: { v: 1 }, now: T0 - 5 });
          const before = await trail();
          const heal = await store.failWrites({ op: 'INSERT', table: 'touches', column: 'step_id', value: 's1' });
          const onCreated = { consentIfNone: { level: 'informational' as const, source: 'inbound_call:twilio:CA1' }, audit: { kind: 'missed_call_triggered', data: {} } };
          const e = await ledger.enrollOnce({ key: 'call:twilio:CA1', resolvePending: 'final' }, { ...enrollInput(), onCreated }).then(() => null, (err: unknown) => err);
          await heal();
          expect(String(e)).toMatch(/injected fault/);
          expect(await ledger.pendingCall('call:twilio:CA1')).toMatchObject({ status: 'pending', outcome: null });
          expect(await ledger.enrollmentsOf(ANA)).toEqual([]);
          expect(await ledger.contact(ANA)).toBeNull();
          expect(await trail()).toEqual(before);
          // the provider's retry claims and enrolls it
          expect(await ledger.enrollOnce({ key: 'call:twilio:CA1', resolvePending: 'final' }, { ...enrollInput(), onCreated })).toMatchObject({ created: true });
        });

        it('enrolls once when 10 deliveries of one call race on two connections', async () => {
          const other = await connect();
          const results = await Promise.all(
            Array.from({ length: 10 }, (_, i) => (i % 2 ? ledger : other).enrollOnce({ key: 'call:aircall:race' }, enrollInput({ callId: 'race', now: T0 + i }))),
          );
          expect(results.filter((r) => r !== null)).toHaveLength(1);
          expect(await ledger.enrollmentsOf(ANA)).toHaveLength(1);
        });

        it('refuses a missing key like claimOnce', async () => {
          await rejectsWith(ledger.enrollOnce({ key: '' }, enrollInput()), 'invalid_argument');
          await rejectsWith(ledger.enrollOnce({ key: 'k', resolvePending: '' }, enrollInput()), 'invalid_argument');
          expect(await ledger.enrollmentsOf(ANA)).toEqual([]);
        });
      });

      it('contactForGate reads what contact and recentSends read, in one go', async () => {
        expect(await ledger.contactForGate(ANA, T0)).toEqual({ contact: null, recentSends: [] });
        await ledger.upsertContact({ phone: ANA, name: 'Ana', now: T0 - 5 });
        await ledger.recordOptOut(ANA, { channel: 'email', source: 'link', now: T0 - 4 });
        expect(await ledger.contactForGate(ANA, T0)).toEqual({ contact: await ledger.contact(ANA), recentSends: [] });
        const r = created(await ledger.enroll(enrollInput({ channels: ['sms'], firstSteps: [{ stepId: 'a', dueAt: T0, channel: 'sms' }, { stepId: 'b', dueAt: T0, channel: 'sms' }, { stepId: 'c', dueAt: T0, channel: 'sms' }] })));
        const [a, b, c] = r.touches;
        for (const [t, at] of [[c, T0 + 3], [a, T0 - DAY_MS], [b, T0 + 1]] as const) expect(await ledger.beginSend(t!.id, `k-${t!.stepId}`, at)).toBe('go');
        await ledger.completeTouch(b!.id, { status: 'sent', now: T0 + 2 });
        const both = await ledger.contactForGate(ANA, T0);
        expect(both).toEqual({ contact: await ledger.contact(ANA), recentSends: await ledger.recentSends(ANA, T0) });
        expect(both.recentSends).toEqual([T0 + 2, T0 + 3]);
        expect(both.contact).toMatchObject({ name: 'Ana', optOut: { sms: null, email: { source: 'link' } } });
        expect(await ledger.contactForGate(BEN, T0)).toEqual({ contact: null, recentSends: [] });
        await rejectsWith(ledger.contactForGate('555', T0), 'invalid_phone');
        await rejectsWith(ledger.contactForGate(ANA, 1.5), 'invalid_argument');
      });

      it('refuses an unknown consent level in onCreated', async () => {
        await expect(ledger.enroll({ ...enrollInput(), onCreated: { consentIfNone: { level: 'implied' as never, source: 'x' } } })).rejects.toMatchObject({ code: 'invalid_argument' });
      });
    });

    describe('contacts, consent and suppression', () => {
      it('upsertContact keeps a field left undefined and clears a field set to null', async () => {
        await ledger.upsertContact({ phone: ANA, name: 'Ana', email: 'ana@example.com', now: T0 });
        await ledger.upsertContact({ phone: ANA, email: null, now: T0 + 5 });
        const c = await ledger.contact(ANA);
        expect(c).toMatchObject({ phone: ANA, name: 'Ana', email: null, createdAt: T0, updatedAt: T0 + 5 });
        expect(await ledger.contact(BEN)).toBeNull();
      });

      it.each(['3055550123', '+0305555012', 'anonymous', '+1 305 555 0123'])('rejects %s, which is not E.164', async (phone) => {
        await rejectsWith(ledger.upsertContact({ phone, now: T0 }), 'invalid_phone');
        await rejectsWith(ledger.recordOptOut(phone, { channel: 'sms', source: 'sms', now: T0 }), 'invalid_phone');
      });

      it('records consent, the latest record winning', async () => {
        await ledger.recordConsent(ANA, 'written', 'web form', T0);
        await ledger.recordConsent(ANA, 'informational', 'inbound call', T0 + 1);
        expect((await ledger.contact(ANA))!.consent).toEqual({ level: 'informational', source: 'inbound call', at: T0 + 1 });
      });

      it.each([
        ['sms', 'sms', false],
        ['sms', 'email', true],
        ['all', 'sms', false],
        ['email', 'all', true],
      ] as const)('after an opt-out of %s, an opt-out of %s is first-time: %s', async (first, second, firstTime) => {
        expect(await ledger.recordOptOut(ANA, { channel: first, source: 'sms', text: 'STOP', now: T0 })).toEqual({ firstTime: true });
        expect(await ledger.recordOptOut(ANA, { channel: second, source: 'email', now: T0 + 1 })).toEqual({ firstTime });
      });

      it('keeps the first opt-out record of a channel and clears it on opt-in', async () => {
        await ledger.recordOptOut(ANA, { channel: 'all', source: 'sms', text: 'STOP', now: T0 });
        await ledger.recordOptOut(ANA, { channel: 'sms', source: 'crm', now: T0 + 1 });
        expect((await ledger.contact(ANA))!.optOut.sms).toEqual({ at: T0, source: 'sms', text: 'STOP' });
        await ledger.recordOptIn(ANA, { channel: 'sms', source: 'sms START', now: T0 + 2 });
        const c = (await ledger.contact(ANA))!;
        expect(c.optOut.sms).toBeNull();
        expect(c.optOut.email).toEqual({ at: T0, source: 'sms', text: 'STOP' });
      });

      it('pauses a contact until an instant or indefinitely, and resumes it', async () => {
        await ledger.pauseContact(ANA, T0 + 10 * MIN, 'on vacation', T0);
        let c = (await ledger.contact(ANA))!;
        expect(c.pause).toEqual({ until: T0 + 10 * MIN, reason: 'on vacation', since: T0 });
        expect([isContactPaused(c, T0 + 10 * MIN - 1), isContactPaused(c, T0 + 10 * MIN)]).toEqual([true, false]);
        await ledger.pauseContact(ANA, null, 'agent request', T0 + 1);
        c = (await ledger.contact(ANA))!;
        expect(isContactPaused(c, T0 + 365 * DAY_MS)).toBe(true);
        await ledger.resumeContact(ANA, 'agent request', T0 + 2);
        expect((await ledger.contact(ANA))!.pause).toBeNull();
      });
    });

    describe('carrier line type', () => {
      it('records the line type on a new contact, with when and where it was learned, and audits it', async () => {
        expect(await ledger.recordCarrierLineType(ANA, { type: 'landline', source: 'twilio_lookup', now: T0 })).toBe(true);
        const c = (await ledger.contact(ANA))!;
        expect(c).toMatchObject({ phone: ANA, createdAt: T0, updatedAt: T0, consent: null });
        expect(c.carrierLineType).toEqual({ type: 'landline', at: T0, source: 'twilio_lookup' });
        expect((await ledger.contactForGate(ANA, T0 - DAY_MS)).contact!.carrierLineType).toEqual({ type: 'landline', at: T0, source: 'twilio_lookup' });
        const audit = await ledger.auditTrail({ phone: ANA, kinds: ['carrier_line_type'] });
        expect(audit.map((a) => [a.at, a.data])).toEqual([[T0, { lineType: 'landline', source: 'twilio_lookup' }]]);
      });

      it('is null for a contact without one, and keeps the rest of an existing contact', async () => {
        await ledger.upsertContact({ phone: ANA, name: 'Ana', email: 'ana@example.com', now: T0 - 5 });
        await ledger.recordConsent(ANA, 'written', 'web form', T0 - 4);
        expect((await ledger.contact(ANA))!.carrierLineType).toBeNull();
        expect((await ledger.contactForGate(ANA, T0)).contact!.carrierLineType).toBeNull();
        await ledger.recordCarrierLineType(ANA, { type: 'mobile', source: 'twilio_lookup', now: T0 });
        expect(await ledger.contact(ANA)).toMatchObject({
          name: 'Ana',
          email: 'ana@example.com',
          createdAt: T0 - 5,
          updatedAt: T0,
          consent: { level: 'written', source: 'web form', at: T0 - 4 },
          carrierLineType: { type: 'mobile', at: T0, source: 'twilio_lookup' },
        });
      });

      it('a newer answer overwrites an older one; an older one arriving late is audited but not stored', async () => {
        await ledger.recordCarrierLineType(ANA, { type: 'mobile', source: 'twilio_lookup', now: T0 });
        expect(await ledger.recordCarrierLineType(ANA, { type: 'landline', source: 'crm_import', now: T0 + DAY_MS })).toBe(true);
        expect((await ledger.contact(ANA))!.carrierLineType).toEqual({ type: 'landline', at: T0 + DAY_MS, source: 'crm_import' });
        expect(await ledger.recordCarrierLineType(ANA, { type: 'mobile', source: 'twilio_lookup', now: T0 + 1 })).toBe(false);
        expect((await ledger.contact(ANA))!.carrierLineType).toEqual({ type: 'landline', at: T0 + DAY_MS, source: 'crm_import' });
        expect((await ledger.auditTrail({ phone: ANA, kinds: ['carrier_line_type'] })).map((a) => (a.data as { lineType: string }).lineType)).toEqual([
          'mobile',
          'landline',
          'mobile',
        ]);
      });

      it('refuses a number that is not E.164, an empty type or source', async () => {
        await rejectsWith(ledger.recordCarrierLineType('3055550123', { type: 'mobile', source: 'twilio_lookup', now: T0 }), 'invalid_phone');
        await rejectsWith(ledger.recordCarrierLineType(ANA, { type: '', source: 'twilio_lookup', now: T0 }), 'invalid_argument');
        await rejectsWith(ledger.recordCarrierLineType(ANA, { type: 'mobile', source: '', now: T0 }), 'invalid_argument');
        expect(await ledger.contact(ANA)).toBeNull();
      });

      it('is trusted for less than 30 days (freshCarrierLineType)', async () => {
        await ledger.recordCarrierLineType(ANA, { type: 'landline', source: 'twilio_lookup', now: T0 });
        const c = await ledger.contact(ANA);
        expect(CARRIER_LINE_TYPE_TTL_MS).toBe(30 * DAY_MS);
        expect(freshCarrierLineType(c, T0 + 30 * DAY_MS - 1)?.type).toBe('landline');
        expect(freshCarrierLineType(c, T0 + 30 * DAY_MS)).toBeNull();
        expect(freshCarrierLineType(await ledger.contact(BEN), T0)).toBeNull();
      });
    });

    describe('preferred language', () => {
      it('sets a new contact’s language, replaces and clears it, each audited with the one it replaced', async () => {
        expect(await ledger.setContactLanguage(ANA, 'es', 'crm', T0)).toEqual({ previous: null });
        expect(await ledger.contact(ANA)).toMatchObject({ phone: ANA, language: 'es', createdAt: T0, updatedAt: T0, consent: null, pause: null });
        expect(await ledger.setContactLanguage(ANA, 'fr', 'agent', T0 + 1)).toEqual({ previous: 'es' });
        expect((await ledger.contact(ANA))!.language).toBe('fr');
        expect(await ledger.setContactLanguage(ANA, null, 'manual', T0 + 2)).toEqual({ previous: 'fr' });
        expect(await ledger.contact(ANA)).toMatchObject({ language: null, updatedAt: T0 + 2 });
        const trail = await ledger.auditTrail({ phone: ANA, kinds: [CONTACT_LANGUAGE_KIND] });
        expect(trail.map((a) => [a.at, a.data])).toEqual([
          [T0, { language: 'es', previous: null, source: 'crm' }],
          [T0 + 1, { language: 'fr', previous: 'es', source: 'agent' }],
          [T0 + 2, { language: null, previous: 'fr', source: 'manual' }],
        ]);
      });

      it('clearing, or resuming, a number the ledger does not know leaves no empty contact row (prune would keep it forever), but is audited', async () => {
        expect(await ledger.setContactLanguage(BEN, null, 'manual', T0)).toEqual({ previous: null });
        await ledger.resumeContact(BEN, 'agent request', T0 + 1);
        expect(await ledger.contact(BEN)).toBeNull();
        const trail = await ledger.auditTrail({ phone: BEN, kinds: [CONTACT_LANGUAGE_KIND, 'contact_resumed'] });
        expect(trail.map((a) => [a.kind, a.data])).toEqual([
          [CONTACT_LANGUAGE_KIND, { language: null, previous: null, source: 'manual' }],
          ['contact_resumed', { reason: 'agent request' }],
        ]);
        // setting a language still creates the contact
        await ledger.setContactLanguage(BEN, 'fr', 'crm', T0 + 2);
        expect((await ledger.contact(BEN))!.language).toBe('fr');
      });

      it('keeps the rest of an existing contact, and is read with it wherever the contact is read', async () => {
        await ledger.upsertContact({ phone: ANA, name: 'Ana', email: 'ana@example.com', now: T0 - 5 });
        await ledger.recordConsent(ANA, 'written', 'web form', T0 - 4);
        const r = created(await ledger.enroll(enrollInput({ now: T0 - 3 })));
        expect(r.preferredLanguage).toBeNull();
        expect((await ledger.contact(ANA))!.language).toBeNull();
        await ledger.setContactLanguage(ANA, 'es', 'crm', T0);
        expect(await ledger.contact(ANA)).toMatchObject({ name: 'Ana', email: 'ana@example.com', createdAt: T0 - 5, updatedAt: T0, consent: { level: 'written' }, language: 'es' });
        expect((await ledger.contactForGate(ANA, T0 - DAY_MS)).contact!.language).toBe('es');
        expect((await ledger.touchContext(r.touches[0]!.id))!.contact!.language).toBe('es');
        // the enrollment reads it from the contact's row it locks anyway (the trigger's Enrolled item)
        const again = created(await ledger.enroll(enrollInput({ templateId: 'tpl-other', callId: 'CA2', now: T0 + 1 })));
        expect(again.preferredLanguage).toBe('es');
        expect(created(await ledger.enroll(enrollInput({ phone: BEN, callId: 'CA3', now: T0 + 2 }))).preferredLanguage).toBeNull();
      });

      it('refuses an unknown language, a number that is not E.164 and an empty source, writing nothing', async () => {
        await rejectsWith(ledger.setContactLanguage(ANA, 'de' as never, 'crm', T0), 'invalid_argument');
        await rejectsWith(ledger.setContactLanguage(ANA, 'ES' as never, 'crm', T0), 'invalid_argument');
        await rejectsWith(ledger.setContactLanguage('3055550123', 'es', 'crm', T0), 'invalid_phone');
        await rejectsWith(ledger.setContactLanguage(ANA, 'es', '', T0), 'invalid_argument');
        expect(await ledger.contact(ANA)).toBeNull();
        expect(await ledger.auditTrail({ kinds: [CONTACT_LANGUAGE_KIND] })).toEqual([]);
      });
    });

    describe('email suppressions', () => {
      const DANA = 'dana.lee@example.com';
      const suppress = (over: Partial<Parameters<Ledger['recordEmailSuppression']>[0]> = {}, l: Ledger = ledger) =>
        l.recordEmailSuppression({ email: DANA, phone: ANA, source: 'bounce', code: '5.1.1', touchId: 't-1', now: T0, ...over });
      const trail = async () =>
        (await ledger.auditTrail({ kinds: [EMAIL_SUPPRESSED_KIND, EMAIL_SUPPRESSION_CLEARED_KIND] })).map((a) => [a.kind, a.phone, a.touchId, a.at, a.data]);

      it('records an address in lower case, reads it back in any case, and audits it once with its phone and touch', async () => {
        const record = { email: DANA, at: T0, source: 'bounce', code: '5.1.1', touchId: 't-1', phone: ANA };
        expect(await suppress({ email: '  Dana.Lee@Example.COM ' })).toEqual({ firstTime: true, suppression: record });
        expect(await ledger.emailSuppression(DANA)).toEqual(record);
        expect(await ledger.emailSuppression('DANA.LEE@EXAMPLE.COM')).toEqual(record);
        expect(await ledger.emailSuppression('Dana Lee <dana.lee@example.com>')).toEqual(record);
        expect(await ledger.emailSuppression('ben@example.com')).toBeNull();
        expect(await trail()).toEqual([[EMAIL_SUPPRESSED_KIND, ANA, 't-1', T0, { email: DANA, source: 'bounce', code: '5.1.1', touchId: 't-1' }]]);
        // a suppression is about the address: it creates no contact (prune would keep an empty one forever)
        expect(await ledger.contact(ANA)).toBeNull();
      });

      it('keeps the first record: a repeat, from any source, changes nothing and audits nothing', async () => {
        const first = (await suppress()).suppression;
        expect(await suppress({ now: T0 + 1 })).toEqual({ firstTime: false, suppression: first });
        expect(await suppress({ email: 'DANA.LEE@example.com', phone: null, source: 'smtp_rejected', code: '550', touchId: 't-2', now: T0 + 2 })).toEqual({ firstTime: false, suppression: first });
        expect(await ledger.emailSuppression(DANA)).toEqual(first);
        expect(await trail()).toHaveLength(1);
      });

      it('stores a manual suppression without phone, code or touch', async () => {
        expect(await suppress({ phone: null, source: 'manual', code: null, touchId: null })).toEqual({
          firstTime: true,
          suppression: { email: DANA, at: T0, source: 'manual', code: null, touchId: null, phone: null },
        });
        expect(await trail()).toEqual([[EMAIL_SUPPRESSED_KIND, null, null, T0, { email: DANA, source: 'manual', code: null, touchId: null }]]);
      });

      it('clears a suppression, audited with the one it lifted; clearing again is audited too; a later bounce records anew', async () => {
        const first = (await suppress()).suppression;
        expect(await ledger.clearEmailSuppression('Dana.Lee@Example.com', { reason: 'customer fixed the mailbox', now: T0 + 5 })).toEqual({ cleared: first });
        expect(await ledger.emailSuppression(DANA)).toBeNull();
        expect(await ledger.clearEmailSuppression(DANA, { reason: 'again', now: T0 + 6 })).toEqual({ cleared: null });
        const again = await suppress({ source: 'smtp_rejected', code: '550', touchId: 't-9', now: T0 + 7 });
        expect(again).toEqual({ firstTime: true, suppression: { email: DANA, at: T0 + 7, source: 'smtp_rejected', code: '550', touchId: 't-9', phone: ANA } });
        expect(await trail()).toEqual([
          [EMAIL_SUPPRESSED_KIND, ANA, 't-1', T0, { email: DANA, source: 'bounce', code: '5.1.1', touchId: 't-1' }],
          [EMAIL_SUPPRESSION_CLEARED_KIND, ANA, null, T0 + 5, { email: DANA, reason: 'customer fixed the mailbox', previous: { at: T0, source: 'bounce', code: '5.1.1', touchId: 't-1' } }],
          [EMAIL_SUPPRESSION_CLEARED_KIND, null, null, T0 + 6, { email: DANA, reason: 'again', previous: null }],
          [EMAIL_SUPPRESSED_KIND, ANA, 't-9', T0 + 7, { email: DANA, source: 'smtp_rejected', code: '550', touchId: 't-9' }],
        ]);
      });

      it('records one and audits once when 20 callers race on two connections', async () => {
        const other = await connect();
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => suppress({ touchId: `t-${i}`, now: T0 + i }, i % 2 ? ledger : other)));
        expect(results.filter((r) => r.firstTime)).toHaveLength(1);
        const kept = results.find((r) => r.firstTime)!.suppression;
        expect(results.every((r) => JSON.stringify(r.suppression) === JSON.stringify(kept))).toBe(true);
        expect(await ledger.emailSuppression(DANA)).toEqual(kept);
        expect(await trail()).toHaveLength(1);
      });

      it.each([
        ['no address', { email: 'dana' }],
        ['two addresses', { email: 'dana@example.com, ben@example.com' }],
        ['a space inside', { email: 'dana lee@example.com' }],
        ['an empty address', { email: '   ' }],
        ['a control character', { email: 'dana\n@example.com' }],
        ['an address past 254 characters', { email: `${'d'.repeat(60)}@${'e'.repeat(200)}.com` }],
        ['a phone that is not E.164', { phone: '3055550123' }],
        ['an empty source', { source: '' }],
        ['an empty code', { code: '' }],
        ['a code past 64 characters', { code: '5'.repeat(65) }],
        ['an empty touch id', { touchId: '' }],
        ['a non-integer instant', { now: 1.5 }],
      ])('refuses %s, writing nothing', async (_, over) => {
        const e = await suppress(over as never).then(() => null, (err: unknown) => err);
        expect(isLedgerError(e), String(e)).toBe(true);
        expect(await ledger.emailSuppression(DANA)).toBeNull();
        expect(await trail()).toEqual([]);
      });

      it('lists suppressions by address, paged with afterEmail, without the cleared ones', async () => {
        expect(await ledger.emailSuppressions()).toEqual([]);
        for (const [i, email] of ['zoe@example.com', 'Ben@Example.com', 'ana@example.org', 'dana@example.com'].entries()) {
          await suppress({ email, phone: null, touchId: null, now: T0 + i });
        }
        await ledger.clearEmailSuppression('dana@example.com', { reason: 'fixed', now: T0 + 9 });
        const all = await ledger.emailSuppressions();
        expect(all.map((s) => [s.email, s.at])).toEqual([['ana@example.org', T0 + 2], ['ben@example.com', T0 + 1], ['zoe@example.com', T0]]);
        expect(all[0]).toEqual({ email: 'ana@example.org', at: T0 + 2, source: 'bounce', code: '5.1.1', touchId: null, phone: null });
        expect((await ledger.emailSuppressions({ limit: 2 })).map((s) => s.email)).toEqual(['ana@example.org', 'ben@example.com']);
        expect((await ledger.emailSuppressions({ afterEmail: 'ben@example.com', limit: 2 })).map((s) => s.email)).toEqual(['zoe@example.com']);
        expect(await ledger.emailSuppressions({ afterEmail: 'zoe@example.com' })).toEqual([]);
      });

      it('refuses to read or clear what is no address, and a clear without a reason', async () => {
        await rejectsWith(ledger.emailSuppression('not an address'), 'invalid_argument');
        await rejectsWith(ledger.clearEmailSuppression('not an address', { reason: 'x', now: T0 }), 'invalid_argument');
        await rejectsWith(ledger.clearEmailSuppression(DANA, { reason: '', now: T0 }), 'invalid_argument');
        expect(await trail()).toEqual([]);
      });
    });

    describe('enrollments', () => {
      it('creates an enrollment with its first touches and the contact', async () => {
        const r = created(
          await ledger.enroll(
            enrollInput({ firstSteps: [{ stepId: 's1', dueAt: T0, channel: 'sms' }, { stepId: 'task', dueAt: T0 + MIN }] }),
          ),
        );
        expect(r.enrollment).toMatchObject({
          templateId: 'tpl-dental',
          templateHash: 'sha256:abc',
          template: { id: 'tpl-dental', steps: ['s1', 's2'] },
          phone: ANA,
          callId: 'CA1',
          callEvent: { callId: 'CA1', class: 'missed' },
          status: 'active',
          endReason: null,
          createdAt: T0,
          endedAt: null,
        });
        expect(r.touches.map((t) => [t.stepId, t.channel, t.dueAt, t.status, t.phone, t.templateId])).toEqual([
          ['s1', 'sms', T0, 'pending', ANA, 'tpl-dental'],
          ['task', null, T0 + MIN, 'pending', ANA, 'tpl-dental'],
        ]);
        expect(await ledger.enrollment(r.enrollment.id)).toEqual(r.enrollment);
        expect((await ledger.enrollmentsOf(ANA)).map((e) => e.id)).toEqual([r.enrollment.id]);
        expect(await ledger.contact(ANA)).not.toBeNull();
      });

      it('refuses a second enrollment for the same call and names the first', async () => {
        const first = created(await ledger.enroll(enrollInput()));
        const again = await ledger.enroll(enrollInput({ now: T0 + 1 }));
        expect(again).toEqual({ created: false, reason: 'duplicate_call', enrollment: first.enrollment });
      });

      it.each([
        { reentry: { policy: 'never' }, end: 'completed', laterDays: 30, want: 'reentry_blocked' },
        { reentry: { policy: 'after_completion' }, end: 'still active', laterDays: 1, want: 'active_enrollment' },
        { reentry: { policy: 'after_completion' }, end: 'completed', laterDays: 1, want: 'created' },
        { reentry: { policy: 'after_completion' }, end: 'exited', laterDays: 1, want: 'created' },
        { reentry: { policy: 'after_days', days: 7 }, end: 'completed', laterDays: 3, want: 'reentry_blocked' },
        { reentry: { policy: 'after_days', days: 7 }, end: 'completed', laterDays: 7, want: 'created' },
        { reentry: { policy: 'after_days', days: 7 }, end: 'still active', laterDays: 8, want: 'active_enrollment' },
      ] as const)('re-entry $reentry.policy: a call $laterDays days after one whose run is $end is $want', async ({ reentry, end, laterDays, want }) => {
        const first = created(await ledger.enroll(enrollInput({ reentry })));
        if (end === 'completed') await ledger.completeEnrollment(first.enrollment.id, T0 + 1);
        if (end === 'exited') await ledger.exitEnrollment(first.enrollment.id, 'agent', T0 + 1);
        const second = await ledger.enroll(enrollInput({ reentry, callId: 'CA2', now: T0 + laterDays * DAY_MS }));
        expect(second.created ? 'created' : second.reason).toBe(want);
      });

      it.each([
        ['sms', undefined, 'opted_out'],
        ['email', ['sms'], 'created'],
        ['sms', ['sms', 'email'], 'opted_out'],
      ] as const)('refuses an enrollment after an opt-out of %s when the template uses %s: %s', async (ch, channels, want) => {
        await ledger.recordOptOut(ANA, { channel: ch, source: 'sms', now: T0 - 1 });
        const r = await ledger.enroll(enrollInput(channels ? { channels: [...channels] } : {}));
        expect(r.created ? 'created' : r.reason).toBe(want);
      });

      it('creates exactly one enrollment when 10 calls of one caller race on two connections', async () => {
        const other = await connect();
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) => (i % 2 ? ledger : other).enroll(enrollInput({ callId: `CA${i}`, now: T0 + i }))),
        );
        expect(results.filter((r) => r.created)).toHaveLength(1);
        expect(new Set(results.filter((r) => !r.created).map((r) => (r.created ? '' : r.reason)))).toEqual(new Set(['active_enrollment']));
        expect(await ledger.enrollmentsOf(ANA)).toHaveLength(1);
      });

      it('exitEnrollment cancels the open touches, is a no-op the second time, and knows unknown ids', async () => {
        const r = created(await ledger.enroll(enrollInput({ firstSteps: [{ stepId: 's1', dueAt: T0 }, { stepId: 's2', dueAt: T0 + DAY_MS }] })));
        await ledger.exitEnrollment(r.enrollment.id, 'agent_closed', T0 + 1);
        await ledger.exitEnrollment(r.enrollment.id, 'again', T0 + 2);
        expect(await ledger.enrollment(r.enrollment.id)).toMatchObject({ status: 'exited', endReason: 'agent_closed', endedAt: T0 + 1 });
        expect((await ledger.touchesOf(r.enrollment.id)).map((t) => [t.status, t.reason])).toEqual([
          ['cancelled', 'agent_closed'],
          ['cancelled', 'agent_closed'],
        ]);
        await rejectsWith(ledger.exitEnrollment('nope', 'x', T0), 'not_found');
      });
    });

    describe('the opt-out and reply invariant', () => {
      it('a contact who opts out after enrollment gets no further claim or go', async () => {
        const r = created(await ledger.enroll(enrollInput({ firstSteps: [{ stepId: 's1', dueAt: T0 }, { stepId: 's2', dueAt: T0 + DAY_MS, channel: 'email' }] })));
        await ledger.recordOptOut(ANA, { channel: 'sms', source: 'sms', text: 'stop', now: T0 + 1 });
        expect(await ledger.claimDueTouches({ now: T0 + 2 * DAY_MS, limit: 10, worker: 'w', leaseMs: MIN })).toEqual([]);
        expect(await ledger.beginSend(r.touches[0]!.id, 'k1', T0 + 2)).toBe('stopped');
        expect(await ledger.enrollment(r.enrollment.id)).toMatchObject({ status: 'exited', endReason: 'opted_out' });
        // a touch scheduled later by a sender that did not notice is stored cancelled
        const late = await ledger.scheduleTouch({ enrollmentId: r.enrollment.id, stepId: 's3', dueAt: T0, now: T0 + 3 });
        expect(late.status).toBe('cancelled');
        expect(await ledger.beginSend(late.id, 'k3', T0 + 4)).toBe('stopped');
      });

      it('a reply ends every active enrollment of the contact and stops a touch already claimed', async () => {
        const a = created(await ledger.enroll(enrollInput()));
        const b = created(await ledger.enroll(enrollInput({ templateId: 'tpl-other', callId: 'CA1' })));
        const claimed = await ledger.claimDueTouches({ now: T0, limit: 10, worker: 'w1', leaseMs: MIN });
        expect(claimed).toHaveLength(2);
        const { exitedEnrollments } = await ledger.recordReply(ANA, { text: 'call me at 5', class: 'reply', channel: 'sms', now: T0 + 1 });
        expect(new Set(exitedEnrollments)).toEqual(new Set([a.enrollment.id, b.enrollment.id]));
        for (const t of claimed) expect(await ledger.beginSend(t.id, `k-${t.id}`, T0 + 2)).toBe('stopped');
        expect((await ledger.contact(ANA))!.lastReply).toEqual({ at: T0 + 1, text: 'call me at 5', class: 'reply', channel: 'sms' });
      });

      it('a connected call ends every active enrollment created before it, stops claimed touches, and is audited once', async () => {
        const a = created(await ledger.enroll(enrollInput({ callId: 'CA1' })));
        const b = created(await ledger.enroll(enrollInput({ templateId: 'tpl-other', callId: 'CA1' })));
        const other = created(await ledger.enroll(enrollInput({ phone: BEN, callId: 'CA2' })));
        const claimed = await ledger.claimDueTouches({ now: T0, limit: 10, worker: 'w1', leaseMs: MIN });
        expect(claimed).toHaveLength(3);
        const c = { callId: 'CA9', provider: 'aircall', direction: 'outbound' as const, at: T0 + 5, now: T0 + 6 };
        const { exitedEnrollments } = await ledger.recordConversation(ANA, c);
        expect(new Set(exitedEnrollments)).toEqual(new Set([a.enrollment.id, b.enrollment.id]));
        for (const t of claimed.filter((x) => x.enrollmentId !== other.enrollment.id)) expect(await ledger.beginSend(t.id, `k-${t.id}`, T0 + 7)).toBe('stopped');
        const ben = claimed.find((x) => x.enrollmentId === other.enrollment.id)!;
        expect(await ledger.beginSend(ben.id, 'k-ben', T0 + 7)).toBe('go');
        expect((await ledger.enrollment(a.enrollment.id))!).toMatchObject({ status: 'exited', endReason: 'call_connected' });
        // a repeated delivery finds nothing to end and audits nothing more
        expect((await ledger.recordConversation(ANA, { ...c, now: T0 + 8 })).exitedEnrollments).toEqual([]);
        const audit = await ledger.auditTrail({ phone: ANA, kinds: ['call_connected'] });
        expect(audit).toHaveLength(1);
        expect(audit[0]!.data).toEqual({ callId: 'CA9', provider: 'aircall', direction: 'outbound', at: T0 + 5, exitedEnrollments: exitedEnrollments });
        expect((await ledger.contact(ANA))!.lastConversationAt).toBe(T0 + 5);
        expect((await ledger.contact(BEN))!.lastConversationAt).toBeNull();
      });

      it('a connected call that ended before an enrollment was created leaves it running; a number with none ends nothing', async () => {
        const r = created(await ledger.enroll(enrollInput({ now: T0 + 10 * MIN })));
        const res = await ledger.recordConversation(ANA, { callId: 'CA0', provider: 'twilio', direction: 'inbound', at: T0, now: T0 + 11 * MIN });
        expect(res.exitedEnrollments).toEqual([]);
        expect((await ledger.enrollment(r.enrollment.id))!.status).toBe('active');
        expect((await ledger.contact(ANA))!.lastConversationAt).toBe(T0);
        expect(await ledger.contact(BEN)).toBeNull();
        expect((await ledger.recordConversation(BEN, { callId: 'CA0', provider: 'twilio', direction: 'inbound', at: T0, now: T0 })).exitedEnrollments).toEqual([]);
        expect((await ledger.contact(BEN))!.lastConversationAt).toBe(T0);
        expect(await ledger.auditTrail({ kinds: ['call_connected'] })).toEqual([]);
        await rejectsWith(ledger.recordConversation(ANA, { callId: '', provider: 'twilio', direction: 'inbound', at: T0, now: T0 }), 'invalid_argument');
        await rejectsWith(ledger.recordConversation(ANA, { callId: 'CA0', provider: 'twilio', direction: 'sideways' as 'inbound', at: T0, now: T0 }), 'invalid_argument');
      });

      it('records a conversation on an existing contact, the newest winning, without an audit entry', async () => {
        await ledger.upsertContact({ phone: ANA, name: 'Ana', now: T0 - DAY_MS });
        expect((await ledger.contact(ANA))!.lastConversationAt).toBeNull();
        const call = (at: number, now: number) => ({ callId: `CA-${at}`, provider: 'twilio', direction: 'inbound' as const, at, now });
        expect(await ledger.recordConversation(ANA, call(T0 + 10, T0 + 11))).toEqual({ exitedEnrollments: [] });
        expect(await ledger.contact(ANA)).toMatchObject({ name: 'Ana', lastConversationAt: T0 + 10, updatedAt: T0 + 11 });
        // an older call delivered late never moves it back (nor touches the row's updatedAt)
        await ledger.recordConversation(ANA, call(T0 + 5, T0 + 20));
        expect(await ledger.contact(ANA)).toMatchObject({ lastConversationAt: T0 + 10, updatedAt: T0 + 11 });
        await ledger.recordConversation(ANA, call(T0 + 10, T0 + 21));
        expect((await ledger.contact(ANA))!.lastConversationAt).toBe(T0 + 10);
        await ledger.recordConversation(ANA, call(T0 + 30, T0 + 31));
        expect(await ledger.contact(ANA)).toMatchObject({ lastConversationAt: T0 + 30, updatedAt: T0 + 31 });
        // a call end the provider puts after now counts as now
        await ledger.recordConversation(ANA, call(T0 + DAY_MS, T0 + 40));
        expect((await ledger.contact(ANA))!.lastConversationAt).toBe(T0 + 40);
        expect(await ledger.auditTrail({})).toEqual([]);
      });

      it('gives a first-time caller a contact holding only the conversation, the newest winning, without an audit entry', async () => {
        const call = (at: number, now: number) => ({ callId: `CA-${at}`, provider: 'twilio', direction: 'inbound' as const, at, now });
        expect(await ledger.contact(BEN)).toBeNull();
        expect(await ledger.recordConversation(BEN, call(T0 + 30, T0 + 31))).toEqual({ exitedEnrollments: [] });
        expect(await ledger.contact(BEN)).toEqual({
          phone: BEN,
          name: null,
          email: null,
          createdAt: T0 + 31,
          updatedAt: T0 + 31,
          consent: null,
          optOut: { sms: null, email: null },
          pause: null,
          lastReply: null,
          lastConversationAt: T0 + 30,
          carrierLineType: null,
          language: null,
        });
        // an older call delivered late never moves it back; a newer one moves it on
        await ledger.recordConversation(BEN, call(T0 + 10, T0 + 40));
        expect(await ledger.contact(BEN)).toMatchObject({ lastConversationAt: T0 + 30, createdAt: T0 + 31, updatedAt: T0 + 31 });
        await ledger.recordConversation(BEN, call(T0 + 50, T0 + 60));
        expect(await ledger.contact(BEN)).toMatchObject({ lastConversationAt: T0 + 50, createdAt: T0 + 31, updatedAt: T0 + 60 });
        expect(await ledger.enrollmentsOf(BEN)).toEqual([]);
        expect(await ledger.optOuts()).toEqual([]);
        expect(await ledger.auditTrail({})).toEqual([]);
      });

      it('refuses a first-time caller in_conversation within the window after their answered call, and enrolls after it', async () => {
        const H = 60 * MIN;
        // an agent answered the caller's first call; 10 minutes later they call again and nobody answers
        await ledger.recordConversation(ANA, { callId: 'CA1', provider: 'twilio', direction: 'inbound', at: T0, now: T0 + 1 });
        expect(await ledger.enroll(enrollInput({ callId: 'CA2', now: T0 + 10 * MIN, conversationWindowMs: 24 * H }))).toEqual({
          created: false,
          reason: 'in_conversation',
        });
        expect(await ledger.enrollmentsOf(ANA)).toEqual([]);
        // without a window, or once it is over, the miss enrolls
        expect(await ledger.enroll(enrollInput({ templateId: 'tpl-other', callId: 'CA2', now: T0 + 10 * MIN }))).toMatchObject({ created: true });
        created(await ledger.enroll(enrollInput({ callId: 'CA3', now: T0 + 24 * H + 1, conversationWindowMs: 24 * H })));
        expect((await ledger.contact(ANA))!.lastConversationAt).toBe(T0);
      });

      it('a first-time conversation and an enrollment of the same number at once leave one consistent contact', async () => {
        const other = await connect();
        const phones = Array.from({ length: 12 }, (_, i) => `+1305555${String(2000 + i)}`);
        const results = await Promise.all(
          phones.map((phone, i) => {
            const talk = () => other.recordConversation(phone, { callId: `CA-t${i}`, provider: 'twilio', direction: 'inbound', at: T0, now: T0 + 1 });
            const miss = () =>
              ledger.enroll(
                enrollInput({
                  phone,
                  callId: `CA-m${i}`,
                  now: T0 + MIN,
                  conversationWindowMs: 60 * MIN,
                  onCreated: { consentIfNone: { level: 'informational', source: 'missed_call' } },
                }),
              );
            // alternate which starts first
            return i % 2 === 0 ? Promise.all([talk(), miss()]).then(([, r]) => r) : Promise.all([miss(), talk()]).then(([r]) => r);
          }),
        );
        for (const [i, phone] of phones.entries()) {
          const r = results[i]!;
          const contact = (await ledger.contact(phone))!;
          // the conversation is on record whichever came first; the enrollment's consent too when it enrolled
          expect(contact.lastConversationAt, phone).toBe(T0);
          const runs = await ledger.enrollmentsOf(phone);
          if (r.created) {
            // enrolled first (after the call ended): the conversation does not end a run started after it
            expect(runs.map((e) => e.status), phone).toEqual(['active']);
            expect(contact.consent, phone).toMatchObject({ level: 'informational' });
          } else {
            expect(r.reason, phone).toBe('in_conversation');
            expect(runs, phone).toEqual([]);
            expect(contact.consent, phone).toBeNull();
          }
        }
      });

      it('takes an In-Conversation Window of at most 30 days', async () => {
        created(await ledger.enroll(enrollInput({ conversationWindowMs: MAX_CONVERSATION_WINDOW_MS })));
        await rejectsWith(ledger.enroll(enrollInput({ callId: 'CA2', conversationWindowMs: MAX_CONVERSATION_WINDOW_MS + 1 })), 'invalid_argument');
        expect(MAX_CONVERSATION_WINDOW_MS).toBe(30 * DAY_MS);
      });

      it('refuses an enrollment in_conversation within the window after a connected call, and enrolls after it', async () => {
        const H = 60 * MIN;
        // the first run: a missed call, then the agent's call-back the caller picked up ends it
        const first = created(await ledger.enroll(enrollInput({ callId: 'CA1', now: T0 })));
        expect((await ledger.recordConversation(ANA, { callId: 'CA2', provider: 'twilio', direction: 'outbound', at: T0 + H, now: T0 + H })).exitedEnrollments).toEqual([
          first.enrollment.id,
        ]);
        // another missed call 2 h after that conversation: refused and audited; 25 h after it: a new run
        expect(await ledger.enroll(enrollInput({ callId: 'CA3', now: T0 + 3 * H, conversationWindowMs: 24 * H }))).toEqual({ created: false, reason: 'in_conversation' });
        expect((await ledger.auditTrail({ phone: ANA, kinds: ['enrollment_refused'] })).map((a) => a.data)).toEqual([
          { templateId: 'tpl-dental', callId: 'CA3', reason: 'in_conversation' },
        ]);
        created(await ledger.enroll(enrollInput({ callId: 'CA4', now: T0 + 26 * H, conversationWindowMs: 24 * H })));
      });

      it('refuses an enrollment in_conversation while the contact replied within the window, and audits the refusal', async () => {
        const H = 60 * MIN;
        await ledger.recordReply(ANA, { text: 'can you call me back?', class: 'reply', channel: 'sms', now: T0 - 2 * H });
        const r = await ledger.enroll(enrollInput({ conversationWindowMs: 24 * H }));
        expect(r).toEqual({ created: false, reason: 'in_conversation' });
        expect((await ledger.auditTrail({ phone: ANA, kinds: ['enrollment_refused'] })).map((a) => (a.data as { reason: string }).reason)).toEqual(['in_conversation']);
        // the same call through enrollOnce: refused, and the claim stays (the call was handled)
        expect(await ledger.enrollOnce({ key: 'call:twilio:CA-conv' }, enrollInput({ callId: 'CA-conv', conversationWindowMs: 24 * H }))).toMatchObject({ created: false, reason: 'in_conversation' });
        expect(await ledger.claimOnce('call:twilio:CA-conv', T0)).toBe(false);
        // a window that ended before the call, or none, enrolls
        expect(await ledger.enroll(enrollInput({ callId: 'CA2', conversationWindowMs: H }))).toMatchObject({ created: true });
        await rejectsWith(ledger.enroll(enrollInput({ callId: 'CA3', conversationWindowMs: -1 })), 'invalid_argument');
      });

      it('a reply before the enrollment does not stop it', async () => {
        await ledger.recordReply(ANA, { text: 'hi', class: 'reply', channel: 'sms', now: T0 - DAY_MS });
        const r = created(await ledger.enroll(enrollInput()));
        expect((await ledger.claimDueTouches({ now: T0, limit: 10, worker: 'w', leaseMs: MIN })).map((t) => t.id)).toEqual([r.touches[0]!.id]);
        expect(await ledger.beginSend(r.touches[0]!.id, 'k', T0)).toBe('go');
      });

      it('an email opt-out stops the email touches of an sms-only enrollment made afterwards, not its sms touches', async () => {
        await ledger.recordOptOut(ANA, { channel: 'email', source: 'unsubscribe link', now: T0 - 1 });
        const r = created(
          await ledger.enroll(
            enrollInput({ channels: ['sms'], firstSteps: [{ stepId: 's1', dueAt: T0, channel: 'sms' }, { stepId: 'e1', dueAt: T0, channel: 'email' }] }),
          ),
        );
        const claimed = await ledger.claimDueTouches({ now: T0, limit: 10, worker: 'w', leaseMs: MIN });
        expect(claimed.map((t) => t.stepId)).toEqual(['s1']);
        const email = r.touches.find((t) => t.stepId === 'e1')!;
        expect(await ledger.beginSend(email.id, 'k', T0)).toBe('stopped');
        expect((await ledger.touch(email.id))!.status).toBe('cancelled');
      });
    });

    describe('touches', () => {
      let enrollmentId: string;
      beforeEach(async () => {
        enrollmentId = created(await ledger.enroll(enrollInput({ firstSteps: [] }))).enrollment.id;
      });
      const schedule = (stepId: string, dueAt: number, l: Ledger = ledger, channel: string | null = 'sms') =>
        l.scheduleTouch({ enrollmentId, stepId, dueAt, channel, now: T0 });

      it('scheduleTouch is idempotent on (enrollment, step), also when 20 callers race on two connections', async () => {
        const other = await connect();
        const touches = await Promise.all(Array.from({ length: 20 }, (_, i) => schedule('s2', T0 + i, i % 2 ? ledger : other)));
        expect(new Set(touches.map((t) => t.id)).size).toBe(1);
        // the creator's answer (its insert) and the others' (a read) are the stored touch
        for (const t of touches) expect(t).toEqual(await ledger.touch(t.id));
        expect((await ledger.touchesOf(enrollmentId)).map((t) => t.stepId)).toEqual(['s2']);
        expect((await schedule('s2', T0 + DAY_MS)).dueAt).toBe(touches[0]!.dueAt);
        await rejectsWith(ledger.scheduleTouch({ enrollmentId: 'nope', stepId: 's', dueAt: T0, now: T0 }), 'not_found');
      });

      it('claims only due touches, earliest first, up to the limit, with a lease', async () => {
        await schedule('late', T0 + 2 * MIN);
        await schedule('b', T0 + MIN);
        await schedule('a', T0);
        await schedule('future', T0 + DAY_MS);
        const claimed = await ledger.claimDueTouches({ now: T0 + 2 * MIN, limit: 2, worker: 'w1', leaseMs: 5 * MIN });
        expect(claimed.map((t) => [t.stepId, t.status, t.claimedBy, t.leaseUntil, t.claims])).toEqual([
          ['a', 'claimed', 'w1', T0 + 7 * MIN, 1],
          ['b', 'claimed', 'w1', T0 + 7 * MIN, 1],
        ]);
        expect((await ledger.claimDueTouches({ now: T0 + 2 * MIN, limit: 10, worker: 'w2', leaseMs: MIN })).map((t) => t.stepId)).toEqual(['late']);
      });

      it('never hands one touch to two of 20 claimers racing on two connections', async () => {
        const other = await connect();
        const all = await Promise.all(Array.from({ length: 30 }, (_, i) => schedule(`s${String(i).padStart(2, '0')}`, T0 + i)));
        const batches = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            (i % 2 ? ledger : other).claimDueTouches({ now: T0 + MIN, limit: 2, worker: `w${i}`, leaseMs: MIN }),
          ),
        );
        const ids = batches.flat().map((t) => t.id);
        expect(ids.length).toBe(new Set(ids).size);
        expect(new Set(ids)).toEqual(new Set(all.map((t) => t.id)));
      });

      it('lets an expired lease be claimed again, not before it ends', async () => {
        const t = await schedule('s1', T0);
        await ledger.claimDueTouches({ now: T0, limit: 5, worker: 'crashed', leaseMs: MIN });
        expect(await ledger.claimDueTouches({ now: T0 + MIN - 1, limit: 5, worker: 'w2', leaseMs: MIN })).toEqual([]);
        const again = await ledger.claimDueTouches({ now: T0 + MIN, limit: 5, worker: 'w2', leaseMs: MIN });
        expect(again.map((x) => [x.id, x.claimedBy, x.claims])).toEqual([[t.id, 'w2', 2]]);
      });

      it('beginSend says go exactly once when 20 senders race on two connections', async () => {
        const other = await connect();
        const t = await schedule('s1', T0);
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? ledger : other).beginSend(t.id, `key-${i}`, T0)));
        expect(results.filter((r) => r === 'go')).toHaveLength(1);
        expect(new Set(results.filter((r) => r !== 'go'))).toEqual(new Set(['in_flight']));
        await ledger.completeTouch(t.id, { status: 'sent', provider: 'twilio', providerMessageId: 'SM1', detail: { segments: 1 }, now: T0 + 1 });
        expect(await other.beginSend(t.id, 'key-retry', T0 + 2)).toBe('already_sent');
        expect(await ledger.touch(t.id)).toMatchObject({ status: 'sent', provider: 'twilio', providerMessageId: 'SM1', detail: { segments: 1 }, sentAt: T0 + 1 });
        expect(await ledger.claimDueTouches({ now: T0 + DAY_MS, limit: 5, worker: 'w', leaseMs: MIN })).toEqual([]);
      });

      it('a rescheduled touch waits until its new due time', async () => {
        const t = await schedule('s1', T0);
        await ledger.claimDueTouches({ now: T0, limit: 5, worker: 'w', leaseMs: MIN });
        await ledger.rescheduleTouch(t.id, T0 + 9 * 60 * MIN, 'quiet_hours', T0);
        expect(await ledger.claimDueTouches({ now: T0 + 9 * 60 * MIN - 1, limit: 5, worker: 'w', leaseMs: MIN })).toEqual([]);
        const later = await ledger.claimDueTouches({ now: T0 + 9 * 60 * MIN, limit: 5, worker: 'w', leaseMs: MIN });
        expect(later.map((x) => [x.id, x.dueAt, x.reason])).toEqual([[t.id, T0 + 9 * 60 * MIN, 'quiet_hours']]);
      });

      it.each([
        ['sent without beginSend', [], 'sent', 'invalid_transition'],
        ['blocked after go', ['go'], 'blocked', 'invalid_transition'],
        ['failed twice (a retried completion)', ['go', 'failed'], 'failed', null],
        ['skipped on a claimed touch', ['claim'], 'skipped', null],
        ['manual on a pending touch', [], 'manual', null],
        ['sent after cancel', ['exit'], 'sent', 'invalid_transition'],
      ] as const)('completeTouch: %s → %s', async (_, before, status, error) => {
        const t = await schedule('s1', T0);
        for (const b of before) {
          if (b === 'go') expect(await ledger.beginSend(t.id, 'k', T0)).toBe('go');
          if (b === 'failed') await ledger.completeTouch(t.id, { status: 'failed', detail: { code: 30003 }, now: T0 });
          if (b === 'claim') await ledger.claimDueTouches({ now: T0, limit: 1, worker: 'w', leaseMs: MIN });
          if (b === 'exit') await ledger.exitEnrollment(enrollmentId, 'agent', T0);
        }
        const p = ledger.completeTouch(t.id, { status, now: T0 + 1 });
        if (error) await rejectsWith(p, error);
        else {
          await p;
          expect((await ledger.touch(t.id))!.status).toBe(status);
        }
      });

      it('a failed touch can be rescheduled and sent; a sent one cannot be rescheduled', async () => {
        const t = await schedule('s1', T0);
        expect(await ledger.beginSend(t.id, 'k1', T0)).toBe('go');
        await ledger.completeTouch(t.id, { status: 'failed', now: T0 });
        await ledger.rescheduleTouch(t.id, T0 + MIN, 'retry', T0);
        expect(await ledger.beginSend(t.id, 'k2', T0 + MIN)).toBe('go');
        await ledger.completeTouch(t.id, { status: 'sent', now: T0 + MIN });
        await rejectsWith(ledger.rescheduleTouch(t.id, T0 + DAY_MS, 'again', T0), 'invalid_transition');
        await rejectsWith(ledger.beginSend('nope', 'k', T0), 'not_found');
      });

      describe('settleStrandedTouches', () => {
        // the template of enrollInput has steps s1, s2: a next() that knows that order
        const next = ({ touch, from }: { touch: Touch; from: number }): NextAfterTouch =>
          touch.stepId === 's1' ? { kind: 'step', stepId: 's2', dueAt: from + MIN, channel: 'email' } : { kind: 'last' };
        const settle = (now: number, l: Ledger = ledger, sendLeaseMs = 15 * MIN) => l.settleStrandedTouches({ now, sendLeaseMs, limit: 10, next });
        const sending = async (stepId: string, at: number) => {
          const t = await schedule(stepId, at);
          expect(await ledger.beginSend(t.id, `k-${stepId}`, at)).toBe('go');
          return t;
        };

        it('settles a touch left sending past the lease as failed with an unknown outcome, audited, never re-sent, and schedules the next step', async () => {
          const t = await sending('s1', T0);
          expect(await settle(T0 + 15 * MIN - 1)).toEqual([]);
          const [r, ...rest] = await settle(T0 + 15 * MIN);
          expect(rest).toEqual([]);
          expect(r).toMatchObject({ settled: 'outcome_unknown', touch: { id: t.id, status: 'failed', reason: OUTCOME_UNKNOWN, detail: { outcome: 'unknown', sendStartedAt: T0 } } });
          expect(r!.sequence).toMatchObject({ action: 'scheduled', touch: { stepId: 's2', dueAt: T0 + MIN, status: 'pending', channel: 'email' } });
          expect(await ledger.beginSend(t.id, 'k-again', T0 + DAY_MS)).toBe('stopped');
          const audit = await ledger.auditTrail({ kinds: ['touch_outcome_unknown'] });
          expect(audit.map((a) => [a.touchId, a.enrollmentId, a.phone, (a.data as { sendStartedAt: number }).sendStartedAt])).toEqual([[t.id, enrollmentId, ANA, T0]]);
          expect(await settle(T0 + DAY_MS)).toEqual([]);
          const claimed = await ledger.claimDueTouches({ now: T0 + 16 * MIN, limit: 5, worker: 'w', leaseMs: MIN });
          expect(claimed.map((x) => x.stepId)).toEqual(['s2']);
        });

        it('counts an unknown-outcome touch in recentSends (it may have been sent)', async () => {
          await sending('s1', T0);
          await settle(T0 + 15 * MIN);
          expect(await ledger.recentSends(ANA, T0)).toEqual([T0]);
        });

        it('moves on after a touch its sender completed failed, once, counting from the failure', async () => {
          const t = await sending('s1', T0);
          await ledger.completeTouch(t.id, { status: 'failed', detail: { reason: 'NETWORK_ERROR' }, now: T0 + 2 });
          const [r] = await settle(T0 + 5);
          expect(r).toMatchObject({ settled: 'failed', touch: { id: t.id, status: 'failed', detail: { reason: 'NETWORK_ERROR' } } });
          expect(r!.sequence).toMatchObject({ action: 'scheduled', touch: { stepId: 's2', dueAt: T0 + 2 + MIN } });
          expect(await settle(T0 + 10)).toEqual([]);
        });

        it('completes the enrollment after its last step, and touches nothing of an ended enrollment', async () => {
          const last = await sending('s2', T0);
          const [r] = await settle(T0 + 20 * MIN);
          expect(r!.sequence).toEqual({ action: 'completed' });
          expect(await ledger.enrollment(enrollmentId)).toMatchObject({ status: 'completed', endReason: 'completed' });
          expect((await ledger.touch(last.id))!.status).toBe('failed');

          const other = created(await ledger.enroll(enrollInput({ phone: BEN, callId: 'CB' })));
          const bt = other.touches[0]!;
          expect(await ledger.beginSend(bt.id, 'kb', T0)).toBe('go');
          await ledger.recordOptOut(BEN, { channel: 'all', source: 'sms_stop', now: T0 + 1 });
          const [o] = await settle(T0 + 20 * MIN);
          expect(o).toMatchObject({ settled: 'outcome_unknown', sequence: { action: 'none', why: 'enrollment_ended' } });
          expect(await ledger.enrollment(other.enrollment.id)).toMatchObject({ status: 'exited', endReason: 'opted_out' });
          expect((await ledger.touchesOf(other.enrollment.id)).map((x) => x.status)).toEqual(['failed']);
        });

        it('does not move on while the enrollment has another open touch, nor schedule a step twice', async () => {
          const a = await sending('s1', T0);
          await schedule('x', T0 + DAY_MS);
          const [r] = await settle(T0 + 15 * MIN);
          expect(r).toMatchObject({ touch: { id: a.id }, sequence: { action: 'none', why: 'open_touch' } });

          const e2 = created(await ledger.enroll(enrollInput({ phone: BEN, callId: 'CB' })));
          const b = e2.touches[0]!;
          expect(await ledger.beginSend(b.id, 'kb', T0)).toBe('go');
          await ledger.completeTouch(b.id, { status: 'failed', now: T0 });
          const s2 = await ledger.scheduleTouch({ enrollmentId: e2.enrollment.id, stepId: 's2', dueAt: T0 + 9, now: T0 });
          await ledger.completeTouch(s2.id, { status: 'skipped', now: T0 + 1 });
          const [q] = await settle(T0 + 1);
          expect(q).toMatchObject({ touch: { id: b.id }, sequence: { action: 'none', why: 'already_scheduled' } });
        });

        it('exits the enrollment when next says so, or throws', async () => {
          await sending('s1', T0);
          const [r] = await ledger.settleStrandedTouches({ now: T0 + 15 * MIN, sendLeaseMs: 15 * MIN, limit: 5, next: () => ({ kind: 'exit', reason: 'template_invalid' }) });
          expect(r!.sequence).toEqual({ action: 'exited', reason: 'template_invalid' });
          expect(await ledger.enrollment(enrollmentId)).toMatchObject({ status: 'exited', endReason: 'template_invalid' });
          const e2 = created(await ledger.enroll(enrollInput({ phone: BEN, callId: 'CB' })));
          expect(await ledger.beginSend(e2.touches[0]!.id, 'kb', T0)).toBe('go');
          const [q] = await ledger.settleStrandedTouches({ now: T0 + 15 * MIN, sendLeaseMs: 15 * MIN, limit: 5, next: () => { throw new Error('boom'); } });
          expect(q!.sequence).toEqual({ action: 'exited', reason: 'next_step_error' });
          await rejectsWith(ledger.settleStrandedTouches({ now: T0, sendLeaseMs: 0, limit: 5, next }), 'invalid_argument');
        });

        it('settles each touch once when 10 sweepers race on two connections', async () => {
          const other = await connect();
          const ts = await Promise.all(['s1', 'a', 'b', 'c'].map((st) => schedule(st, T0)));
          for (const t of ts) expect(await ledger.beginSend(t.id, `k-${t.id}`, T0)).toBe('go');
          const results = (await Promise.all(Array.from({ length: 10 }, (_, i) => settle(T0 + 15 * MIN, i % 2 ? ledger : other)))).flat();
          expect(results.map((r) => r.touch.id).sort()).toEqual(ts.map((t) => t.id).sort());
          expect(await ledger.auditTrail({ kinds: ['touch_outcome_unknown'] })).toHaveLength(4);
          // the last one settled finds no other open touch and moves on exactly once
          expect(results.filter((r) => r.sequence.action !== 'none')).toHaveLength(1);
        });
      });

      describe('completeTouch with next (atomic move-on)', () => {
        // the template of enrollInput has steps s1, s2
        const next = ({ touch, from }: { touch: Touch; from: number }): NextAfterTouch =>
          touch.stepId === 's1' ? { kind: 'step', stepId: 's2', dueAt: from + MIN, channel: 'email' } : { kind: 'last' };
        const sending = async (stepId: string, at: number, l: Ledger = ledger) => {
          const t = await schedule(stepId, at, l);
          expect(await l.beginSend(t.id, `k-${stepId}`, at)).toBe('go');
          return t;
        };
        const scheduledAudits = async () => (await ledger.auditTrail({ enrollmentId, kinds: ['touch_scheduled'] })).map((a) => (a.data as { stepId: string }).stepId);

        it('schedules the next step in the same transaction, counting from the completion', async () => {
          const t = await sending('s1', T0);
          const r = await ledger.completeTouch(t.id, { status: 'sent', provider: 'twilio', now: T0 + 5 }, next);
          expect(r).toMatchObject({ retried: false, touch: { id: t.id, status: 'sent', sentAt: T0 + 5 } });
          expect(r.sequence).toMatchObject({ action: 'scheduled', touch: { stepId: 's2', dueAt: T0 + 5 + MIN, status: 'pending', channel: 'email' } });
          expect((await ledger.touchesOf(enrollmentId)).map((x) => [x.stepId, x.status])).toEqual([['s1', 'sent'], ['s2', 'pending']]);
          expect(await scheduledAudits()).toEqual(['s1', 's2']);
          // without next nothing moves
          const e2 = created(await ledger.enroll(enrollInput({ phone: BEN, callId: 'CB' })));
          expect(await ledger.completeTouch(e2.touches[0]!.id, { status: 'skipped', now: T0 })).toMatchObject({ retried: false, sequence: null });
          expect((await ledger.touchesOf(e2.enrollment.id)).map((x) => x.stepId)).toEqual(['s1']);
        });

        it('a retried completion records nothing again and schedules nothing twice, also when 10 race on two connections', async () => {
          const other = await connect();
          const t = await sending('s1', T0);
          const results = await Promise.all(
            Array.from({ length: 10 }, (_, i) => (i % 2 ? ledger : other).completeTouch(t.id, { status: 'sent', provider: 'twilio', now: T0 + 1 + i }, next)),
          );
          expect(results.filter((r) => !r.retried)).toHaveLength(1);
          const s2 = (await ledger.touchesOf(enrollmentId)).filter((x) => x.stepId === 's2');
          expect(s2).toHaveLength(1);
          // every caller can report the one next step
          for (const r of results) expect(r.sequence).toMatchObject({ touch: { id: s2[0]!.id } });
          expect(await scheduledAudits()).toEqual(['s1', 's2']);
          expect(await ledger.auditTrail({ enrollmentId, kinds: ['touch_completed'] })).toHaveLength(1);
        });

        it('a retried completion with next moves on a touch first completed without it, counting from the first completion', async () => {
          const t = await sending('s1', T0);
          await ledger.completeTouch(t.id, { status: 'sent', now: T0 + 3 });
          const r = await ledger.completeTouch(t.id, { status: 'sent', now: T0 + DAY_MS }, next);
          expect(r).toMatchObject({ retried: true, sequence: { action: 'scheduled', touch: { stepId: 's2', dueAt: T0 + 3 + MIN } } });
        });

        it('completes the enrollment after its last step', async () => {
          const t = await sending('s2', T0);
          const r = await ledger.completeTouch(t.id, { status: 'sent', now: T0 + 1 }, next);
          expect(r.sequence).toEqual({ action: 'completed' });
          expect(await ledger.enrollment(enrollmentId)).toMatchObject({ status: 'completed', endReason: 'completed', endedAt: T0 + 1 });
          // retried: the enrollment has ended, nothing more happens
          expect((await ledger.completeTouch(t.id, { status: 'sent', now: T0 + 2 }, next)).sequence).toEqual({ action: 'none', why: 'enrollment_ended' });
        });

        it('settles a failed touch it moved on, so the stranded-touch sweep leaves it alone', async () => {
          const t = await sending('s1', T0);
          const r = await ledger.completeTouch(t.id, { status: 'failed', detail: { reason: 'INVALID_NUMBER' }, now: T0 + 1 }, next);
          expect(r.sequence).toMatchObject({ action: 'scheduled', touch: { stepId: 's2' } });
          expect(await ledger.settleStrandedTouches({ now: T0 + DAY_MS, sendLeaseMs: MIN, limit: 10, next })).toEqual([]);
          expect(await ledger.repairStrandedEnrollments({ now: T0 + DAY_MS, limit: 10, next })).toEqual([]);
        });

        it('an exit ends the enrollment even with another open touch; a step waits for it', async () => {
          await schedule('x', T0 + DAY_MS);
          const a = await schedule('s1', T0);
          expect((await ledger.completeTouch(a.id, { status: 'blocked', now: T0 }, next)).sequence).toEqual({ action: 'none', why: 'open_touch' });
          const b = await schedule('b', T0);
          const r = await ledger.completeTouch(b.id, { status: 'blocked', now: T0 + 1 }, () => ({ kind: 'exit', reason: 'gate_block:NO_CONSENT' }));
          expect(r.sequence).toEqual({ action: 'exited', reason: 'gate_block:NO_CONSENT' });
          expect(await ledger.enrollment(enrollmentId)).toMatchObject({ status: 'exited', endReason: 'gate_block:NO_CONSENT' });
          expect(new Map((await ledger.touchesOf(enrollmentId)).map((x) => [x.stepId, x.status]))).toEqual(new Map([['s1', 'blocked'], ['b', 'blocked'], ['x', 'cancelled']]));
        });

        describe('with the caller\'s audit entry', () => {
          const audit = (done: CompletedTouch) => ({ kind: 'x_send', data: { retried: done.retried, move: done.sequence?.action ?? null, status: done.touch.status } });
          const kinds = async () => (await ledger.auditTrail({ enrollmentId })).map((a) => a.kind);

          it('writes it last in the same transaction, built from what completeTouch did, on the touch; again on a retry', async () => {
            const t = await sending('s1', T0);
            const seen: CompletedTouch[] = [];
            const r = await ledger.completeTouch(t.id, { status: 'sent', provider: 'twilio', now: T0 + 5, audit: (d) => (seen.push(d), audit(d)) }, next);
            expect(seen).toEqual([r]);
            const trail = await ledger.auditTrail({ enrollmentId });
            expect(trail.slice(-3).map((a) => a.kind)).toEqual(['touch_completed', 'touch_scheduled', 'x_send']);
            expect(trail.at(-1)).toMatchObject({ at: T0 + 5, phone: ANA, enrollmentId, touchId: t.id, data: { retried: false, move: 'scheduled', status: 'sent' } });
            // the touches it answers with are the stored ones
            expect(r.touch).toEqual(await ledger.touch(t.id));
            expect(r.sequence?.action === 'scheduled' && r.sequence.touch).toEqual((await ledger.touchesOf(enrollmentId)).find((x) => x.stepId === 's2'));
            const again = await ledger.completeTouch(t.id, { status: 'sent', now: T0 + 6, audit }, next);
            expect(again.touch).toEqual(r.touch);
            expect((await ledger.auditTrail({ enrollmentId })).slice(trail.length).map((a) => [a.kind, a.data])).toEqual([['x_send', { retried: true, move: 'none', status: 'sent' }]]);
            // without next
            const s2 = (await ledger.touchesOf(enrollmentId)).find((x) => x.stepId === 's2')!;
            const skipped = await ledger.completeTouch(s2.id, { status: 'skipped', now: T0 + 7, audit });
            expect(skipped.touch).toEqual(await ledger.touch(s2.id));
            expect((await kinds()).slice(-2)).toEqual(['touch_completed', 'x_send']);
            expect((await ledger.auditTrail({ kinds: ['x_send'] })).at(-1)).toMatchObject({ touchId: s2.id, data: { move: null, status: 'skipped' } });
          });

          it('a failure writing it rolls the completion and the move-on back', async () => {
            const t = await sending('s1', T0);
            const before = await kinds();
            const heal = await store.failWrites({ op: 'INSERT', table: 'audit_log', column: 'kind', value: 'x_send' });
            const e = await ledger.completeTouch(t.id, { status: 'sent', now: T0 + 1, audit }, next).then(() => null, (err: unknown) => err);
            await heal();
            expect(String(e)).toMatch(/injected fault/);
            expect(await ledger.touch(t.id)).toMatchObject({ status: 'sending', sentAt: null });
            expect((await ledger.touchesOf(enrollmentId)).map((x) => x.stepId)).toEqual(['s1']);
            expect(await kinds()).toEqual(before);
            expect((await ledger.completeTouch(t.id, { status: 'sent', now: T0 + 2, audit }, next)).retried).toBe(false);
          });

          it('is not written when the completion is refused or the entry cannot be built, and must be a function', async () => {
            const t = await schedule('s1', T0);
            const before = await kinds();
            await rejectsWith(ledger.completeTouch(t.id, { status: 'sent', now: T0, audit }, next), 'invalid_transition');
            await expect(ledger.completeTouch(t.id, { status: 'skipped', now: T0, audit: () => { throw new Error('no entry'); } }, next)).rejects.toThrow('no entry');
            await rejectsWith(ledger.completeTouch(t.id, { status: 'skipped', now: T0, audit: () => ({}) as never }, next), 'invalid_argument');
            await rejectsWith(ledger.completeTouch(t.id, { status: 'skipped', now: T0, audit: 'x' as never }), 'invalid_argument');
            expect(await kinds()).toEqual(before);
            expect(await ledger.touch(t.id)).toMatchObject({ status: 'pending' });
          });
        });

        it('changes nothing when the completion is refused, and refuses a next that is not a function', async () => {
          const t = await schedule('s1', T0);
          await rejectsWith(ledger.completeTouch(t.id, { status: 'sent', now: T0 }, next), 'invalid_transition');
          expect((await ledger.touchesOf(enrollmentId)).map((x) => [x.stepId, x.status])).toEqual([['s1', 'pending']]);
          await rejectsWith(ledger.completeTouch(t.id, { status: 'skipped', now: T0 }, 'nope' as never), 'invalid_argument');
          await rejectsWith(ledger.completeTouch('nope', { status: 'skipped', now: T0 }, next), 'not_found');
        });
      });

      describe('repairStrandedEnrollments', () => {
        const next = ({ touch, from }: { touch: Touch; from: number }): NextAfterTouch =>
          touch.stepId === 's1' ? { kind: 'step', stepId: 's2', dueAt: from + MIN, channel: 'email' } : { kind: 'last' };
        const repair = (now: number, l: Ledger = ledger) => l.repairStrandedEnrollments({ now, limit: 10, next });
        /** an enrollment of `phone` whose first touch was completed without moving on (the pre-atomic crash) */
        const stranded = async (phone: string, callId: string, status: 'sent' | 'skipped' | 'blocked' | 'manual', at = T0) => {
          const e = created(await ledger.enroll(enrollInput({ phone, callId })));
          const t = e.touches[0]!;
          if (status === 'sent') expect(await ledger.beginSend(t.id, `k-${callId}`, at)).toBe('go');
          await ledger.completeTouch(t.id, { status, now: at });
          return { enrollmentId: e.enrollment.id, touch: t };
        };

        it('moves a stranded enrollment on once, from its latest touch, counting from its completion, audited', async () => {
          const s = await stranded(BEN, 'CB', 'sent', T0 + 7);
          const [r, ...rest] = await repair(T0 + DAY_MS);
          expect(rest).toEqual([]);
          expect(r).toMatchObject({ enrollmentId: s.enrollmentId, touch: { id: s.touch.id, status: 'sent' } });
          expect(r!.sequence).toMatchObject({ action: 'scheduled', touch: { stepId: 's2', dueAt: T0 + 7 + MIN, status: 'pending' } });
          const audit = await ledger.auditTrail({ enrollmentId: s.enrollmentId, kinds: ['sequence_repaired'] });
          expect(audit.map((a) => [a.touchId, a.phone, (a.data as { action: string; from: number }).action, (a.data as { from: number }).from])).toEqual([
            [s.touch.id, BEN, 'scheduled', T0 + 7],
          ]);
          expect(await repair(T0 + DAY_MS + 1)).toEqual([]);
          expect((await ledger.touchesOf(s.enrollmentId)).map((x) => [x.stepId, x.status])).toEqual([['s1', 'sent'], ['s2', 'pending']]);
        });

        it('repairs each stranded enrollment once when 10 sweepers race on two connections', async () => {
          const other = await connect();
          const phones = ['+13055550131', '+13055550132', '+13055550133'];
          const ss = await Promise.all(phones.map((p, i) => stranded(p, `CR${i}`, i === 0 ? 'sent' : 'skipped')));
          const results = (await Promise.all(Array.from({ length: 10 }, (_, i) => repair(T0 + MIN, i % 2 ? ledger : other)))).flat();
          expect(results.map((r) => r.enrollmentId).sort()).toEqual(ss.map((s) => s.enrollmentId).sort());
          expect(await ledger.auditTrail({ kinds: ['sequence_repaired'] })).toHaveLength(3);
          for (const s of ss) expect((await ledger.touchesOf(s.enrollmentId)).map((x) => x.stepId)).toEqual(['s1', 's2']);
        });

        it('completes the enrollment after its last step, and exits it when next says so', async () => {
          const last = await schedule('s2', T0);
          await ledger.completeTouch(last.id, { status: 'skipped', now: T0 });
          const s = await stranded(BEN, 'CB', 'blocked');
          const rs = await ledger.repairStrandedEnrollments({
            now: T0 + MIN,
            limit: 10,
            next: (x) => (x.touch.status === 'blocked' ? { kind: 'exit', reason: 'gate_block:NO_CONSENT' } : next(x)),
          });
          expect(new Map(rs.map((r) => [r.enrollmentId, r.sequence]))).toEqual(
            new Map([
              [enrollmentId, { action: 'completed' }],
              [s.enrollmentId, { action: 'exited', reason: 'gate_block:NO_CONSENT' }],
            ]),
          );
          expect(await ledger.enrollment(enrollmentId)).toMatchObject({ status: 'completed' });
          expect(await ledger.enrollment(s.enrollmentId)).toMatchObject({ status: 'exited', endReason: 'gate_block:NO_CONSENT' });
        });

        it('leaves alone enrollments with an open or unsettled touch, handed to a person, ended, or with no touch', async () => {
          // open: a pending next step, a claimed one, one being sent, a failed one the settle sweep has not moved on
          const open = await stranded('+13055550141', 'C1', 'sent');
          await ledger.scheduleTouch({ enrollmentId: open.enrollmentId, stepId: 's2', dueAt: T0 + DAY_MS, now: T0 });
          const claimed = await stranded('+13055550142', 'C2', 'sent');
          await ledger.scheduleTouch({ enrollmentId: claimed.enrollmentId, stepId: 's2', dueAt: T0, now: T0 + 1 });
          await ledger.claimDueTouches({ now: T0 + 1, limit: 10, worker: 'w', leaseMs: DAY_MS });
          const inFlight = created(await ledger.enroll(enrollInput({ phone: '+13055550143', callId: 'C3' })));
          expect(await ledger.beginSend(inFlight.touches[0]!.id, 'k3', T0)).toBe('go');
          const failed = created(await ledger.enroll(enrollInput({ phone: '+13055550144', callId: 'C4' })));
          expect(await ledger.beginSend(failed.touches[0]!.id, 'k4', T0)).toBe('go');
          await ledger.completeTouch(failed.touches[0]!.id, { status: 'failed', now: T0 });
          // a person follows up
          await stranded('+13055550145', 'C5', 'manual');
          // ended
          const ended = await stranded('+13055550146', 'C6', 'sent');
          await ledger.exitEnrollment(ended.enrollmentId, 'agent', T0 + 1);
          // ANA's enrollment of this describe has no touch at all
          expect(await repair(T0 + DAY_MS)).toEqual([]);
          expect(await ledger.auditTrail({ kinds: ['sequence_repaired'] })).toEqual([]);
          expect((await ledger.touchesOf(open.enrollmentId)).map((x) => [x.stepId, x.status])).toEqual([['s1', 'sent'], ['s2', 'pending']]);
          // once its failed touch is settled (moved on by the settle sweep) there is nothing left to repair either
          await ledger.settleStrandedTouches({ now: T0 + DAY_MS, sendLeaseMs: DAY_MS, limit: 10, next });
          expect(await repair(T0 + DAY_MS)).toEqual([]);
        });

        it('skips an enrollment it cannot move on (its next step already has a closed touch) without crowding out the others', async () => {
          const stuck = await stranded(BEN, 'CB', 'sent');
          const s2 = await ledger.scheduleTouch({ enrollmentId: stuck.enrollmentId, stepId: 's2', dueAt: T0, now: T0 - 1 });
          await ledger.completeTouch(s2.id, { status: 'skipped', now: T0 });
          // the latest touch is s1 (created after s2), whose next step s2 is done
          const again = async (now: number) => ledger.repairStrandedEnrollments({ now, limit: 1, next: () => ({ kind: 'step', stepId: 's2', dueAt: now }) });
          expect(await again(T0 + 1)).toEqual([]);
          const fresh = await stranded('+13055550151', 'CF', 'sent', T0 + 2);
          const [r] = await ledger.repairStrandedEnrollments({ now: T0 + 3, limit: 1, next });
          expect(r?.enrollmentId).toBe(fresh.enrollmentId);
          await rejectsWith(ledger.repairStrandedEnrollments({ now: T0, limit: 0, next }), 'invalid_argument');
        });
      });

      it('recentSends lists the instants of sent and in-flight touches of the phone since a time', async () => {
        const [a, b, c, d] = await Promise.all(['a', 'b', 'c', 'd'].map((s) => schedule(s, T0)));
        const other = created(await ledger.enroll(enrollInput({ phone: BEN, callId: 'CB' })));
        for (const [t, at, outcome] of [[a, T0 - DAY_MS, 'sent'], [b, T0 + 1, 'sent'], [c, T0 + 2, 'failed'], [d, T0 + 3, null]] as const) {
          expect(await ledger.beginSend(t!.id, `k-${t!.stepId}`, at)).toBe('go');
          if (outcome) await ledger.completeTouch(t!.id, { status: outcome, now: at });
        }
        await ledger.beginSend(other.touches[0]!.id, 'kb', T0 + 4);
        expect(await ledger.recentSends(ANA, T0)).toEqual([T0 + 1, T0 + 3]);
      });

      it.each(['contact', 'template'] as const)('a paused %s holds its touches back until resumed', async (what) => {
        const t = await schedule('s1', T0);
        const pause = (paused: boolean) =>
          what === 'contact'
            ? paused
              ? ledger.pauseContact(ANA, null, 'agent', T0)
              : ledger.resumeContact(ANA, 'agent', T0 + 2)
            : ledger.pauseTemplate('tpl-dental', paused, T0 + (paused ? 0 : 2));
        const claimed = await ledger.claimDueTouches({ now: T0, limit: 5, worker: 'w', leaseMs: MIN });
        await pause(true);
        expect(await ledger.templatePaused('tpl-dental')).toBe(what === 'template');
        expect(await ledger.claimDueTouches({ now: T0 + DAY_MS, limit: 5, worker: 'w', leaseMs: MIN })).toEqual([]);
        expect(await ledger.beginSend(claimed[0]!.id, 'k', T0 + 1)).toBe('stopped');
        expect(await ledger.touch(t.id)).toMatchObject({ status: 'pending', reason: `${what}_paused` });
        await pause(false);
        expect((await ledger.claimDueTouches({ now: T0 + 3, limit: 5, worker: 'w', leaseMs: MIN })).map((x) => x.id)).toEqual([t.id]);
        expect(await ledger.beginSend(t.id, 'k', T0 + 3)).toBe('go');
      });

      it('a contact paused until an instant is claimable from that instant', async () => {
        const t = await schedule('s1', T0);
        await ledger.pauseContact(ANA, T0 + 60 * MIN, 'callback booked', T0);
        expect(await ledger.claimDueTouches({ now: T0 + 60 * MIN - 1, limit: 5, worker: 'w', leaseMs: MIN })).toEqual([]);
        expect((await ledger.claimDueTouches({ now: T0 + 60 * MIN, limit: 5, worker: 'w', leaseMs: MIN })).map((x) => x.id)).toEqual([t.id]);
      });
    });

    describe('delivery status (recordDelivery)', () => {
      let enrollmentId: string;
      beforeEach(async () => {
        enrollmentId = created(await ledger.enroll(enrollInput({ firstSteps: [] }))).enrollment.id;
      });
      /** a touch sent through `provider` as message `messageId` at T0 + 1 */
      const sent = async (stepId: string, messageId: string, provider = 'twilio'): Promise<Touch> => {
        const t = await ledger.scheduleTouch({ enrollmentId, stepId, dueAt: T0, channel: 'sms', now: T0 });
        expect(await ledger.beginSend(t.id, `key-${stepId}`, T0)).toBe('go');
        return (await ledger.completeTouch(t.id, { status: 'sent', provider, providerMessageId: messageId, now: T0 + 1 })).touch;
      };
      const deliver = (messageId: string, state: DeliveryState, now: number, errorCode: number | null = null, provider = 'twilio', l: Ledger = ledger) =>
        l.recordDelivery({ provider, messageId, state, errorCode, now });
      const undeliveredTrail = async () => (await ledger.auditTrail({ kinds: ['message_undelivered'] })).map((a) => [a.touchId, a.enrollmentId, a.phone, a.at, a.data]);

      it('a touch carries no delivery status until a callback is recorded', async () => {
        const t = await sent('s1', 'SM1');
        expect(t).toMatchObject({ deliveryStatus: null, deliveryError: null, deliveryAt: null });
        expect(await ledger.touch(t.id)).toEqual(t);
      });

      it('stores sent, then delivered, on the touch that sent the message', async () => {
        const t = await sent('s1', 'SM1');
        await sent('s2', 'SM2');
        const first = await deliver('SM1', 'sent', T0 + 2);
        expect(first).toEqual({ touch: { ...t, deliveryStatus: 'sent', deliveryError: null, deliveryAt: T0 + 2, updatedAt: T0 + 2 }, previous: null, changed: true });
        const r = await deliver('SM1', 'delivered', T0 + 3);
        expect(r).toEqual({ touch: { ...t, deliveryStatus: 'delivered', deliveryError: null, deliveryAt: T0 + 3, updatedAt: T0 + 3 }, previous: 'sent', changed: true });
        // what is stored is what it answered; the other touch is untouched and nothing is audited
        expect(await ledger.touch(t.id)).toEqual(r.touch);
        expect(await ledger.touchesOf(enrollmentId)).toContainEqual(expect.objectContaining({ stepId: 's2', providerMessageId: 'SM2', deliveryStatus: null }));
        expect(await undeliveredTrail()).toEqual([]);
      });

      it('changes nothing for a duplicate or for a late callback older than the status on record', async () => {
        const t = await sent('s1', 'SM1');
        const stored = (await deliver('SM1', 'delivered', T0 + 3)).touch;
        expect(await deliver('SM1', 'delivered', T0 + 4)).toEqual({ touch: stored, previous: 'delivered', changed: false });
        expect(await deliver('SM1', 'sent', T0 + 5)).toEqual({ touch: stored, previous: 'delivered', changed: false });
        expect(await deliver('SM1', 'undelivered', T0 + 6, 30006)).toEqual({ touch: stored, previous: 'delivered', changed: false });
        expect(await ledger.touch(t.id)).toMatchObject({ deliveryStatus: 'delivered', deliveryError: null, deliveryAt: T0 + 3, updatedAt: T0 + 3 });
        expect(await undeliveredTrail()).toEqual([]);
      });

      it('stores undelivered with its error code and audits message_undelivered once', async () => {
        const t = await sent('s1', 'SM1');
        await deliver('SM1', 'sent', T0 + 2);
        const r = await deliver('SM1', 'undelivered', T0 + 3, 30006);
        expect(r).toMatchObject({ touch: { id: t.id, deliveryStatus: 'undelivered', deliveryError: 30006, deliveryAt: T0 + 3 }, previous: 'sent', changed: true });
        const entry = [t.id, enrollmentId, ANA, T0 + 3, { touchId: t.id, enrollmentId, stepId: 's1', provider: 'twilio', messageId: 'SM1', status: 'undelivered', errorCode: 30006 }];
        expect(await undeliveredTrail()).toEqual([entry]);
        // a duplicate, and a failure of the same rank, store and audit nothing more
        expect((await deliver('SM1', 'undelivered', T0 + 4, 30006)).changed).toBe(false);
        expect((await deliver('SM1', 'failed', T0 + 5, 30008)).changed).toBe(false);
        expect(await ledger.touch(t.id)).toMatchObject({ deliveryStatus: 'undelivered', deliveryError: 30006, deliveryAt: T0 + 3 });
        expect(await undeliveredTrail()).toEqual([entry]);
      });

      it('audits a failed message too, and a delivery receipt after a failure supersedes it', async () => {
        const t = await sent('s1', 'SM1');
        expect(await deliver('SM1', 'failed', T0 + 2, 30007)).toMatchObject({ previous: null, changed: true, touch: { deliveryStatus: 'failed', deliveryError: 30007 } });
        expect((await undeliveredTrail()).map((e) => e[4])).toEqual([expect.objectContaining({ status: 'failed', errorCode: 30007 })]);
        const r = await deliver('SM1', 'delivered', T0 + 3);
        expect(r).toMatchObject({ previous: 'failed', changed: true, touch: { deliveryStatus: 'delivered', deliveryError: null, deliveryAt: T0 + 3 } });
        expect(await ledger.touch(t.id)).toEqual(r.touch);
        expect(await undeliveredTrail()).toHaveLength(1);
      });

      it('finds no touch for an unknown message id, or for the id under another provider, and writes nothing', async () => {
        const t = await sent('s1', 'SM1');
        const before = await ledger.auditTrail({});
        expect(await deliver('SM404', 'undelivered', T0 + 2, 30006)).toEqual({ touch: null, previous: null, changed: false });
        expect(await deliver('SM1', 'undelivered', T0 + 2, 30006, 'vonage')).toEqual({ touch: null, previous: null, changed: false });
        expect(await ledger.touch(t.id)).toEqual(t);
        expect(await ledger.auditTrail({})).toEqual(before);
        // the same id under each provider: each callback finds its own provider's touch
        const other = await sent('s2', 'SM1', 'vonage');
        expect((await deliver('SM1', 'delivered', T0 + 3, null, 'vonage')).touch?.id).toBe(other.id);
        expect(await ledger.touch(t.id)).toEqual(t);
      });

      it('stores one change and audits once when 20 duplicate callbacks race on two connections', async () => {
        const other = await connect();
        const t = await sent('s1', 'SM1');
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => deliver('SM1', 'undelivered', T0 + 2 + i, 30006, 'twilio', i % 2 ? ledger : other)));
        expect(results.filter((r) => r.changed)).toHaveLength(1);
        expect(results.filter((r) => !r.changed).every((r) => r.previous === 'undelivered')).toBe(true);
        expect(await ledger.touch(t.id)).toEqual(results.find((r) => r.changed)!.touch);
        expect(await undeliveredTrail()).toHaveLength(1);
      });

      it.each([
        ['an unknown state', { state: 'bounced' as DeliveryState }],
        ['a state in Twilio’s words', { state: 'Delivered' as DeliveryState }],
        ['a fractional error code', { errorCode: 300.5 }],
        ['a negative error code', { errorCode: -1 }],
        ['an error code past the column', { errorCode: 2 ** 31 }],
        ['an empty message id', { messageId: '' }],
        ['an empty provider', { provider: '' }],
        ['a non-integer instant', { now: 1.5 }],
      ])('refuses %s', async (_, over) => {
        await sent('s1', 'SM1');
        await rejectsWith(ledger.recordDelivery({ provider: 'twilio', messageId: 'SM1', state: 'delivered', errorCode: null, now: T0 + 2, ...over }), 'invalid_argument');
        expect((await ledger.touchesOf(enrollmentId))[0]).toMatchObject({ deliveryStatus: null });
      });
    });

    describe('audit trail', () => {
      it('records the ledger’s own decisions and the caller’s, filtered and ordered', async () => {
        const r = created(await ledger.enroll(enrollInput()));
        const touch = r.touches[0]!;
        await ledger.audit({ kind: 'gate_decision', phone: ANA, enrollmentId: r.enrollment.id, touchId: touch.id, data: { action: 'send', reasons: ['ok'] }, now: T0 + 1 });
        await ledger.beginSend(touch.id, 'k', T0 + 2);
        await ledger.completeTouch(touch.id, { status: 'sent', now: T0 + 3 });
        await ledger.recordOptOut(BEN, { channel: 'sms', source: 'sms', now: T0 + 4 });
        const trail = await ledger.auditTrail({ phone: ANA });
        expect(trail.map((a) => a.kind)).toEqual(['enrollment_created', 'gate_decision', 'begin_send', 'touch_completed']);
        expect(trail[1]).toMatchObject({ at: T0 + 1, touchId: touch.id, enrollmentId: r.enrollment.id, data: { action: 'send', reasons: ['ok'] } });
        expect(trail[2]!.data).toMatchObject({ result: 'go', idempotencyKey: 'k' });
        expect((await ledger.auditTrail({ since: T0 + 2, limit: 2, order: 'desc' })).map((a) => a.kind)).toEqual(['opt_out', 'touch_completed']);
        expect((await ledger.auditTrail({ enrollmentId: r.enrollment.id })).length).toBe(4);
      });

      it('filters by kind and pages after an id in either order', async () => {
        for (let i = 0; i < 5; i++) await ledger.audit({ kind: i % 2 ? 'odd' : 'even', phone: ANA, data: { i }, now: T0 + i });
        const evens = await ledger.auditTrail({ kinds: ['even'] });
        expect(evens.map((a) => (a.data as { i: number }).i)).toEqual([0, 2, 4]);
        expect((await ledger.auditTrail({ kinds: ['even', 'odd'], afterId: evens[1]!.id })).map((a) => (a.data as { i: number }).i)).toEqual([3, 4]);
        expect((await ledger.auditTrail({ kinds: ['odd'], afterId: evens[2]!.id, order: 'desc' })).map((a) => (a.data as { i: number }).i)).toEqual([3, 1]);
        expect(await ledger.auditTrail({ kinds: [] })).toEqual([]);
      });
    });

    describe('reports', () => {
      it('lists current opt-outs per channel by phone, pages by phone and drops opted-in channels', async () => {
        await ledger.recordOptOut(BEN, { channel: 'all', source: 'import', text: 'STOP', now: T0 });
        await ledger.recordOptOut(ANA, { channel: 'sms', source: 'sms_stop', now: T0 + 1 });
        await ledger.recordOptIn(BEN, { channel: 'email', source: 'web', now: T0 + 2 });
        await ledger.upsertContact({ phone: '+13055550125', now: T0 });
        expect(await ledger.optOuts()).toEqual([
          { phone: ANA, channel: 'sms', at: T0 + 1, source: 'sms_stop', text: null },
          { phone: BEN, channel: 'sms', at: T0, source: 'import', text: 'STOP' },
        ]);
        expect((await ledger.optOuts({ limit: 1 })).map((o) => o.phone)).toEqual([ANA]);
        expect((await ledger.optOuts({ afterPhone: ANA })).map((o) => o.phone)).toEqual([BEN]);
      });

      it('lists enrollments created in a window with their touches, and call events received in it', async () => {
        const a = created(await ledger.enroll(enrollInput({ now: T0 })));
        const b = created(await ledger.enroll(enrollInput({ phone: BEN, callId: 'CA2', templateId: 'tpl-other', now: T0 + MIN })));
        created(await ledger.enroll(enrollInput({ phone: '+13055550125', callId: 'CA3', now: T0 + 2 * MIN })));
        await ledger.scheduleTouch({ enrollmentId: a.enrollment.id, stepId: 's2', dueAt: T0 + 5 * MIN, now: T0 });
        expect((await ledger.enrollmentsCreated({ since: T0, until: T0 + 2 * MIN })).map((e) => e.id)).toEqual([a.enrollment.id, b.enrollment.id]);
        expect((await ledger.enrollmentsCreated({ since: T0, until: T0 + 3 * MIN, templateId: 'tpl-other' })).map((e) => e.id)).toEqual([b.enrollment.id]);
        const touches = await ledger.touchesOfEnrollments([a.enrollment.id, b.enrollment.id]);
        expect(touches.map((x) => [x.enrollmentId, x.stepId])).toEqual([
          [a.enrollment.id, 's1'],
          [b.enrollment.id, 's1'],
          [a.enrollment.id, 's2'],
        ]);
        expect(await ledger.touchesOfEnrollments([])).toEqual([]);
        for (const [id, at] of [['CA1', T0], ['CA2', T0 + MIN], ['CA3', T0 + 2 * MIN]] as const) {
          await ledger.appendCallEvent({ callId: id, provider: 'twilio', class: 'missed', final: true, payload: { from: ANA }, now: at });
        }
        expect((await ledger.callEventsBetween({ since: T0 + 1, until: T0 + 3 * MIN })).map((e) => e.callId)).toEqual(['CA2', 'CA3']);
      });
    });

    describe('pending calls', () => {
      const park = (l: Ledger, key: string, settleAt: number, spec: unknown = { cls: 'missed' }, now = T0) =>
        l.parkPendingCall({ callKey: key, provider: 'twilio', settleAt, enrollSpec: spec, now });

      it('parks a call and hands it out only once its settle instant passed', async () => {
        const p = await park(ledger, 'call:twilio:CA1', T0 + 90_000, { cls: 'missed', steps: ['s1'] });
        expect(p).toMatchObject({ parked: true, pendingCall: { status: 'pending', settleAt: T0 + 90_000, enrollSpec: { cls: 'missed', steps: ['s1'] } } });
        expect(await ledger.claimSettledCalls({ now: T0 + 89_999, limit: 5, worker: 'w', leaseMs: MIN })).toEqual([]);
        const claimed = await ledger.claimSettledCalls({ now: T0 + 90_000, limit: 5, worker: 'w', leaseMs: MIN });
        expect(claimed.map((c) => [c.callKey, c.status, c.claimedBy, c.claims, c.leaseUntil])).toEqual([
          ['call:twilio:CA1', 'claimed', 'w', 1, T0 + 90_000 + MIN],
        ]);
      });

      it('re-parking moves the settle instant and replaces the spec; a resolved call stays resolved', async () => {
        await park(ledger, 'call:twilio:CA1', T0 + 90_000);
        await park(ledger, 'call:twilio:CA1', T0 + 150_000, { cls: 'voicemail' }, T0 + 60_000);
        expect(await ledger.claimSettledCalls({ now: T0 + 100_000, limit: 5, worker: 'w', leaseMs: MIN })).toEqual([]);
        expect(await ledger.resolvePendingCall('call:twilio:CA1', 'final', T0 + 120_000)).toBe(true);
        expect(await ledger.resolvePendingCall('call:twilio:CA1', 'final', T0 + 121_000)).toBe(false);
        const again = await park(ledger, 'call:twilio:CA1', T0 + 300_000, { cls: 'missed' }, T0 + 130_000);
        expect(again.parked).toBe(false);
        expect(again.pendingCall).toMatchObject({ status: 'resolved', outcome: 'final', enrollSpec: { cls: 'voicemail' }, resolvedAt: T0 + 120_000 });
        expect(await ledger.claimSettledCalls({ now: T0 + DAY_MS, limit: 5, worker: 'w', leaseMs: MIN })).toEqual([]);
        expect(await ledger.resolvePendingCall('call:twilio:NOPE', 'final', T0)).toBe(false);
      });

      it('lets an expired lease be claimed again, not before it ends', async () => {
        await park(ledger, 'call:twilio:CA1', T0);
        await ledger.claimSettledCalls({ now: T0, limit: 5, worker: 'crashed', leaseMs: MIN });
        expect(await ledger.claimSettledCalls({ now: T0 + MIN - 1, limit: 5, worker: 'w2', leaseMs: MIN })).toEqual([]);
        const again = await ledger.claimSettledCalls({ now: T0 + MIN, limit: 5, worker: 'w2', leaseMs: MIN });
        expect(again.map((c) => [c.claimedBy, c.claims])).toEqual([['w2', 2]]);
      });

      it('never hands one parked call to two of 20 claimers racing on two connections', async () => {
        const other = await connect();
        for (let i = 0; i < 30; i++) await park(ledger, `call:twilio:CA${String(i).padStart(2, '0')}`, T0 + i);
        const batches = await Promise.all(
          Array.from({ length: 20 }, (_, i) => (i % 2 ? ledger : other).claimSettledCalls({ now: T0 + MIN, limit: 2, worker: `w${i}`, leaseMs: MIN })),
        );
        const keys = batches.flat().map((c) => c.callKey);
        expect(keys.length).toBe(new Set(keys).size);
        expect(keys).toHaveLength(30);
      });

      it('audits parking and resolving', async () => {
        await park(ledger, 'call:twilio:CA1', T0 + 90_000);
        await ledger.resolvePendingCall('call:twilio:CA1', 'answered', T0 + 1000);
        const kinds = (await ledger.auditTrail({})).map((a) => [a.kind, (a.data as { callKey?: string }).callKey]);
        expect(kinds).toEqual([
          ['call_parked', 'call:twilio:CA1'],
          ['call_unparked', 'call:twilio:CA1'],
        ]);
      });
    });

    describe('migrations and durability', () => {
      it('migrations are versioned and idempotent, also when two connections migrate at once', async () => {
        await ledger.close();
        await store.destroy();
        const fresh = store.connectUnmigrated();
        s.adopt(fresh);
        const before = await fresh.migrationStatus();
        expect(before.current).toBe(0);
        const other = store.connectUnmigrated();
        s.adopt(other);
        await Promise.all([fresh.migrate(), other.migrate(), fresh.migrate()]);
        const after = await other.migrationStatus();
        expect(after.current).toBe(after.latest);
        expect(after.applied.map((a) => a.version)).toEqual(Array.from({ length: after.latest }, (_, i) => i + 1));
        await fresh.migrate();
        expect(await fresh.migrationStatus()).toEqual(after);
        expect(await fresh.claimOnce('k', T0)).toBe(true);
      });

      it('migration 7 (carrier line type) upgrades a ledger left at version 6 and keeps its data', async () => {
        await ledger.close();
        await store.destroy();
        await store.migrateUpTo(6);
        // an older package's ledger: contacts, consent, an opt-out, an enrollment and audit entries
        const old = s.adopt(store.connectUnmigrated());
        expect((await old.migrationStatus()).current).toBe(6);
        await old.recordConsent(ANA, 'written', 'web form', T0 - 2);
        const r = created(await old.enroll(enrollInput()));
        await old.recordOptOut(BEN, { channel: 'sms', source: 'sms', text: 'STOP', now: T0 });
        const before = await old.auditTrail({});
        const upgraded = await connect();
        const status = await upgraded.migrationStatus();
        expect(status.current).toBe(status.latest);
        expect(status.applied.find((a) => a.version === 7)).toEqual({ version: 7, name: 'carrier_line_type' });
        expect(await upgraded.enrollment(r.enrollment.id)).toEqual(r.enrollment);
        expect(await upgraded.touchesOf(r.enrollment.id)).toEqual(r.touches);
        expect(await upgraded.contact(ANA)).toMatchObject({ consent: { level: 'written', source: 'web form', at: T0 - 2 }, carrierLineType: null });
        expect((await upgraded.contact(BEN))!.optOut.sms).toEqual({ at: T0, source: 'sms', text: 'STOP' });
        expect(await upgraded.auditTrail({})).toEqual(before);
        await upgraded.recordCarrierLineType(ANA, { type: 'landline', source: 'twilio_lookup', now: T0 + 1 });
        expect(await upgraded.contact(ANA)).toMatchObject({ consent: { level: 'written' }, carrierLineType: { type: 'landline', at: T0 + 1, source: 'twilio_lookup' } });
      });

      it('migration 8 (last conversation) upgrades a ledger left at version 7 and keeps its data', async () => {
        await ledger.close();
        await store.destroy();
        await store.migrateUpTo(7);
        const old = s.adopt(store.connectUnmigrated());
        expect((await old.migrationStatus()).current).toBe(7);
        await old.recordReply(ANA, { text: 'hi', class: 'reply', channel: 'sms', now: T0 - 5 });
        await old.recordCarrierLineType(ANA, { type: 'mobile', source: 'twilio_lookup', now: T0 - 4 });
        const r = created(await old.enroll(enrollInput()));
        // read through an older schema, the column is absent: no conversation
        expect((await old.contact(ANA))!.lastConversationAt).toBeNull();
        const before = await old.auditTrail({});
        const upgraded = await connect();
        const status = await upgraded.migrationStatus();
        expect(status.current).toBe(status.latest);
        expect(status.applied.find((a) => a.version === 8)).toEqual({ version: 8, name: 'last_conversation' });
        expect(await upgraded.enrollment(r.enrollment.id)).toEqual(r.enrollment);
        expect(await upgraded.contact(ANA)).toMatchObject({
          lastReply: { at: T0 - 5, text: 'hi' },
          carrierLineType: { type: 'mobile', at: T0 - 4 },
          lastConversationAt: null,
        });
        expect(await upgraded.auditTrail({})).toEqual(before);
        expect((await upgraded.recordConversation(ANA, { callId: 'CA9', provider: 'twilio', direction: 'inbound', at: T0 + 1, now: T0 + 2 })).exitedEnrollments).toEqual([
          r.enrollment.id,
        ]);
        expect((await upgraded.contact(ANA))!.lastConversationAt).toBe(T0 + 1);
      });

      it('migration 9 (conversation-only contacts index) upgrades a ledger left at version 8; the prune still tells those contacts apart', async () => {
        await ledger.close();
        await store.destroy();
        await store.migrateUpTo(8);
        const old = s.adopt(store.connectUnmigrated());
        expect((await old.migrationStatus()).current).toBe(8);
        const talk = (l: Ledger, phone: string, at: number) => l.recordConversation(phone, { callId: `CA-${phone}`, provider: 'twilio', direction: 'inbound', at, now: at });
        await talk(old, ANA, T0); // nothing but the conversation
        await talk(old, BEN, T0);
        await old.recordReply(BEN, { text: 'hi', class: 'reply', channel: 'sms', now: T0 + 1 });
        const upgraded = await connect();
        const status = await upgraded.migrationStatus();
        expect(status.current).toBe(status.latest);
        expect(status.applied.find((a) => a.version === 9)).toEqual({ version: 9, name: 'conversation_only_contacts' });
        // the index is built over the rows already there: the old conversation-only contact goes, the other stays
        const later = T0 + 61 * DAY_MS;
        await talk(upgraded, '+13055550125', later); // a new one, inside the period
        expect((await upgraded.prune({ now: later })).counts.conversationContacts).toBe(1);
        expect(await upgraded.contact(ANA)).toBeNull();
        expect(await upgraded.contact(BEN)).toMatchObject({ lastConversationAt: T0, lastReply: { text: 'hi' } });
        expect(await upgraded.contact('+13055550125')).toMatchObject({ lastConversationAt: later });
      });

      it('migration 10 (contact language) upgrades a ledger left at version 9 and keeps its data', async () => {
        await ledger.close();
        await store.destroy();
        await store.migrateUpTo(9);
        const old = s.adopt(store.connectUnmigrated());
        expect((await old.migrationStatus()).current).toBe(9);
        await old.upsertContact({ phone: ANA, name: 'Ana', now: T0 - 6 });
        await old.recordConsent(ANA, 'written', 'web form', T0 - 5);
        await old.recordCarrierLineType(ANA, { type: 'mobile', source: 'twilio_lookup', now: T0 - 4 });
        await old.pauseContact(ANA, T0 + DAY_MS, 'vacation', T0 - 3);
        const r = created(await old.enroll(enrollInput({ now: T0 - 2 })));
        await old.recordOptOut(BEN, { channel: 'sms', source: 'sms', text: 'STOP', now: T0 - 1 });
        // read through the older schema, the column is absent: no preference
        expect((await old.contact(ANA))!.language).toBeNull();
        const before = { ana: await old.contact(ANA), ben: await old.contact(BEN), audit: await old.auditTrail({}) };
        const upgraded = await connect();
        const status = await upgraded.migrationStatus();
        expect(status.current).toBe(status.latest);
        expect(status.applied.find((a) => a.version === 10)).toEqual({ version: 10, name: 'contact_language' });
        expect(await upgraded.contact(ANA)).toEqual({ ...before.ana, language: null });
        expect(await upgraded.contact(BEN)).toEqual({ ...before.ben, language: null });
        expect(await upgraded.enrollment(r.enrollment.id)).toEqual(r.enrollment);
        expect(await upgraded.touchesOf(r.enrollment.id)).toEqual(r.touches);
        expect(await upgraded.auditTrail({})).toEqual(before.audit);
        await upgraded.setContactLanguage(ANA, 'es', 'crm', T0);
        expect(await upgraded.contact(ANA)).toEqual({ ...before.ana, language: 'es', updatedAt: T0 });
      });

      it('migration 11 (touch delivery) upgrades a ledger left at version 10 and keeps its touches, with no delivery status', async () => {
        await ledger.close();
        await store.destroy();
        await store.migrateUpTo(10);
        const old = s.adopt(store.connectUnmigrated());
        expect((await old.migrationStatus()).current).toBe(10);
        const r = created(await old.enroll(enrollInput({ firstSteps: [{ stepId: 's1', dueAt: T0, channel: 'sms' }, { stepId: 's2', dueAt: T0 + DAY_MS, channel: 'sms' }] })));
        const [s1] = r.touches;
        expect(await old.beginSend(s1!.id, 'k1', T0)).toBe('go');
        await old.completeTouch(s1!.id, { status: 'sent', provider: 'twilio', providerMessageId: 'SM1', detail: { segments: 1 }, now: T0 + 1 });
        // read through the older schema, the columns are absent: no delivery status
        const before = { touches: await old.touchesOf(r.enrollment.id), audit: await old.auditTrail({}) };
        expect(before.touches.map((t) => [t.stepId, t.status, t.deliveryStatus, t.deliveryError, t.deliveryAt])).toEqual([
          ['s1', 'sent', null, null, null],
          ['s2', 'pending', null, null, null],
        ]);
        const upgraded = await connect();
        const status = await upgraded.migrationStatus();
        expect(status.current).toBe(status.latest);
        expect(status.applied.find((a) => a.version === 11)).toEqual({ version: 11, name: 'touch_delivery' });
        expect(await upgraded.enrollment(r.enrollment.id)).toEqual(r.enrollment);
        expect(await upgraded.touchesOf(r.enrollment.id)).toEqual(before.touches);
        expect(await upgraded.auditTrail({})).toEqual(before.audit);
        // the touch sent before the upgrade takes its callbacks
        expect(await upgraded.recordDelivery({ provider: 'twilio', messageId: 'SM1', state: 'undelivered', errorCode: 30006, now: T0 + 2 })).toEqual({
          touch: { ...before.touches[0]!, deliveryStatus: 'undelivered', deliveryError: 30006, deliveryAt: T0 + 2, updatedAt: T0 + 2 },
          previous: null,
          changed: true,
        });
      });

      it('migration 12 (email suppressions) upgrades a ledger left at version 11 and keeps its data', async () => {
        await ledger.close();
        await store.destroy();
        await store.migrateUpTo(11);
        const old = s.adopt(store.connectUnmigrated());
        expect((await old.migrationStatus()).current).toBe(11);
        await old.upsertContact({ phone: ANA, name: 'Ana', email: 'ana@example.com', now: T0 - 3 });
        const r = created(await old.enroll(enrollInput({ now: T0 - 2 })));
        await old.recordOptOut(BEN, { channel: 'email', source: 'email', text: 'unsubscribe', now: T0 - 1 });
        const before = { ana: await old.contact(ANA), ben: await old.contact(BEN), audit: await old.auditTrail({}) };
        const upgraded = await connect();
        const status = await upgraded.migrationStatus();
        expect(status.current).toBe(status.latest);
        expect(status.applied.find((a) => a.version === 12)).toEqual({ version: 12, name: 'email_suppressions' });
        expect(await upgraded.contact(ANA)).toEqual(before.ana);
        expect(await upgraded.contact(BEN)).toEqual(before.ben);
        expect(await upgraded.touchesOf(r.enrollment.id)).toEqual(r.touches);
        expect(await upgraded.auditTrail({})).toEqual(before.audit);
        expect(await upgraded.emailSuppression('ana@example.com')).toBeNull();
        expect((await upgraded.recordEmailSuppression({ email: 'ana@example.com', phone: ANA, source: 'bounce', code: '5.1.1', touchId: r.touches[0]!.id, now: T0 })).firstTime).toBe(true);
        expect(await upgraded.emailSuppression('ANA@example.com')).toMatchObject({ source: 'bounce', touchId: r.touches[0]!.id });
      });

      it('data survives closing and reopening', async () => {
        const r = created(await ledger.enroll(enrollInput()));
        await ledger.recordOptOut(BEN, { channel: 'all', source: 'sms', text: 'STOP', now: T0 });
        await ledger.claimOnce('twilio:CA1', T0);
        await ledger.close();
        const reopened = await connect();
        expect(await reopened.enrollment(r.enrollment.id)).toEqual(r.enrollment);
        expect((await reopened.contact(BEN))!.optOut.sms).toEqual({ at: T0, source: 'sms', text: 'STOP' });
        expect(await reopened.claimOnce('twilio:CA1', T0)).toBe(false);
      });

      it('a closed ledger refuses work and closes twice quietly', async () => {
        await ledger.close();
        await ledger.close();
        await rejectsWith(ledger.claimOnce('k', T0), 'closed');
      });
    });
  });
}

export type { Touch };
