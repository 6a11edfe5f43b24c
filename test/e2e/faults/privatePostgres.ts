/**
 * A private PostgreSQL cluster for one test file: initdb into a temp dir, trust auth, a free port on
 * 127.0.0.1, socket in the same dir. It can be restarted (pg_ctl restart) without touching the
 * machine's shared cluster, which other tests use concurrently. As root, the cluster runs as the
 * `postgres` OS user (initdb and postgres refuse to run as root).
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../harness/n8nProcess';

export interface PrivatePostgres {
  port: number;
  url: string;
  /** pg_ctl restart (fast shutdown: open connections are cut) */
  restart(): void;
  stop(): void;
  close(): void;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(root, v, 'bin/initdb'))) return join(root, v, 'bin');
  throw new Error(`no PostgreSQL server binaries under ${root}`);
}

/** Whether the machine has PostgreSQL server binaries (the test is skipped without them). */
export function postgresInstalled(): boolean {
  try {
    binDir();
    return true;
  } catch {
    return false;
  }
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'e2e-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const uid = asRoot ? Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()) : -1;
  const gid = asRoot ? Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()) : -1;
  if (asRoot) chownSync(dir, uid, gid);
  const run = (tool: string, args: string[]) => {
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
    try {
      return execFileSync(cmd as string, argv as string[], { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
    } catch (e) {
      const err = e as { stderr?: string; stdout?: string; message: string };
      throw new Error(`${tool} ${args.join(' ')} failed: ${err.message}\n${err.stdout ?? ''}${err.stderr ?? ''}`);
    }
  };
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const opts = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c max_connections=50`;
  const ctl = (action: string) => run('pg_ctl', ['-D', data, '-l', join(dir, 'pg.log'), '-o', opts, '-w', '-t', '30', '-m', 'fast', action]);
  ctl('start');
  let running = true;
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: () => void ctl('restart'),
    stop: () => {
      if (running) ctl('stop');
      running = false;
    },
    close() {
      try {
        if (running) ctl('stop');
      } finally {
        running = false;
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
