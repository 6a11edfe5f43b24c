/** Numbered SQLite migrations; never edit an applied one, append a new version instead. */
import { CONVERSATION_ONLY_INDEX_PREDICATE } from '../conversationOnlySql';

export interface SqliteMigration {
  version: number;
  name: string;
  sql: string;
}

export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
CREATE TABLE contacts (
  phone TEXT PRIMARY KEY,
  name TEXT, email TEXT,
  consent_level TEXT, consent_source TEXT, consent_at INTEGER,
  sms_opt_out_at INTEGER, sms_opt_out_source TEXT, sms_opt_out_text TEXT,
  email_opt_out_at INTEGER, email_opt_out_source TEXT, email_opt_out_text TEXT,
  paused INTEGER NOT NULL DEFAULT 0, paused_until INTEGER, pause_reason TEXT, paused_at INTEGER,
  last_reply_at INTEGER, last_reply_text TEXT, last_reply_class TEXT, last_reply_channel TEXT,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE templates (
  template_id TEXT PRIMARY KEY,
  paused INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE enrollments (
  id TEXT PRIMARY KEY,
  template_id TEXT NOT NULL, template_hash TEXT NOT NULL, template TEXT NOT NULL,
  phone TEXT NOT NULL REFERENCES contacts(phone),
  call_id TEXT NOT NULL, call_event TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active','completed','exited')),
  end_reason TEXT,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, ended_at INTEGER,
  UNIQUE (template_id, call_id)
) STRICT;
CREATE UNIQUE INDEX enrollments_one_active ON enrollments(template_id, phone) WHERE status = 'active';
CREATE INDEX enrollments_phone ON enrollments(phone, created_at);

CREATE TABLE touches (
  id TEXT PRIMARY KEY,
  enrollment_id TEXT NOT NULL REFERENCES enrollments(id),
  step_id TEXT NOT NULL, channel TEXT,
  due_at INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending','claimed','sending','sent','failed','blocked','skipped','manual','cancelled')),
  reason TEXT,
  ready_at INTEGER, -- when it can next be claimed: due_at (pending) or lease end (claimed)
  claims INTEGER NOT NULL DEFAULT 0, claimed_by TEXT, lease_until INTEGER,
  idempotency_key TEXT, send_started_at INTEGER, sent_at INTEGER, completed_at INTEGER,
  provider TEXT, provider_message_id TEXT, detail TEXT,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  UNIQUE (enrollment_id, step_id)
) STRICT;
CREATE INDEX touches_ready ON touches(ready_at) WHERE status IN ('pending','claimed');
CREATE INDEX touches_sent ON touches(sent_at) WHERE sent_at IS NOT NULL;

CREATE TABLE dedupe_keys (
  key TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE call_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  call_id TEXT NOT NULL, provider TEXT NOT NULL, class TEXT NOT NULL, final INTEGER NOT NULL,
  payload TEXT NOT NULL, received_at INTEGER NOT NULL
) STRICT;
CREATE INDEX call_events_call ON call_events(call_id, seq);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL, kind TEXT NOT NULL,
  phone TEXT, enrollment_id TEXT, touch_id TEXT,
  data TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_phone ON audit_log(phone, id);
CREATE INDEX audit_log_enrollment ON audit_log(enrollment_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
`,
  },
  {
    version: 2,
    name: 'pending_calls',
    sql: `
CREATE TABLE pending_calls (
  call_key TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  settle_at INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending','claimed','resolved')),
  outcome TEXT,
  ready_at INTEGER, -- when it can next be claimed: settle_at (pending) or lease end (claimed)
  claims INTEGER NOT NULL DEFAULT 0, claimed_by TEXT, lease_until INTEGER,
  enroll_spec TEXT NOT NULL,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, resolved_at INTEGER
) STRICT;
CREATE INDEX pending_calls_ready ON pending_calls(ready_at) WHERE status IN ('pending','claimed');
`,
  },
  {
    version: 3,
    name: 'settle_stranded_touches',
    // ready_at on a failed touch marks "the sequence has not moved on yet" (settleStrandedTouches)
    sql: `
CREATE INDEX touches_sending ON touches(send_started_at) WHERE status = 'sending';
CREATE INDEX touches_failed_unsettled ON touches(ready_at) WHERE status = 'failed';
UPDATE touches SET ready_at = COALESCE(completed_at, updated_at)
  WHERE status = 'failed' AND enrollment_id IN (SELECT id FROM enrollments WHERE status = 'active');
`,
  },
  {
    version: 4,
    name: 'repair_stranded_enrollments',
    // repairStrandedEnrollments walks active enrollments oldest-updated first on every Scheduler poll
    sql: `
CREATE INDEX enrollments_active_updated ON enrollments(updated_at, id) WHERE status = 'active';
`,
  },
  {
    version: 5,
    name: 'retention',
    // Ledger.prune: each kind is read oldest first past a cutoff; audit rows may be deleted only while
    // the prune transaction holds the gate open (it closes it again before committing)
    sql: `
CREATE INDEX dedupe_keys_retry_created ON dedupe_keys(created_at) WHERE key LIKE 'call:%' OR key LIKE 'inbound:%';
CREATE INDEX call_events_received ON call_events(received_at);
CREATE INDEX pending_calls_resolved ON pending_calls(resolved_at) WHERE status = 'resolved';
CREATE INDEX enrollments_ended ON enrollments(ended_at, id) WHERE status IN ('completed', 'exited');
CREATE INDEX audit_log_at ON audit_log(at, id);
CREATE TABLE audit_prune_gate (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  before_at INTEGER -- NULL: closed; else rows with at < before_at may be deleted
) STRICT;
INSERT INTO audit_prune_gate (id, before_at) VALUES (1, NULL);
DROP TRIGGER audit_log_no_delete;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only')
  WHERE (OLD.at < (SELECT before_at FROM audit_prune_gate WHERE id = 1)) IS NOT TRUE;
END;
`,
  },
  {
    version: 6,
    name: 'retry_leases',
    // claimPendingRecords: pending audit entries are read by kind in a time window, and each is checked
    // against the later entries of its update key (data.key), whatever else the audit log holds; a
    // retry run leases an update key in retry_leases (the audit log itself stays append-only)
    sql: `
CREATE INDEX audit_log_kind_at ON audit_log(kind, at, id);
CREATE INDEX audit_log_data_key ON audit_log(json_extract(data, '$.key'), id) WHERE json_extract(data, '$.key') IS NOT NULL;
CREATE TABLE retry_leases (
  key TEXT PRIMARY KEY, -- data.key of the pending audit entries
  audit_id INTEGER NOT NULL, -- the pending entry claimed (its key's latest when claimed)
  claimed_by TEXT NOT NULL,
  lease_until INTEGER NOT NULL, -- held while later than now; a release sets it to the release instant
  claims INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX retry_leases_until ON retry_leases(lease_until);
`,
  },
  {
    version: 7,
    name: 'carrier_line_type',
    // recordCarrierLineType: the contact's carrier line type, when and where it was learned (read by phone only)
    sql: `
ALTER TABLE contacts ADD COLUMN carrier_line_type TEXT;
ALTER TABLE contacts ADD COLUMN carrier_line_type_at INTEGER;
ALTER TABLE contacts ADD COLUMN carrier_line_type_source TEXT;
`,
  },
  {
    version: 8,
    name: 'last_conversation',
    // recordConversation: when the contact last spoke with a person on a call (the newest kept; read by phone only)
    sql: `
ALTER TABLE contacts ADD COLUMN last_conversation_at INTEGER;
`,
  },
  {
    version: 9,
    name: 'conversation_only_contacts',
    // Ledger.prune (conversationContacts) reads contacts holding nothing but a conversation, oldest first:
    // a partial index of just those rows (its predicate frozen with this migration, see conversationOnlySql)
    sql: `
CREATE INDEX contacts_conversation_only ON contacts(last_conversation_at, phone) WHERE ${CONVERSATION_ONLY_INDEX_PREDICATE};
`,
  },
  {
    version: 10,
    name: 'contact_language',
    // setContactLanguage: the language the contact prefers their texts in (en, es, fr; NULL: the
    // department's or the template's), read with the contact's row (by phone only, no index). A
    // nullable column without a default: SQLite only rewrites the table's schema text, no row is touched
    sql: `
ALTER TABLE contacts ADD COLUMN language TEXT;
`,
  },
  {
    version: 11,
    name: 'touch_delivery',
    // recordDelivery: where a sent message stands by the provider's status callbacks (its state, error
    // code and when it was received; NULL: no callback), found by the touch's provider and message id
    // through a partial index of the touches that have one. Nullable columns without a default, like
    // migration 10; the index is built over the rows already there
    sql: `
ALTER TABLE touches ADD COLUMN delivery_status TEXT;
ALTER TABLE touches ADD COLUMN delivery_error INTEGER;
ALTER TABLE touches ADD COLUMN delivery_at INTEGER;
CREATE INDEX touches_provider_message ON touches(provider, provider_message_id) WHERE provider_message_id IS NOT NULL;
`,
  },
  {
    version: 12,
    name: 'email_suppressions',
    // recordEmailSuppression: addresses no email may go to any more (a hard bounce, a permanent SMTP
    // refusal, by hand), one row per address in lower case, read by that key only (the sender's check
    // before an email touch). A new table: nothing existing is read or rewritten. Never pruned, like
    // opt-outs; no foreign keys (the touch may be pruned, the phone need not be a contact)
    sql: `
CREATE TABLE email_suppressions (
  email TEXT PRIMARY KEY,
  phone TEXT,
  source TEXT NOT NULL,
  code TEXT,
  touch_id TEXT,
  suppressed_at INTEGER NOT NULL
) STRICT;
`,
  },
];

export const SQLITE_LATEST = SQLITE_MIGRATIONS[SQLITE_MIGRATIONS.length - 1]!.version;
