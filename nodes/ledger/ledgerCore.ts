/**
 * The ledger's logic, written once over a Driver (see driver.ts). Each public method is one
 * transaction. Lock order on Postgres is always contact → enrollment → touch.
 */
import { randomUUID } from 'node:crypto';
import { all, get, run, type Dialect, type Driver, type Params, type Work } from './driver';
import { enrollmentRefusal } from './enrollmentRefusal';
import { conversationOnlySql } from './conversationOnlySql';
import { CARRIER_LINE_TYPE_KIND } from './freshCarrierLineType';
import { deliveryState, supersedes, type DeliveryState } from '../../shared/delivery';
import { isLanguage } from '../../shared/schema/callerLanguage';
import { LANGUAGES, type Language } from '../../shared/schema/sequenceTemplate';
import type {
  AuditEntry,
  AuditQuery,
  BeginSendResult,
  ClaimedRecord,
  CompletedTouch,
  ConsentLevel,
  Contact,
  ContactState,
  DeliveryRecord,
  EmailSuppression,
  EnrollInput,
  EnrollResult,
  Enrollment,
  Ledger,
  MigrationStatus,
  NextAfterTouch,
  NextFn,
  OptOutChannel,
  PendingCall,
  OptOutEntry,
  PendingRecordKinds,
  PendingRecordQuery,
  RepairedEnrollment,
  RepairQuery,
  SequenceMove,
  SettledTouch,
  SettleQuery,
  StoredCallEvent,
  Touch,
  TouchChannel,
  TouchCompletion,
  TouchOutcome,
  TouchStatus,
} from './Ledger';
import { CONTACT_LANGUAGE_KIND, EMAIL_SUPPRESSED_KIND, EMAIL_SUPPRESSION_CLEARED_KIND, OUTCOME_UNKNOWN } from './Ledger';
import { emailKey } from './emailKey';
import { LedgerError } from './LedgerError';
import { bool, toAudit, toCallEvent, toContact, toContactState, toEmailSuppression, toEnrollment, toJson, toPendingCall, toTouch, type Row } from './rows';
import { PERMANENT_STOPS, touchStop } from './touchStop';
import { assertEnrollInput, assertInstant, assertPhone, assertText } from './validate';
import { prunePlan, type PruneCounts, type PruneQuery, type PruneResult } from './retention';

const OPEN: readonly TouchStatus[] = ['pending', 'claimed'];
const clampLimit = (v: number | undefined, fallback: number, max: number): number =>
  Math.min(Math.max(1, Math.floor(v ?? fallback) || 1), max);
const channelsOf = (c: OptOutChannel): ('sms' | 'email')[] => (c === 'all' ? ['sms', 'email'] : [c]);
/** Audit kind of recordDelivery's change to `undelivered` or `failed`. */
const MESSAGE_UNDELIVERED_KIND = 'message_undelivered';
/** delivery_error is an INTEGER column (Postgres: 4 bytes) */
const MAX_ERROR_CODE = 2_147_483_647;

/** An address as the ledger keys it (emailKey), or LedgerError `invalid_argument`. */
function assertEmail(email: string): string {
  const key = emailKey(email);
  if (key === null) throw new LedgerError('invalid_argument', 'email must be one email address, e.g. dana@example.com.');
  return key;
}

/** null, or a non-empty string of at most `max` characters. */
function assertOptionalText(v: string | null, name: string, max: number): void {
  if (v !== null && !(typeof v === 'string' && v.length > 0 && v.length <= max)) {
    throw new LedgerError('invalid_argument', `${name} must be null or a non-empty string of at most ${max} characters.`);
  }
}

/** The arguments every atomic claim takes: an instant, a worker name, a positive limit and lease. */
function assertClaim(q: { now: number; limit: number; worker: string; leaseMs: number }): void {
  assertInstant(q.now, 'now');
  assertText(q.worker, 'worker');
  if (!(Number.isSafeInteger(q.limit) && q.limit > 0)) throw new LedgerError('invalid_argument', 'limit must be a positive integer.');
  if (!(Number.isSafeInteger(q.leaseMs) && q.leaseMs > 0)) throw new LedgerError('invalid_argument', 'leaseMs must be a positive integer.');
}

function assertKinds(q: PendingRecordKinds): void {
  assertText(q.kind, 'kind');
  if (!Array.isArray(q.resolvedBy)) throw new LedgerError('invalid_argument', 'resolvedBy must be an array of kinds.');
  for (const k of q.resolvedBy) assertText(k, 'resolvedBy');
}

export class LedgerCore implements Ledger {
  private readonly d: Dialect;

  constructor(private readonly driver: Driver) {
    this.d = driver.dialect;
  }

  migrate(): Promise<void> {
    return this.driver.migrate();
  }
  migrationStatus(): Promise<MigrationStatus> {
    return this.driver.migrationStatus();
  }
  close(): Promise<void> {
    return this.driver.close();
  }

  private write<T>(make: () => Work<T>): Promise<T> {
    return this.driver.run(make, 'write');
  }
  private read<T>(make: () => Work<T>): Promise<T> {
    return this.driver.run(make, 'read');
  }
  /** A write of one operation, atomic by itself (on Postgres, no BEGIN/COMMIT round trips). */
  private statement<T>(make: () => Work<T>): Promise<T> {
    return this.driver.run(function* (): Work<T> {
      const g = make();
      let step = g.next();
      for (let ops = 1; !step.done; ops++) {
        // a lone statement commits by itself: a second one would not be atomic with it
        if (ops > 1) throw new LedgerError('invalid_argument', 'A statement run does one operation.');
        step = g.next(yield step.value);
      }
      return step.value;
    }, 'statement');
  }

  // ── dedupe and call events ────────────────────────────────────────────────────────────────

  async claimOnce(key: string, now: number, o: { resolvePending?: string } = {}): Promise<boolean> {
    assertText(key, 'key');
    assertInstant(now, 'now');
    if (o.resolvePending !== undefined) assertText(o.resolvePending, 'resolvePending');
    return this.write(() => this.claimIn(key, now, o.resolvePending));
  }

  /** claimOnce inside the caller's transaction. */
  private *claimIn(key: string, now: number, resolvePending: string | undefined): Work<boolean> {
    if (resolvePending !== undefined) yield* this.resolvePendingRow(key, resolvePending, now);
    return (yield* run(`INSERT INTO ${this.d.t.dedupe_keys} (key, created_at) VALUES (:key, :now) ON CONFLICT (key) DO NOTHING`, { key, now })) === 1;
  }

  async releaseOnce(key: string, reason: string, now: number): Promise<boolean> {
    assertText(key, 'key');
    assertInstant(now, 'now');
    const { t } = this.d;
    const n = await this.write(() => run(`DELETE FROM ${t.dedupe_keys} WHERE key = :key`, { key }));
    if (n === 1) await this.audit({ kind: 'claim_released', data: { key, reason }, now });
    return n === 1;
  }

  async appendCallEvent(e: { callId: string; provider: string; class: string; final: boolean; payload: unknown; now: number }): Promise<StoredCallEvent[]> {
    assertText(e.callId, 'callId');
    assertInstant(e.now, 'now');
    const { t } = this.d;
    const rows = await this.write(function* (): Work<Row[]> {
      yield* run(
        `INSERT INTO ${t.call_events} (call_id, provider, class, final, payload, received_at)
         VALUES (:callId, :provider, :class, :final, :payload, :now)`,
        { callId: e.callId, provider: e.provider, class: e.class, final: e.final, payload: toJson(e.payload), now: e.now },
      );
      return yield* all(`SELECT * FROM ${t.call_events} WHERE call_id = :callId ORDER BY seq`, { callId: e.callId });
    });
    return rows.map((r) => toCallEvent(r, this.d));
  }

  async callEvents(callId: string): Promise<StoredCallEvent[]> {
    const { t } = this.d;
    const rows = await this.read(() => all(`SELECT * FROM ${t.call_events} WHERE call_id = :callId ORDER BY seq`, { callId }));
    return rows.map((r) => toCallEvent(r, this.d));
  }

  // ── contacts ──────────────────────────────────────────────────────────────────────────────

  async upsertContact(c: { phone: string; name?: string | null; email?: string | null; now: number }): Promise<Contact> {
    assertPhone(c.phone);
    assertInstant(c.now, 'now');
    const { t } = this.d;
    const sets = ['updated_at = :now'];
    if (c.name !== undefined) sets.push('name = :name');
    if (c.email !== undefined) sets.push('email = :email');
    const row = await this.write(() =>
      get(
        `INSERT INTO ${t.contacts} (phone, name, email, created_at, updated_at) VALUES (:phone, :name, :email, :now, :now)
         ON CONFLICT (phone) DO UPDATE SET ${sets.join(', ')} RETURNING *`,
        { phone: c.phone, name: c.name ?? null, email: c.email ?? null, now: c.now },
      ),
    );
    return toContact(row!);
  }

  async contact(phone: string): Promise<ContactState | null> {
    assertPhone(phone);
    return this.read(() => this.loadContact(phone));
  }

  async contactForGate(phone: string, since: number): Promise<{ contact: ContactState | null; recentSends: number[] }> {
    assertPhone(phone);
    assertInstant(since, 'since');
    // one statement: the contact's row (columns null when there is none) once per send, or once with no send
    const rows = await this.read(() =>
      all(
        `SELECT c.*, s.at AS recent_send_at FROM (SELECT CAST(:phone AS TEXT) AS phone) k
         LEFT JOIN ${this.d.t.contacts} c ON c.phone = k.phone
         LEFT JOIN (${this.sendsSql()}) s ON true
         ORDER BY s.at`,
        { phone, since },
      ),
    );
    const first = rows[0];
    return {
      contact: first === undefined || first.phone === null ? null : toContactState(first),
      recentSends: rows.filter((r) => r.recent_send_at !== null).map((r) => Number(r.recent_send_at)),
    };
  }

  async recordConsent(phone: string, level: ConsentLevel, source: string, now: number): Promise<void> {
    assertPhone(phone);
    assertInstant(now, 'now');
    if (!['informational', 'marketing', 'written'].includes(level)) throw new LedgerError('invalid_argument', `Unknown consent level ${level}.`);
    const { t } = this.d;
    await this.write(
      function* (this: LedgerCore) {
        yield* this.lockContact(phone, now);
        yield* run(
          `UPDATE ${t.contacts} SET consent_level = :level, consent_source = :source, consent_at = :now, updated_at = :now WHERE phone = :phone`,
          { phone, level, source, now },
        );
        yield* this.auditRow({ kind: 'consent_recorded', phone, data: { level, source }, now });
      }.bind(this),
    );
  }

  async recordOptOut(
    phone: string,
    o: { channel: OptOutChannel; source: string; text?: string | null; now: number },
  ): Promise<{ firstTime: boolean }> {
    assertPhone(phone);
    assertInstant(o.now, 'now');
    const { t } = this.d;
    return this.write(
      function* (this: LedgerCore) {
        const c = (yield* this.lockContact(phone, o.now))!;
        const fresh = channelsOf(o.channel).filter((ch) => c.optOut[ch] === null);
        if (fresh.length > 0) {
          const sets = fresh.flatMap((ch) => [`${ch}_opt_out_at = :now`, `${ch}_opt_out_source = :source`, `${ch}_opt_out_text = :text`]);
          yield* run(`UPDATE ${t.contacts} SET ${sets.join(', ')}, updated_at = :now WHERE phone = :phone`, {
            phone,
            now: o.now,
            source: o.source,
            text: o.text ?? null,
          });
        }
        const exited = yield* this.exitActive(phone, 'opted_out', o.now);
        const firstTime = fresh.length > 0;
        yield* this.auditRow({
          kind: 'opt_out',
          phone,
          data: { channel: o.channel, source: o.source, text: o.text ?? null, firstTime, exitedEnrollments: exited },
          now: o.now,
        });
        return { firstTime };
      }.bind(this),
    );
  }

  async recordOptIn(phone: string, o: { channel: OptOutChannel; source: string; now: number }): Promise<void> {
    assertPhone(phone);
    assertInstant(o.now, 'now');
    const { t } = this.d;
    const sets = channelsOf(o.channel).flatMap((ch) => [`${ch}_opt_out_at = NULL`, `${ch}_opt_out_source = NULL`, `${ch}_opt_out_text = NULL`]);
    await this.write(
      function* (this: LedgerCore) {
        yield* this.lockContact(phone, o.now);
        yield* run(`UPDATE ${t.contacts} SET ${sets.join(', ')}, updated_at = :now WHERE phone = :phone`, { phone, now: o.now });
        yield* this.auditRow({ kind: 'opt_in', phone, data: { channel: o.channel, source: o.source }, now: o.now });
      }.bind(this),
    );
  }

  async recordReply(
    phone: string,
    r: { text: string; class: string; channel: string; now: number },
  ): Promise<{ exitedEnrollments: string[] }> {
    assertPhone(phone);
    assertInstant(r.now, 'now');
    const { t } = this.d;
    return this.write(
      function* (this: LedgerCore) {
        yield* this.lockContact(phone, r.now);
        yield* run(
          `UPDATE ${t.contacts} SET last_reply_at = :now, last_reply_text = :text, last_reply_class = :class,
             last_reply_channel = :channel, updated_at = :now WHERE phone = :phone`,
          { phone, now: r.now, text: r.text, class: r.class, channel: r.channel },
        );
        const exited = yield* this.exitActive(phone, 'replied', r.now);
        yield* this.auditRow({
          kind: 'reply',
          phone,
          data: { text: r.text, class: r.class, channel: r.channel, exitedEnrollments: exited },
          now: r.now,
        });
        return { exitedEnrollments: exited };
      }.bind(this),
    );
  }

  async recordConversation(
    phone: string,
    c: { callId: string; provider: string; direction: 'inbound' | 'outbound'; at: number; now: number },
  ): Promise<{ exitedEnrollments: string[] }> {
    assertPhone(phone);
    assertText(c.callId, 'callId');
    assertText(c.provider, 'provider');
    assertInstant(c.at, 'at');
    assertInstant(c.now, 'now');
    if (c.direction !== 'inbound' && c.direction !== 'outbound') throw new LedgerError('invalid_argument', `Unknown call direction ${String(c.direction)}.`);
    const { t } = this.d;
    const at = Math.min(c.at, c.now);
    // the newest conversation wins (a late delivery of an older call changes nothing). A contact on
    // record: this one UPDATE
    const newer = `last_conversation_at IS NULL OR last_conversation_at < :at`;
    const seen = await this.statement(() =>
      run(
        `UPDATE ${t.contacts} SET last_conversation_at = CASE WHEN ${newer} THEN :at ELSE last_conversation_at END,
           updated_at = CASE WHEN ${newer} THEN :now ELSE updated_at END
         WHERE phone = :phone`,
        { phone, at, now: c.now },
      ),
    );
    if (seen === 0) {
      // a number never dealt with: a row holding only the conversation (pruned as conversationContacts),
      // so the In-Conversation Window holds for a first-time caller too. A contact created meanwhile
      // (an enrollment) keeps the newer conversation and falls through to the enrollment check below
      await this.statement(() =>
        run(
          `INSERT INTO ${t.contacts} AS c (phone, last_conversation_at, created_at, updated_at) VALUES (:phone, :at, :now, :now)
           ON CONFLICT (phone) DO UPDATE SET last_conversation_at = excluded.last_conversation_at, updated_at = excluded.updated_at
           WHERE c.last_conversation_at IS NULL OR c.last_conversation_at < excluded.last_conversation_at`,
          { phone, at, now: c.now },
        ),
      );
    }
    // read after the update committed: an enrollment whose transaction held the contact meanwhile is seen;
    // one that starts later sees the conversation (enrollmentRefusal: in_conversation)
    const activeSql = `SELECT id FROM ${t.enrollments} WHERE phone = :phone AND status = 'active' AND created_at <= :at ORDER BY id`;
    if ((await this.read(() => get(`${activeSql} LIMIT 1`, { phone, at }))) === undefined) return { exitedEnrollments: [] };
    return this.write(
      function* (this: LedgerCore) {
        // the contact's row lock orders this with replies, opt-outs and enrollments of the contact
        yield* this.lockContact(phone, c.now);
        const exited: string[] = [];
        for (const r of yield* all(`${activeSql}${this.d.forUpdate}`, { phone, at })) {
          if (yield* this.end(String(r.id), phone, 'exited', 'call_connected', c.now)) exited.push(String(r.id));
        }
        if (exited.length > 0) {
          yield* this.auditRow({
            kind: 'call_connected',
            phone,
            data: { callId: c.callId, provider: c.provider, direction: c.direction, at, exitedEnrollments: exited },
            now: c.now,
          });
        }
        return { exitedEnrollments: exited };
      }.bind(this),
    );
  }

  async recordCarrierLineType(phone: string, l: { type: string; source: string; now: number }): Promise<boolean> {
    assertPhone(phone);
    assertInstant(l.now, 'now');
    assertText(l.type, 'type');
    assertText(l.source, 'source');
    if (l.type.length > 64 || l.source.length > 200) throw new LedgerError('invalid_argument', 'A line type has at most 64 characters, its source at most 200.');
    const { t } = this.d;
    return this.write(
      function* (this: LedgerCore) {
        // creates or locks the contact (the lock order's first row); an older answer never replaces a newer one
        const n = yield* run(
          `INSERT INTO ${t.contacts} AS c (phone, carrier_line_type, carrier_line_type_at, carrier_line_type_source, created_at, updated_at)
           VALUES (:phone, :type, :now, :source, :now, :now)
           ON CONFLICT (phone) DO UPDATE SET carrier_line_type = excluded.carrier_line_type, carrier_line_type_at = excluded.carrier_line_type_at,
             carrier_line_type_source = excluded.carrier_line_type_source, updated_at = excluded.updated_at
           WHERE c.carrier_line_type_at IS NULL OR c.carrier_line_type_at <= excluded.carrier_line_type_at`,
          { phone, type: l.type, source: l.source, now: l.now },
        );
        yield* this.auditRow({ kind: CARRIER_LINE_TYPE_KIND, phone, data: { lineType: l.type, source: l.source }, now: l.now });
        return n === 1;
      }.bind(this),
    );
  }

  // ── email suppressions ────────────────────────────────────────────────────────────────────

  async recordEmailSuppression(x: {
    email: string;
    phone: string | null;
    source: string;
    code: string | null;
    touchId: string | null;
    now: number;
  }): Promise<{ firstTime: boolean; suppression: EmailSuppression }> {
    const email = assertEmail(x.email);
    if (x.phone !== null) assertPhone(x.phone);
    assertText(x.source, 'source');
    if (x.source.length > 200) throw new LedgerError('invalid_argument', 'A suppression source has at most 200 characters.');
    assertOptionalText(x.code, 'code', 64);
    assertOptionalText(x.touchId, 'touchId', 200);
    assertInstant(x.now, 'now');
    const { t } = this.d;
    return this.write(
      function* (this: LedgerCore): Work<{ firstTime: boolean; suppression: EmailSuppression }> {
        // the first record stays (a concurrent one waits for it on Postgres, then inserts nothing)
        const inserted = yield* get(
          `INSERT INTO ${t.email_suppressions} (email, phone, source, code, touch_id, suppressed_at)
           VALUES (:email, :phone, :source, :code, :touchId, :now) ON CONFLICT (email) DO NOTHING RETURNING *`,
          { email, phone: x.phone, source: x.source, code: x.code, touchId: x.touchId, now: x.now },
        );
        if (inserted === undefined) {
          return { firstTime: false, suppression: toEmailSuppression((yield* get(`SELECT * FROM ${t.email_suppressions} WHERE email = :email`, { email }))!) };
        }
        yield* this.auditRow({
          kind: EMAIL_SUPPRESSED_KIND,
          phone: x.phone,
          touchId: x.touchId,
          data: { email, source: x.source, code: x.code, touchId: x.touchId },
          now: x.now,
        });
        return { firstTime: true, suppression: toEmailSuppression(inserted) };
      }.bind(this),
    );
  }

  async emailSuppression(email: string): Promise<EmailSuppression | null> {
    const key = assertEmail(email);
    const row = await this.read(() => get(`SELECT * FROM ${this.d.t.email_suppressions} WHERE email = :email`, { email: key }));
    return row === undefined ? null : toEmailSuppression(row);
  }

  async clearEmailSuppression(email: string, c: { reason: string; now: number }): Promise<{ cleared: EmailSuppression | null }> {
    const key = assertEmail(email);
    assertText(c.reason, 'reason');
    if (c.reason.length > 500) throw new LedgerError('invalid_argument', 'A reason has at most 500 characters.');
    assertInstant(c.now, 'now');
    const { t } = this.d;
    return this.write(
      function* (this: LedgerCore): Work<{ cleared: EmailSuppression | null }> {
        const row = yield* get(`DELETE FROM ${t.email_suppressions} WHERE email = :email RETURNING *`, { email: key });
        const cleared = row === undefined ? null : toEmailSuppression(row);
        const previous = cleared === null ? null : { at: cleared.at, source: cleared.source, code: cleared.code, touchId: cleared.touchId };
        yield* this.auditRow({ kind: EMAIL_SUPPRESSION_CLEARED_KIND, phone: cleared?.phone ?? null, data: { email: key, reason: c.reason, previous }, now: c.now });
        return { cleared };
      }.bind(this),
    );
  }

  async pauseContact(phone: string, until: number | null, reason: string, now: number): Promise<void> {
    assertPhone(phone);
    assertInstant(now, 'now');
    if (until !== null) assertInstant(until, 'until');
    const { t } = this.d;
    await this.write(
      function* (this: LedgerCore) {
        yield* this.lockContact(phone, now);
        yield* run(
          `UPDATE ${t.contacts} SET paused = true, paused_until = :until, pause_reason = :reason, paused_at = :now, updated_at = :now
           WHERE phone = :phone`,
          { phone, until, reason, now },
        );
        yield* this.auditRow({ kind: 'contact_paused', phone, data: { until, reason }, now });
      }.bind(this),
    );
  }

  async resumeContact(phone: string, reason: string, now: number): Promise<void> {
    assertPhone(phone);
    assertInstant(now, 'now');
    const { t } = this.d;
    await this.write(
      function* (this: LedgerCore) {
        // a number the ledger does not know has nothing to resume: no empty contact row (prune keeps
        // contacts forever unless they hold a conversation only); the request is audited all the same
        if ((yield* this.loadContact(phone)) !== null) {
          yield* this.lockContact(phone, now);
          yield* run(
            `UPDATE ${t.contacts} SET paused = false, paused_until = NULL, pause_reason = NULL, paused_at = NULL, updated_at = :now
             WHERE phone = :phone`,
            { phone, now },
          );
        }
        yield* this.auditRow({ kind: 'contact_resumed', phone, data: { reason }, now });
      }.bind(this),
    );
  }

  async setContactLanguage(phone: string, language: Language | null, source: string, now: number): Promise<{ previous: Language | null }> {
    assertPhone(phone);
    assertInstant(now, 'now');
    assertText(source, 'source');
    if (language !== null && !isLanguage(language)) throw new LedgerError('invalid_argument', `Unknown language ${String(language)}: expected ${LANGUAGES.join(', ')} or null.`);
    if (source.length > 200) throw new LedgerError('invalid_argument', 'A language source has at most 200 characters.');
    const { t } = this.d;
    return this.write(
      function* (this: LedgerCore) {
        // clearing on a number the ledger does not know creates no empty contact row (see resumeContact)
        if (language === null && (yield* this.loadContact(phone)) === null) {
          yield* this.auditRow({ kind: CONTACT_LANGUAGE_KIND, phone, data: { language, previous: null, source }, now });
          return { previous: null };
        }
        // creates or locks the contact (the lock order's first row) and reads the language it replaces
        const previous = (yield* this.lockContact(phone, now)).language ?? null;
        yield* run(`UPDATE ${t.contacts} SET language = :language, updated_at = :now WHERE phone = :phone`, { phone, language, now });
        yield* this.auditRow({ kind: CONTACT_LANGUAGE_KIND, phone, data: { language, previous, source }, now });
        return { previous };
      }.bind(this),
    );
  }

  // ── enrollments ───────────────────────────────────────────────────────────────────────────

  async enroll(e: EnrollInput): Promise<EnrollResult> {
    assertEnrollInput(e);
    return this.write(() => this.enrollIn(e));
  }

  async enrollOnce(claim: { key: string; resolvePending?: string }, e: EnrollInput): Promise<EnrollResult | null> {
    assertText(claim.key, 'key');
    if (claim.resolvePending !== undefined) assertText(claim.resolvePending, 'resolvePending');
    assertEnrollInput(e);
    return this.write(
      function* (this: LedgerCore): Work<EnrollResult | null> {
        if (!(yield* this.claimIn(claim.key, e.now, claim.resolvePending))) return null;
        return yield* this.enrollIn(e);
      }.bind(this),
    );
  }

  /** enroll inside the caller's transaction. */
  private *enrollIn(e: EnrollInput): Work<EnrollResult> {
    const { t } = this.d;
    const contact = yield* this.lockContact(e.phone, e.now);
    const same = yield* get(`SELECT * FROM ${t.enrollments} WHERE template_id = :templateId AND call_id = :callId`, {
      templateId: e.templateId,
      callId: e.callId,
    });
    const previous = yield* all(`SELECT * FROM ${t.enrollments} WHERE template_id = :templateId AND phone = :phone`, {
      templateId: e.templateId,
      phone: e.phone,
    });
    const refusal = enrollmentRefusal({
      input: e,
      contact,
      previous: previous.map((r) => toEnrollment(r, this.d)),
      sameCall: same === undefined ? null : toEnrollment(same, this.d),
    });
    if (refusal !== null) {
      yield* this.auditRow({
        kind: 'enrollment_refused',
        phone: e.phone,
        enrollmentId: refusal.enrollment?.id ?? null,
        data: { templateId: e.templateId, callId: e.callId, reason: refusal.reason },
        now: e.now,
      });
      return { created: false, ...refusal };
    }
    const id = randomUUID();
    let row = (yield* get(
      `INSERT INTO ${t.enrollments} (id, template_id, template_hash, template, phone, call_id, call_event, status, created_at, updated_at)
       VALUES (:id, :templateId, :templateHash, :template, :phone, :callId, :callEvent, 'active', :now, :now) RETURNING *`,
      {
        id,
        templateId: e.templateId,
        templateHash: e.templateHash,
        template: toJson(e.template),
        phone: e.phone,
        callId: e.callId,
        callEvent: toJson(e.callEvent),
        now: e.now,
      },
    ))!;
    for (const s of e.firstSteps) yield* this.insertTouch(id, s.stepId, s.dueAt, s.channel ?? null, 'pending', e.now);
    yield* this.auditRow({
      kind: 'enrollment_created',
      phone: e.phone,
      enrollmentId: id,
      data: { templateId: e.templateId, templateHash: e.templateHash, callId: e.callId, firstSteps: e.firstSteps },
      now: e.now,
    });
    const consent = e.onCreated?.consentIfNone;
    if (consent && contact.consent === null) {
      yield* run(
        `UPDATE ${t.contacts} SET consent_level = :level, consent_source = :source, consent_at = :now, updated_at = :now WHERE phone = :phone`,
        { phone: e.phone, level: consent.level, source: consent.source, now: e.now },
      );
      yield* this.auditRow({ kind: 'consent_recorded', phone: e.phone, data: { level: consent.level, source: consent.source }, now: e.now });
    }
    if (e.onCreated?.audit) yield* this.auditRow({ kind: e.onCreated.audit.kind, phone: e.phone, enrollmentId: id, data: e.onCreated.audit.data, now: e.now });
    // a reply recorded at this very instant stops the run (touchStop: reply at or after its start);
    // end it now, or no claim would ever pick its touches and it would stay active for good
    if (contact.lastReply !== null && contact.lastReply.at >= e.now && (yield* this.end(id, e.phone, 'exited', 'replied', e.now))) {
      row = (yield* get(`SELECT * FROM ${t.enrollments} WHERE id = :id`, { id }))!;
    }
    const enrollment = toEnrollment(row, this.d);
    const touches = yield* this.loadTouches(`t.enrollment_id = :id`, { id });
    // the contact's row as locked above (nothing in this transaction changes its language)
    return { created: true, enrollment, touches, preferredLanguage: contact.language ?? null };
  }

  async enrollment(id: string): Promise<Enrollment | null> {
    const { t } = this.d;
    const row = await this.read(() => get(`SELECT * FROM ${t.enrollments} WHERE id = :id`, { id }));
    return row === undefined ? null : toEnrollment(row, this.d);
  }

  async enrollmentsOf(phone: string): Promise<Enrollment[]> {
    assertPhone(phone);
    const { t } = this.d;
    const rows = await this.read(() => all(`SELECT * FROM ${t.enrollments} WHERE phone = :phone ORDER BY created_at, id`, { phone }));
    return rows.map((r) => toEnrollment(r, this.d));
  }

  exitEnrollment(id: string, reason: string, now: number): Promise<void> {
    return this.endOne(id, 'exited', reason, now);
  }

  completeEnrollment(id: string, now: number): Promise<void> {
    return this.endOne(id, 'completed', 'completed', now);
  }

  async pauseTemplate(templateId: string, paused: boolean, now: number): Promise<void> {
    assertText(templateId, 'templateId');
    assertInstant(now, 'now');
    const { t } = this.d;
    await this.write(
      function* (this: LedgerCore) {
        yield* run(
          `INSERT INTO ${t.templates} (template_id, paused, updated_at) VALUES (:templateId, :paused, :now)
           ON CONFLICT (template_id) DO UPDATE SET paused = :paused, updated_at = :now`,
          { templateId, paused, now },
        );
        yield* this.auditRow({ kind: paused ? 'template_paused' : 'template_resumed', data: { templateId }, now });
      }.bind(this),
    );
  }

  async templatePaused(templateId: string): Promise<boolean> {
    return this.read(() => this.isTemplatePaused(templateId));
  }

  // ── touches ───────────────────────────────────────────────────────────────────────────────

  async scheduleTouch(x: { enrollmentId: string; stepId: string; dueAt: number; channel?: TouchChannel | null; now: number }): Promise<Touch> {
    assertText(x.stepId, 'stepId');
    assertInstant(x.dueAt, 'dueAt');
    assertInstant(x.now, 'now');
    const { t } = this.d;
    return this.write(
      function* (this: LedgerCore): Work<Touch> {
        const e = yield* get(`SELECT status, template_id, phone FROM ${t.enrollments} WHERE id = :id${this.d.forUpdate}`, { id: x.enrollmentId });
        if (e === undefined) throw new LedgerError('not_found', `No enrollment ${x.enrollmentId}.`);
        const existing = yield* this.loadTouches(`t.enrollment_id = :id AND t.step_id = :stepId`, { id: x.enrollmentId, stepId: x.stepId });
        if (existing.length > 0) return existing[0]!;
        return yield* this.addTouch({ id: x.enrollmentId, templateId: String(e.template_id), phone: String(e.phone) }, e.status === 'active', x, {});
      }.bind(this),
    );
  }

  /** Inserts the touch of a step that has none, in a transaction that locked its enrollment, and audits it. */
  private *addTouch(
    owner: Pick<Enrollment, 'id' | 'templateId' | 'phone'>,
    active: boolean,
    x: { stepId: string; dueAt: number; channel?: TouchChannel | null; now: number },
    extra: Record<string, unknown>,
  ): Work<Touch> {
    const row = yield* this.insertTouch(owner.id, x.stepId, x.dueAt, x.channel ?? null, active ? 'pending' : 'cancelled', x.now);
    const touch = this.touchOf(row, owner);
    yield* this.auditRow({
      kind: 'touch_scheduled',
      phone: touch.phone,
      enrollmentId: owner.id,
      touchId: touch.id,
      data: { stepId: x.stepId, dueAt: x.dueAt, channel: touch.channel, status: touch.status, ...extra },
      now: x.now,
    });
    return touch;
  }

  /** The template and phone of an enrollment (for touchOf). */
  private *ownerOf(enrollmentId: string): Work<Pick<Enrollment, 'templateId' | 'phone'>> {
    const row = (yield* get(`SELECT template_id, phone FROM ${this.d.t.enrollments} WHERE id = :id`, { id: enrollmentId }))!;
    return { templateId: String(row.template_id), phone: String(row.phone) };
  }

  /** A touch from its own row (e.g. RETURNING *) and its enrollment's template and phone (they never change). */
  private touchOf(row: Row, owner: Pick<Enrollment, 'templateId' | 'phone'>): Touch {
    return toTouch({ ...row, template_id: owner.templateId, phone: owner.phone }, this.d);
  }

  async touch(id: string): Promise<Touch | null> {
    const rows = await this.read(() => this.loadTouches(`t.id = :id`, { id }));
    return rows[0] ?? null;
  }

  async touchContext(id: string): Promise<{ touch: Touch; enrollment: Enrollment; contact: ContactState | null } | null> {
    const { t } = this.d;
    return this.read(
      function* (this: LedgerCore): Work<{ touch: Touch; enrollment: Enrollment; contact: ContactState | null } | null> {
        const touch = (yield* this.loadTouches(`t.id = :id`, { id }))[0];
        if (!touch) return null;
        const enrollment = toEnrollment((yield* get(`SELECT * FROM ${t.enrollments} WHERE id = :id`, { id: touch.enrollmentId }))!, this.d);
        return { touch, enrollment, contact: yield* this.loadContact(touch.phone) };
      }.bind(this),
    );
  }

  async touchesOf(enrollmentId: string): Promise<Touch[]> {
    return this.read(() => this.loadTouches(`t.enrollment_id = :id`, { id: enrollmentId }));
  }

  async claimDueTouches(q: { now: number; limit: number; worker: string; leaseMs: number }): Promise<Touch[]> {
    assertClaim(q);
    const { t } = this.d;
    // the same rule as touchStop(), in SQL, so paused or stopped touches never fill the window
    const sql = `
      WITH picked AS (
        SELECT t.id FROM ${t.touches} t
        JOIN ${t.enrollments} e ON e.id = t.enrollment_id
        JOIN ${t.contacts} c ON c.phone = e.phone
        LEFT JOIN ${t.templates} p ON p.template_id = e.template_id
        WHERE t.status IN ('pending', 'claimed') AND t.ready_at <= :now
          AND e.status = 'active'
          AND (p.paused IS NULL OR NOT p.paused)
          AND NOT (c.paused AND (c.paused_until IS NULL OR c.paused_until > :now))
          AND (c.last_reply_at IS NULL OR c.last_reply_at < e.created_at)
          AND (CASE WHEN t.channel = 'sms' THEN c.sms_opt_out_at IS NULL
                    WHEN t.channel = 'email' THEN c.email_opt_out_at IS NULL
                    ELSE c.sms_opt_out_at IS NULL AND c.email_opt_out_at IS NULL END)
        ORDER BY t.due_at, t.id
        LIMIT :limit${this.d.skipLocked}
      )
      UPDATE ${t.touches} SET status = 'claimed', claimed_by = :worker, lease_until = :leaseUntil, ready_at = :leaseUntil,
        claims = claims + 1, updated_at = :now
      WHERE id IN (SELECT id FROM picked)
      RETURNING id`;
    return this.write(
      function* (this: LedgerCore): Work<Touch[]> {
        const ids = (yield* all(sql, { now: q.now, limit: q.limit, worker: q.worker, leaseUntil: q.now + q.leaseMs })).map((r) =>
          String(r.id),
        );
        if (ids.length === 0) return [];
        return yield* this.loadTouches(`t.id ${this.d.inList('ids')}`, { ids });
      }.bind(this),
    );
  }

  async rescheduleTouch(touchId: string, dueAt: number, reason: string, now: number): Promise<void> {
    assertInstant(dueAt, 'dueAt');
    assertInstant(now, 'now');
    const { t } = this.d;
    await this.write(
      function* (this: LedgerCore) {
        const row = yield* this.lockTouchRow(touchId);
        const status = String(row.status);
        if (!['pending', 'claimed', 'failed'].includes(status)) {
          throw new LedgerError('invalid_transition', `Touch ${touchId} is ${status}; only pending, claimed or failed touches can be rescheduled.`);
        }
        // a send left unfinished may have reached the provider: it is never sent again (a gate that deferred
        // it before the settle, e.g. a crashed worker's re-run, must not reopen it)
        if (status === 'failed' && row.reason === OUTCOME_UNKNOWN) {
          throw new LedgerError('invalid_transition', `Touch ${touchId} failed with an unknown outcome (it may have been sent); it is never sent again.`);
        }
        yield* run(
          `UPDATE ${t.touches} SET status = 'pending', due_at = :dueAt, ready_at = :dueAt, reason = :reason, lease_until = NULL,
             updated_at = :now WHERE id = :id`,
          { id: touchId, dueAt, reason, now },
        );
        const touch = (yield* this.loadTouches(`t.id = :id`, { id: touchId }))[0]!;
        yield* this.auditRow({
          kind: 'touch_rescheduled',
          phone: touch.phone,
          enrollmentId: touch.enrollmentId,
          touchId,
          data: { from: status, dueAt, reason },
          now,
        });
      }.bind(this),
    );
  }

  async beginSend(touchId: string, idempotencyKey: string, now: number): Promise<BeginSendResult> {
    assertText(idempotencyKey, 'idempotencyKey');
    assertInstant(now, 'now');
    const { t } = this.d;
    return this.write(
      function* (this: LedgerCore): Work<BeginSendResult> {
        const row = yield* this.lockTouchRow(touchId);
        const status = String(row.status) as TouchStatus;
        // state is read after the lock, so a reply or opt-out committed before it is seen
        const owner = (yield* get(
          `SELECT e.*, p.paused AS template_paused FROM ${t.enrollments} e LEFT JOIN ${t.templates} p ON p.template_id = e.template_id WHERE e.id = :id`,
          { id: String(row.enrollment_id) },
        ))!;
        const e = toEnrollment(owner, this.d);
        const touch = this.touchOf(row, e);
        const audit = (data: Record<string, unknown>) =>
          this.auditRow({ kind: 'begin_send', phone: touch.phone, enrollmentId: touch.enrollmentId, touchId, data: { idempotencyKey, ...data }, now });
        let result: BeginSendResult;
        if (status === 'sent') result = 'already_sent';
        else if (status === 'sending') result = 'in_flight';
        else if (!OPEN.includes(status)) result = 'stopped';
        else {
          const stop = touchStop({ channel: touch.channel, enrollment: e, contact: yield* this.loadContact(touch.phone), templatePaused: bool(owner.template_paused), now });
          if (stop !== null) {
            const permanent = PERMANENT_STOPS.has(stop);
            yield* run(
              `UPDATE ${t.touches} SET status = :status, reason = :stop, lease_until = NULL, ready_at = :readyAt, updated_at = :now WHERE id = :id`,
              { id: touchId, status: permanent ? 'cancelled' : 'pending', stop, readyAt: permanent ? null : touch.dueAt, now },
            );
            yield* audit({ result: 'stopped', stop, from: status });
            return 'stopped';
          }
          yield* run(
            `UPDATE ${t.touches} SET status = 'sending', idempotency_key = :key, send_started_at = :now, lease_until = NULL,
               ready_at = NULL, updated_at = :now WHERE id = :id`,
            { id: touchId, key: idempotencyKey, now },
          );
          result = 'go';
        }
        yield* audit({ result, from: status });
        return result;
      }.bind(this),
    );
  }

  async completeTouch(
    touchId: string,
    r: TouchCompletion,
    next?: NextFn,
  ): Promise<CompletedTouch> {
    assertInstant(r.now, 'now');
    const allowed: Record<TouchOutcome, readonly TouchStatus[]> = {
      sent: ['sending'],
      failed: ['sending'],
      blocked: OPEN,
      skipped: OPEN,
      manual: OPEN,
    };
    if (!(r.status in allowed)) throw new LedgerError('invalid_argument', `Unknown touch outcome ${r.status}.`);
    if (next !== undefined && typeof next !== 'function') throw new LedgerError('invalid_argument', 'next must be a function.');
    if (r.audit !== undefined && typeof r.audit !== 'function') throw new LedgerError('invalid_argument', 'audit must be a function.');
    const { t } = this.d;
    return this.write(
      function* (this: LedgerCore): Work<CompletedTouch> {
        // moving on locks contact → enrollment → touch, the order of every other writer
        const enrollment = next === undefined ? null : yield* this.lockEnrollmentOf(touchId);
        const locked = yield* this.lockTouchRow(touchId);
        const status = String(locked.status) as TouchStatus;
        const retried = status === r.status;
        let row = locked;
        if (!retried) {
          if (!allowed[r.status].includes(status)) {
            throw new LedgerError(
              'invalid_transition',
              `Touch ${touchId} is ${status}; ${r.status} needs ${allowed[r.status].join(' or ')} (call beginSend before sending).`,
            );
          }
          row = (yield* get(
            `UPDATE ${t.touches} SET status = :status, provider = :provider, provider_message_id = :pmid, detail = :detail,
               completed_at = :now, sent_at = :sentAt, lease_until = NULL, ready_at = :readyAt, updated_at = :now WHERE id = :id RETURNING *`,
            {
              id: touchId,
              status: r.status,
              // a failed touch not moved on here waits for settleStrandedTouches to move its sequence on
              readyAt: r.status === 'failed' && next === undefined ? r.now : null,
              provider: r.provider ?? null,
              pmid: r.providerMessageId ?? null,
              detail: toJson(r.detail),
              sentAt: r.status === 'sent' ? r.now : null,
              now: r.now,
            },
          ))!;
        } else if (next !== undefined && r.status === 'failed') {
          // moved on now: the stranded-touch sweep must not move it on again
          yield* run(`UPDATE ${t.touches} SET ready_at = NULL WHERE id = :id`, { id: touchId });
        }
        const touch = this.touchOf(row, enrollment ?? (yield* this.ownerOf(String(row.enrollment_id))));
        if (!retried) {
          yield* this.auditRow({
            kind: 'touch_completed',
            phone: touch.phone,
            enrollmentId: touch.enrollmentId,
            touchId,
            data: { status: r.status, stepId: touch.stepId, provider: r.provider ?? null, providerMessageId: r.providerMessageId ?? null, detail: r.detail ?? null },
            now: r.now,
          });
        }
        // a retried completion counts from the first one
        const from = retried ? Number(locked.completed_at ?? r.now) : r.now;
        const sequence = enrollment === null || next === undefined ? null : yield* this.moveOn(enrollment, touch, from, next, r.now, { after: touchId });
        const done: CompletedTouch = { touch, retried, sequence };
        if (r.audit !== undefined) {
          const a = r.audit(done);
          assertText(a?.kind, 'audit kind');
          yield* this.auditRow({ kind: a.kind, phone: touch.phone, enrollmentId: touch.enrollmentId, touchId, data: a.data, now: r.now });
        }
        return done;
      }.bind(this),
    );
  }

  async recordDelivery(x: { provider: string; messageId: string; state: DeliveryState; errorCode: number | null; now: number }): Promise<DeliveryRecord> {
    assertText(x.provider, 'provider');
    assertText(x.messageId, 'messageId');
    assertInstant(x.now, 'now');
    if (deliveryState(x.state) !== x.state) throw new LedgerError('invalid_argument', `Unknown delivery state ${String(x.state)}.`);
    if (x.errorCode !== null && !(Number.isSafeInteger(x.errorCode) && x.errorCode >= 0 && x.errorCode <= MAX_ERROR_CODE)) {
      throw new LedgerError('invalid_argument', 'errorCode must be null or a non-negative integer.');
    }
    const { t } = this.d;
    return this.write(
      function* (this: LedgerCore): Work<DeliveryRecord> {
        // the touch's row only is locked (Postgres), the last in the lock order: this waits for no other row.
        // Through the partial index of migration 11 (a provider's message ids are unique; the order only
        // makes the pick deterministic)
        const row = yield* get(
          `SELECT * FROM ${t.touches} WHERE provider = :provider AND provider_message_id = :messageId ORDER BY id LIMIT 1${this.d.forUpdate}`,
          { provider: x.provider, messageId: x.messageId },
        );
        if (row === undefined) return { touch: null, previous: null, changed: false };
        const owner = yield* this.ownerOf(String(row.enrollment_id));
        const previous = deliveryState(row.delivery_status);
        if (!supersedes(x.state, previous)) return { touch: this.touchOf(row, owner), previous, changed: false };
        const updated = (yield* get(
          `UPDATE ${t.touches} SET delivery_status = :state, delivery_error = :errorCode, delivery_at = :now, updated_at = :now
           WHERE id = :id RETURNING *`,
          { id: String(row.id), state: x.state, errorCode: x.errorCode, now: x.now },
        ))!;
        const touch = this.touchOf(updated, owner);
        if (x.state === 'undelivered' || x.state === 'failed') {
          yield* this.auditRow({
            kind: MESSAGE_UNDELIVERED_KIND,
            phone: touch.phone,
            enrollmentId: touch.enrollmentId,
            touchId: touch.id,
            data: {
              touchId: touch.id,
              enrollmentId: touch.enrollmentId,
              stepId: touch.stepId,
              provider: x.provider,
              messageId: x.messageId,
              status: x.state,
              errorCode: x.errorCode,
            },
            now: x.now,
          });
        }
        return { touch, previous, changed: true };
      }.bind(this),
    );
  }

  async settleStrandedTouches(q: SettleQuery): Promise<SettledTouch[]> {
    assertInstant(q.now, 'now');
    if (!(Number.isSafeInteger(q.limit) && q.limit > 0)) throw new LedgerError('invalid_argument', 'limit must be a positive integer.');
    if (!(Number.isSafeInteger(q.sendLeaseMs) && q.sendLeaseMs > 0)) throw new LedgerError('invalid_argument', 'sendLeaseMs must be a positive integer.');
    if (typeof q.next !== 'function') throw new LedgerError('invalid_argument', 'next must be a function.');
    const { t } = this.d;
    const cutoff = q.now - q.sendLeaseMs;
    // candidates are read without locks; each is then settled in its own transaction that re-checks it
    const candidates = await this.read(() =>
      all(
        `SELECT id, CASE WHEN status = 'sending' THEN send_started_at ELSE ready_at END AS at FROM ${t.touches}
         WHERE (status = 'sending' AND send_started_at <= :cutoff) OR (status = 'failed' AND ready_at <= :now)
         ORDER BY at, id LIMIT :limit`,
        { cutoff, now: q.now, limit: q.limit },
      ),
    );
    const out: SettledTouch[] = [];
    for (const c of candidates) {
      const r = await this.write(() => this.settleOne(String(c.id), cutoff, q));
      if (r !== null) out.push(r);
    }
    return out;
  }

  /** Settles one touch (lock order contact → enrollment → touch); null when another sweeper or a sender got there first. */
  private *settleOne(touchId: string, cutoff: number, q: SettleQuery): Work<SettledTouch | null> {
    const { t } = this.d;
    const head = yield* get(`SELECT t.enrollment_id, e.phone FROM ${t.touches} t JOIN ${t.enrollments} e ON e.id = t.enrollment_id WHERE t.id = :id`, { id: touchId });
    if (head === undefined) return null;
    const phone = String(head.phone);
    yield* get(`SELECT phone FROM ${t.contacts} WHERE phone = :phone${this.d.forUpdate}`, { phone });
    const enrollment = toEnrollment((yield* get(`SELECT * FROM ${t.enrollments} WHERE id = :id${this.d.forUpdate}`, { id: String(head.enrollment_id) }))!, this.d);
    const row = (yield* get(`SELECT status, ready_at, send_started_at, idempotency_key FROM ${t.touches} WHERE id = :id${this.d.forUpdate}`, { id: touchId }))!;
    const startedAt = row.send_started_at === null ? null : Number(row.send_started_at);
    let settled: SettledTouch['settled'];
    let from: number;
    if (row.status === 'sending' && startedAt !== null && startedAt <= cutoff) {
      settled = 'outcome_unknown';
      from = startedAt;
      const detail = { outcome: 'unknown', reason: 'SEND_OUTCOME_UNKNOWN', sendStartedAt: startedAt, sendLeaseMs: q.sendLeaseMs, idempotencyKey: row.idempotency_key };
      yield* run(
        `UPDATE ${t.touches} SET status = 'failed', reason = :reason, detail = :detail, completed_at = :now, lease_until = NULL,
           ready_at = NULL, updated_at = :now WHERE id = :id`,
        { id: touchId, reason: OUTCOME_UNKNOWN, detail: toJson(detail), now: q.now },
      );
    } else if (row.status === 'failed' && row.ready_at !== null && Number(row.ready_at) <= q.now) {
      settled = 'failed';
      from = Number(row.ready_at);
      yield* run(`UPDATE ${t.touches} SET ready_at = NULL WHERE id = :id`, { id: touchId });
    } else return null;
    const touch = (yield* this.loadTouches(`t.id = :id`, { id: touchId }))[0]!;
    if (settled === 'outcome_unknown') {
      yield* this.auditRow({
        kind: 'touch_outcome_unknown',
        phone,
        enrollmentId: enrollment.id,
        touchId,
        data: { stepId: touch.stepId, channel: touch.channel, idempotencyKey: touch.idempotencyKey, sendStartedAt: startedAt, sendLeaseMs: q.sendLeaseMs },
        now: q.now,
      });
    }
    const sequence = yield* this.moveOn(enrollment, touch, from, q.next, q.now, { after: touch.id, settled: true });
    return { touch, settled, sequence };
  }

  async repairStrandedEnrollments(q: RepairQuery): Promise<RepairedEnrollment[]> {
    assertInstant(q.now, 'now');
    if (!(Number.isSafeInteger(q.limit) && q.limit > 0)) throw new LedgerError('invalid_argument', 'limit must be a positive integer.');
    if (typeof q.next !== 'function') throw new LedgerError('invalid_argument', 'next must be a function.');
    // candidates are read without locks; each is then repaired in its own transaction that re-checks it
    const candidates = await this.read(() => all(`${this.strandedSql('')} ORDER BY e.updated_at, e.id LIMIT :limit`, { limit: q.limit }));
    const out: RepairedEnrollment[] = [];
    for (const c of candidates) {
      const r = await this.write(() => this.repairOne(String(c.enrollment_id), q));
      if (r !== null) out.push(r);
    }
    return out;
  }

  /**
   * Active enrollments with no open touch (pending, claimed, sending, or failed not yet settled) whose
   * latest touch (by creation, then due time, then id) is done: sent, skipped, blocked, or failed and settled.
   */
  private strandedSql(andWhere: string): string {
    const { t } = this.d;
    return `SELECT e.id AS enrollment_id, l.id AS touch_id, COALESCE(l.completed_at, l.updated_at) AS done_at
      FROM ${t.enrollments} e JOIN ${t.touches} l ON l.enrollment_id = e.id
      WHERE e.status = 'active'${andWhere}
        AND (l.status IN ('sent', 'skipped', 'blocked') OR (l.status = 'failed' AND l.ready_at IS NULL))
        AND NOT EXISTS (SELECT 1 FROM ${t.touches} n WHERE n.enrollment_id = e.id AND n.id <> l.id
          AND (n.created_at > l.created_at OR (n.created_at = l.created_at AND (n.due_at > l.due_at OR (n.due_at = l.due_at AND n.id > l.id)))))
        AND NOT EXISTS (SELECT 1 FROM ${t.touches} o WHERE o.enrollment_id = e.id
          AND (o.status IN ('pending', 'claimed', 'sending') OR (o.status = 'failed' AND o.ready_at IS NOT NULL)))`;
  }

  /** Repairs one stranded enrollment (lock order contact → enrollment → touch); null when it is no longer stranded. */
  private *repairOne(enrollmentId: string, q: RepairQuery): Work<RepairedEnrollment | null> {
    const { t } = this.d;
    const head = yield* get(`SELECT phone FROM ${t.enrollments} WHERE id = :id`, { id: enrollmentId });
    if (head === undefined) return null;
    yield* get(`SELECT phone FROM ${t.contacts} WHERE phone = :phone${this.d.forUpdate}`, { phone: String(head.phone) });
    const row = (yield* get(`SELECT * FROM ${t.enrollments} WHERE id = :id${this.d.forUpdate}`, { id: enrollmentId }))!;
    // re-checked under the locks: another sweeper, a sender or a reply may have got there first
    const stranded = yield* get(this.strandedSql(' AND e.id = :id'), { id: enrollmentId });
    if (stranded === undefined) return null;
    const enrollment = toEnrollment(row, this.d);
    const touchId = String(stranded.touch_id);
    yield* this.lockTouch(touchId);
    const touch = (yield* this.loadTouches(`t.id = :id`, { id: touchId }))[0]!;
    const from = Number(stranded.done_at);
    const sequence = yield* this.moveOn(enrollment, touch, from, q.next, q.now, { after: touchId, repaired: true });
    if (sequence.action === 'none') {
      // cannot move on (its next step already has a closed touch): to the back of the queue, so it
      // never crowds out the others
      yield* run(`UPDATE ${t.enrollments} SET updated_at = :now WHERE id = :id`, { id: enrollmentId, now: q.now });
      return null;
    }
    yield* this.auditRow({
      kind: 'sequence_repaired',
      phone: enrollment.phone,
      enrollmentId,
      touchId,
      data: {
        stepId: touch.stepId,
        touchStatus: touch.status,
        from,
        action: sequence.action,
        ...(sequence.action === 'scheduled' ? { next: { touchId: sequence.touch.id, stepId: sequence.touch.stepId, dueAt: sequence.touch.dueAt } } : {}),
        ...(sequence.action === 'exited' ? { reason: sequence.reason } : {}),
      },
      now: q.now,
    });
    return { enrollmentId, touch, sequence };
  }

  /** Locks the contact, then the enrollment, of a touch (the lock order); returns the enrollment. */
  private *lockEnrollmentOf(touchId: string): Work<Enrollment> {
    const { t } = this.d;
    const head = yield* get(`SELECT t.enrollment_id, e.phone FROM ${t.touches} t JOIN ${t.enrollments} e ON e.id = t.enrollment_id WHERE t.id = :id`, { id: touchId });
    if (head === undefined) throw new LedgerError('not_found', `No touch ${touchId}.`);
    yield* get(`SELECT phone FROM ${t.contacts} WHERE phone = :phone${this.d.forUpdate}`, { phone: String(head.phone) });
    return toEnrollment((yield* get(`SELECT * FROM ${t.enrollments} WHERE id = :id${this.d.forUpdate}`, { id: String(head.enrollment_id) }))!, this.d);
  }

  /**
   * After a done touch (settled, completed, repaired): `next` decides. An exit ends the enrollment at
   * once; a step already scheduled is reported with its touch; otherwise nothing moves while the
   * enrollment has another open touch; then the step is scheduled or the enrollment completes.
   */
  private *moveOn(enrollment: Enrollment, touch: Touch, from: number, nextFn: NextFn, now: number, extra: Record<string, unknown>): Work<SequenceMove> {
    if (enrollment.status !== 'active') return { action: 'none', why: 'enrollment_ended' };
    let next: NextAfterTouch;
    try {
      next = nextFn({ enrollment, touch, from });
    } catch (e) {
      next = { kind: 'exit', reason: 'next_step_error' };
      yield* this.auditRow({
        kind: 'next_step_error',
        phone: touch.phone,
        enrollmentId: enrollment.id,
        touchId: touch.id,
        data: { message: e instanceof Error ? e.message : String(e) },
        now,
      });
    }
    if (next.kind === 'exit') {
      yield* this.end(enrollment.id, enrollment.phone, 'exited', next.reason, now);
      return { action: 'exited', reason: next.reason };
    }
    const step = next.kind === 'step' ? next.stepId : null;
    if (next.kind === 'step') {
      assertText(next.stepId, 'stepId');
      assertInstant(next.dueAt, 'dueAt');
    }
    // one read: the step's touch when it has one (at most one per step), and the other open touches
    const rows = yield* all(
      `SELECT * FROM ${this.d.t.touches} WHERE enrollment_id = :id
         AND (${step === null ? '' : 'step_id = :stepId OR '}(id <> :touchId AND status IN ('pending', 'claimed', 'sending')))`,
      step === null ? { id: enrollment.id, touchId: touch.id } : { id: enrollment.id, touchId: touch.id, stepId: step },
    );
    const existing = rows.find((r) => step !== null && String(r.step_id) === step);
    if (existing !== undefined) return { action: 'none', why: 'already_scheduled', touch: this.touchOf(existing, enrollment) };
    if (rows.length > 0) return { action: 'none', why: 'open_touch' };
    if (next.kind === 'step') return { action: 'scheduled', touch: yield* this.addTouch(enrollment, true, { ...next, now }, extra) };
    yield* this.end(enrollment.id, enrollment.phone, 'completed', 'completed', now);
    return { action: 'completed' };
  }

  async recentSends(phone: string, since: number): Promise<number[]> {
    assertPhone(phone);
    assertInstant(since, 'since');
    const rows = await this.read(() => all(`${this.sendsSql()} ORDER BY at`, { phone, since }));
    return rows.map((r) => Number(r.at));
  }

  /** Instants (`at`) of automated touches sent, being sent or of unknown outcome to `:phone` since `:since`. */
  private sendsSql(): string {
    const { t } = this.d;
    return `SELECT COALESCE(t.sent_at, t.send_started_at) AS at FROM ${t.touches} t JOIN ${t.enrollments} e ON e.id = t.enrollment_id
      WHERE e.phone = :phone AND (t.status IN ('sent', 'sending') OR (t.status = 'failed' AND t.reason = '${OUTCOME_UNKNOWN}'))
        AND COALESCE(t.sent_at, t.send_started_at) >= :since`;
  }

  // ── retention ─────────────────────────────────────────────────────────────────────────────

  async prune(q: PruneQuery): Promise<PruneResult> {
    const plan = prunePlan(q);
    const kinds = this.pruneKinds(plan.cutoffs, q.now);
    const counts: PruneCounts = {
      dedupeKeys: 0,
      callEvents: 0,
      pendingCalls: 0,
      enrollments: 0,
      touches: 0,
      auditEntries: 0,
      retryLeases: 0,
      conversationContacts: 0,
    };
    const add = (c: Partial<PruneCounts>) => {
      for (const [k, n] of Object.entries(c) as [keyof PruneCounts, number][]) counts[k] += n;
    };
    const base = { days: plan.days, cutoffs: plan.cutoffs };
    if (plan.dryRun) {
      await this.read(function* () {
        for (const k of kinds) add(yield* k.count());
      });
      return { dryRun: true, ...base, counts, complete: true };
    }
    let complete = true;
    for (const k of kinds) {
      for (let b = 0; ; b++) {
        if (b === plan.maxBatches) {
          complete = false;
          break;
        }
        const done = await this.write(() => k.batch(plan.batchSize));
        add(done);
        if ((done[k.main] ?? 0) < plan.batchSize) break;
      }
    }
    await this.write(() => this.auditRow({ kind: 'records_pruned', data: { ...base, counts, complete, batchSize: plan.batchSize }, now: q.now }));
    return { dryRun: false, ...base, counts, complete };
  }

  /**
   * What each kind prunes (`FROM … WHERE …` over rows past their cutoff), as a count and as one batch
   * (one transaction) of the oldest first. Indexes: migration 5 (retry leases: 6; conversation-only
   * contacts: 9, whose predicate `talkedOnly` implies, see conversationOnlySql).
   */
  private pruneKinds(cut: PruneResult['cutoffs'], now: number): {
    main: keyof PruneCounts;
    count: () => Work<Partial<PruneCounts>>;
    batch: (limit: number) => Work<Partial<PruneCounts>>;
  }[] {
    const { t } = this.d;
    const n = (r: Row | undefined) => Number(r?.n ?? 0);
    const unresolvedCalls = `SELECT call_key FROM ${t.pending_calls} WHERE status IN ('pending', 'claimed')`;
    const pending = `FROM ${t.pending_calls} p WHERE p.status = 'resolved' AND p.resolved_at < :cutoff`;
    // provider-retry keys only (calls, inbound messages); other keys (conversion:<enrollment>, crm:…)
    // guard a business fact once for good and stay
    const dedupe = `FROM ${t.dedupe_keys} k WHERE (k.key LIKE 'call:%' OR k.key LIKE 'inbound:%') AND k.created_at < :cutoff
      AND k.key NOT IN (${unresolvedCalls})`;
    const events = `FROM ${t.call_events} c WHERE c.received_at < :cutoff
      AND c.call_id NOT IN (SELECT call_id FROM ${t.enrollments} WHERE status = 'active')
      AND ('call:' || c.provider || ':' || c.call_id) NOT IN (${unresolvedCalls})`;
    // the latest run of a contact in a template stays (re-entry policies `never`/`after_days` read it),
    // and so does a run with an open touch (a send in flight, a failure not yet settled)
    const ended = `FROM ${t.enrollments} t WHERE t.status IN ('completed', 'exited') AND t.ended_at < :cutoff
      AND EXISTS (SELECT 1 FROM ${t.enrollments} n WHERE n.template_id = t.template_id AND n.phone = t.phone
        AND (n.created_at > t.created_at OR (n.created_at = t.created_at AND n.id > t.id)))
      AND NOT EXISTS (SELECT 1 FROM ${t.touches} o WHERE o.enrollment_id = t.id
        AND (o.status IN ('pending', 'claimed', 'sending') OR (o.status = 'failed' AND o.ready_at IS NOT NULL)))`;
    const audit = `FROM ${t.audit_log} a WHERE a.at < :cutoff`;
    // a lease that ran out holds nothing (a renewal by its late holder then fails, and it leaves the record)
    const leases = `FROM ${t.retry_leases} h WHERE h.lease_until < :cutoff`;
    // a contact holding nothing but a conversation past its cutoff: every other column empty, no enrollment
    const talkedOnly = `FROM ${t.contacts} t WHERE t.last_conversation_at < :cutoff AND ${conversationOnlySql('t', t.enrollments)}`;
    const simple = (main: keyof PruneCounts, from: string, cutoff: number, del: string) => ({
      main,
      count: function* (): Work<Partial<PruneCounts>> {
        return { [main]: n(yield* get(`SELECT COUNT(*) AS n ${from}`, { cutoff })) };
      },
      batch: function* (limit: number): Work<Partial<PruneCounts>> {
        return { [main]: yield* run(del, { cutoff, limit }) };
      },
    });
    return [
      simple('pendingCalls', pending, cut.pendingCalls, `DELETE FROM ${t.pending_calls} WHERE status = 'resolved' AND call_key IN (SELECT p.call_key ${pending} ORDER BY p.resolved_at LIMIT :limit)`),
      simple('dedupeKeys', dedupe, cut.dedupeKeys, `DELETE FROM ${t.dedupe_keys} WHERE key IN (SELECT k.key ${dedupe} ORDER BY k.created_at LIMIT :limit)`),
      simple('callEvents', events, cut.callEvents, `DELETE FROM ${t.call_events} WHERE seq IN (SELECT c.seq ${events} ORDER BY c.received_at LIMIT :limit)`),
      {
        main: 'enrollments',
        count: function* (): Work<Partial<PruneCounts>> {
          const cutoff = cut.enrollments;
          return {
            enrollments: n(yield* get(`SELECT COUNT(*) AS n ${ended}`, { cutoff })),
            touches: n(yield* get(`SELECT COUNT(*) AS n FROM ${t.touches} WHERE enrollment_id IN (SELECT t.id ${ended})`, { cutoff })),
          };
        },
        batch: function* (this: LedgerCore, limit: number): Work<Partial<PruneCounts>> {
          // locked (Postgres) so a concurrent pruner skips them; an ended run only changes by being pruned
          const rows = yield* all(`SELECT t.id ${ended} ORDER BY t.ended_at, t.id LIMIT :limit${this.d.skipLocked}`, { cutoff: cut.enrollments, limit });
          if (rows.length === 0) return { enrollments: 0 };
          const ids = rows.map((r) => String(r.id));
          const touches = yield* run(`DELETE FROM ${t.touches} WHERE enrollment_id ${this.d.inList('ids')}`, { ids });
          return { enrollments: yield* run(`DELETE FROM ${t.enrollments} WHERE id ${this.d.inList('ids')}`, { ids }), touches };
        }.bind(this),
      },
      {
        main: 'auditEntries',
        count: function* (): Work<Partial<PruneCounts>> {
          return { auditEntries: n(yield* get(`SELECT COUNT(*) AS n ${audit}`, { cutoff: cut.auditTrail })) };
        },
        batch: function* (this: LedgerCore, limit: number): Work<Partial<PruneCounts>> {
          yield* this.auditPruneGate(cut.auditTrail);
          const deleted = yield* run(`DELETE FROM ${t.audit_log} WHERE id IN (SELECT a.id ${audit} ORDER BY a.at, a.id LIMIT :limit)`, {
            cutoff: cut.auditTrail,
            limit,
          });
          yield* this.auditPruneGate(null);
          return { auditEntries: deleted };
        }.bind(this),
      },
      simple('retryLeases', leases, now, `DELETE FROM ${t.retry_leases} WHERE key IN (SELECT h.key ${leases} ORDER BY h.lease_until LIMIT :limit)`),
      {
        main: 'conversationContacts',
        count: function* (): Work<Partial<PruneCounts>> {
          return { conversationContacts: n(yield* get(`SELECT COUNT(*) AS n ${talkedOnly}`, { cutoff: cut.conversationContacts })) };
        },
        batch: function* (this: LedgerCore, limit: number): Work<Partial<PruneCounts>> {
          const cutoff = cut.conversationContacts;
          // locked first (Postgres; the lock order's first row, skipped when another transaction holds it),
          // then deleted by a statement that checks again on its own snapshot: an enrollment, consent or
          // reply that committed in between keeps the row, and none can start until this commits
          const rows = yield* all(`SELECT t.phone ${talkedOnly} ORDER BY t.last_conversation_at, t.phone LIMIT :limit${this.d.skipLocked}`, {
            cutoff,
            limit,
          });
          if (rows.length === 0) return { conversationContacts: 0 };
          const phones = rows.map((r) => String(r.phone));
          const deleted = yield* run(
            `DELETE FROM ${t.contacts} AS t WHERE t.phone ${this.d.inList('phones')} AND t.last_conversation_at < :cutoff
               AND ${conversationOnlySql('t', t.enrollments)}`,
            { phones, cutoff },
          );
          return { conversationContacts: deleted };
        }.bind(this),
      },
    ];
  }

  /**
   * Opens (cutoff) or closes (null) the append-only guard of the audit log for rows older than the
   * cutoff, inside the current transaction only (migration 5): a gate row on SQLite (closed again
   * before commit), a transaction-local setting on Postgres.
   */
  private *auditPruneGate(cutoff: number | null): Work<void> {
    if (this.d.kind === 'sqlite') yield* run(`UPDATE audit_prune_gate SET before_at = :cutoff WHERE id = 1`, { cutoff });
    else yield* get(`SELECT set_config('missed_call.audit_prune_before', :cutoff, true)`, { cutoff: cutoff === null ? '' : String(cutoff) });
  }

  // ── pending calls ─────────────────────────────────────────────────────────────────────────

  async parkPendingCall(p: { callKey: string; provider: string; settleAt: number; enrollSpec: unknown; now: number }): Promise<{
    parked: boolean;
    pendingCall: PendingCall;
  }> {
    assertText(p.callKey, 'callKey');
    assertText(p.provider, 'provider');
    assertInstant(p.settleAt, 'settleAt');
    assertInstant(p.now, 'now');
    const { t } = this.d;
    return this.write(
      function* (this: LedgerCore) {
        const existing = yield* get(`SELECT status FROM ${t.pending_calls} WHERE call_key = :key${this.d.forUpdate}`, { key: p.callKey });
        const params = { key: p.callKey, provider: p.provider, settleAt: p.settleAt, spec: toJson(p.enrollSpec), now: p.now };
        let parked = true;
        if (existing === undefined) {
          yield* run(
            `INSERT INTO ${t.pending_calls} (call_key, provider, settle_at, status, ready_at, enroll_spec, created_at, updated_at)
             VALUES (:key, :provider, :settleAt, 'pending', :settleAt, :spec, :now, :now)`,
            params,
          );
          yield* this.auditRow({ kind: 'call_parked', data: { callKey: p.callKey, provider: p.provider, settleAt: p.settleAt }, now: p.now });
        } else if (existing.status === 'resolved') parked = false;
        else {
          yield* run(
            `UPDATE ${t.pending_calls} SET status = 'pending', settle_at = :settleAt, ready_at = :settleAt, enroll_spec = :spec,
               claimed_by = NULL, lease_until = NULL, updated_at = :now WHERE call_key = :key`,
            params,
          );
        }
        const row = (yield* get(`SELECT * FROM ${t.pending_calls} WHERE call_key = :key`, { key: p.callKey }))!;
        return { parked, pendingCall: toPendingCall(row, this.d) };
      }.bind(this),
    );
  }

  async claimSettledCalls(q: { now: number; limit: number; worker: string; leaseMs: number }): Promise<PendingCall[]> {
    assertClaim(q);
    const { t } = this.d;
    const sql = `
      WITH picked AS (
        SELECT t.call_key FROM ${t.pending_calls} t
        WHERE t.status IN ('pending', 'claimed') AND t.ready_at <= :now
        ORDER BY t.ready_at, t.call_key
        LIMIT :limit${this.d.skipLocked}
      )
      UPDATE ${t.pending_calls} SET status = 'claimed', claimed_by = :worker, lease_until = :leaseUntil, ready_at = :leaseUntil,
        claims = claims + 1, updated_at = :now
      WHERE call_key IN (SELECT call_key FROM picked)
      RETURNING *`;
    const rows = await this.write(() => all(sql, { now: q.now, limit: q.limit, worker: q.worker, leaseUntil: q.now + q.leaseMs }));
    return rows.map((r) => toPendingCall(r, this.d)).sort((a, b) => a.settleAt - b.settleAt || (a.callKey < b.callKey ? -1 : 1));
  }

  async resolvePendingCall(callKey: string, outcome: string, now: number): Promise<boolean> {
    assertText(callKey, 'callKey');
    assertText(outcome, 'outcome');
    assertInstant(now, 'now');
    return this.write(() => this.resolvePendingRow(callKey, outcome, now));
  }

  /** Resolves the pending call under `callKey` unless it is resolved already; audited. */
  private *resolvePendingRow(callKey: string, outcome: string, now: number): Work<boolean> {
    const n = yield* run(
      `UPDATE ${this.d.t.pending_calls} SET status = 'resolved', outcome = :outcome, resolved_at = :now, ready_at = NULL, lease_until = NULL,
         updated_at = :now WHERE call_key = :key AND status <> 'resolved'`,
      { key: callKey, outcome, now },
    );
    if (n === 0) return false;
    yield* this.auditRow({ kind: 'call_unparked', data: { callKey, outcome }, now });
    return true;
  }

  async pendingCall(callKey: string): Promise<PendingCall | null> {
    const row = await this.read(() => get(`SELECT * FROM ${this.d.t.pending_calls} WHERE call_key = :key`, { key: callKey }));
    return row === undefined ? null : toPendingCall(row, this.d);
  }

  // ── audit ─────────────────────────────────────────────────────────────────────────────────

  async audit(a: { kind: string; phone?: string | null; enrollmentId?: string | null; touchId?: string | null; data: unknown; now: number }): Promise<void> {
    assertText(a.kind, 'kind');
    assertInstant(a.now, 'now');
    if (a.phone != null) assertPhone(a.phone);
    await this.statement(() => this.auditRow(a));
  }

  async auditTrail(q: AuditQuery): Promise<AuditEntry[]> {
    const { t } = this.d;
    const where: string[] = [];
    const params: Params = { limit: Math.min(Math.max(1, q.limit ?? 1000), 10_000) };
    if (q.phone !== undefined) {
      where.push('phone = :phone');
      params.phone = q.phone;
    }
    if (q.enrollmentId !== undefined) {
      where.push('enrollment_id = :enrollmentId');
      params.enrollmentId = q.enrollmentId;
    }
    if (q.since !== undefined) {
      where.push('at >= :since');
      params.since = q.since;
    }
    if (q.kinds !== undefined) {
      where.push(`kind ${this.d.inList('kinds')}`);
      params.kinds = q.kinds;
    }
    if (q.afterId !== undefined) {
      where.push(`id ${q.order === 'desc' ? '<' : '>'} :afterId`);
      params.afterId = q.afterId;
    }
    const sql = `SELECT * FROM ${t.audit_log}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
      ORDER BY id ${q.order === 'desc' ? 'DESC' : 'ASC'} LIMIT :limit`;
    const rows = await this.read(() => all(sql, params));
    return rows.map((r) => toAudit(r, this.d));
  }

  // ── pending records (retry leases) ────────────────────────────────────────────────────────

  async claimPendingRecords(q: PendingRecordQuery): Promise<ClaimedRecord[]> {
    assertClaim(q);
    assertKinds(q);
    assertInstant(q.since, 'since');
    if (q.provider !== undefined) assertText(q.provider, 'provider');
    const { t } = this.d;
    const key = this.d.jsonText('t.data', 'key');
    const provider = q.provider === undefined ? '' : ` AND ${this.d.jsonText('t.data', 'provider')} = :provider`;
    // one statement. On Postgres concurrent claimers skip the pending entries another one is picking (a
    // row lock only: nothing in the audit log changes), and one that still meets a key taken since it
    // began waits on the lease row, then finds it held (the upsert's WHERE sees the committed lease)
    const sql = `
      WITH picked AS (
        SELECT t.id, ${key} AS key FROM ${t.audit_log} t
        WHERE t.kind = :kind AND t.at >= :since AND ${key} IS NOT NULL${provider}
          AND ${this.unresolvedSql('t.id', key, 't.at')}
          AND NOT EXISTS (SELECT 1 FROM ${t.retry_leases} h WHERE h.key = ${key} AND h.lease_until > :now)
        ORDER BY t.at, t.id
        LIMIT :limit${this.d.skipLocked}
      )
      INSERT INTO ${t.retry_leases} AS l (key, audit_id, claimed_by, lease_until, claims, created_at, updated_at)
      SELECT key, id, CAST(:worker AS TEXT), CAST(:leaseUntil AS BIGINT), 1, CAST(:now AS BIGINT), CAST(:now AS BIGINT) FROM picked WHERE true
      ON CONFLICT (key) DO UPDATE SET audit_id = excluded.audit_id, claimed_by = excluded.claimed_by, lease_until = excluded.lease_until,
        claims = l.claims + 1, updated_at = excluded.updated_at
      WHERE l.lease_until <= excluded.updated_at
      RETURNING key`;
    const params: Params = {
      kind: q.kind,
      kinds: [q.kind, ...q.resolvedBy],
      since: q.since,
      now: q.now,
      limit: q.limit,
      worker: q.worker,
      leaseUntil: q.now + q.leaseMs,
      ...(q.provider === undefined ? {} : { provider: q.provider }),
    };
    const rows = await this.write(
      function* (this: LedgerCore): Work<Row[]> {
        const keys = (yield* all(sql, params)).map((r) => String(r.key));
        if (keys.length === 0) return [];
        return yield* all(
          `SELECT a.*, l.key AS lease_key, l.lease_until AS lease_until, l.claims AS lease_claims
           FROM ${t.retry_leases} l JOIN ${t.audit_log} a ON a.id = l.audit_id WHERE l.key ${this.d.inList('keys')}`,
          { keys },
        );
      }.bind(this),
    );
    return rows
      .map((r) => ({ entry: toAudit(r, this.d), key: String(r.lease_key), leaseUntil: Number(r.lease_until), claims: Number(r.lease_claims) }))
      .sort((a, b) => a.entry.at - b.entry.at || a.entry.id - b.entry.id);
  }

  async renewRecordLease(r: ClaimedRecord, q: PendingRecordKinds & { worker: string; now: number; leaseMs: number }): Promise<boolean> {
    assertClaim({ ...q, limit: 1 });
    assertKinds(q);
    assertText(r.key, 'key');
    const { t } = this.d;
    const n = await this.write(() =>
      run(
        `UPDATE ${t.retry_leases} SET lease_until = :leaseUntil, updated_at = :now
         WHERE key = :key AND audit_id = :auditId AND claimed_by = :worker AND ${this.unresolvedSql(':auditId', ':key', ':auditAt')}`,
        { key: r.key, auditId: r.entry.id, auditAt: r.entry.at, worker: q.worker, kind: q.kind, kinds: [q.kind, ...q.resolvedBy], now: q.now, leaseUntil: q.now + q.leaseMs },
      ),
    );
    return n === 1;
  }

  async releaseRecordLease(key: string, worker: string, now: number): Promise<boolean> {
    assertText(key, 'key');
    assertText(worker, 'worker');
    assertInstant(now, 'now');
    const { t } = this.d;
    const n = await this.write(() =>
      run(`UPDATE ${t.retry_leases} SET lease_until = :now, updated_at = :now WHERE key = :key AND claimed_by = :worker AND lease_until > :now`, {
        key,
        worker,
        now,
      }),
    );
    return n === 1;
  }

  /**
   * No later entry (by id) of the record's key (`keyExpr`) is of one of `:kinds` (the pending kind or a
   * resolving one). A later pending entry stamped before the record (`atExpr`: a clock that ran
   * behind) does not count: the record stays the key's latest.
   */
  private unresolvedSql(idExpr: string, keyExpr: string, atExpr: string): string {
    const rKey = this.d.jsonText('r.data', 'key');
    return `NOT EXISTS (SELECT 1 FROM ${this.d.t.audit_log} r
      WHERE ${rKey} = ${keyExpr} AND ${rKey} IS NOT NULL AND r.id > ${idExpr} AND r.kind ${this.d.inList('kinds')}
        AND (r.kind <> :kind OR r.at >= ${atExpr}))`;
  }

  // ── reports ───────────────────────────────────────────────────────────────────────────────

  async emailSuppressions(q: { afterEmail?: string; limit?: number } = {}): Promise<EmailSuppression[]> {
    const rows = await this.read(() =>
      all(`SELECT * FROM ${this.d.t.email_suppressions} WHERE email > :after ORDER BY email LIMIT :limit`, {
        after: q.afterEmail ?? '',
        limit: clampLimit(q.limit, 1000, 10_000),
      }),
    );
    return rows.map(toEmailSuppression);
  }

  async optOuts(q: { afterPhone?: string; limit?: number } = {}): Promise<OptOutEntry[]> {
    const { t } = this.d;
    const rows = await this.read(() =>
      all(
        `SELECT * FROM ${t.contacts} WHERE (sms_opt_out_at IS NOT NULL OR email_opt_out_at IS NOT NULL) AND phone > :after
         ORDER BY phone LIMIT :limit`,
        { after: q.afterPhone ?? '', limit: clampLimit(q.limit, 1000, 10_000) },
      ),
    );
    const out: OptOutEntry[] = [];
    for (const r of rows) {
      const c = toContactState(r);
      for (const channel of ['sms', 'email'] as const) {
        const o = c.optOut[channel];
        if (o) out.push({ phone: c.phone, channel, at: o.at, source: o.source, text: o.text });
      }
    }
    return out;
  }

  async enrollmentsCreated(q: { since: number; until: number; templateId?: string; limit?: number }): Promise<Enrollment[]> {
    assertInstant(q.since, 'since');
    assertInstant(q.until, 'until');
    const { t } = this.d;
    const params: Params = { since: q.since, until: q.until, limit: clampLimit(q.limit, 10_000, 100_000) };
    if (q.templateId !== undefined) params.templateId = q.templateId;
    const rows = await this.read(() =>
      all(
        `SELECT * FROM ${t.enrollments} WHERE created_at >= :since AND created_at < :until${q.templateId !== undefined ? ' AND template_id = :templateId' : ''}
         ORDER BY created_at, id LIMIT :limit`,
        params,
      ),
    );
    return rows.map((r) => toEnrollment(r, this.d));
  }

  async touchesOfEnrollments(ids: readonly string[]): Promise<Touch[]> {
    if (ids.length === 0) return [];
    return this.read(() => this.loadTouches(`t.enrollment_id ${this.d.inList('ids')}`, { ids }));
  }

  async callEventsBetween(q: { since: number; until: number; limit?: number }): Promise<StoredCallEvent[]> {
    assertInstant(q.since, 'since');
    assertInstant(q.until, 'until');
    const { t } = this.d;
    const rows = await this.read(() =>
      all(`SELECT * FROM ${t.call_events} WHERE received_at >= :since AND received_at < :until ORDER BY seq LIMIT :limit`, {
        since: q.since,
        until: q.until,
        limit: clampLimit(q.limit, 10_000, 100_000),
      }),
    );
    return rows.map((r) => toCallEvent(r, this.d));
  }

  // ── internals (generators; run inside the caller's transaction) ──────────────────────────

  /** Creates the contact when missing and locks its row (Postgres); returns its state. */
  private *lockContact(phone: string, now: number): Work<ContactState> {
    const { t } = this.d;
    const row = yield* get(
      `INSERT INTO ${t.contacts} (phone, created_at, updated_at) VALUES (:phone, :now, :now)
       ON CONFLICT (phone) DO UPDATE SET phone = excluded.phone RETURNING *`,
      { phone, now },
    );
    return toContactState(row!);
  }

  private *loadContact(phone: string): Work<ContactState | null> {
    const row = yield* get(`SELECT * FROM ${this.d.t.contacts} WHERE phone = :phone`, { phone });
    return row === undefined ? null : toContactState(row);
  }

  private *isTemplatePaused(templateId: string): Work<boolean> {
    const row = yield* get(`SELECT paused FROM ${this.d.t.templates} WHERE template_id = :templateId`, { templateId });
    return row !== undefined && (row.paused === true || row.paused === 1);
  }

  private *lockTouch(id: string): Work<TouchStatus> {
    return String((yield* this.lockTouchRow(id)).status) as TouchStatus;
  }

  /** Locks a touch (Postgres) and returns its row, read under the lock. */
  private *lockTouchRow(id: string): Work<Row> {
    const row = yield* get(`SELECT * FROM ${this.d.t.touches} WHERE id = :id${this.d.forUpdate}`, { id });
    if (row === undefined) throw new LedgerError('not_found', `No touch ${id}.`);
    return row;
  }

  private *loadTouches(where: string, params: Params): Work<Touch[]> {
    const { t } = this.d;
    const rows = yield* all(
      `SELECT t.*, e.template_id, e.phone FROM ${t.touches} t JOIN ${t.enrollments} e ON e.id = t.enrollment_id
       WHERE ${where} ORDER BY t.due_at, t.id`,
      params,
    );
    return rows.map((r: Row) => toTouch(r, this.d));
  }

  /** Inserts a touch; returns its row. */
  private *insertTouch(enrollmentId: string, stepId: string, dueAt: number, channel: string | null, status: 'pending' | 'cancelled', now: number): Work<Row> {
    const row = yield* get(
      `INSERT INTO ${this.d.t.touches} (id, enrollment_id, step_id, channel, due_at, status, reason, ready_at, created_at, updated_at)
       VALUES (:id, :enrollmentId, :stepId, :channel, :dueAt, :status, :reason, :readyAt, :now, :now) RETURNING *`,
      {
        id: randomUUID(),
        enrollmentId,
        stepId,
        channel,
        dueAt,
        status,
        reason: status === 'cancelled' ? 'enrollment_ended' : null,
        readyAt: status === 'pending' ? dueAt : null,
        now,
      },
    );
    return row!;
  }

  /** Ends every active enrollment of the phone; returns their ids. */
  private *exitActive(phone: string, reason: string, now: number): Work<string[]> {
    const rows = yield* all(`SELECT id FROM ${this.d.t.enrollments} WHERE phone = :phone AND status = 'active' ORDER BY id${this.d.forUpdate}`, {
      phone,
    });
    const ids: string[] = [];
    for (const r of rows) if (yield* this.end(String(r.id), phone, 'exited', reason, now)) ids.push(String(r.id));
    return ids;
  }

  private async endOne(id: string, status: 'exited' | 'completed', reason: string, now: number): Promise<void> {
    assertInstant(now, 'now');
    const { t } = this.d;
    await this.write(
      function* (this: LedgerCore) {
        const row = yield* get(`SELECT phone FROM ${t.enrollments} WHERE id = :id`, { id });
        if (row === undefined) throw new LedgerError('not_found', `No enrollment ${id}.`);
        yield* get(`SELECT phone FROM ${t.contacts} WHERE phone = :phone${this.d.forUpdate}`, { phone: String(row.phone) });
        yield* this.end(id, String(row.phone), status, reason, now);
      }.bind(this),
    );
  }

  /** Ends one active enrollment and cancels its open touches; false when it was not active. */
  private *end(id: string, phone: string, status: 'exited' | 'completed', reason: string, now: number): Work<boolean> {
    const { t } = this.d;
    const n = yield* run(
      `UPDATE ${t.enrollments} SET status = :status, end_reason = :reason, ended_at = :now, updated_at = :now
       WHERE id = :id AND status = 'active'`,
      { id, status, reason, now },
    );
    if (n === 0) return false;
    const cancelled = yield* run(
      `UPDATE ${t.touches} SET status = 'cancelled', reason = :reason, lease_until = NULL, ready_at = NULL, updated_at = :now
       WHERE enrollment_id = :id AND status IN ('pending', 'claimed')`,
      { id, reason, now },
    );
    yield* this.auditRow({
      kind: status === 'completed' ? 'enrollment_completed' : 'enrollment_exited',
      phone,
      enrollmentId: id,
      data: { reason, cancelledTouches: cancelled },
      now,
    });
    return true;
  }

  private *auditRow(a: { kind: string; phone?: string | null; enrollmentId?: string | null; touchId?: string | null; data: unknown; now: number }): Work<void> {
    yield* run(
      `INSERT INTO ${this.d.t.audit_log} (at, kind, phone, enrollment_id, touch_id, data) VALUES (:now, :kind, :phone, :enrollmentId, :touchId, :data)`,
      {
        now: a.now,
        kind: a.kind,
        phone: a.phone ?? null,
        enrollmentId: a.enrollmentId ?? null,
        touchId: a.touchId ?? null,
        data: toJson(a.data),
      },
    );
  }
}
