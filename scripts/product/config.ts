/**
 * Where the product (`npm start`) keeps its state and which ports it uses. Everything is local:
 * a persistent n8n user folder under `.cache/product/` (gitignored), ports from the environment.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO } from '../../test/e2e/harness/paths';

/** The owner n8n creates from the environment (no browser). A fixed password for LOCAL use only. */
export const PRODUCT_OWNER = { email: 'owner@missed-call.local', password: 'MissedCall-local-only-1', firstName: 'Local', lastName: 'Owner' } as const;

/** The number the simulated caller dialled: the four-touch template's Service line. */
export const BUSINESS_NUMBER = '+15125550142';

export interface ProductConfig {
  /** PRODUCT_DIR (default `.cache/product`) */
  dir: string;
  /** n8n's user folder inside `dir` */
  userFolder: string;
  n8nPort: number;
  brokerPort: number;
  designerPort: number;
  n8nUrl: string;
  designerUrl: string;
  stateFile: string;
  logFile: string;
  /** the embedded ledger n8n writes */
  ledgerFile: string;
}

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name}=${raw} is not a TCP port (1–65535)`);
  return n;
}

/** Reads PRODUCT_DIR, N8N_PORT (5678), N8N_RUNNERS_BROKER_PORT (5679), DESIGNER_PORT (5173). */
export function productConfig(): ProductConfig {
  const dir = resolve(process.env.PRODUCT_DIR || join(REPO, '.cache/product'));
  const n8nPort = port('N8N_PORT', 5678);
  const brokerPort = port('N8N_RUNNERS_BROKER_PORT', 5679);
  const designerPort = port('DESIGNER_PORT', 5173);
  const userFolder = join(dir, 'n8n');
  return {
    dir,
    userFolder,
    n8nPort,
    brokerPort,
    designerPort,
    n8nUrl: `http://127.0.0.1:${n8nPort}`,
    designerUrl: `http://127.0.0.1:${designerPort}/`,
    stateFile: join(dir, 'state.json'),
    logFile: join(dir, 'n8n.log'),
    ledgerFile: join(userFolder, '.n8n', 'missed-call-ledger.sqlite'),
  };
}

/** What `npm start` created once and reuses (ids, local secrets, the installed tarball). */
export interface ProductState {
  apiKey?: string;
  installedTarball?: string;
  /** the local Twilio credential the trigger verifies signatures with (no real account) */
  twilio?: { accountSid: string; authToken: string };
  replyAuth?: { user: string; password: string };
  credentialIds?: Record<string, string>;
  /** `split` (since 2026-11-30; three workflows) or `single` (one workflow; state files from before) */
  layout?: 'single' | 'split';
  /** the workflow with the Missed Call Trigger: the first-touch workflow when split */
  workflowId?: string;
  /** split: the three workflows by part */
  workflowIds?: { firstTouch: string; sequence: string; replies: string };
  crmInboxWorkflowId?: string;
  /**
   * by workflow id, the fingerprints (workflowHash) of what start last published: the pack's version
   * and n8n's copy. A start updates a workflow whose copy is unchanged when the pack's version is not.
   */
  published?: Record<string, { pack: string; n8n: string }>;
  /** the published trigger's production URL */
  triggerUrl?: string;
  n8nUrl?: string;
}

export function readState(c: ProductConfig): ProductState {
  if (!existsSync(c.stateFile)) return {};
  return JSON.parse(readFileSync(c.stateFile, 'utf8')) as ProductState;
}

export function writeState(c: ProductConfig, s: ProductState): void {
  mkdirSync(c.dir, { recursive: true });
  writeFileSync(c.stateFile, `${JSON.stringify(s, null, 2)}\n`, { mode: 0o600 });
}
