/**
 * `npm start`: the product on this machine. Builds and packs the node pack, installs the pinned n8n
 * once, runs it on SQLite in a persistent user folder (PRODUCT_DIR, default `.cache/product/`)
 * with the pack installed as a community package and the owner created from the environment,
 * imports and publishes the four-touch follow-up workflow (Sandbox sender), serves the designer,
 * and prints where everything is. Ctrl+C stops n8n and the designer.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A path relative to the working directory when it is inside it, else absolute. */
const shown = (p: string) => (relative(process.cwd(), p).startsWith('..') ? p : relative(process.cwd(), p));
import { REPO } from '../../test/e2e/harness/paths';
import { RECOMMENDED_N8N_ENV } from './recommendedN8nEnv';
import { ensureN8n, installPackage, packTarball, toolchainEnv } from '../../test/e2e/harness/prepare';
import { PRODUCT_OWNER, productConfig, readState, writeState } from './config';
import { assertPortFree, ownerApi, startN8nServer, type N8nServer } from './n8nServer';
import { setUpWorkflows, type ProductPart, type SetUpResult } from './setUpWorkflows';
import { lockProductDir } from './lockProductDir';
import { outcomeWebhookPath, PRODUCT_SEED, replyWebhookPath } from './productWorkflow';
import { fourTouch } from '../../shared/templates';

const say = (s = '') => process.stdout.write(`${s}\n`);
const step = (s: string) => process.stderr.write(`start: ${s}\n`);

const PART_LABELS: Record<ProductPart, string> = { crmInbox: 'local CRM inbox', firstTouch: 'first-touch', sequence: 'later-touches', replies: 'replies', single: 'follow-up' };

/** The one line about a workflow start left as it is although the pack's version changed. */
function outdatedLine(o: SetUpResult['outdated'][number], url: string): string {
  const why = o.why === 'edited' ? 'was edited in n8n' : 'was published by an earlier npm start and may hold your edits';
  return `the ${PART_LABELS[o.part]} workflow ${url} ${why}, so it stays as it is and misses this version's changes; to get them, archive or delete it in n8n (your edits go with it) and run npm start again`;
}

function newest(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const p = join(dir, name);
    const st = statSync(p);
    t = Math.max(t, st.isDirectory() ? newest(p) : st.mtimeMs);
  }
  return t;
}

/** Builds the designer into the product folder (not dist/, which `npm test` rebuilds) when stale. */
function buildDesigner(outDir: string): void {
  const stamp = join(outDir, 'index.html');
  const sources = Math.max(newest(join(REPO, 'designer/src')), newest(join(REPO, 'shared')), statSync(join(REPO, 'designer/vite.config.ts')).mtimeMs);
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= sources) return;
  step('building the designer');
  const r = spawnSync(join(REPO, 'node_modules/.bin/vite'), ['build', '--config', 'designer/vite.config.ts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: REPO,
    env: { ...toolchainEnv(), VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) throw new Error('the designer build failed (output above)');
}

async function waitHttp(url: string, what: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`${what} did not answer at ${url} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function main(): Promise<void> {
  const cfg = productConfig();
  mkdirSync(cfg.userFolder, { recursive: true });
  if (new Set([cfg.n8nPort, cfg.brokerPort, cfg.designerPort]).size < 3) throw new Error('N8N_PORT, N8N_RUNNERS_BROKER_PORT and DESIGNER_PORT must differ');
  // before the port checks: a start already running this folder on the same ports is named as such
  const lock = lockProductDir(cfg.dir, { pid: process.pid, n8nUrl: `${cfg.n8nUrl}/`, designerUrl: cfg.designerUrl });
  process.once('exit', () => lock.release());
  await assertPortFree(cfg.n8nPort, 'n8n', 'N8N_PORT');
  await assertPortFree(cfg.brokerPort, "n8n's task-runner broker", 'N8N_RUNNERS_BROKER_PORT');
  await assertPortFree(cfg.designerPort, 'the designer', 'DESIGNER_PORT');

  step('n8n 2.40.7 (installed once, about 4 minutes the first time)');
  const n8nHome = ensureN8n();
  step('building and packing the node pack');
  const tarball = packTarball();
  let state = readState(cfg);
  const installed = join(cfg.userFolder, '.n8n/nodes/node_modules/n8n-nodes-missed-call/package.json');
  if (state.installedTarball !== tarball || !existsSync(installed)) {
    step('installing the pack as a community package');
    installPackage(cfg.userFolder, tarball);
    state = { ...state, installedTarball: tarball };
    writeState(cfg, state);
  }
  const designerDir = join(cfg.dir, 'designer');
  buildDesigner(designerDir);

  step(`starting n8n on ${cfg.n8nUrl} (log: ${shown(cfg.logFile)})`);
  const n8n: N8nServer = await startN8nServer({
    n8nHome,
    userFolder: cfg.userFolder,
    port: cfg.n8nPort,
    brokerPort: cfg.brokerPort,
    logFile: cfg.logFile,
    owner: PRODUCT_OWNER,
    env: { GENERIC_TIMEZONE: 'America/Chicago', ...RECOMMENDED_N8N_ENV },
  });
  let designer: ChildProcess | null = null;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    step('stopping the designer and n8n');
    if (designer && designer.exitCode === null) {
      const gone = new Promise((r) => designer!.once('exit', r));
      designer.kill('SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 5_000))]);
    }
    await n8n.stop();
    step('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  void n8n.exited.then((e) => {
    if (!stopping) {
      process.stderr.write(`start: n8n exited unexpectedly (code ${e.code}, signal ${e.signal}). Log tail:\n${n8n.logTail()}\n`);
      void shutdown(1);
    }
  });

  try {
    const { api, apiKey } = await ownerApi(n8n.baseUrl, PRODUCT_OWNER, state.apiKey, () => n8n.logTail());
    state = { ...state, apiKey, n8nUrl: n8n.baseUrl };
    writeState(cfg, state);
    const setUp = await setUpWorkflows(api, n8n.baseUrl, state);
    state = setUp.state;
    writeState(cfg, state);
    step(setUp.created ? 'imported and published the follow-up workflows' : 'reusing the published follow-up workflows');
    for (const part of setUp.recreated) step(`imported and published the ${PART_LABELS[part]} workflow again (it was deleted or archived in n8n)`);
    for (const part of setUp.updated) step(`updated the ${PART_LABELS[part]} workflow to this version of the pack (same workflow, published again)`);
    for (const o of setUp.outdated) step(outdatedLine(o, `${cfg.n8nUrl}/workflow/${o.id}`));

    designer = spawn(join(REPO, 'node_modules/.bin/vite'), ['preview', '--config', 'designer/vite.config.ts', '--outDir', designerDir, '--host', '127.0.0.1', '--port', String(cfg.designerPort), '--strictPort'], {
      cwd: REPO,
      env: { ...toolchainEnv(), VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitHttp(cfg.designerUrl, 'the designer (vite preview)', designer);
    designer.once('exit', (c) => {
      if (!stopping) {
        process.stderr.write(`start: the designer exited (code ${c})\n`);
        void shutdown(1);
      }
    });

    const envPrefix = process.env.PRODUCT_DIR ? `PRODUCT_DIR=${cfg.dir} ` : '';
    say();
    say('== Missed-call follow-ups are running (local use only)');
    say(`n8n:       ${cfg.n8nUrl}/`);
    say(`  login:   ${PRODUCT_OWNER.email} / ${PRODUCT_OWNER.password}   (fixed local dev password; this n8n listens on 127.0.0.1 only)`);
    if (state.workflowIds) {
      const w = state.workflowIds;
      say(`  workflows (four-touch template, Sandbox sender: nothing leaves this machine):`);
      say(`    first touch:   ${cfg.n8nUrl}/workflow/${w.firstTouch}`);
      say(`    later touches: ${cfg.n8nUrl}/workflow/${w.sequence}`);
      say(`    replies:       ${cfg.n8nUrl}/workflow/${w.replies}`);
    } else say(`  workflow: ${cfg.n8nUrl}/workflow/${state.workflowId}   (four-touch template, Sandbox sender: nothing leaves this machine)`);
    say(`  trigger: ${setUp.triggerUrl}   (Twilio-signed, local auth token in ${shown(cfg.stateFile)})`);
    say(`  inbound SMS: ${cfg.n8nUrl}/webhook/${replyWebhookPath(PRODUCT_SEED)}   (replies; Twilio-signed with the same auth token, else 403)`);
    const outcomes = outcomeWebhookPath(fourTouch);
    if (outcomes && state.workflowIds) say(`  outcomes:    ${cfg.n8nUrl}/webhook/${outcomes}   (POST {"phone":"+1…","booked":true} or {"phone":"+1…","crmStatus":"…"} ends that caller's sequence and answers what it ended; Basic Auth user and password in ${shown(cfg.stateFile)})`);
    say(`designer:  ${cfg.designerUrl}`);
    say(`simulate:  ${envPrefix}npm run simulate-call -- +13055550123`);
    say(`  then:    ${envPrefix}npm run simulate-reply -- +13055550123 "Can you call me back after 3?"   (the reply ends the sequence and flags the lead)`);
    say('Ctrl+C stops n8n and the designer.');
  } catch (e) {
    process.stderr.write(`start: ${(e as Error).message}\n`);
    await shutdown(1);
  }
}

main().catch((e: Error) => {
  process.stderr.write(`start: ${e.message}\n`);
  process.exit(1);
});
