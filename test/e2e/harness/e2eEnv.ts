/**
 * One end-to-end environment per test file: a real n8n with the packed package installed, the
 * Twilio emulator, a real SMTP server, a CRM webhook receiver and the HubSpot emulator on
 * 127.0.0.1, credentials created through the public API, and the ledger n8n writes (opened from
 * the test for assertions): the embedded one in regular mode, or, with `{ queue }`, a queue-mode
 * cluster (harness/queueCluster.ts: main + workers + webhook processor, PostgreSQL, Redis) whose
 * pack nodes all use the Postgres ledger.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ledger } from '../../../nodes/ledger';
import { openLedger } from '../../../nodes/ledger';
import { twilioSignature } from '../../../nodes/shared/signatures';
import { startTwilioEmulator, type TwilioEmulator } from '../../emulators/twilioEmulator';
import { startSmtp } from '../../nodes/transport/smtpServer';
import { N8nApi, executionError, type Execution } from './n8nApi';
import { startN8n, type N8nInstance } from './n8nProcess';
import { artifactsDir } from './paths';
import { declaredNodeTypes, ensureN8n, installPackage, packTarball } from './prepare';
import { startHubSpotEmulator, type HubSpotEmulator } from '../../emulators/hubspotEmulator';
import { startCrmReceiver } from './crmReceiver';
import { startQueueCluster, type QueueCluster, type QueueClusterOptions } from './queueCluster';
import { postTwilio } from './twilioWebhook';
import { BUSINESS_NUMBER, replyWorkflow, schedulerWorkflow, triggerWorkflow, type Creds, type ReplyWorkflow, type SignedProvider, type TriggerWorkflow } from './workflows';

export interface Timings {
  prepareMs: number;
  installMs: number;
  n8nStartMs: number[];
  /** queue mode: the whole cluster's start */
  clusterStartMs?: QueueCluster['startTimes'];
}

export interface E2eOptions {
  /** run against a queue-mode cluster instead of one `n8n start` */
  queue?: Omit<QueueClusterOptions, 'label'>;
}

/** HubSpot owner ids by department (fourTouch's departments) the reply workflow assigns. */
export const OWNERS = { service: '501', billing: '502' } as const;

export interface E2eEnv {
  /** the n8n that serves the API (queue mode: main) */
  n8n: N8nInstance;
  /** base URL production webhooks are posted to (queue mode: the webhook processor) */
  webhookBase: string;
  /** the cluster, in queue mode */
  queue: QueueCluster | null;
  api: N8nApi;
  hubspot: HubSpotEmulator;
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
  /** publishes a reply workflow (harness/workflows replyWorkflow) and waits until its webhook answers */
  publishReply(wf: ReplyWorkflow): Promise<{ id: string; url: string }>;
  /** posts a Twilio inbound SMS (signed as Twilio signs it) to a reply workflow at `at` */
  inboundSms(url: string, o: { from: string; text: string; at: string; sid?: string }): Promise<{ status: number; body: string }>;
  /** stops n8n (queue mode: main and workers), runs `between` (e.g. the CLI), starts it again; returns ms */
  restart(between?: () => void | Promise<void>): Promise<number>;
  /**
   * Publishes a scheduler workflow at `now` (one poll runs on activation), waits for its execution
   * when the poll claimed something, then unpublishes it. Returns that execution, or null when
   * nothing was due (no execution within `quietMs`).
   */
  schedulerRun(now: string, callerEmail: string, quietMs?: number): Promise<Execution | null>;
  /** writes n8n start times and the given scenario timings to test-artifacts/e2e/<label>.timings.json */
  saveTimings(scenarios: Record<string, number>): void;
  /** the n8n log tail (queue mode: every process's) */
  logTail(lines?: number): string;
  /** fails with the n8n log tail when an execution did not succeed */
  assertSucceeded(e: Execution): void;
  close(): Promise<void>;
}

const CRM_SECRET = 'e2e-crm-signing-secret';
/** The webhook secret of each other phone system's trigger credential (`creds.providers`). */
export const PROVIDER_SECRETS: Readonly<Record<SignedProvider, string>> = {
  aircall: 'e2e-aircall-webhook-token',
  ringcentral: 'e2e-ringcentral-verification-token',
  dialpad: 'e2e-dialpad-jwt-secret',
  vonage: 'e2e-vonage-signature-secret',
  zoom: 'e2e-zoom-secret-token',
};
export const CRM_FLAG = 'n8n-nodes-missed-call.crmFlag';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The credentials the workflows use, created through the public API. */
async function createCredentials(api: N8nApi, twilio: TwilioEmulator, smtpPort: number, crmSecret: string, hubspot: HubSpotEmulator, queue: QueueCluster | null): Promise<Creds> {
  return {
    hubspot: {
      name: 'HubSpot (emulator)',
      id: await api.createCredential('HubSpot (emulator)', 'missedCallHubSpotApi', { accessToken: hubspot.token, baseUrl: hubspot.url }),
    },
    ...(queue ? { postgres: { name: 'Ledger (Postgres)', id: await api.createCredential('Ledger (Postgres)', 'missedCallPostgresLedgerApi', { ...queue.ledger }) } } : {}),
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
    providers: {
      aircall: {
        name: 'Aircall',
        id: await api.createCredential('Aircall', 'missedCallAircallApi', { apiId: 'e2e-api-id', apiToken: 'e2e-api-token', webhookToken: PROVIDER_SECRETS.aircall }),
      },
      ringcentral: { name: 'RingCentral webhook', id: await api.createCredential('RingCentral webhook', 'missedCallRingCentralWebhook', { verificationToken: PROVIDER_SECRETS.ringcentral }) },
      dialpad: { name: 'Dialpad webhook', id: await api.createCredential('Dialpad webhook', 'missedCallDialpadWebhook', { jwtSecret: PROVIDER_SECRETS.dialpad }) },
      vonage: { name: 'Vonage webhook', id: await api.createCredential('Vonage webhook', 'missedCallVonageWebhook', { signatureSecret: PROVIDER_SECRETS.vonage }) },
      zoom: { name: 'Zoom Phone webhook', id: await api.createCredential('Zoom Phone webhook', 'missedCallZoomPhoneWebhook', { secretToken: PROVIDER_SECRETS.zoom }) },
    },
  };
}

export async function startE2e(label: string, opts: E2eOptions = {}): Promise<E2eEnv> {
  let t = Date.now();
  const n8nHome = ensureN8n();
  const tarball = packTarball();
  const prepareMs = Date.now() - t;
  let installMs = 0;
  const userFolder = mkdtempSync(join(tmpdir(), `e2e-${label}-`));
  if (!opts.queue) {
    t = Date.now();
    installPackage(userFolder, tarball);
    installMs = Date.now() - t;
  }

  const twilio = await startTwilioEmulator();
  const smtp = await startSmtp('mailer', 'smtp-secret');
  const crm = await startCrmReceiver(CRM_SECRET);
  const hubspot = await startHubSpotEmulator({ owners: Object.values(OWNERS), leadStatusOptions: ['REENGAGED_NEEDS_CALLBACK'] });
  const closeServers = () => Promise.all([twilio.close(), smtp.close(), crm.close(), hubspot.close()]);
  const logFile = join(artifactsDir(), `${label}.n8n.log`);
  rmSync(logFile, { force: true });
  let n8n: N8nInstance;
  let queue: QueueCluster | null = null;
  let api: N8nApi;
  try {
    if (opts.queue) {
      queue = await startQueueCluster({ ...opts.queue, label, n8nHome, tarball });
      n8n = queue.main;
      api = queue.api;
    } else {
      n8n = await startN8n({ n8nHome, userFolder, logFile });
      api = new N8nApi(n8n.baseUrl, () => n8n.logTail());
    }
  } catch (e) {
    await closeServers();
    rmSync(userFolder, { recursive: true, force: true }); // the log stays in test-artifacts/e2e
    throw e;
  }
  const logTail = (lines?: number) => (queue ? queue.logTail(lines) : n8n.logTail(lines));
  const stopN8n = () => (queue ? queue.stop() : n8n.stop());
  const webhookBase = queue ? queue.urls.webhook : n8n.baseUrl;
  let creds: Creds;
  try {
    if (!queue) await api.init();
    creds = await createCredentials(api, twilio, smtp.port, CRM_SECRET, hubspot, queue);
  } catch (e) {
    await stopN8n();
    await closeServers();
    rmSync(userFolder, { recursive: true, force: true });
    throw e;
  }
  const nodeTypes = declaredNodeTypes(queue ? queue.main.userFolder : userFolder);

  /** polls a freshly published webhook until it answers `ready` (registered) instead of 404 */
  const waitForWebhook = async (url: string, init: RequestInit, ready: number) => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const r = await fetch(url, init);
      if (r.status === ready) return;
      if (Date.now() > deadline) throw new Error(`webhook ${url} still answers ${r.status} 15 s after publishing\n--- n8n log tail ---\n${logTail()}`);
      await sleep(100);
    }
  };

  let ledger: Promise<Ledger> | null = null;
  let schedulerCount = 0;
  const env: E2eEnv = {
    n8n,
    webhookBase,
    queue,
    api,
    hubspot,
    twilio,
    smtp,
    crm,
    creds,
    nodeTypes,
    logFile: queue ? join(artifactsDir(), `${label}.main.n8n.log`) : logFile,
    timings: { prepareMs, installMs, n8nStartMs: n8n.startTimes, ...(queue ? { clusterStartMs: queue.startTimes } : {}) },
    ledger: () =>
      (ledger ??= queue
        ? openLedger({ kind: 'postgres', schema: queue.ledger.schema, connection: { ...queue.ledger, ssl: false, max: 3 } })
        : openLedger({ kind: 'embedded', path: join(userFolder, '.n8n', 'missed-call-ledger.sqlite') })),
    async publishTrigger(wf) {
      const id = await api.createWorkflow({ name: wf.name, nodes: wf.nodes, connections: wf.connections });
      await api.publish(id);
      const url = `${webhookBase}/webhook/${wf.webhookId}/missed-call`;
      // registered webhooks answer an unsigned POST with the trigger's 401; unknown ones with 404
      // (an Aircall form body would be a 400: its token is read from a JSON body)
      const probe = wf.provider ? { type: 'application/json', body: '{}' } : { type: 'application/x-www-form-urlencoded', body: 'probe=1' };
      await waitForWebhook(url, { method: 'POST', headers: { 'content-type': probe.type }, body: probe.body }, 401);
      return { id, url };
    },
    async publishReply(wf) {
      const id = await api.createWorkflow({ name: wf.name, nodes: wf.nodes, connections: wf.connections });
      await api.publish(id);
      const url = `${webhookBase}/webhook/${wf.path}`;
      // the Missed Call SMS Trigger answers an unsigned request 403 once registered, 404 before
      await waitForWebhook(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'probe=1' }, 403);
      return { id, url };
    },
    async inboundSms(url, o) {
      const sid = o.sid ?? `SM${Date.now().toString(16)}${Math.random().toString(16).slice(2, 10)}`.padEnd(34, '0').slice(0, 34);
      const form = { ToCountry: 'US', SmsMessageSid: sid, NumMedia: '0', SmsSid: sid, SmsStatus: 'received', Body: o.text, To: BUSINESS_NUMBER, NumSegments: '1', MessageSid: sid, AccountSid: twilio.accountSid, From: o.from, ApiVersion: '2010-04-01' };
      const signedUrl = `${url}?at=${encodeURIComponent(o.at)}`;
      try {
        const res = await fetch(signedUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            // as Twilio signs it: the export's Missed Call SMS Trigger checks it
            'x-twilio-signature': twilioSignature(twilio.authToken, signedUrl, form),
          },
          body: new URLSearchParams(form).toString(),
        });
        return { status: res.status, body: await res.text() };
      } catch (e) {
        throw new Error(`POST ${url} failed: ${(e as Error).message} (is n8n still running?)\n--- n8n log tail ---\n${logTail()}`);
      }
    },
    async twilioPost(url, params) {
      try {
        return await postTwilio(url, params, twilio.authToken);
      } catch (e) {
        throw new Error(`POST ${url} failed: ${(e as Error).message} (is n8n still running?)\n--- n8n log tail ---\n${logTail()}`);
      }
    },
    async schedulerRun(now, callerEmail, quietMs = queue ? 2_000 : 1_500) {
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
    async restart(between) {
      const t0 = Date.now();
      if (queue) await queue.restartMainAndWorkers(between);
      else {
        await n8n.stop();
        await between?.();
        await n8n.start();
      }
      await api.init(); // a fresh session (the API key would survive in the database anyway)
      return Date.now() - t0;
    },
    logTail,
    saveTimings(scenarios) {
      const processes = queue
        ? Object.fromEntries(
            [['main', queue.main] as const, ...queue.workers.map((w, i) => [`worker${i + 1}`, w] as const), ...queue.webhooks.map((w, i) => [`webhook${i + 1}`, w] as const)].map(([role, p]) => [
              role,
              { startMs: p.startTimes, stopMs: p.stopTimes },
            ]),
          )
        : undefined;
      const all = { ...env.timings, n8nStartMs: n8n.startTimes, n8nStopMs: n8n.stopTimes, ...(processes ? { processes } : {}), scenariosMs: scenarios, at: new Date().toISOString() };
      writeFileSync(join(artifactsDir(), `${label}.timings.json`), `${JSON.stringify(all, null, 2)}\n`);
    },
    assertSucceeded(e) {
      if (e.status !== 'success') {
        throw new Error(`execution ${e.id} ended ${e.status}: ${executionError(e) || '(no error message)'}\n--- n8n log tail ---\n${logTail(40)}`);
      }
    },
    async close() {
      if (ledger) await (await ledger.catch(() => null))?.close().catch(() => undefined);
      await stopN8n();
      await closeServers();
      rmSync(userFolder, { recursive: true, force: true });
    },
  };
  return env;
}

export { triggerWorkflow, replyWorkflow };
