/**
 * The product's n8n: `n8n start` under Node 24 on its embedded SQLite, in a persistent user folder,
 * on fixed ports, with an env-managed owner (no browser). Unlike the e2e harness it keeps the
 * folder and the ports between runs; it reuses the harness's toolchain environment and API client.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { N8nApi } from '../../test/e2e/harness/n8nApi';
import { node24Home } from '../../test/e2e/harness/paths';
import { toolchainEnv } from '../../test/e2e/harness/prepare';

/** Fails with a clear message when something already listens on 127.0.0.1:`port`. */
export function assertPortFree(port: number, what: string, envName: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', (e: NodeJS.ErrnoException) =>
      reject(new Error(e.code === 'EADDRINUSE' ? `port ${port} (${what}) is already in use: stop what listens there or set ${envName} to a free port` : `cannot use port ${port} (${what}): ${e.message}`)),
    );
    s.listen(port, '127.0.0.1', () => s.close(() => resolve()));
  });
}

export interface ServerOptions {
  n8nHome: string;
  userFolder: string;
  port: number;
  brokerPort: number;
  logFile: string;
  owner: { email: string; password: string; firstName: string; lastName: string };
  env?: Record<string, string>;
}

export interface N8nServer {
  baseUrl: string;
  pid: number;
  logTail(lines?: number): string;
  stop(timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: string | null }>;
}

function ownerHash(n8nHome: string, password: string): string {
  const req = createRequire(join(n8nHome, 'node_modules/n8n/package.json'));
  return (req('bcryptjs') as { hashSync(p: string, rounds: number): string }).hashSync(password, 10);
}

/** Starts n8n and resolves once /healthz/readiness answers 200 (90 s at most). */
export async function startN8nServer(o: ServerOptions): Promise<N8nServer> {
  const baseUrl = `http://127.0.0.1:${o.port}`;
  const env = toolchainEnv({
    N8N_USER_FOLDER: o.userFolder,
    N8N_PORT: String(o.port),
    N8N_RUNNERS_BROKER_PORT: String(o.brokerPort),
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    N8N_HOST: '127.0.0.1',
    N8N_PROTOCOL: 'http',
    N8N_WEBHOOK_URL: `${baseUrl}/`,
    N8N_EDITOR_BASE_URL: `${baseUrl}/`,
    N8N_SECURE_COOKIE: 'false',
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_HIRING_BANNER_ENABLED: 'false',
    N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
    N8N_INSTANCE_OWNER_EMAIL: o.owner.email,
    N8N_INSTANCE_OWNER_FIRST_NAME: o.owner.firstName,
    N8N_INSTANCE_OWNER_LAST_NAME: o.owner.lastName,
    N8N_INSTANCE_OWNER_PASSWORD_HASH: ownerHash(o.n8nHome, o.owner.password),
    N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
    N8N_RUNNERS_MODE: 'internal',
    EXECUTIONS_MODE: 'regular',
    DB_TYPE: 'sqlite',
    N8N_LOG_LEVEL: 'info',
    N8N_LOG_OUTPUT: 'console',
    ...o.env,
  });
  for (const k of Object.keys(env)) if (k.startsWith('VITEST') || ['NODE_OPTIONS', 'TEST', 'FORCE_TTY'].includes(k)) delete env[k];
  env.NODE_ENV = 'production';

  const fd = openSync(o.logFile, 'a');
  writeSync(fd, `\n===== n8n start ${new Date().toISOString()} port ${o.port} =====\n`);
  const child: ChildProcess = spawn(join(node24Home(), 'bin/node'), [join(o.n8nHome, 'node_modules/n8n/bin/n8n'), 'start'], {
    cwd: o.userFolder,
    env,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const state: { exit: { code: number | null; signal: string | null } | null } = { exit: null };
  const exited = new Promise<{ code: number | null; signal: string | null }>((r) =>
    child.on('exit', (code, signal) => {
      state.exit = { code, signal };
      r(state.exit);
    }),
  );
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  void exited.then(() => process.off('exit', reap));

  const logTail = (lines = 40) => {
    try {
      return readFileSync(o.logFile, 'utf8').split('\n').filter((l) => l.trim() && !/^\s+at |ENOTFOUND|api\.n8n\.io/.test(l)).slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  };
  const stop = async (timeoutMs = 15_000) => {
    if (state.exit) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (state.exit) throw new Error(`n8n exited during start-up (code ${state.exit.code}, signal ${state.exit.signal}). Log tail:\n${logTail()}`);
    try {
      const r = await fetch(`${baseUrl}/healthz/readiness`, { signal: AbortSignal.timeout(2_000) });
      if (r.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`n8n was not ready after 90 s. Log tail:\n${logTail()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { baseUrl, pid: child.pid!, logTail, stop, exited };
}

/**
 * An API client for the owner: reuses `savedKey` when n8n still accepts it, else logs in and
 * creates a new API key (returned so the caller can keep it).
 */
export async function ownerApi(baseUrl: string, owner: { email: string; password: string }, savedKey: string | undefined, logTail: () => string): Promise<{ api: N8nApi; apiKey: string }> {
  const api = new N8nApi(baseUrl, logTail);
  const use = (key: string) => Object.assign(api, { apiKey: key }); // N8nApi keeps its key in `apiKey`
  if (savedKey) {
    const r = await fetch(`${baseUrl}/api/v1/workflows?limit=1`, { headers: { 'X-N8N-API-KEY': savedKey } });
    if (r.ok) {
      use(savedKey);
      return { api, apiKey: savedKey };
    }
  }
  const login = await fetch(`${baseUrl}/rest/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
  });
  if (!login.ok) throw new Error(`n8n refused the owner login (${login.status}): ${(await login.text()).slice(0, 300)}`);
  const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const headers = { cookie, 'content-type': 'application/json' };
  const scopes = ((await (await fetch(`${baseUrl}/rest/api-keys/scopes`, { headers })).json()) as { data: string[] }).data;
  const keyRes = await fetch(`${baseUrl}/rest/api-keys`, { method: 'POST', headers, body: JSON.stringify({ label: `npm-start-${Date.now()}`, scopes, expiresAt: null }) });
  if (!keyRes.ok) throw new Error(`n8n refused to create an API key (${keyRes.status}): ${(await keyRes.text()).slice(0, 300)}`);
  const apiKey = ((await keyRes.json()) as { data: { rawApiKey: string } }).data.rawApiKey;
  use(apiKey);
  return { api, apiKey };
}
