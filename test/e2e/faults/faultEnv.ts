/**
 * Fault-injection helpers on top of the e2e harness (used read-only): a scheduler run with the
 * caller's own credentials (a faulty SMTP, a held Twilio, a Postgres ledger), and SIGKILL of the
 * n8n the harness started (found by its listening port; its task-runner children go with it).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CRM_FLAG, type E2eEnv } from '../harness/e2eEnv';
import type { Execution } from '../harness/n8nApi';
import { schedulerWorkflow, type Creds } from '../harness/workflows';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let count = 0;

/** Publishes a scheduler at `now` with `creds`; returns its workflow id (left published). */
export async function publishScheduler(env: E2eEnv, now: string, creds: Creds, callerEmail: string): Promise<string> {
  const wf = schedulerWorkflow({ name: `Fault scheduler ${++count} @ ${now}`, now, creds, callerEmail, crmUrl: env.crm.url, withCrm: env.nodeTypes.includes(CRM_FLAG) });
  const id = await env.api.createWorkflow(wf);
  await env.api.publish(id);
  return id;
}

/**
 * How long a poll that must claim something may take to show its execution: on a loaded machine a
 * scheduler published right after an n8n restart starts seconds late (`quietMs` stays short where
 * nothing is due, since that wait is spent in full).
 */
export const EXPECT_RUN_MS = 15_000;

/** Like env.schedulerRun, with the given credentials: the finished execution, or null when nothing started within `quietMs`. */
export async function runScheduler(env: E2eEnv, now: string, creds: Creds, callerEmail: string, quietMs = 1_500): Promise<Execution | null> {
  const id = await publishScheduler(env, now, creds, callerEmail);
  let execs: Execution[] = [];
  const deadline = Date.now() + quietMs;
  while (Date.now() < deadline) {
    execs = await env.api.executions(id);
    if (execs.length > 0) break;
    await sleep(100);
  }
  await env.api.unpublish(id);
  if (execs.length === 0) return null;
  const [done] = await env.api.waitForExecutions(id, 1);
  return done!;
}

/** Polls `check` every 100 ms until it is true (or fails after `timeoutMs`). */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

function childrenOf(pid: number): number[] {
  try {
    const direct = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return direct.flatMap((c) => [c, ...childrenOf(c)]);
  } catch {
    return [];
  }
}

/** The pid listening on 127.0.0.1:`port` (the n8n main the harness started). */
export function pidOnPort(port: number): number {
  const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  const m = /pid=(\d+)/.exec(out);
  if (!m) throw new Error(`nothing listens on port ${port}: ${out}`);
  return Number(m[1]);
}

/** SIGKILLs the n8n listening on `port` and its child processes (by pid); waits until it is gone. */
export async function sigkillN8n(env: E2eEnv): Promise<void> {
  const pid = pidOnPort(env.n8n.port);
  const kids = childrenOf(pid);
  for (const p of [pid, ...kids]) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  await until('n8n to exit after SIGKILL', () => !env.n8n.running(), 10_000);
}
