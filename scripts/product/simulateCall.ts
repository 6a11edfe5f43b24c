/**
 * `npm run simulate-call -- +13055550123`: plays Twilio for one missed call to the product started by
 * `npm start`. POSTs the call's final status callback (no-answer), signed with X-Twilio-Signature, to
 * the published Missed Call Trigger, waits for the execution, and prints the gate's decision and the
 * Sandbox message the Follow-up Sender recorded in the ledger. PRODUCT_DIR selects the product folder.
 * Exit codes: 0 handled (sent, deferred or filtered, as printed), 1 failure, 2 bad usage.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { openLedger, type AuditEntry } from '../../nodes/ledger';
import { SANDBOX_AUDIT_KIND } from '../../nodes/transport/sandbox';
import { analyzePhone } from '../../shared/phone';
import { fourTouch } from '../../shared/templates';
import { nodeOutputs, type Execution } from '../../test/e2e/harness/n8nApi';
import { parentNoAnswer, postTwilio } from '../../test/e2e/harness/twilioWebhook';
import { N8N_NODE_NAMES } from '../../designer/src/export/n8nWorkflow';
import { PRODUCT_OWNER, productConfig, readState } from './config';
import { ownerApi } from './n8nServer';
import { callerAllowedNow } from './callerAllowedNow';

const out = (s = '') => process.stdout.write(`${s}\n`);
const fail = (msg: string, code = 1): never => {
  process.stderr.write(`simulate-call: ${msg}\n`);
  process.exit(code);
};

function local(ms: number | string, zone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(new Date(ms));
}

async function main(): Promise<void> {
  const arg = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (!arg) fail('usage: npm run simulate-call -- <caller phone number, e.g. +13055550123>', 2);
  const phone = analyzePhone(arg!, { defaultCountry: 'US' });
  if (!phone) fail(`"${arg}" is not a valid phone number: give the caller's number with its country code, e.g. +13055550123`, 2);
  const e164 = phone!.e164;
  const cfg = productConfig();
  const state = readState(cfg);
  if (!state.triggerUrl || !state.twilio || !state.workflowId || !state.n8nUrl) fail(`no product in ${cfg.dir}: run \`npm start\` first (and keep it running)`);
  try {
    await fetch(`${state.n8nUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
  } catch {
    fail(`n8n does not answer at ${state.n8nUrl}: is \`npm start\` running?`);
  }

  const sid = `CA${randomBytes(16).toString('hex')}`;
  const t0 = Date.now();
  const params = parentNoAnswer(state.twilio!.accountSid, sid, e164, new Date(t0));
  const res = await postTwilio(state.triggerUrl!, params, state.twilio!.authToken);
  if (res.status !== 200) fail(`the trigger answered ${res.status}: ${res.body.slice(0, 300)}\nn8n's log: ${cfg.logFile}`);
  out(`Missed call ${sid} from ${e164} to ${params.To}: signed Twilio callback accepted (${res.status}, ${Date.now() - t0} ms)`);

  const { api } = await ownerApi(state.n8nUrl!, PRODUCT_OWNER, state.apiKey, () => '');
  let exec: Execution | undefined;
  const deadline = Date.now() + 20_000;
  while (!exec) {
    const list = await api.executions(state.workflowId!);
    exec = list.find((e) => Date.parse(e.startedAt) >= t0 - 1_000 && !['new', 'running', 'waiting'].includes(e.status) && JSON.stringify(e.data ?? {}).includes(sid));
    if (exec) break;
    if (Date.now() > deadline) fail(`no finished execution of the follow-up workflow within 20 s (see ${cfg.logFile})`);
    await new Promise((r) => setTimeout(r, 150));
  }
  out(`Execution ${exec!.id}: ${exec!.status}   ${state.n8nUrl}/workflow/${state.workflowId}/executions/${exec!.id}`);
  const [, filtered] = nodeOutputs(exec!, N8N_NODE_NAMES.trigger);
  const why = (filtered ?? [])[0] as { filtered?: { reason?: string; detail?: string } } | undefined;
  if (why?.filtered) {
    out(`Not enrolled: ${why.filtered.reason}${why.filtered.detail ? ` (${why.filtered.detail})` : ''}. Try another caller number.`);
    return;
  }

  if (!existsSync(cfg.ledgerFile)) fail(`no ledger at ${cfg.ledgerFile}`);
  const ledger = await openLedger({ kind: 'embedded', path: cfg.ledgerFile });
  let entries: AuditEntry[] = [];
  try {
    entries = await ledger.auditTrail({ phone: e164, since: t0 - 60_000, kinds: ['decision', SANDBOX_AUDIT_KIND], order: 'asc' });
  } finally {
    await ledger.close();
  }
  const decision = entries.filter((e) => e.kind === 'decision').pop();
  const sent = entries.filter((e) => e.kind === SANDBOX_AUDIT_KIND).pop();
  const zone = fourTouch.business.timeZone;
  const callerZone = (decision?.data as { zones?: string[] } | undefined)?.zones?.[0] ?? zone;
  if (decision) {
    const d = decision.data as { verdict: string; notBefore: string | null; reasons: string[]; zones: string[]; rules: string[] };
    out(`Gate decision: ${d.verdict.toUpperCase()}${d.reasons.length ? ` [${[...new Set(d.reasons)].join(', ')}]` : ''}  zones ${d.zones.join(', ') || '-'}  rules ${d.rules.join(', ') || '-'}`);
    if (d.notBefore) out(`  deferred until ${local(d.notBefore, d.zones[0] ?? zone)}; the Sequence Scheduler (polls every minute) sends it then`);
    const daytime = d.verdict === 'defer' ? callerAllowedNow(Date.now()) : null;
    if (daytime !== null && daytime !== e164) out(`  to see a text go out now, simulate a caller where it is daytime: npm run simulate-call -- ${daytime}`);
  } else {
    out('Gate decision: none recorded (the first step is not due yet, or was not judged)');
  }
  if (sent) {
    const m = sent.data as { channel: string; to: string; body: string; messageId: string };
    out(`Sandbox ${m.channel.toUpperCase()} recorded in the ledger (nothing was sent), ${m.messageId}:`);
    out(`  to ${m.to} at ${local(sent.at, callerZone)} (caller's time)`);
    out(`  "${m.body}"`);
  } else {
    out('No message recorded yet.');
  }
}

main().catch((e: Error) => fail(e.message));
