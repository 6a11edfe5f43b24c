/**
 * A small driver of the whole follow-up at the ledger + shared level, for the property tests:
 * trigger (claimOnce + enroll), Consent Gate (shared decide() through the gate's own decideInput,
 * reschedule / block / sequenceAfterGate), Follow-up Sender (beginSend → provider → completeTouch →
 * advance), Sequence Scheduler (settleStrandedTouches, then claimDueTouches by named workers with
 * leases: its poll), inbound replies and
 * STOP/START — applied in a generated order on a fresh in-memory SQLite ledger, with clock jumps.
 * The invariants are then read back from the ledger's own audit trail and the provider log.
 */
import { decideInput } from '../../nodes/ConsentGate/gateInput';
import { gateNext, sequenceAfterGate } from '../../nodes/ConsentGate/sequenceAfterGate';
import type { TouchUpdate } from '../../nodes/ConsentGate/router';
import type { SequenceMove } from '../../nodes/ledger/Ledger';
import { openLedger, isLedgerError, type AuditEntry, type Enrollment, type Ledger, type Touch } from '../../nodes/ledger';
import { nextAfterStranded } from '../../nodes/SequenceScheduler/nextAfterStranded';
import { nextAfterTouch } from '../../nodes/shared/nextAfterTouch';
import { callKey } from '../../nodes/shared/triggerPipeline/callKey';
import { decide, type Channel, type Decision } from '../../shared/compliance';
import { analyzePhone, type PhoneInfo } from '../../shared/phone';
import { parseSequenceTemplate, type SequenceTemplate } from '../../shared/schema';
import { fourTouch } from '../../shared/templates';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
const LEASE_MS = 10 * MIN;
/** the Sequence Scheduler's Send Outcome Lease (its default) */
export const SEND_LEASE_MS = 15 * MIN;

/** fourTouch without its agent callback (the CRM Flag's job): sms +1 min, email +24 h, sms +6 d. */
export const MODEL_TEMPLATE: SequenceTemplate = (() => {
  const t = { ...fourTouch, id: 'model-three-touch', steps: fourTouch.steps.filter((s) => s.channel === 'sms' || s.channel === 'email') };
  const parsed = parseSequenceTemplate(t);
  if (!parsed.success) throw new Error(`model template invalid: ${JSON.stringify(parsed.issues)}`);
  return parsed.data;
})();

/** Florida (America/New_York, FL window 8–20 + cap), New York, Texas (America/Chicago). */
export const PHONES = ['+13055550101', '+12125550102', '+15125550103'] as const;
const INFO: PhoneInfo[] = PHONES.map((p) => analyzePhone(p)!);

/** Starts next to the 2026 US DST changes and local midnights (America/New_York). */
export const STARTS = [
  Date.UTC(2026, 2, 7, 23, 30), // Sat 18:30 EST, the evening before spring-forward
  Date.UTC(2026, 2, 8, 4, 55), // Sat 23:55 EST → midnight, then 02:00 → 03:00 at 07:00Z
  Date.UTC(2026, 2, 8, 6, 58), // Sun 01:58 EST, two minutes before the gap
  Date.UTC(2026, 9, 31, 23, 50), // Sat 19:50 EDT before fall-back
  Date.UTC(2026, 10, 1, 5, 30), // Sun 01:30 EDT, the first of the two 01:30s
  Date.UTC(2026, 10, 1, 6, 30), // Sun 01:30 EST, the second one
  Date.UTC(2026, 10, 2, 4, 59), // Sun 23:59 EST, a minute before midnight
  Date.UTC(2026, 6, 3, 23, 59), // Fri 19:59 EDT before July 4th
];

/** Clock jumps: a minute, across the 20:00/21:00 window edges, a DST day, several days. */
export const JUMPS = [MIN, 7 * MIN, 59 * MIN, HOUR, 2 * HOUR + 59 * MIN, 6 * HOUR, 12 * HOUR, 23 * HOUR, DAY, 25 * HOUR, 3 * DAY];

export type Command =
  | { t: 'call'; p: number; c: number }
  | { t: 'reply'; p: number }
  | { t: 'stop'; p: number; channel: 'sms' | 'all' }
  | { t: 'start'; p: number }
  | { t: 'clock'; ms: number }
  | { t: 'claim'; w: number }
  | { t: 'process'; w: number; crash: boolean }
  | { t: 'rerun'; w: number };

export interface ProviderSend {
  touchId: string;
  enrollmentId: string;
  stepId: string;
  channel: string | null;
  phone: string;
  at: number;
}

export interface ModelResult {
  ledger: Ledger;
  sends: ProviderSend[];
  /** touches left in `sending` by a simulated crash between the provider call and completeTouch */
  crashed: Set<string>;
  /** enrollments the Scheduler's repair sweep had to move on */
  repaired: number;
  now: number;
  /** a readable trace for failure messages */
  trace: string[];
}

export class FollowUpModel {
  readonly sends: ProviderSend[] = [];
  readonly crashed = new Set<string>();
  /** enrollments the repair sweep had to move on (must stay 0: no path strands a sequence any more) */
  repaired = 0;
  readonly trace: string[] = [];
  private readonly held = new Map<string, Touch[]>();
  private readonly last = new Map<string, Touch[]>();

  private constructor(
    readonly ledger: Ledger,
    public now: number,
  ) {}

  static async open(start: number): Promise<FollowUpModel> {
    return new FollowUpModel(await openLedger({ kind: 'embedded', path: ':memory:' }), start);
  }

  async apply(c: Command): Promise<void> {
    this.trace.push(`${new Date(this.now).toISOString()} ${JSON.stringify(c)}`);
    const { ledger, now } = this;
    switch (c.t) {
      case 'call':
        return this.call(PHONES[c.p]!, `CA${c.p}-${c.c}`);
      case 'reply':
        await ledger.recordReply(PHONES[c.p]!, { text: 'thanks, call me later', class: 'reply', channel: 'sms', now });
        return;
      case 'stop':
        await ledger.recordOptOut(PHONES[c.p]!, { channel: c.channel, source: 'sms_stop', text: 'STOP', now });
        return;
      case 'start':
        await ledger.recordOptIn(PHONES[c.p]!, { channel: 'all', source: 'sms_start', now });
        return;
      case 'clock':
        this.now += c.ms;
        return;
      case 'claim': {
        await this.settle();
        const got = await ledger.claimDueTouches({ now, limit: 10, worker: `w${c.w}`, leaseMs: LEASE_MS });
        this.held.set(`w${c.w}`, [...(this.held.get(`w${c.w}`) ?? []), ...got]);
        return;
      }
      case 'process':
        return this.process(`w${c.w}`, c.crash);
      case 'rerun': {
        // an n8n retry of the worker's last execution: the same items through gate and sender again
        const items = this.last.get(`w${c.w}`) ?? [];
        for (const t of items) await this.handle(t, false);
        return;
      }
    }
  }

  /** Trigger: a decided missed call, claimed once per call id, then enrolled with its first step. */
  private async call(phone: string, callId: string): Promise<void> {
    const { ledger, now } = this;
    if (!(await ledger.claimOnce(callKey('twilio', callId), now))) return;
    await ledger.upsertContact({ phone, now });
    await ledger.recordConsent(phone, 'informational', 'inbound_call', now);
    const first = MODEL_TEMPLATE.steps[0]!;
    await ledger.enroll({
      templateId: MODEL_TEMPLATE.id,
      templateHash: 'model',
      template: MODEL_TEMPLATE,
      phone,
      callId,
      callEvent: { callId, from: phone, class: 'missed', startedAt: new Date(now).toISOString(), endedAt: new Date(now).toISOString() },
      reentry: { policy: 'after_completion' },
      channels: ['sms', 'email'],
      firstSteps: [{ stepId: first.id, dueAt: now + first.delay.minutes * MIN, channel: first.channel }],
      now,
    });
  }

  private async process(worker: string, crash: boolean): Promise<void> {
    const items = this.held.get(worker) ?? [];
    this.held.set(worker, []);
    this.last.set(worker, items);
    for (const t of items) if (await this.handle(t, crash)) return; // a crash drops the rest
  }

  /** The gate's decision for a touch at the current instant (the Consent Gate's mapping). */
  async gateDecision(touch: Touch, now = this.now): Promise<Decision> {
    const info = INFO[PHONES.indexOf(touch.phone as (typeof PHONES)[number])]!;
    const contact = await this.ledger.contact(touch.phone);
    const recentSends = await this.ledger.recentSends(touch.phone, now - DAY);
    return decide(
      decideInput({
        now,
        phone: info,
        channel: touch.channel as Channel,
        classification: 'informational',
        consentOverride: null,
        contact,
        recentSends,
        maxPer24h: MODEL_TEMPLATE.sendWindow?.maxPer24h,
        sensitiveIndustry: false,
        highValueAccount: false,
      }),
    );
  }

  /** Gate then sender for one claimed touch; true when the worker "crashed" after the provider call. */
  private async handle(touch: Touch, crash: boolean): Promise<boolean> {
    const { ledger, now } = this;
    const d = await this.gateDecision(touch);
    const codes = d.reasons.map((r) => r.code);
    let update: TouchUpdate = 'none';
    let moved: SequenceMove | null = null;
    try {
      if (d.verdict === 'defer' && d.notBefore !== null) {
        await ledger.rescheduleTouch(touch.id, Date.parse(d.notBefore), `gate_defer:${codes.join(',')}`, now);
        update = 'rescheduled';
      } else if (d.verdict === 'block' || d.verdict === 'manual') {
        // as the Consent Gate does: the touch closes and the sequence moves on in one transaction
        const done = await ledger.completeTouch(touch.id, { status: d.verdict === 'block' ? 'blocked' : 'manual', detail: { reasons: codes }, now }, gateNext(d.verdict, codes));
        update = d.verdict === 'block' ? 'blocked' : 'manual';
        moved = done.sequence;
      }
    } catch (e) {
      if (!isLedgerError(e, 'invalid_transition')) throw e;
      update = 'invalid_transition';
    }
    this.trace.push(`   gate ${touch.stepId}@${touch.phone.slice(-2)} ${d.verdict} ${codes.join(',')} → ${update}`);
    if (d.verdict !== 'send') {
      await sequenceAfterGate(ledger, touch.id, update, codes, now, moved);
      return false;
    }
    const go = await ledger.beginSend(touch.id, `${touch.enrollmentId}:${touch.stepId}`, now);
    this.trace.push(`   beginSend ${touch.stepId}@${touch.phone.slice(-2)} → ${go}`);
    if (go !== 'go') return false;
    this.sends.push({ touchId: touch.id, enrollmentId: touch.enrollmentId, stepId: touch.stepId, channel: touch.channel, phone: touch.phone, at: now });
    if (crash) {
      this.crashed.add(touch.id);
      return true;
    }
    // as the Follow-up Sender does: sent and the next step in one transaction
    await ledger.completeTouch(touch.id, { status: 'sent', provider: 'model', providerMessageId: `SM${this.sends.length}`, now }, nextAfterTouch);
    return false;
  }

  /** The scheduler poll's stranded-touch sweep (touches left sending by a crash, past the lease). */
  private async settle(): Promise<void> {
    const r = await this.ledger.settleStrandedTouches({ now: this.now, sendLeaseMs: SEND_LEASE_MS, limit: 50, next: nextAfterTouch });
    for (const x of r) this.trace.push(`   settle ${x.touch.stepId}@${x.touch.phone.slice(-2)} ${x.settled} → ${x.sequence.action}`);
    // then, like the Scheduler's poll, the repair sweep (it must find nothing to repair: every path moves on atomically)
    const repaired = await this.ledger.repairStrandedEnrollments({ now: this.now, limit: 50, next: nextAfterStranded });
    for (const x of repaired) this.trace.push(`   REPAIRED ${x.touch.stepId}@${x.touch.phone.slice(-2)} → ${x.sequence.action}`);
    this.repaired += repaired.length;
  }

  async enrollments(): Promise<Enrollment[]> {
    return (await Promise.all(PHONES.map((p) => this.ledger.enrollmentsOf(p)))).flat();
  }

  /**
   * Runs the clock forward like a scheduler polling forever: jumps to the next open touch's due
   * instant (or lease expiry, or send-lease expiry of a touch left sending), settles stranded
   * touches, claims as a fresh worker, gates and sends. Stops when no enrollment is active and no
   * touch is left sending, or after `maxSteps` polls.
   */
  async drain(maxSteps = 60): Promise<void> {
    this.held.clear();
    for (let i = 0; i < maxSteps; i++) {
      let next = Infinity;
      for (const e of await this.enrollments()) {
        for (const t of await this.ledger.touchesOf(e.id)) {
          if (e.status === 'active' && t.status === 'pending') next = Math.min(next, t.dueAt);
          if (e.status === 'active' && t.status === 'claimed') next = Math.min(next, t.leaseUntil ?? t.dueAt);
          // also of ended enrollments; beginSend's instant is the touch's last update while it is sending
          if (t.status === 'sending') next = Math.min(next, t.updatedAt + SEND_LEASE_MS);
        }
      }
      if (next === Infinity) return;
      this.now = Math.max(this.now, next);
      this.trace.push(`${new Date(this.now).toISOString()} drain poll`);
      await this.settle();
      const got = await this.ledger.claimDueTouches({ now: this.now, limit: 50, worker: `drain${i}`, leaseMs: LEASE_MS });
      for (const t of got) await this.handle(t, false);
    }
  }

  async audit(kinds: string[]): Promise<AuditEntry[]> {
    return this.ledger.auditTrail({ kinds, limit: 10_000 });
  }
}
