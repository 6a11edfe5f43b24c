/**
 * One-time preparation of an e2e run: the pinned real n8n (scripts/n8n-install.sh, cached in
 * .cache/), the package built and packed with `npm pack`, and its installation into an n8n user
 * folder the way n8n installs community packages (`<userFolder>/.n8n/nodes`, npm install of the tarball).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { ARTIFACTS, PACKAGE_NAME, REPO, node24Home } from './paths';

/** Environment for child processes: Node 24 first on PATH. */
export function toolchainEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const bin = join(node24Home(), 'bin');
  return { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, MISSED_CALL_NODE_HOME: node24Home(), ...extra };
}

function run(cmd: string, args: string[], cwd: string, timeout: number): string {
  try {
    return execFileSync(cmd, args, { cwd, env: toolchainEnv(), encoding: 'utf8', timeout, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed: ${err.message}\n${(err.stderr ?? '').slice(-3000)}${(err.stdout ?? '').slice(-2000)}`);
  }
}

/** Installs n8n once (idempotent script; about 4 min the first time) and returns its folder. */
export function ensureN8n(): string {
  // one installer at a time: the e2e files start in parallel
  const out = withLock(join(ARTIFACTS, 'n8n-install.lock'), () => run('bash', [join(REPO, 'scripts/n8n-install.sh')], REPO, 15 * 60_000), 20 * 60_000)
    .trim()
    .split('\n');
  const home = out[out.length - 1]!.trim();
  if (!existsSync(join(home, 'node_modules/n8n/bin/n8n'))) throw new Error(`n8n-install.sh printed ${home}, which holds no n8n`);
  return home;
}

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

const SOURCES = ['nodes', 'credentials', 'shared', 'package.json', 'scripts/build.mjs'];

/**
 * Builds dist/ with scripts/build.mjs only when it is missing or older than a source file: `npm test`
 * builds it just before vitest, and rebuilding (rm -rf dist) while in-process tests read it would race.
 */
export function ensureBuilt(): void {
  const dist = walk(join(REPO, 'dist/nodes'));
  const newestSource = Math.max(...SOURCES.flatMap((s) => (statSync(join(REPO, s)).isDirectory() ? walk(join(REPO, s)) : [join(REPO, s)])).map((f) => statSync(f).mtimeMs));
  const oldestDist = dist.length ? Math.min(...dist.map((f) => statSync(f).mtimeMs)) : 0;
  if (oldestDist < newestSource) run(join(node24Home(), 'bin/node'), [join(REPO, 'scripts/build.mjs')], REPO, 120_000);
}

/** `npm pack` of the built package into a cache keyed by the content of dist + package.json; returns the tarball. */
export function packTarball(): string {
  // E2E_TARBALL: test a given tarball (e.g. a release candidate) instead of packing the working tree
  if (process.env.E2E_TARBALL) return process.env.E2E_TARBALL;
  return withLock(join(ARTIFACTS, 'pack.lock'), packLocked);
}

/** Runs `fn` while holding a directory lock (e2e files run in parallel; two builds would race on dist/). */
function withLock<T>(lock: string, fn: () => T, holdMs = 3 * 60_000): T {
  mkdirSync(dirname(lock), { recursive: true });
  const deadline = Date.now() + holdMs + 2 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // a lock left by a killed run is stale once older than the longest legitimate hold
      const st = statSync(lock, { throwIfNoEntry: false });
      if (st && Date.now() - st.mtimeMs > holdMs) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`could not take ${lock}: another e2e run holds it`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function packLocked(): string {
  ensureBuilt();
  const hash = createHash('sha256');
  for (const f of [...walk(join(REPO, 'dist')), join(REPO, 'package.json')].sort()) hash.update(relative(REPO, f)).update(readFileSync(f));
  const dir = join(ARTIFACTS, 'pack', hash.digest('hex').slice(0, 16));
  const done = join(dir, 'tarball.txt');
  if (existsSync(done)) return join(dir, readFileSync(done, 'utf8').trim());
  // tarballs of earlier builds, once no parallel test file can still be installing them
  for (const old of existsSync(dirname(dir)) ? readdirSync(dirname(dir)) : []) {
    const p = join(dirname(dir), old);
    if (Date.now() - statSync(p).mtimeMs > 10 * 60_000) rmSync(p, { recursive: true, force: true });
  }
  const tmp = `${dir}.tmp-${process.pid}`;
  mkdirSync(tmp, { recursive: true });
  const out = run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', tmp], REPO, 120_000).trim().split('\n');
  const name = out[out.length - 1]!.trim();
  writeFileSync(join(tmp, 'tarball.txt'), name);
  try {
    renameSync(tmp, dir); // atomic: whoever reads the dir sees a whole tarball
  } catch {
    rmSync(tmp, { recursive: true, force: true });
  }
  return join(dir, readFileSync(done, 'utf8').trim());
}

/**
 * Installs the tarball as n8n installs a community package: into `<userFolder>/.n8n/nodes`
 * (a package.json there, then npm install). Peer dependencies (n8n-workflow) are not installed:
 * n8n strips them and puts its own node_modules on NODE_PATH. The node types are then
 * `n8n-nodes-missed-call.<name>`.
 */
export function installPackage(userFolder: string, tarball: string): string {
  const nodesDir = join(userFolder, '.n8n', 'nodes');
  mkdirSync(nodesDir, { recursive: true });
  writeFileSync(join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
  run('npm', ['install', tarball, '--ignore-scripts', '--no-audit', '--no-fund', '--legacy-peer-deps', '--package-lock=false', '--loglevel=error'], nodesDir, 180_000);
  const installed = join(nodesDir, 'node_modules', PACKAGE_NAME, 'package.json');
  if (!existsSync(installed)) throw new Error(`npm install of ${tarball} left no ${installed}`);
  return nodesDir;
}

/** Node type names (`<package>.<name>`) the installed package declares in its n8n block. */
export function declaredNodeTypes(userFolder: string): string[] {
  const dir = join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { n8n?: { nodes?: string[] } };
  return (pkg.n8n?.nodes ?? []).map((f) => `${PACKAGE_NAME}.${/([^/]+)\.node\.js$/.exec(f)![1]!.replace(/^./, (c) => c.toLowerCase())}`);
}
