/**
 * One end-to-end environment per test file: a real n8n with the packed package installed, the
 * Twilio emulator and a real SMTP server on 127.0.0.1, credentials created through the public API,
 * and the embedded ledger n8n writes (opened read/write from the test for assertions).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ledger } from '../../../nodes/ledger';
import { openLedger } from '../../../nodes/ledger';
import { startTwilioEmulator, type TwilioEmulator } from '../../emulators/twilioEmulator';
import { startSmtp } from '../../nodes/transport/smtpServer';
import { N8nApi, executionError, type Execution } from './n8nApi';
import { startN8n, type N8nInstance } from './n8nProcess';
import { artifactsDir } from './paths';
import { declaredNodeTypes, ensureN8n, installPackage, packTarball } from './prepare';
import { startCrmReceiver } from './crmReceiver';
import { postTwilio } from './twilioWebhook';
import { schedulerWorkflow, triggerWorkflow, type Creds, type TriggerWorkflow } from './workflows';

export interface Timings {
  prepareMs: number;
  installMs: number;
  n8nStartMs: number[];
}

export interface E2eEnv {
  n8n: N8nInstance;
  api: N8nApi;
  twilio: TwilioEmulator;
  smtp: Awaited<ReturnType<typeof startSmtp>>;
  crm: Awaited<ReturnType<typeof startCrmReceiver>>;
  creds: Creds;
  /** node types the installed package declares (package.json n8n.nodes) */
  nodeTypes: string[];
  ledger: () => Promise<Ledger>;
  timings: Timings;
  logFile: string;
  /** imports + publishes a trigger workflow and waits until its webhook answers; returns its id and URL */
  publishTrigger(wf: TriggerWorkflow): Promise<{ id: string; url: string }>;
  /** posts a signed Twilio webhook to a trigger */
  twilioPost(url: string, params: Record<string, string>): ReturnType<typeof postTwilio>;
  /**
   * Publishes a scheduler workflow at `now` (one poll runs on activation), waits for its execution
   * when the poll claimed something, then unpublishes it. Returns that execution, or null when
   * nothing was due (no execution within `quietMs`).
   */
  schedulerRun(now: string, callerEmail: string, quietMs?: number): Promise<Execution | null>;
  /** writes n8n start times and the given scenario timings to test-artifacts/e2e/<label>.timings.json */
  saveTimings(scenarios: Record<string, number>): void;
  /** fails with the n8n log tail when an execution did not succeed */
  assertSucceeded(e: Execution): void;
  close(): Promise<void>;
}

const CRM_SECRET = 'e2e-crm-signing-secret';
export const CRM_FLAG = 'n8n-nodes-missed-call.crmFlag';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The credentials the workflows use, created through the public API. */
async function createCredentials(api: N8nApi, twilio: TwilioEmulator, smtpPort: number, crmSecret: string): Promise<Creds> {
  return {
    twilio: {
      name: 'Twilio (emulator)',
      id: await api.createCredential('Twilio (emulator)', 'missedCallTwilioApi', {
        authType: 'authToken',
        accountSid: twilio.accountSid,
        authToken: twilio.authToken,
        baseUrl: twilio.url,
        lookupBaseUrl: twilio.url,
      }),
    },
    smtp: {
      name: 'SMTP (local)',
      id: await api.createCredential('SMTP (local)', 'missedCallSmtp', {
        host: '127.0.0.1',
        port: smtpPort,
        secure: false,
        user: 'mailer',
        password: 'smtp-secret',
        from: '"Brightside Plumbing" <hello@brightside.example.com>',
      }),
    },
    crm: { name: 'CRM webhook', id: await api.createCredential('CRM webhook', 'missedCallWebhookSecret', { secret: crmSecret }) },
  };
}

export async function startE2e(label: string): Promise<E2eEnv> {
  let t = Date.now();
  const n8nHome = ensureN8n();
  const tarball = packTarball();
  const prepareMs = Date.now() - t;
  const userFolder = mkdtempSync(join(tmpdir(), `e2e-${label}-`));
  t = Date.now();
  installPackage(userFolder, tarball);
  const installMs = Date.now() - t;

  const nodeTypes = declaredNodeTypes(userFolder);
  const twilio = await startTwilioEmulator();
  const smtp = await startSmtp('mailer', 'smtp-secret');
  const crm = await startCrmReceiver(CRM_SECRET);
  const logFile = join(artifactsDir(), `${label}.n8n.log`);
  rmSync(logFile, { force: true });
  let n8n: N8nInstance;
  try {
    n8n = await startN8n({ n8nHome, userFolder, logFile });
  } catch (e) {
    await Promise.all([twilio.close(), smtp.close(), crm.close()]);
    rmSync(userFolder, { recursive: true, force: true }); // the log stays in test-artifacts/e2e
    throw e;
  }
  const api = new N8nApi(n8n.baseUrl, () => n8n.logTail());
  let creds: Creds;
  try {
    await api.init();
    creds = await createCredentials(api, twilio, smtp.port, CRM_SECRET);
  } catch (e) {
    await n8n.stop();
    await Promise.all([twilio.close(), smtp.close(), crm.close()]);
    rmSync(userFolder, { recursive: true, force: true });
    throw e;
  }

  let ledger: Promise<Ledger> | null = null;
  let schedulerCount = 0;
  const env: E2eEnv = {
    n8n,
    api,
    twilio,
    smtp,
    crm,
    creds,
    nodeTypes,
    logFile,
    timings: { prepareMs, installMs, n8nStartMs: n8n.startTimes },
    ledger: () => (ledger ??= openLedger({ kind: 'embedded', path: join(userFolder, '.n8n', 'missed-call-ledger.sqlite') })),
    async publishTrigger(wf) {
      const id = await api.createWorkflow({ name: wf.name, nodes: wf.nodes, connections: wf.connections });
      await api.publish(id);
      const url = `${n8n.baseUrl}/webhook/${wf.webhookId}/missed-call`;
      // registered webhooks answer an unsigned POST with the trigger's 401; unknown ones with 404
      const deadline = Date.now() + 15_000;
      for (;;) {
        const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'probe=1' });
        if (r.status === 401) break;
        if (Date.now() > deadline) throw new Error(`webhook ${url} still answers ${r.status} 15 s after publishing\n--- n8n log tail ---\n${n8n.logTail()}`);
        await sleep(100);
      }
      return { id, url };
    },
    async twilioPost(url, params) {
      try {
        return await postTwilio(url, params, twilio.authToken);
      } catch (e) {
        throw new Error(`POST ${url} failed: ${(e as Error).message} (is n8n still running?)\n--- n8n log tail ---\n${n8n.logTail()}`);
      }
    },
    async schedulerRun(now, callerEmail, quietMs = 1_500) {
      const wf = schedulerWorkflow({ name: `Scheduler ${++schedulerCount} @ ${now}`, now, creds, callerEmail, crmUrl: crm.url, withCrm: nodeTypes.includes(CRM_FLAG) });
      const id = await api.createWorkflow(wf);
      await api.publish(id);
      let execs: Execution[] = [];
      const deadline = Date.now() + quietMs;
      while (Date.now() < deadline) {
        execs = await api.executions(id);
        if (execs.length > 0) break;
        await sleep(100);
      }
      await api.unpublish(id);
      if (execs.length === 0) return null;
      const [done] = await api.waitForExecutions(id, 1);
      return done!;
    },
    saveTimings(scenarios) {
      const all = { ...env.timings, n8nStartMs: n8n.startTimes, scenariosMs: scenarios, at: new Date().toISOString() };
      writeFileSync(join(artifactsDir(), `${label}.timings.json`), `${JSON.stringify(all, null, 2)}\n`);
    },
    assertSucceeded(e) {
      if (e.status !== 'success') {
        throw new Error(`execution ${e.id} ended ${e.status}: ${executionError(e) || '(no error message)'}\n--- n8n log tail ---\n${n8n.logTail(40)}`);
      }
    },
    async close() {
      if (ledger) await (await ledger.catch(() => null))?.close().catch(() => undefined);
      await n8n.stop();
      await twilio.close();
      await smtp.close();
      await crm.close();
      rmSync(userFolder, { recursive: true, force: true });
    },
  };
  return env;
}

export { triggerWorkflow };
