/**
 * The Postgres ledger behind a real PgBouncer 1.18 in transaction pooling mode (as behind many hosted
 * "pooled" connection strings): it hands each transaction to any server connection, so a named prepared
 * statement is missing there (26000) or exists already under the same name (42P05). The ledger, with
 * the credential's Prepared Statements switch left on, must switch to unnamed statements by itself.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../nodes/ledger';
import { PGBOUNCER_BIN, startPgBouncer, type PgBouncer } from '../../support/pgbouncer';
import { dropRunSchemas, pgAvailable, pgQuery, PG_URL, RUN_PREFIX } from './pgStore';

const available = await pgAvailable();
const required = process.env.LEDGER_PG_REQUIRED === '1';
const probe = async (url: string) => {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
  } finally {
    await c.end().catch(() => undefined);
  }
};

describe.skipIf(!available || PGBOUNCER_BIN === null)('Postgres ledger behind PgBouncer in transaction mode', () => {
  let bouncer: PgBouncer;
  const opened: { ledger: Ledger; schema: string }[] = [];
  let n = 0;

  beforeAll(async () => {
    bouncer = await startPgBouncer(PG_URL, { poolSize: 2, probe });
  });
  afterAll(async () => {
    for (const o of opened.splice(0)) {
      await o.ledger.close();
      await pgQuery(`DROP SCHEMA IF EXISTS "${o.schema}" CASCADE`);
    }
    await bouncer?.stop();
    await dropRunSchemas();
  });

  /** a ledger migrated and used through the bouncer, Prepared Statements left at the default (on) */
  async function open(): Promise<{ ledger: Ledger; schema: string }> {
    const schema = `${RUN_PREFIX}_pooler_${++n}`;
    const ledger = await openLedger({ kind: 'postgres', schema, connection: { connectionString: bouncer.url, max: 6 } });
    const o = { ledger, schema };
    opened.push(o);
    return o;
  }

  it('loses a named statement between two clients (the failure the ledger recovers from)', async () => {
    const a = new pg.Client({ connectionString: bouncer.url });
    const b = new pg.Client({ connectionString: bouncer.url });
    await a.connect();
    await b.connect();
    try {
      const q = { name: 'mcl_pooler_probe', text: 'SELECT $1::int AS n', values: [1] };
      // each client prepares the name once, on whichever server connection the bouncer hands it;
      // sequential calls through a pool of 2 reuse the same server connection, so the second collides
      await a.query(q);
      const second = await b.query(q).then(
        () => 'ok',
        (e: { code?: string }) => e.code,
      );
      const third = await a.query(q).then(
        () => 'ok',
        (e: { code?: string }) => e.code,
      );
      expect([second, third].some((r) => r === '42P05' || r === '26000')).toBe(true);
    } finally {
      await a.end();
      await b.end();
    }
  });

  it('keeps every write and read working from many concurrent callers, each record stored once', async () => {
    const { ledger, schema } = await open();
    const workers = 8;
    const perWorker = 25;
    const failures: string[] = [];
    await Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        for (let i = 0; i < perWorker; i++) {
          const callId = `CA-pool-${w}-${i}`;
          try {
            await ledger.appendCallEvent({ callId, provider: 'twilio', class: 'true_missed', final: true, payload: { w, i }, now: 1_000 + i });
            const events = await ledger.callEvents(callId);
            if (events.length !== 1) failures.push(`${callId}: ${events.length} events`);
          } catch (e) {
            failures.push(`${callId}: ${(e as { code?: string }).code ?? (e as Error).message}`);
          }
        }
      }),
    );
    expect(failures).toEqual([]);
    const rows = (await pgQuery(`SELECT call_id, COUNT(*)::int AS n FROM "${schema}".call_events GROUP BY call_id`)).rows;
    expect(rows).toHaveLength(workers * perWorker);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });

  it('keeps claims exactly-once: concurrent claims of one key through the bouncer, one winner', async () => {
    const { ledger } = await open();
    for (let k = 0; k < 10; k++) {
      const wins = await Promise.all(Array.from({ length: 6 }, () => ledger.claimOnce(`call:twilio:CA-claim-${k}`, 5_000)));
      expect(wins.filter(Boolean)).toHaveLength(1);
    }
    await ledger.upsertContact({ phone: '+13055550101', name: 'Dana', now: 6_000 });
    expect((await ledger.contact('+13055550101'))?.name).toBe('Dana');
  });
});

describe.runIf(required && (!available || PGBOUNCER_BIN === null))('Postgres ledger behind PgBouncer', () => {
  it('needs PostgreSQL and pgbouncer (apt-get install pgbouncer; npm test installs it as root)', () => {
    expect({ postgres: available, pgbouncer: PGBOUNCER_BIN }).toEqual({ postgres: true, pgbouncer: expect.any(String) });
  });
});
