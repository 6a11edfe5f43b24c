import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLedger, isLedgerError, openLedger, SQLITE_MIGRATIONS, type Ledger } from '../../../nodes/ledger';
import { CONTACT_BARE_COLUMNS, CONTACT_CONTENT_COLUMNS } from '../../../nodes/ledger/conversationOnlySql';
import { failWritesIn, type WriteFault } from './failWritesIn';
import { describeLedgerContract } from './ledgerContract';
import { describePendingRecordsContract } from './pendingRecordsContract';
import { describeRetentionContract } from './retentionContract';

function sqliteStore() {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-'));
  const path = join(dir, 'ledger.sqlite');
  return {
    dir,
    path,
    connect: () => openLedger({ kind: 'embedded', path }),
    connectUnmigrated: () => createLedger({ kind: 'embedded', path }),
    destroy: async () => rmSync(dir, { recursive: true, force: true }),
    failWrites: (f: WriteFault) => failWritesIn({ path }, f),
    migrateUpTo: async (version: number) => {
      // what migrate() of a package that knew up to `version` left behind
      mkdirSync(dir, { recursive: true });
      const raw = new DatabaseSync(path);
      try {
        raw.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
          version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)`);
        for (const m of SQLITE_MIGRATIONS.filter((x) => x.version <= version)) {
          raw.exec(m.sql);
          raw.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)').run(m.version, m.name);
        }
      } finally {
        raw.close();
      }
    },
  };
}

describeLedgerContract('embedded (SQLite)', async () => sqliteStore());
describeRetentionContract('embedded (SQLite)', async () => sqliteStore());
describePendingRecordsContract('embedded (SQLite)', async () => sqliteStore());

describe('embedded (SQLite) ledger', () => {
  const stores: ReturnType<typeof sqliteStore>[] = [];
  const ledgers: Ledger[] = [];
  const store = () => {
    const s = sqliteStore();
    stores.push(s);
    return s;
  };
  const open = async (path: string) => {
    const l = await openLedger({ kind: 'embedded', path });
    ledgers.push(l);
    return l;
  };
  afterEach(async () => {
    for (const l of ledgers.splice(0)) await l.close();
    for (const s of stores.splice(0)) await s.destroy();
  });

  it('refuses to open in queue mode and says to use the Postgres ledger credential', () => {
    const { path } = store();
    let error: unknown;
    try {
      createLedger({ kind: 'embedded', path, queueMode: true });
    } catch (e) {
      error = e;
    }
    expect(isLedgerError(error, 'queue_mode_requires_postgres')).toBe(true);
    expect((error as Error).message).toMatch(/Postgres ledger credential in queue mode/);
    expect((error as Error).message).toMatch(/not be shared/);
    expect(existsSync(path)).toBe(false);
  });

  it('uses WAL mode and keeps the audit log append-only', async () => {
    const { path } = store();
    const l = await open(path);
    await l.audit({ kind: 'note', data: { a: 1 }, now: 1 });
    const raw = new DatabaseSync(path);
    try {
      expect(raw.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
      expect(() => raw.exec(`UPDATE audit_log SET kind = 'forged'`)).toThrow(/append-only/);
      expect(() => raw.exec('DELETE FROM audit_log')).toThrow(/append-only/);
    } finally {
      raw.close();
    }
  });

  it('keeps the audit log append-only outside a prune, also after one pruned old entries', async () => {
    const { path } = store();
    const l = await open(path);
    await l.audit({ kind: 'old', data: {}, now: 1 });
    await l.audit({ kind: 'old', data: {}, now: 2 });
    expect((await l.prune({ now: 2 + 1826 * 86_400_000 })).counts.auditEntries).toBe(1);
    const raw = new DatabaseSync(path);
    try {
      expect(raw.prepare('SELECT id, before_at FROM audit_prune_gate').all()).toEqual([{ id: 1, before_at: null }]);
      expect(() => raw.exec('DELETE FROM audit_log WHERE at < 10')).toThrow(/append-only/);
      expect(raw.prepare('SELECT at FROM audit_log WHERE kind = ?').all('old')).toEqual([{ at: 2 }]);
    } finally {
      raw.close();
    }
  });

  it('names every contacts column either content or bare, so the conversation-only prune sees each one', async () => {
    const { path } = store();
    await open(path);
    const raw = new DatabaseSync(path);
    try {
      const cols = (raw.prepare('PRAGMA table_info(contacts)').all() as { name: string }[]).map((c) => c.name);
      expect([...cols].sort()).toEqual([...CONTACT_CONTENT_COLUMNS, ...CONTACT_BARE_COLUMNS].sort());
    } finally {
      raw.close();
    }
  });

  it.each([
    ['a fresh file', null],
    ['a file left at version 8', 8],
  ])('serves the conversation-only prune from its partial index (migration 9 on %s)', async (_, from) => {
    const s = store();
    if (from !== null) await s.migrateUpTo(from);
    // the statements the prune itself prepares (the count of a dry run, a batch)
    const prepare = vi.spyOn(DatabaseSync.prototype, 'prepare');
    let prepared: string[];
    try {
      const l = await open(s.path);
      const now = Date.UTC(2031, 0, 6);
      await l.recordConversation('+13055550101', { callId: 'CA1', provider: 'twilio', direction: 'inbound', at: now - 90 * 86_400_000, now: now - 90 * 86_400_000 });
      expect((await l.prune({ now, dryRun: true })).counts.conversationContacts).toBe(1);
      expect((await l.prune({ now })).counts.conversationContacts).toBe(1);
      prepared = prepare.mock.calls.map(([sql]) => sql);
    } finally {
      prepare.mockRestore();
    }
    const queries = prepared.filter((sql) => sql.includes('FROM contacts t WHERE t.last_conversation_at < :cutoff'));
    expect(queries).toHaveLength(2);
    const raw = new DatabaseSync(s.path);
    try {
      expect(raw.prepare(`SELECT version FROM schema_migrations WHERE version = 9`).get()).toEqual({ version: 9 });
      for (const sql of queries) {
        const plan = raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all().map((r) => String(r.detail));
        expect(plan, sql).toContainEqual(expect.stringMatching(/^SEARCH t USING (COVERING )?INDEX contacts_conversation_only \(last_conversation_at<\?\)$/));
        expect(plan.join('\n'), sql).not.toMatch(/TEMP B-TREE/); // the batch's ORDER BY comes from the index
      }
    } finally {
      raw.close();
    }
  });

  it.each([
    ['a fresh file', null],
    ['a file left at version 10', 10],
  ])('finds the touch of a delivery callback through its partial index (migration 11 on %s)', async (_, from) => {
    const s = store();
    if (from !== null) await s.migrateUpTo(from);
    const prepare = vi.spyOn(DatabaseSync.prototype, 'prepare');
    let prepared: string[];
    try {
      const l = await open(s.path);
      const now = Date.UTC(2031, 0, 6);
      const r = await l.enroll({
        templateId: 'tpl',
        templateHash: 'h',
        template: {},
        phone: '+13055550101',
        callId: 'CA1',
        callEvent: {},
        reentry: { policy: 'never' },
        firstSteps: [{ stepId: 's1', dueAt: now, channel: 'sms' }],
        now,
      });
      if (!r.created) throw new Error(r.reason);
      expect(await l.beginSend(r.touches[0]!.id, 'k', now)).toBe('go');
      await l.completeTouch(r.touches[0]!.id, { status: 'sent', provider: 'twilio', providerMessageId: 'SM1', now });
      expect((await l.recordDelivery({ provider: 'twilio', messageId: 'SM1', state: 'delivered', errorCode: null, now: now + 1 })).changed).toBe(true);
      prepared = prepare.mock.calls.map(([sql]) => sql);
    } finally {
      prepare.mockRestore();
    }
    const lookups = prepared.filter((sql) => sql.includes('provider_message_id = :messageId'));
    expect(lookups).toHaveLength(1);
    const raw = new DatabaseSync(s.path);
    try {
      expect(raw.prepare(`SELECT version FROM schema_migrations WHERE version = 11`).get()).toEqual({ version: 11 });
      const plan = raw.prepare(`EXPLAIN QUERY PLAN ${lookups[0]!}`).all().map((r) => String(r.detail));
      expect(plan).toContainEqual(expect.stringMatching(/^SEARCH touches USING INDEX touches_provider_message \(provider=\? AND provider_message_id=\?\)$/));
    } finally {
      raw.close();
    }
  });

  it('refuses a file migrated by a newer version of the package', async () => {
    const { path } = store();
    await (await open(path)).close();
    const raw = new DatabaseSync(path);
    raw.exec(`INSERT INTO schema_migrations (version, name) VALUES (99, 'from the future')`);
    raw.close();
    const l = createLedger({ kind: 'embedded', path });
    ledgers.push(l);
    const e = await l.migrate().then(() => null, (err: unknown) => err);
    expect(isLedgerError(e, 'schema_too_new')).toBe(true);
  });

  it('hands each touch to exactly one of three processes claiming from the same file', async () => {
    const { path } = store();
    const l = await open(path);
    const now = Date.UTC(2026, 0, 5, 15);
    for (let i = 0; i < 60; i++) {
      const phone = `+1305555${String(1000 + i)}`;
      await l.enroll({
        templateId: 'tpl',
        templateHash: 'h',
        template: {},
        phone,
        callId: `CA${i}`,
        callEvent: {},
        reentry: { policy: 'never' },
        firstSteps: [{ stepId: 's1', dueAt: now - 1, channel: 'sms' }, { stepId: 's2', dueAt: now, channel: 'sms' }],
        now: now - 10,
      });
    }
    const run = promisify(execFile);
    const script = join(import.meta.dirname, 'claimWorker.mts');
    const startAt = String(Date.now() + 1500);
    const outs = await Promise.all(
      ['p1', 'p2', 'p3'].map((w) => run(process.execPath, ['--import', 'tsx', script, path, w, startAt, String(now)], { cwd: process.cwd() })),
    );
    const results = outs.map((o) => JSON.parse(o.stdout) as { worker: string; claimed: string[]; sent: string[] });
    const claimed = results.flatMap((r) => r.claimed);
    const sent = results.flatMap((r) => r.sent);
    expect(claimed.length).toBe(120);
    expect(new Set(claimed).size).toBe(120);
    expect(sent.sort()).toEqual([...claimed].sort());
    const goes = (await l.auditTrail({ limit: 10_000 })).filter((a) => a.kind === 'begin_send' && (a.data as { result: string }).result === 'go');
    expect(goes).toHaveLength(120);
  }, 15_000);
});
