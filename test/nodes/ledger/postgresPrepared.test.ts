/**
 * The Postgres ledger's named prepared statements against a real server: a schema change that alters a
 * prepared statement's result type makes Postgres refuse it (0A000 "cached plan must not change result
 * type"); the driver discards the connection and retries the transaction on a fresh one.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../nodes/ledger';
import { dropRunSchemas, pgAvailable, pgQuery, PG_URL, RUN_PREFIX } from './pgStore';

const available = await pgAvailable();
const required = process.env.LEDGER_PG_REQUIRED === '1';
const PHONE = '+13055550101';

let n = 0;
const opened: { ledger: Ledger; schema: string }[] = [];

/** A migrated ledger on a schema of its own; its connections carry an application_name of their own. */
async function open(preparedStatements?: boolean) {
  const schema = `${RUN_PREFIX}_prep_${++n}`;
  const app = `mcl_prep_${process.pid}_${n}`;
  const ledger = await openLedger({
    kind: 'postgres',
    schema,
    connection: { connectionString: PG_URL, max: 10, application_name: app },
    ...(preparedStatements === undefined ? {} : { preparedStatements }),
  });
  opened.push({ ledger, schema });
  /** server pids of the ledger's open connections */
  const backends = async (): Promise<number[]> =>
    (await pgQuery('SELECT pid FROM pg_stat_activity WHERE application_name = $1 ORDER BY pid', [app])).rows.map((r) => Number(r.pid));
  /** waits until none of `pids` is connected (a discarded client's backend exits shortly after) */
  const gone = async (pids: number[]): Promise<boolean> => {
    for (let i = 0; i < 50; i++) {
      if (!(await backends()).some((p) => pids.includes(p))) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  };
  const alter = (sql: string) => pgQuery(sql.replaceAll('$s', `"${schema}"`));
  return { ledger, schema, backends, gone, alter };
}

describe.skipIf(!available)('Postgres ledger: prepared statements', () => {
  afterEach(async () => {
    for (const o of opened.splice(0)) {
      await o.ledger.close();
      await pgQuery(`DROP SCHEMA IF EXISTS "${o.schema}" CASCADE`);
    }
  });
  afterAll(dropRunSchemas);

  it('Postgres refuses a prepared SELECT * once its table gained a column (the failure the driver recovers from)', async () => {
    const { schema, alter } = await open();
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    try {
      const q = { name: 'mcl_probe', text: `SELECT * FROM "${schema}".contacts WHERE phone = $1`, values: [PHONE] };
      await c.query(q);
      await alter('ALTER TABLE $s.contacts ADD COLUMN probe_note TEXT');
      await expect(c.query(q)).rejects.toMatchObject({ code: '0A000', message: 'cached plan must not change result type' });
    } finally {
      await c.end();
    }
  });

  it('retries a read whose prepared statement a schema change broke (0A000) on a fresh connection', async () => {
    const { ledger, backends, gone, alter } = await open();
    await ledger.upsertContact({ phone: PHONE, name: 'Dana', now: 1 });
    expect((await ledger.contact(PHONE))?.name).toBe('Dana'); // SELECT * FROM contacts …, prepared
    const before = await backends();
    expect(before).toHaveLength(1);
    await alter('ALTER TABLE $s.contacts ADD COLUMN extra_note TEXT');
    expect((await ledger.contact(PHONE))?.name).toBe('Dana');
    // the connection that held the broken statement was discarded, a new one answered
    expect(await gone(before)).toBe(true);
    expect(await backends()).toHaveLength(1);
    // and the fresh connection keeps working, prepared anew
    expect((await ledger.contact(PHONE))?.name).toBe('Dana');
  });

  it('retries a write transaction (BEGIN … ROLLBACK) the same way, applying it once', async () => {
    const { ledger, backends, gone, alter } = await open();
    await ledger.recordConsent(PHONE, 'informational', 'call', 1); // INSERT … RETURNING * on contacts, prepared
    const before = await backends();
    await alter('ALTER TABLE $s.contacts ADD COLUMN extra_note TEXT');
    await ledger.recordConsent(PHONE, 'marketing', 'form', 2);
    expect(await gone(before)).toBe(true);
    expect((await ledger.contact(PHONE))?.consent).toMatchObject({ level: 'marketing', source: 'form' });
    const entries = await ledger.auditTrail({ phone: PHONE, kinds: ['consent_recorded'] });
    expect(entries.map((e) => e.data)).toEqual([
      { level: 'informational', source: 'call' },
      { level: 'marketing', source: 'form' },
    ]);
  });

  it('discards every connection prepared before the schema change, more of them than it has attempts', async () => {
    const { ledger, backends, gone, alter } = await open();
    await ledger.upsertContact({ phone: PHONE, name: 'Dana', now: 1 });
    // concurrent reads: each on a connection of its own, each preparing the contact read
    await Promise.all(Array.from({ length: 8 }, () => ledger.contact(PHONE)));
    const before = await backends();
    expect(before.length).toBeGreaterThanOrEqual(5); // more stale connections than MAX_ATTEMPTS (4)
    await alter('ALTER TABLE $s.contacts ADD COLUMN extra_note TEXT');
    for (let i = 0; i < 3; i++) expect((await ledger.contact(PHONE))?.name).toBe('Dana');
    expect(await gone(before)).toBe(true);
  });

  it('with preparedStatements: false runs unnamed: the same schema change breaks nothing and keeps the connection', async () => {
    const { ledger, backends, alter } = await open(false);
    await ledger.upsertContact({ phone: PHONE, name: 'Dana', now: 1 });
    expect((await ledger.contact(PHONE))?.name).toBe('Dana');
    const before = await backends();
    await alter('ALTER TABLE $s.contacts ADD COLUMN extra_note TEXT');
    expect((await ledger.contact(PHONE))?.name).toBe('Dana');
    expect(await backends()).toEqual(before);
  });
});

if (!available && required) {
  describe('Postgres ledger: prepared statements', () => {
    it(`needs a database at ${PG_URL}`, () => {
      throw new Error(`LEDGER_PG_REQUIRED=1 but ${PG_URL} does not answer`);
    });
  });
}
