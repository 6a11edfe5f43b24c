import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ICredentialDataDecryptedObject, IExecuteFunctions, INodeProperties, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';
import { DEFAULT_SCHEMA, openLedger, type Ledger, type LedgerOptions } from '../ledger';
import { withoutUrlCredentials } from './withoutUrlCredentials';

/** Name of the Postgres ledger credential. */
export const POSTGRES_LEDGER_CREDENTIAL = 'missedCallPostgresLedgerApi';
export const LEDGER_FILE_NAME = 'missed-call-ledger.sqlite';

/** The "Ledger" parameter every stateful node shows (add `ledgerCredentials` to `credentials`). */
export const ledgerProperty: INodeProperties = {
  displayName: 'Ledger',
  name: 'ledger',
  type: 'options',
  default: 'embedded',
  options: [
    {
      name: 'Embedded (SQLite File)',
      value: 'embedded',
      description: 'A SQLite file in the n8n user folder. Single n8n instance only (not queue mode).',
    },
    { name: 'Postgres', value: 'postgres', description: 'A Postgres schema shared by every n8n main and worker' },
  ],
  description: 'Where calls, consent, opt-outs, enrollments and touches are kept. Every node of the pack must use the same one.',
};

/** Credential entry for the Postgres ledger, shown only when Ledger = Postgres. */
export const ledgerCredentials = {
  name: POSTGRES_LEDGER_CREDENTIAL,
  required: true,
  displayOptions: { show: { ledger: ['postgres'] } },
};

type Ctx = IExecuteFunctions | IWebhookFunctions | IPollFunctions;

/** Reads a parameter from any context: execute() takes an item index, webhook()/poll() do not. */
function param(ctx: Ctx, name: string, fallback: string, itemIndex: number): unknown {
  if ('getInputData' in ctx) return (ctx as IExecuteFunctions).getNodeParameter(name, itemIndex, fallback);
  return (ctx as IWebhookFunctions).getNodeParameter(name, fallback);
}

export interface LedgerEnv {
  N8N_USER_FOLDER?: string;
  EXECUTIONS_MODE?: string;
  HOME?: string;
}

/** Path of the embedded ledger: `<N8N_USER_FOLDER or ~>/.n8n/missed-call-ledger.sqlite`. */
export function embeddedLedgerPath(env: LedgerEnv = process.env): string {
  const base = env.N8N_USER_FOLDER || homedir();
  return join(base, '.n8n', LEDGER_FILE_NAME);
}

/**
 * pg pool of one process's ledger: up to 10 connections (a webhook processor handles every delivery
 * of a burst), a bounded wait for a free one (a timeout is a retryable 503 at the trigger and a
 * retried node elsewhere, never a wait without end), idle connections closed after 30 s.
 */
export const LEDGER_POOL = { max: 10, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 30_000 } as const;

/**
 * Maps the credential's fields to pg options (`ssl`: disable | allow | require; `allowUnauthorizedCerts`)
 * and the ledger's `preparedStatements` (on unless the field is false: a credential saved before it existed keeps them on).
 */
export function postgresLedgerOptions(c: ICredentialDataDecryptedObject): LedgerOptions {
  const str = (k: string) => (typeof c[k] === 'string' ? (c[k] as string).trim() : '');
  const ssl = str('ssl') || 'disable';
  const schema = str('schema') || DEFAULT_SCHEMA;
  return {
    kind: 'postgres',
    schema,
    preparedStatements: c.preparedStatements !== false,
    connection: {
      host: str('host') || 'localhost',
      port: Number(c.port) || 5432,
      database: str('database') || 'postgres',
      user: str('user') || 'postgres',
      password: typeof c.password === 'string' ? c.password : '',
      ssl: ssl === 'disable' ? false : { rejectUnauthorized: c.allowUnauthorizedCerts !== true },
      ...LEDGER_POOL,
    },
  };
}

/** Options of the ledger the node's "Ledger" parameter selects. */
export async function ledgerOptionsFor(ctx: Ctx, env: LedgerEnv = process.env, itemIndex = 0): Promise<LedgerOptions> {
  const kind = param(ctx, 'ledger', 'embedded', itemIndex);
  if (kind === 'postgres') return postgresLedgerOptions(await ctx.getCredentials(POSTGRES_LEDGER_CREDENTIAL, itemIndex));
  return { kind: 'embedded', path: embeddedLedgerPath(env), queueMode: env.EXECUTIONS_MODE === 'queue' };
}

/** One open ledger per configuration (a connection cache, not state). Key: hash of every option, `preparedStatements` too. */
const open = new Map<string, Promise<Ledger>>();

function cacheKey(opts: LedgerOptions): string {
  return createHash('sha256').update(JSON.stringify(opts)).digest('hex');
}

/**
 * A failure to open, without URL credentials: pg echoes the Host, User or Database field as given
 * (`getaddrinfo ENOTFOUND postgres://u:pw@db` for a connection URL pasted into Host), and the
 * message reaches n8n's log (the trigger's 503 line, a node's error).
 */
function openFailure(e: unknown): unknown {
  if (!(e instanceof Error)) return e;
  const message = withoutUrlCredentials(e.message);
  if (message === e.message) return e;
  return Object.assign(new Error(message), { code: (e as NodeJS.ErrnoException).code });
}

/** Opens (once per process and configuration) and migrates the ledger described by `opts`. */
export function ledgerFromOptions(opts: LedgerOptions): Promise<Ledger> {
  const key = cacheKey(opts);
  let p = open.get(key);
  if (!p) {
    p = openLedger(opts).catch((e: unknown) => Promise.reject(openFailure(e)));
    open.set(key, p);
    // a failed open is not cached: the next execution tries again (e.g. after the DB came back)
    p.catch(() => open.delete(key));
  }
  return p;
}

/**
 * The ledger the node's "Ledger" parameter chooses: `embedded` (default; SQLite file
 * `<N8N_USER_FOLDER or ~>/.n8n/missed-call-ledger.sqlite`, refused when `EXECUTIONS_MODE=queue`)
 * or `postgres` (credential `missedCallPostgresLedgerApi`). Cached per configuration.
 * @example const ledger = await ledgerFor(this);
 */
export async function ledgerFor(ctx: Ctx, env: LedgerEnv = process.env, itemIndex = 0): Promise<Ledger> {
  return ledgerFromOptions(await ledgerOptionsFor(ctx, env, itemIndex));
}

/**
 * Test hook: the ledgers this module holds open. Every node of a process shares this module (the
 * bundles require one runtime chunk), so two nodes on one configuration see one entry.
 */
export function cachedLedgers(): Promise<Ledger>[] {
  return [...open.values()];
}

/** Closes every cached ledger (tests, shutdown). */
export async function closeCachedLedgers(): Promise<void> {
  const all = [...open.values()];
  open.clear();
  await Promise.all(all.map(async (p) => (await p.catch(() => null))?.close().catch(() => undefined)));
}
