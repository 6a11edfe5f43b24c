import pg from 'pg';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createLedger, isLedgerError, type Ledger } from '../../../nodes/ledger';
import { CONTACT_BARE_COLUMNS, CONTACT_CONTENT_COLUMNS } from '../../../nodes/ledger/conversationOnlySql';
import { describeLedgerContract } from './ledgerContract';
import { describePendingRecordsContract } from './pendingRecordsContract';
import { describeRetentionContract } from './retentionContract';
import { dropRunSchemas, pgAvailable, pgQuery, pgStore, PG_URL } from './pgStore';

const available = await pgAvailable();
const required = process.env.LEDGER_PG_REQUIRED === '1';

if (available) {
  describeLedgerContract('Postgres', async () => pgStore());
  describeRetentionContract('Postgres', async () => pgStore());
  describePendingRecordsContract('Postgres', async () => pgStore());

  describe('Postgres ledger', () => {
    const stores: ReturnType<typeof pgStore>[] = [];
    const ledgers: Ledger[] = [];
    const open = async () => {
      const s = pgStore();
      stores.push(s);
      const l = await s.connect();
      ledgers.push(l);
      return { s, l };
    };
    afterEach(async () => {
      for (const l of ledgers.splice(0)) await l.close();
      for (const s of stores.splice(0)) await s.destroy();
    });
    afterAll(dropRunSchemas);

    it.each(['Public', 'a-b', 'x"; DROP TABLE y; --', '1abc', ''])('refuses the schema name %j', (schema) => {
      let error: unknown;
      try {
        createLedger({ kind: 'postgres', connection: PG_URL, schema });
      } catch (e) {
        error = e;
      }
      expect(isLedgerError(error, 'invalid_argument')).toBe(true);
    });

    it('keeps its tables in its own schema, so two schemas do not see each other', async () => {
      const a = await open();
      const b = await open();
      const { rows } = await pgQuery(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [a.s.schema]);
      expect(rows.map((r) => r.table_name)).toEqual([
        'audit_log',
        'call_events',
        'contacts',
        'dedupe_keys',
        'email_suppressions',
        'enrollments',
        'pending_calls',
        'retry_leases',
        'schema_migrations',
        'templates',
        'touches',
      ]);
      expect(await a.l.claimOnce('k', 1)).toBe(true);
      expect(await b.l.claimOnce('k', 1)).toBe(true);
    });

    it('keeps the audit log append-only', async () => {
      const { s, l } = await open();
      await l.audit({ kind: 'note', data: { a: 1 }, now: 1 });
      await expect(pgQuery(`UPDATE "${s.schema}".audit_log SET kind = 'forged'`)).rejects.toThrow(/append-only/);
      await expect(pgQuery(`DELETE FROM "${s.schema}".audit_log`)).rejects.toThrow(/append-only/);
    });

    it('keeps the audit log append-only outside a prune, also after one pruned old entries', async () => {
      const { s, l } = await open();
      await l.audit({ kind: 'old', data: {}, now: 1 });
      await l.audit({ kind: 'old', data: {}, now: 2 });
      expect((await l.prune({ now: 2 + 1826 * 86_400_000 })).counts.auditEntries).toBe(1);
      await expect(pgQuery(`DELETE FROM "${s.schema}".audit_log WHERE at < 10`)).rejects.toThrow(/append-only/);
      // a session that sets the gate itself outside a transaction still cannot delete a recent entry
      await expect(
        pgQuery(`SELECT set_config('missed_call.audit_prune_before', '5', false); DELETE FROM "${s.schema}".audit_log WHERE kind = 'records_pruned'`),
      ).rejects.toThrow(/append-only/);
      const { rows } = await pgQuery(`SELECT at FROM "${s.schema}".audit_log WHERE kind = 'old'`);
      expect(rows.map((r) => Number(r.at))).toEqual([2]);
    });

    it('names every contacts column either content or bare, so the conversation-only prune sees each one', async () => {
      const { s } = await open();
      const { rows } = await pgQuery(`SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'contacts'`, [s.schema]);
      expect(rows.map((r) => String(r.column_name)).sort()).toEqual([...CONTACT_CONTENT_COLUMNS, ...CONTACT_BARE_COLUMNS].sort());
    });

    it('adds the contact language (migration 10) to a schema left at version 9 without rewriting contacts', async () => {
      const s = pgStore();
      stores.push(s);
      await s.migrateUpTo(9);
      const old = s.connectUnmigrated();
      ledgers.push(old);
      for (let i = 0; i < 50; i++) await old.upsertContact({ phone: `+1305555${String(4000 + i)}`, name: `C${i}`, now: 1000 + i });
      // the table's storage file: a rewrite (a volatile default, a type change) gives it a new one
      const file = async () => (await pgQuery(`SELECT relfilenode FROM pg_class WHERE oid = $1::regclass`, [`"${s.schema}".contacts`])).rows[0]!.relfilenode as number;
      const before = await file();
      const l = await s.connect();
      ledgers.push(l);
      expect((await l.migrationStatus()).applied.map((a) => a.version)).toContain(10);
      expect(await file()).toBe(before);
      const { rows } = await pgQuery(
        `SELECT data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'contacts' AND column_name = 'language'`,
        [s.schema],
      );
      expect(rows).toEqual([{ data_type: 'text', is_nullable: 'YES', column_default: null }]);
      expect(await l.contact('+13055554049')).toMatchObject({ name: 'C49', language: null });
    });

    it('adds the touch delivery columns (migration 11) to a schema left at version 10 without rewriting touches; the lookup reads its index', async () => {
      const s = pgStore();
      stores.push(s);
      await s.migrateUpTo(10);
      const old = s.connectUnmigrated();
      ledgers.push(old);
      const now = Date.UTC(2031, 0, 6);
      for (let i = 0; i < 20; i++) {
        await old.enroll({
          templateId: 'tpl',
          templateHash: 'h',
          template: {},
          phone: `+1305555${String(5000 + i)}`,
          callId: `CA${i}`,
          callEvent: {},
          reentry: { policy: 'never' },
          firstSteps: [{ stepId: 's1', dueAt: now, channel: 'sms' }],
          now,
        });
      }
      const file = async () => (await pgQuery(`SELECT relfilenode FROM pg_class WHERE oid = $1::regclass`, [`"${s.schema}".touches`])).rows[0]!.relfilenode as number;
      const before = await file();
      const query = vi.spyOn(pg.Client.prototype, 'query');
      let sent: { text: string; values: unknown[] }[];
      try {
        const l = await s.connect();
        ledgers.push(l);
        const t = (await l.claimDueTouches({ now, limit: 1, worker: 'w', leaseMs: 60_000 }))[0]!;
        expect(await l.beginSend(t.id, 'k', now)).toBe('go');
        await l.completeTouch(t.id, { status: 'sent', provider: 'twilio', providerMessageId: 'SM1', now });
        expect((await l.recordDelivery({ provider: 'twilio', messageId: 'SM1', state: 'delivered', errorCode: null, now: now + 1 })).changed).toBe(true);
        sent = query.mock.calls.map(([q]) => q as unknown as { text?: string; values?: unknown[] }).flatMap((q) => (typeof q?.text === 'string' ? [{ text: q.text, values: q.values ?? [] }] : []));
      } finally {
        query.mockRestore();
      }
      expect(await file()).toBe(before);
      const { rows } = await pgQuery(
        `SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns
         WHERE table_schema = $1 AND table_name = 'touches' AND column_name LIKE 'delivery%' ORDER BY column_name`,
        [s.schema],
      );
      expect(rows).toEqual([
        { column_name: 'delivery_at', data_type: 'bigint', is_nullable: 'YES', column_default: null },
        { column_name: 'delivery_error', data_type: 'integer', is_nullable: 'YES', column_default: null },
        { column_name: 'delivery_status', data_type: 'text', is_nullable: 'YES', column_default: null },
      ]);
      const lookups = sent.filter((q) => q.text.includes('provider_message_id = $2'));
      expect(lookups).toHaveLength(1);
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      try {
        await c.query('SET enable_seqscan = off'); // a tiny table is read whole otherwise
        for (const mode of ['force_custom_plan', 'force_generic_plan']) {
          await c.query(`SET plan_cache_mode = ${mode}`);
          await c.query(`PREPARE delivery_probe AS ${lookups[0]!.text}`);
          const args = lookups[0]!.values.map((v) => `'${String(v)}'`).join(', ');
          const plan = (await c.query(`EXPLAIN EXECUTE delivery_probe(${args})`)).rows.map((r) => String(r['QUERY PLAN'])).join('\n');
          await c.query('DEALLOCATE delivery_probe');
          expect(plan, `${mode}: ${lookups[0]!.text}`).toMatch(/Index Scan using touches_provider_message on touches/);
        }
      } finally {
        await c.end();
      }
    });

    it.each([
      ['a fresh schema', null],
      ['a schema left at version 8', 8],
    ])('serves the conversation-only prune from its partial index (migration 9 on %s)', async (_, from) => {
      const s = pgStore();
      stores.push(s);
      if (from !== null) await s.migrateUpTo(from);
      // the statements the prune itself sends (the count of a dry run, a batch), with their values
      const query = vi.spyOn(pg.Client.prototype, 'query');
      let sent: { text: string; values: unknown[] }[];
      try {
        const l = await s.connect();
        ledgers.push(l);
        const now = Date.UTC(2031, 0, 6);
        await l.recordConversation('+13055550101', { callId: 'CA1', provider: 'twilio', direction: 'inbound', at: now - 90 * 86_400_000, now: now - 90 * 86_400_000 });
        expect((await l.prune({ now, dryRun: true })).counts.conversationContacts).toBe(1);
        expect((await l.prune({ now })).counts.conversationContacts).toBe(1);
        sent = query.mock.calls.map(([q]) => q as unknown as { text?: string; values?: unknown[] }).flatMap((q) => (typeof q?.text === 'string' ? [{ text: q.text, values: q.values ?? [] }] : []));
      } finally {
        query.mockRestore();
      }
      const queries = sent.filter((q) => q.text.includes(`"${s.schema}".contacts t WHERE t.last_conversation_at < $1`));
      expect(queries).toHaveLength(2);
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      try {
        await c.query('SET enable_seqscan = off'); // a tiny table is read whole otherwise
        // a custom plan (the first runs of a prepared statement) and the generic one it may switch to
        for (const mode of ['force_custom_plan', 'force_generic_plan']) {
          await c.query(`SET plan_cache_mode = ${mode}`);
          for (const q of queries) {
            await c.query(`PREPARE prune_probe AS ${q.text}`);
            const plan = (await c.query(`EXPLAIN EXECUTE prune_probe(${q.values.map(Number).join(', ')})`)).rows.map((r) => String(r['QUERY PLAN'])).join('\n');
            await c.query('DEALLOCATE prune_probe');
            expect(plan, `${mode}: ${q.text}`).toMatch(/Index (Only )?Scan using contacts_conversation_only on contacts t/);
            expect(plan, `${mode}: ${q.text}`).not.toMatch(/Sort/); // the batch's ORDER BY comes from the index
          }
        }
      } finally {
        await c.end();
      }
    });

    it('refuses a schema migrated by a newer version of the package', async () => {
      const { s } = await open();
      await pgQuery(`INSERT INTO "${s.schema}".schema_migrations (version, name) VALUES (99, 'from the future')`);
      const l = s.connectUnmigrated();
      ledgers.push(l);
      const e = await l.migrate().then(() => null, (err: unknown) => err);
      expect(isLedgerError(e, 'schema_too_new')).toBe(true);
    });
  });
} else if (required) {
  describe('Postgres ledger', () => {
    it(`needs a database at ${PG_URL}`, () => {
      throw new Error(`LEDGER_PG_REQUIRED=1 but ${PG_URL} does not answer`);
    });
  });
} else {
  describe.skip(`Postgres ledger (no database at ${PG_URL}; set LEDGER_PG_URL)`, () => {
    it('is skipped', () => undefined);
  });
}
