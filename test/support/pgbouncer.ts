/**
 * A real PgBouncer (Debian's `pgbouncer`, 1.18 on bookworm) in front of the test PostgreSQL, in
 * transaction pooling mode: the set-up behind which named prepared statements get lost. PgBouncer
 * refuses to run as root, so as root it runs as `nobody` (through runuser).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PGBOUNCER_BIN = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].find((p) => existsSync(p)) ?? null;

export interface PgBouncer {
  port: number;
  /** a connection string to the pooled database */
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts PgBouncer for `pgUrl`'s database with `poolSize` server connections, and waits until it
 * accepts queries. `probe` runs one query through a URL (the caller's pg, to keep this file free of it).
 */
export async function startPgBouncer(pgUrl: string, o: { poolSize: number; probe: (url: string) => Promise<void> }): Promise<PgBouncer> {
  if (PGBOUNCER_BIN === null) throw new Error('pgbouncer is not installed (apt-get install pgbouncer)');
  const u = new URL(pgUrl);
  const db = u.pathname.replace(/^\//, '') || 'postgres';
  const user = decodeURIComponent(u.username || 'postgres');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'pgbouncer-'));
  chmodSync(dir, 0o777); // written by `nobody` when we are root
  const ini = join(dir, 'pgbouncer.ini');
  writeFileSync(
    ini,
    [
      '[databases]',
      `${db} = host=${u.hostname} port=${u.port || 5432} dbname=${db} user=${user}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'auth_type = any',
      'pool_mode = transaction',
      `default_pool_size = ${o.poolSize}`,
      'max_client_conn = 200',
      'unix_socket_dir =',
      `logfile = ${join(dir, 'pgbouncer.log')}`,
      '',
    ].join('\n'),
  );
  const root = process.getuid?.() === 0;
  const child: ChildProcess = root
    ? spawn('runuser', ['-u', 'nobody', '--', PGBOUNCER_BIN, ini], { stdio: 'ignore' })
    : spawn(PGBOUNCER_BIN, [ini], { stdio: 'ignore' });
  let exited = false;
  child.once('exit', () => void (exited = true));
  const url = `postgres://${encodeURIComponent(user)}@127.0.0.1:${port}/${db}`;
  const kill = async () => {
    if (exited) return;
    const gone = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    await Promise.race([gone, new Promise((r) => setTimeout(r, 3000))]);
    if (!exited) child.kill('SIGKILL');
  };
  const stop = async () => {
    await kill();
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; ; i++) {
    if (exited) throw new Error(`pgbouncer exited at start (see its log in ${dir})`);
    try {
      await o.probe(url);
      return { port, url, stop };
    } catch (e) {
      if (i >= 100) {
        await kill();
        throw new Error(`pgbouncer did not answer within 10 s (its log: ${dir}): ${(e as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
