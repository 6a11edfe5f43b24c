/**
 * A real `n8n start` as a child process under Node 24: temp user folder, free ports, env-managed
 * owner, telemetry off; stdout/stderr appended to a log file under test-artifacts/e2e/.
 * Stop sends SIGTERM, then SIGKILL after a timeout; the same folder can be started again (restart).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { toolchainEnv } from './prepare';
import { node24Home } from './paths';

/** Offline noise n8n logs on a machine without internet (api.n8n.io lookups and their stacks). */
const NOISE = /^\s+at |ENOTFOUND|api\.n8n\.io|A system task run failed|^(Starting|Finished) migration|^\s*\}?$|^\s+(errno|code|syscall|hostname|config|request|cause)\b/;

export const OWNER = { email: 'owner@e2e.example', password: 'E2e-Passw0rd!' };

/** A port the OS says is free on 127.0.0.1. */
/**
 * `n` distinct free ports: every listener stays open until all are chosen (n separate freePort()
 * calls can return one port twice, since each closes before the next listens).
 */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
      const s = createServer();
      s.unref();
      s.on('error', reject);
      s.listen(0, '127.0.0.1', () => resolve(s));
    })),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  return ports;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface N8nOptions {
  n8nHome: string;
  userFolder: string;
  logFile: string;
  /** extra environment (e.g. N8N_LOG_LEVEL) */
  env?: Record<string, string>;
  /** n8n command and its arguments (default `['start']`; queue mode: `['worker', '--concurrency=2']`, `['webhook']`) */
  command?: string[];
  /** the HTTP port (default: a free one); a worker's health server listens on it */
  port?: number;
  /** the public base URL webhooks are signed against (default: this process's own URL) */
  webhookUrl?: string;
  /** label in log lines and errors (default `n8n`) */
  role?: string;
  /** extra Node.js flags before n8n's script (e.g. `['--cpu-prof', '--cpu-prof-dir=/tmp/prof']`) */
  nodeArgs?: string[];
}

export interface N8nInstance {
  baseUrl: string;
  port: number;
  userFolder: string;
  /** milliseconds from spawn to /healthz/readiness 200, per start */
  startTimes: number[];
  /** milliseconds from SIGTERM to exit, per stop */
  stopTimes: number[];
  /** the last `lines` lines of the log (for failure messages) */
  logTail(lines?: number): string;
  stop(timeoutMs?: number): Promise<void>;
  /** starts again on the same user folder and ports (after stop) */
  start(): Promise<void>;
  /** stop, then start again */
  restart(): Promise<void>;
  /** runs an n8n CLI command (e.g. publish:workflow) with the same environment; n8n must be stopped */
  cli(args: string[]): string;
  running(): boolean;
}

function ownerHash(n8nHome: string, password: string): string {
  const req = createRequire(join(n8nHome, 'node_modules/n8n/package.json'));
  const bcrypt = req('bcryptjs') as { hashSync(p: string, rounds: number): string };
  return bcrypt.hashSync(password, 10);
}

/** Starts n8n and waits until /healthz/readiness answers 200 (webhooks registered after that). */
export async function startN8n(o: N8nOptions): Promise<N8nInstance> {
  const [chosen, other] = await freePorts(2);
  const port = o.port ?? chosen!;
  const brokerPort = other === port ? chosen! : other!;
  const baseUrl = `http://127.0.0.1:${port}`;
  const command = o.command ?? ['start'];
  const role = o.role ?? 'n8n';
  const isWorker = command[0] === 'worker';
  const env = toolchainEnv({
    N8N_USER_FOLDER: o.userFolder,
    N8N_PORT: String(port),
    N8N_RUNNERS_BROKER_PORT: String(brokerPort),
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    N8N_HOST: '127.0.0.1',
    N8N_PROTOCOL: 'http',
    // the trigger signs Twilio requests against this public URL
    N8N_WEBHOOK_URL: o.webhookUrl ?? `${baseUrl}/`,
    N8N_EDITOR_BASE_URL: `${baseUrl}/`,
    N8N_ENCRYPTION_KEY: 'e2e-encryption-key-not-secret',
    N8N_SECURE_COOKIE: 'false',
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_HIRING_BANNER_ENABLED: 'false',
    N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
    N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
    N8N_INSTANCE_OWNER_FIRST_NAME: 'E2e',
    N8N_INSTANCE_OWNER_LAST_NAME: 'Owner',
    N8N_INSTANCE_OWNER_PASSWORD_HASH: ownerHash(o.n8nHome, OWNER.password),
    N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
    N8N_RUNNERS_MODE: 'internal',
    EXECUTIONS_MODE: 'regular',
    DB_TYPE: 'sqlite',
    N8N_LOG_LEVEL: 'info',
    N8N_LOG_OUTPUT: 'console',
    GENERIC_TIMEZONE: 'UTC',
    TZ: 'UTC',
    // a worker answers /healthz and /healthz/readiness on its health-check server
    ...(isWorker ? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port) } : {}),
    ...o.env,
  });
  // vitest's own variables must not leak into n8n
  // (n8n does not start with NODE_ENV=test, which vitest sets)
  for (const k of Object.keys(env)) if (k.startsWith('VITEST') || ['NODE_OPTIONS', 'TEST', 'FORCE_TTY', 'NODE_ENV'].includes(k)) delete env[k];
  env.NODE_ENV = 'production';

  let child: ChildProcess | null = null;
  // an object, not a `let`: the exit handler changes it behind TypeScript's narrowing
  const state: { exited: { code: number | null; signal: string | null } | null } = { exited: null };
  const exitOf = () => state.exited;
  const startTimes: number[] = [];
  const stopTimes: number[] = [];

  const logTail = (lines = 60) => {
    try {
      return readFileSync(o.logFile, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '' && !NOISE.test(l))
        .slice(-lines)
        .join('\n');
    } catch {
      return '(no log)';
    }
  };

  const start = async () => {
    const fd = openSync(o.logFile, 'a');
    writeSync(fd, `\n===== ${role}: n8n ${command.join(' ')} ${new Date().toISOString()} port ${port} =====\n`);
    const t0 = Date.now();
    state.exited = null;
    const c = spawn(join(node24Home(), 'bin/node'), [...(o.nodeArgs ?? []), join(o.n8nHome, 'node_modules/n8n/bin/n8n'), ...command], {
      cwd: o.userFolder,
      env,
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    child = c;
    // never leave an n8n behind when the test process dies
    const reap = () => c.kill('SIGKILL');
    process.once('exit', reap);
    c.on('exit', (code, signal) => {
      state.exited = { code, signal };
      process.off('exit', reap);
    });
    const deadline = t0 + 90_000;
    while (Date.now() < deadline) {
      const ex = exitOf();
      if (ex) throw new Error(`${role} exited during startup (code ${ex.code}, signal ${ex.signal}). Log tail:\n${logTail()}`);
      try {
        const r = await fetch(`${baseUrl}/healthz/readiness`, { signal: AbortSignal.timeout(2_000) });
        if (r.status === 200) {
          startTimes.push(Date.now() - t0);
          return;
        }
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${role} was not ready after 90 s. Log tail:\n${logTail()}`);
  };

  const stop = async (timeoutMs = 15_000) => {
    const c = child;
    if (!c || state.exited) return;
    const gone = new Promise<void>((r) => c.once('exit', () => r()));
    const t0 = Date.now();
    c.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (!state.exited) c.kill('SIGKILL');
    }, timeoutMs);
    await gone;
    clearTimeout(timer);
    stopTimes.push(Date.now() - t0);
  };

  await start();
  return {
    baseUrl,
    port,
    userFolder: o.userFolder,
    startTimes,
    stopTimes,
    logTail,
    stop,
    start,
    cli(args) {
      if (child && !state.exited) throw new Error('stop n8n before running its CLI on the same database');
      try {
        return execFileSync(join(node24Home(), 'bin/node'), [join(o.n8nHome, 'node_modules/n8n/bin/n8n'), ...args], {
          cwd: o.userFolder,
          env,
          encoding: 'utf8',
          timeout: 60_000,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      } catch (e) {
        const err = e as { stderr?: string; stdout?: string; message: string };
        throw new Error(`n8n ${args.join(' ')} failed: ${err.message}\n${err.stdout ?? ''}${err.stderr ?? ''}`);
      }
    },
    async restart() {
      await stop();
      await start();
    },
    running: () => child !== null && state.exited === null,
  };
}
