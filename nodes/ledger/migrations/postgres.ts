/** Numbered Postgres migrations, written for one schema; never edit an applied one. */
import { CONVERSATION_ONLY_INDEX_PREDICATE } from '../conversationOnlySql';

export interface PostgresMigration {
  version: number;
  name: string;
  /** SQL for schema `s` (already validated and quoted) */
  sql: (s: string) => string;
}

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'initial',
    sql: (s) => `
CREATE TABLE ${s}.contacts (
  phone TEXT PRIMARY KEY,
  name TEXT, email TEXT,
  consent_level TEXT, consent_source TEXT, consent_at BIGINT,
  sms_opt_out_at BIGINT, sms_opt_out_source TEXT, sms_opt_out_text TEXT,
  email_opt_out_at BIGINT, email_opt_out_source TEXT, email_opt_out_text TEXT,
  paused BOOLEAN NOT NULL DEFAULT false, paused_until BIGINT, pause_reason TEXT, paused_at BIGINT,
  last_reply_at BIGINT, last_reply_text TEXT, last_reply_class TEXT, last_reply_channel TEXT,
  created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL
);

CREATE TABLE ${s}.templates (
  template_id TEXT PRIMARY KEY,
  paused BOOLEAN NOT NULL DEFAULT false,
  updated_at BIGINT NOT NULL
);

CREATE TABLE ${s}.enrollments (
  id TEXT PRIMARY KEY,
  template_id TEXT NOT NULL, template_hash TEXT NOT NULL, template JSONB NOT NULL,
  phone TEXT NOT NULL REFERENCES ${s}.contacts(phone),
  call_id TEXT NOT NULL, call_event JSONB NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active','completed','exited')),
  end_reason TEXT,
  created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, ended_at BIGINT,
  UNIQUE (template_id, call_id)
);
CREATE UNIQUE INDEX enrollments_one_active ON ${s}.enrollments(template_id, phone) WHERE status = 'active';
CREATE INDEX enrollments_phone ON ${s}.enrollments(phone, created_at);

CREATE TABLE ${s}.touches (
  id TEXT PRIMARY KEY,
  enrollment_id TEXT NOT NULL REFERENCES ${s}.enrollments(id),
  step_id TEXT NOT NULL, channel TEXT,
  due_at BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending','claimed','sending','sent','failed','blocked','skipped','manual','cancelled')),
  reason TEXT,
  ready_at BIGINT, -- when it can next be claimed: due_at (pending) or lease end (claimed)
  claims INTEGER NOT NULL DEFAULT 0, claimed_by TEXT, lease_until BIGINT,
  idempotency_key TEXT, send_started_at BIGINT, sent_at BIGINT, completed_at BIGINT,
  provider TEXT, provider_message_id TEXT, detail JSONB,
  created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
  UNIQUE (enrollment_id, step_id)
);
CREATE INDEX touches_ready ON ${s}.touches(ready_at) WHERE status IN ('pending','claimed');
CREATE INDEX touches_sent ON ${s}.touches(sent_at) WHERE sent_at IS NOT NULL;

CREATE TABLE ${s}.dedupe_keys (
  key TEXT PRIMARY KEY,
  created_at BIGINT NOT NULL
);

CREATE TABLE ${s}.call_events (
  seq BIGSERIAL PRIMARY KEY,
  call_id TEXT NOT NULL, provider TEXT NOT NULL, class TEXT NOT NULL, final BOOLEAN NOT NULL,
  payload JSONB NOT NULL, received_at BIGINT NOT NULL
);
CREATE INDEX call_events_call ON ${s}.call_events(call_id, seq);

CREATE TABLE ${s}.audit_log (
  id BIGSERIAL PRIMARY KEY,
  at BIGINT NOT NULL, kind TEXT NOT NULL,
  phone TEXT, enrollment_id TEXT, touch_id TEXT,
  data JSONB NOT NULL
);
CREATE INDEX audit_log_phone ON ${s}.audit_log(phone, id);
CREATE INDEX audit_log_enrollment ON ${s}.audit_log(enrollment_id, id);
CREATE FUNCTION ${s}.audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON ${s}.audit_log
  FOR EACH ROW EXECUTE FUNCTION ${s}.audit_log_append_only();
`,
  },
  {
    version: 2,
    name: 'pending_calls',
    sql: (s) => `
CREATE TABLE ${s}.pending_calls (
  call_key TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  settle_at BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending','claimed','resolved')),
  outcome TEXT,
  ready_at BIGINT, -- when it can next be claimed: settle_at (pending) or lease end (claimed)
  claims INTEGER NOT NULL DEFAULT 0, claimed_by TEXT, lease_until BIGINT,
  enroll_spec JSONB NOT NULL,
  created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, resolved_at BIGINT
);
CREATE INDEX pending_calls_ready ON ${s}.pending_calls(ready_at) WHERE status IN ('pending','claimed');
`,
  },
  {
    version: 3,
    name: 'settle_stranded_touches',
    // ready_at on a failed touch marks "the sequence has not moved on yet" (settleStrandedTouches)
    sql: (s) => `
CREATE INDEX touches_sending ON ${s}.touches(send_started_at) WHERE status = 'sending';
CREATE INDEX touches_failed_unsettled ON ${s}.touches(ready_at) WHERE status = 'failed';
UPDATE ${s}.touches SET ready_at = COALESCE(completed_at, updated_at)
  WHERE status = 'failed' AND enrollment_id IN (SELECT id FROM ${s}.enrollments WHERE status = 'active');
`,
  },
  {
    version: 4,
    name: 'repair_stranded_enrollments',
    // repairStrandedEnrollments walks active enrollments oldest-updated first on every Scheduler poll
    sql: (s) => `
CREATE INDEX enrollments_active_updated ON ${s}.enrollments(updated_at, id) WHERE status = 'active';
`,
  },
  {
    version: 5,
    name: 'retention',
    // Ledger.prune: each kind is read oldest first past a cutoff; audit rows may be deleted only by a
    // transaction that set missed_call.audit_prune_before (transaction-local), and only rows before it
    sql: (s) => `
CREATE INDEX dedupe_keys_retry_created ON ${s}.dedupe_keys(created_at) WHERE key LIKE 'call:%' OR key LIKE 'inbound:%';
CREATE INDEX call_events_received ON ${s}.call_events(received_at);
CREATE INDEX pending_calls_resolved ON ${s}.pending_calls(resolved_at) WHERE status = 'resolved';
CREATE INDEX enrollments_ended ON ${s}.enrollments(ended_at, id) WHERE status IN ('completed', 'exited');
CREATE INDEX audit_log_at ON ${s}.audit_log(at, id);
CREATE OR REPLACE FUNCTION ${s}.audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND OLD.at < NULLIF(current_setting('missed_call.audit_prune_before', true), '')::bigint THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
`,
  },
  {
    version: 6,
    name: 'retry_leases',
    // claimPendingRecords: pending audit entries are read by kind in a time window, and each is checked
    // against the later entries of its update key (data.key), whatever else the audit log holds; a
    // retry run leases an update key in retry_leases (the audit log itself stays append-only)
    sql: (s) => `
CREATE INDEX audit_log_kind_at ON ${s}.audit_log(kind, at, id);
CREATE INDEX audit_log_data_key ON ${s}.audit_log((data ->> 'key'), id) WHERE (data ->> 'key') IS NOT NULL;
CREATE TABLE ${s}.retry_leases (
  key TEXT PRIMARY KEY, -- data.key of the pending audit entries
  audit_id BIGINT NOT NULL, -- the pending entry claimed (its key's latest when claimed)
  claimed_by TEXT NOT NULL,
  lease_until BIGINT NOT NULL, -- held while later than now; a release sets it to the release instant
  claims INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL
);
CREATE INDEX retry_leases_until ON ${s}.retry_leases(lease_until);
`,
  },
  {
    version: 7,
    name: 'carrier_line_type',
    // recordCarrierLineType: the contact's carrier line type, when and where it was learned (read by phone
    // only, no index). Nullable columns without a default are a catalog change, no table rewrite: the
    // upgrade holds the contacts table only that long (after the transactions already using it), whatever its size
    sql: (s) => `
ALTER TABLE ${s}.contacts
  ADD COLUMN carrier_line_type TEXT,
  ADD COLUMN carrier_line_type_at BIGINT,
  ADD COLUMN carrier_line_type_source TEXT;
`,
  },
  {
    version: 8,
    name: 'last_conversation',
    // recordConversation: when the contact last spoke with a person on a call (the newest kept; read by
    // phone only). Nullable without a default, like migration 7: a catalog change, no table rewrite
    sql: (s) => `
ALTER TABLE ${s}.contacts ADD COLUMN last_conversation_at BIGINT;
`,
  },
  {
    version: 9,
    name: 'conversation_only_contacts',
    // Ledger.prune (conversationContacts) reads contacts holding nothing but a conversation, oldest first:
    // a partial index of just those rows (its predicate frozen with this migration, see conversationOnlySql).
    // Built in the migration's transaction (not CONCURRENTLY): one read of contacts, during which writes
    // to contacts wait; the index itself stays small
    sql: (s) => `
CREATE INDEX contacts_conversation_only ON ${s}.contacts(last_conversation_at, phone) WHERE ${CONVERSATION_ONLY_INDEX_PREDICATE};
`,
  },
  {
    version: 10,
    name: 'contact_language',
    // setContactLanguage: the language the contact prefers their texts in (en, es, fr; NULL: the
    // department's or the template's), read with the contact's row (by phone only, no index). Nullable
    // without a default and without a CHECK (the ledger validates it), like migration 7: a catalog
    // change, no table rewrite and no scan of contacts, whatever its size
    sql: (s) => `
ALTER TABLE ${s}.contacts ADD COLUMN language TEXT;
`,
  },
  {
    version: 11,
    name: 'touch_delivery',
    // recordDelivery: where a sent message stands by the provider's status callbacks (its state, error
    // code and when it was received; NULL: no callback), found by the touch's provider and message id
    // through a partial index of the touches that have one. The columns are nullable without a default,
    // like migration 7 (a catalog change, no table rewrite); the index is built in the migration's
    // transaction (not CONCURRENTLY), like migration 9: one read of touches, during which writes to touches wait
    sql: (s) => `
ALTER TABLE ${s}.touches
  ADD COLUMN delivery_status TEXT,
  ADD COLUMN delivery_error INTEGER,
  ADD COLUMN delivery_at BIGINT;
CREATE INDEX touches_provider_message ON ${s}.touches(provider, provider_message_id) WHERE provider_message_id IS NOT NULL;
`,
  },
  {
    version: 12,
    name: 'email_suppressions',
    // recordEmailSuppression: addresses no email may go to any more (a hard bounce, a permanent SMTP
    // refusal, by hand), one row per address in lower case, read by that key only (the sender's check
    // before an email touch). A new table: no existing table is locked, read or rewritten, so quick at any
    // size. Never pruned, like opt-outs; no foreign keys (the touch may be pruned, the phone need not be a contact)
    sql: (s) => `
CREATE TABLE ${s}.email_suppressions (
  email TEXT PRIMARY KEY,
  phone TEXT,
  source TEXT NOT NULL,
  code TEXT,
  touch_id TEXT,
  suppressed_at BIGINT NOT NULL
);
`,
  },
];

export const POSTGRES_LATEST = POSTGRES_MIGRATIONS[POSTGRES_MIGRATIONS.length - 1]!.version;
