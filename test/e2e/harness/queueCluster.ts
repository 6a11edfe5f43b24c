/**
 * n8n in queue mode on one machine: main (UI, API, pollers; production webhooks disabled) + N
 * workers (`n8n worker --concurrency=C`) + M webhook processors (`n8n webhook`), sharing a fresh
 * PostgreSQL database and a Redis key prefix of their own, the package installed into each
 * process's own user folder (as on separate hosts: nothing on disk is shared).
 *
 * Redis and PostgreSQL are the machine's (127.0.0.1:6379, 127.0.0.1:5432 with trust auth by
 * default; E2E_REDIS_HOST/PORT/DB and E2E_PG_HOST/PORT/USER/PASSWORD override). Nothing is started
 * for them: when one does not answer within a few seconds, startQueueCluster fails with a message
 * saying so instead of hanging. stop() stops every process, drops the database and deletes the
 * run's Redis keys.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { N8nApi } from './n8nApi';
import { freePorts, startN8n, type N8nInstance } from './n8nProcess';
import { artifactsDir } from './paths';
import { newRunId, runDatabase, runRedisPrefix, staleRuns } from './staleRuns';
import { ensureN8n, installPackage, packTarball } from './prepare';

export interface QueueClusterOptions {
  /** names the log files: test-artifacts/e2e/<label>.<role>.n8n.log */
  label: string;
  /** workers (default 2) */
  workers?: number;
  /** jobs each worker runs at once (default 2: this is a 2-core box) */
  concurrency?: number;
  /** webhook processors (default 1) */
  webhookProcessors?: number;
  /** the n8n install (default: scripts/n8n-install.sh's) */
  n8nHome?: string;
  /** package tarball installed into every process (default: the working tree, packed) */
  tarball?: string;
  redis?: { host?: string; port?: number; db?: number };
  postgres?: { host?: string; port?: number; user?: string; password?: string };
  /** extra environment for every process */
  env?: Record<string, string>;
  /** extra node flags per role (`main`, `worker1`…, `webhook`…), e.g. `--cpu-prof` for one webhook processor */
  nodeArgs?: (role: string) => string[];
}

/** Data of the pack's Postgres ledger credential (`missedCallPostgresLedgerApi`): this run's database, a schema of its own. */
export interface LedgerCredentialData {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  ssl: 'disable';
  schema: string;
}

export interface QueueCluster {
  urls: {
    /** API, UI, pollers */
    main: string;
    /** where production webhooks go (the first webhook processor); N8N_WEBHOOK_URL of every process */
    webhook: string;
    webhooks: string[];
    /** the workers' health servers */
    workers: string[];
  };
  /** the public API of main, logged in with an API key */
  api: N8nApi;
  /** stops every process, drops the database, deletes the Redis keys, removes the user folders */
  stop(): Promise<void>;
  main: N8nInstance;
  workers: N8nInstance[];
  webhooks: N8nInstance[];
  /** for the Postgres ledger credential (unique schema per run) */
  ledger: LedgerCredentialData;
  /** this run's database and Redis prefix */
  database: string;
  redisPrefix: string;
  /** ms: whole start, main alone, then workers and webhook processors (started together) */
  startTimes: { totalMs: number; mainMs: number; othersMs: number };
  /** the last lines of every process's log, each under its role */
  logTail(lines?: number): string;
  /** stops main and workers, runs `between` (e.g. main.cli([...])), starts them again (together: the database is migrated) */
  restartMainAndWorkers(between?: () => void | Promise<void>): Promise<{ stopMs: number; startMs: number }>;
}

const env = process.env;

interface RedisClient {
  ping(): Promise<string>;
  scan(cursor: string, ...args: (string | number)[]): Promise<[string, string[]]>;
  del(...keys: string[]): Promise<number>;
  quit(): Promise<unknown>;
  disconnect(): void;
  on(event: 'error', listener: (e: Error) => void): unknown;
}

/** ioredis from n8n's own dependency tree (the project does not depend on a Redis client). */
function redisClient(n8nHome: string, o: { host: string; port: number; db: number }): RedisClient {
  const req = createRequire(join(n8nHome, 'node_modules/n8n/package.json'));
  const Redis = req('ioredis') as new (opts: Record<string, unknown>) => RedisClient;
  return new Redis({ host: o.host, port: o.port, db: o.db, lazyConnect: false, connectTimeout: 3_000, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: true });
}

async function checkRedis(n8nHome: string, o: { host: string; port: number; db: number }): Promise<void> {
  const r = redisClient(n8nHome, o);
  let lastError: Error | null = null;
  r.on('error', (e) => (lastError = e));
  try {
    const pong = await Promise.race([r.ping(), new Promise<never>((_, rej) => setTimeout(() => rej(new Error('no answer within 4 s')), 4_000))]);
    if (pong !== 'PONG') throw new Error(`PING answered ${pong}`);
  } catch (e) {
    throw new Error(
      `queue mode needs Redis at ${o.host}:${o.port} (db ${o.db}), which is not answering: ${(lastError as Error | null)?.message ?? (e as Error).message}. ` +
        'Start it (the machine normally runs it; .ci/run starts nothing) or point E2E_REDIS_HOST / E2E_REDIS_PORT at one.',
    );
  } finally {
    r.disconnect();
  }
}

async function deleteRedisKeys(n8nHome: string, o: { host: string; port: number; db: number }, prefix: string): Promise<void> {
  const r = redisClient(n8nHome, o);
  r.on('error', () => undefined);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length) await r.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

/** Drops the databases and Redis keys of runs a killed test process left behind (see staleRuns). */
async function sweepStaleRuns(n8nHome: string, redis: { host: string; port: number; db: number }, pgo: { host: string; port: number; user: string; password: string }): Promise<void> {
  const now = Date.now();
  const dbs = (await adminRows(pgo, `SELECT datname FROM pg_database WHERE datname LIKE 'n8n\\_e2e\\_%'`)).map((r) => String(r.datname));
  for (const run of staleRuns(dbs, now)) await adminQuery(pgo, `DROP DATABASE IF EXISTS ${runDatabase(run)} WITH (FORCE)`);
  const r = redisClient(n8nHome, redis);
  r.on('error', () => undefined);
  const keys: string[] = [];
  try {
    let cursor = '0';
    do {
      const [next, found] = await r.scan(cursor, 'MATCH', 'e2e-*', 'COUNT', 1000);
      keys.push(...found);
      cursor = next;
    } while (cursor !== '0' && keys.length < 100_000);
  } finally {
    r.disconnect();
  }
  for (const run of staleRuns(keys, now)) await deleteRedisKeys(n8nHome, redis, runRedisPrefix(run));
}

async function adminRows(o: { host: string; port: number; user: string; password: string }, sql: string): Promise<Record<string, unknown>[]> {
  const c = new pg.Client({ ...o, database: 'postgres', connectionTimeoutMillis: 4_000 });
  await c.connect();
  try {
    return (await c.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function adminQuery(o: { host: string; port: number; user: string; password: string }, sql: string): Promise<void> {
  const c = new pg.Client({ ...o, database: 'postgres', connectionTimeoutMillis: 4_000 });
  try {
    await c.connect();
  } catch (e) {
    throw new Error(
      `queue mode needs PostgreSQL at ${o.host}:${o.port} (user ${o.user}), which is not answering: ${(e as Error).message}. ` +
        'Start it (the machine normally runs it; .ci/run starts nothing) or point E2E_PG_HOST / E2E_PG_PORT at one.',
    );
  }
  try {
    await c.query(sql);
  } finally {
    await c.end().catch(() => undefined);
  }
}

/**
 * Starts main, then the workers and webhook processors, and logs in to main's API.
 * @example
 * const q = await startQueueCluster({ label: 'demo' });
 * await fetch(`${q.urls.webhook}/webhook/<path>`, …); await q.stop();
 */
export async function startQueueCluster(opts: QueueClusterOptions): Promise<QueueCluster> {
  const t0 = Date.now();
  const n8nHome = opts.n8nHome ?? ensureN8n();
  const redis = { host: opts.redis?.host ?? env.E2E_REDIS_HOST ?? '127.0.0.1', port: opts.redis?.port ?? Number(env.E2E_REDIS_PORT ?? 6379), db: opts.redis?.db ?? Number(env.E2E_REDIS_DB ?? 7) };
  const pgo = { host: opts.postgres?.host ?? env.E2E_PG_HOST ?? '127.0.0.1', port: opts.postgres?.port ?? Number(env.E2E_PG_PORT ?? 5432), user: opts.postgres?.user ?? env.E2E_PG_USER ?? 'postgres', password: opts.postgres?.password ?? env.E2E_PG_PASSWORD ?? '' };
  await checkRedis(n8nHome, redis);
  await sweepStaleRuns(n8nHome, redis, pgo).catch(() => undefined);
  const run = newRunId();
  const database = runDatabase(run);
  const redisPrefix = runRedisPrefix(run);
  await adminQuery(pgo, `CREATE DATABASE ${database}`);

  const folders: string[] = [];
  const started: N8nInstance[] = [];
  const cleanup = async () => {
    await Promise.all(started.map((p) => p.stop().catch(() => undefined)));
    for (const f of folders) rmSync(f, { recursive: true, force: true });
    await adminQuery(pgo, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await deleteRedisKeys(n8nHome, redis, redisPrefix).catch(() => undefined);
  };

  try {
    // one install, copied into each process's folder (each process is its own "host")
    const tarball = opts.tarball ?? packTarball();
    const first = mkdtempSync(join(tmpdir(), `e2e-${opts.label}-main-`));
    folders.push(first);
    installPackage(first, tarball);
    const folder = (role: string) => {
      const f = mkdtempSync(join(tmpdir(), `e2e-${opts.label}-${role}-`));
      folders.push(f);
      cpSync(join(first, '.n8n', 'nodes'), join(f, '.n8n', 'nodes'), { recursive: true });
      return f;
    };

    const webhookPorts = await freePorts(opts.webhookProcessors ?? 1);
    const webhookUrl = `http://127.0.0.1:${webhookPorts[0]}`;
    const shared: Record<string, string> = {
      EXECUTIONS_MODE: 'queue',
      QUEUE_BULL_REDIS_HOST: redis.host,
      QUEUE_BULL_REDIS_PORT: String(redis.port),
      QUEUE_BULL_REDIS_DB: String(redis.db),
      QUEUE_BULL_PREFIX: `${redisPrefix}-bull`,
      // pub/sub channels, cache and instance registry (Redis pub/sub ignores the db index)
      N8N_REDIS_KEY_PREFIX: redisPrefix,
      DB_TYPE: 'postgresdb',
      DB_POSTGRESDB_HOST: pgo.host,
      DB_POSTGRESDB_PORT: String(pgo.port),
      DB_POSTGRESDB_DATABASE: database,
      DB_POSTGRESDB_USER: pgo.user,
      DB_POSTGRESDB_PASSWORD: pgo.password,
      ...opts.env,
    };
    const log = (role: string) => join(artifactsDir(), `${opts.label}.${role}.n8n.log`);
    for (const role of ['main', 'webhook', 'worker1', 'worker2', 'worker3', 'worker4']) rmSync(log(role), { force: true });

    const tMain = Date.now();
    // main first: it runs the migrations the others need
    const main = await startN8n({
      n8nHome,
      userFolder: first,
      logFile: log('main'),
      role: 'main',
      webhookUrl: `${webhookUrl}/`,
      env: { ...shared, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' },
      nodeArgs: opts.nodeArgs?.('main'),
    });
    started.push(main);
    const mainMs = Date.now() - tMain;

    const tOthers = Date.now();
    const workerCount = opts.workers ?? 2;
    const concurrency = opts.concurrency ?? 2;
    const results = await Promise.allSettled([
      ...Array.from({ length: workerCount }, async (_, i) => {
        const w = await startN8n({
          n8nHome,
          userFolder: folder(`worker${i + 1}`),
          logFile: log(`worker${i + 1}`),
          role: `worker${i + 1}`,
          command: ['worker', `--concurrency=${concurrency}`],
          webhookUrl: `${webhookUrl}/`,
          env: shared,
          nodeArgs: opts.nodeArgs?.(`worker${i + 1}`),
        });
        started.push(w);
        return w;
      }),
      ...webhookPorts.map(async (port, i) => {
        const role = i === 0 ? 'webhook' : `webhook${i + 1}`;
        const w = await startN8n({ n8nHome, userFolder: folder(role), logFile: log(role), role, command: ['webhook'], port, webhookUrl: `${webhookUrl}/`, env: shared, nodeArgs: opts.nodeArgs?.(role) });
        started.push(w);
        return w;
      }),
    ]);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const procs = results.map((r) => (r as PromiseFulfilledResult<N8nInstance>).value);
    const workers = procs.slice(0, workerCount);
    const webhooks = procs.slice(workerCount);
    const othersMs = Date.now() - tOthers;

    const all = () => [
      ['main', main],
      ...workers.map((w, i) => [`worker${i + 1}`, w] as const),
      ...webhooks.map((w, i) => [i === 0 ? 'webhook' : `webhook${i + 1}`, w] as const),
    ] as const;
    const logTail = (lines = 25) =>
      all()
        .map(([role, p]) => `--- ${role} ---\n${p.logTail(lines)}`)
        .join('\n');
    const api = new N8nApi(main.baseUrl, () => logTail());
    await api.init();

    return {
      urls: { main: main.baseUrl, webhook: webhookUrl, webhooks: webhooks.map((w) => w.baseUrl), workers: workers.map((w) => w.baseUrl) },
      api,
      main,
      workers,
      webhooks,
      database,
      redisPrefix,
      ledger: { host: pgo.host, port: pgo.port, database, user: pgo.user, password: pgo.password, ssl: 'disable', schema: `mc_e2e_${run}` },
      startTimes: { totalMs: Date.now() - t0, mainMs, othersMs },
      logTail,
      async restartMainAndWorkers(between) {
        const s = Date.now();
        await Promise.all([main.stop(), ...workers.map((w) => w.stop())]);
        await between?.();
        const stopMs = Date.now() - s;
        const s2 = Date.now();
        await Promise.all([main.start(), ...workers.map((w) => w.start())]);
        return { stopMs, startMs: Date.now() - s2 };
      },
      stop: cleanup,
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
