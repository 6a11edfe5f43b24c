/**
 * `npm run simulate-reply -- +13055550123 "Can you call me back after 3?"`: plays Twilio for one
 * inbound SMS to the product started by `npm start`. POSTs it (form-encoded and signed with
 * X-Twilio-Signature with the product's local auth token, as Twilio does) to the published Inbound SMS trigger, waits for the replies workflow's
 * execution, and prints what Sequence Exit made of it (with the STOP confirmation or HELP answer it
 * would text), what the CRM Flag did, and the caller's sequences in the ledger afterwards.
 * PRODUCT_DIR selects the product folder.
 * Exit codes: 0 handled (as printed), 1 failure, 2 bad usage.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { openLedger } from '../../nodes/ledger';
import { twilioSignature } from '../../nodes/shared/signatures';
import { analyzePhone } from '../../shared/phone';
import type { Execution } from '../../test/e2e/harness/n8nApi';
import { BUSINESS_NUMBER, PRODUCT_OWNER, productConfig, readState } from './config';
import { ownerApi } from './n8nServer';
import { PRODUCT_SEED, replyWebhookPath } from './productWorkflow';
import { replyReport } from './replyReport';

const out = (s = '') => process.stdout.write(`${s}\n`);
const fail = (msg: string, code = 1): never => {
  process.stderr.write(`simulate-reply: ${msg}\n`);
  process.exit(code);
};

async function main(): Promise<void> {
  const [arg, ...words] = process.argv.slice(2);
  const text = words.join(' ').trim();
  if (!arg || !text) fail('usage: npm run simulate-reply -- <caller phone number> <reply text>, e.g. +13055550123 "Can you call me back after 3?"', 2);
  const phone = analyzePhone(arg!, { defaultCountry: 'US' });
  if (!phone) fail(`"${arg}" is not a valid phone number: give the caller's number with its country code, e.g. +13055550123`, 2);
  const e164 = phone!.e164;
  const cfg = productConfig();
  const state = readState(cfg);
  const repliesId = state.workflowIds?.replies ?? state.workflowId;
  if (!state.n8nUrl || !state.twilio || !repliesId) fail(`no product in ${cfg.dir}: run \`npm start\` first (and keep it running)`);
  try {
    await fetch(`${state.n8nUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
  } catch {
    fail(`n8n does not answer at ${state.n8nUrl}: is \`npm start\` running?`);
  }

  const url = `${state.n8nUrl}/webhook/${replyWebhookPath(PRODUCT_SEED)}`;
  const sid = `SM${randomBytes(16).toString('hex')}`;
  const form = { MessageSid: sid, SmsSid: sid, SmsMessageSid: sid, AccountSid: state.twilio?.accountSid ?? '', From: e164, To: BUSINESS_NUMBER, Body: text, NumMedia: '0', NumSegments: '1', SmsStatus: 'received', ApiVersion: '2010-04-01' };
  const t0 = Date.now();
  // signed as Twilio signs it: the replies workflow's Missed Call SMS Trigger checks the signature
  const signature = twilioSignature(state.twilio!.authToken, url, form);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(form).toString(),
  });
  const body = await res.text();
  if (res.status !== 200) fail(`the Inbound SMS webhook answered ${res.status}: ${body.slice(0, 300)}`);
  out(`Reply ${sid} from ${e164}: "${text}" accepted (${res.status}, ${Date.now() - t0} ms)`);

  const { api } = await ownerApi(state.n8nUrl!, PRODUCT_OWNER, state.apiKey, () => '');
  let exec: Execution | undefined;
  const deadline = Date.now() + 20_000;
  while (!exec) {
    const list = await api.executions(repliesId!);
    exec = list.find((e) => Date.parse(e.startedAt) >= t0 - 1_000 && !['new', 'running', 'waiting'].includes(e.status) && JSON.stringify(e.data ?? {}).includes(sid));
    if (exec) break;
    if (Date.now() > deadline) fail(`no finished execution of the replies workflow within 20 s (see ${cfg.logFile})`);
    await new Promise((r) => setTimeout(r, 150));
  }
  out(`Execution ${exec!.id}: ${exec!.status}   ${state.n8nUrl}/workflow/${repliesId}/executions/${exec!.id}`);
  const crmInbox = state.crmInboxWorkflowId ? `${state.n8nUrl}/workflow/${state.crmInboxWorkflowId}/executions` : 'the "Local CRM inbox" workflow';
  for (const line of replyReport(exec!, crmInbox)) out(line);

  if (!existsSync(cfg.ledgerFile)) fail(`no ledger at ${cfg.ledgerFile}`);
  const ledger = await openLedger({ kind: 'embedded', path: cfg.ledgerFile });
  try {
    const enrollments = await ledger.enrollmentsOf(e164);
    if (enrollments.length === 0) out('The caller has no sequence in the ledger (simulate a missed call first: npm run simulate-call).');
    for (const e of enrollments) out(`Sequence ${e.id} (${e.templateId}): ${e.status}${e.endReason ? ` (${e.endReason})` : ''}`);
  } finally {
    await ledger.close();
  }
}

main().catch((e: Error) => fail(e.message));
