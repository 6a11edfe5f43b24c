import { randomUUID } from 'node:crypto';
import {
  NodeApiError,
  NodeOperationError,
  sleep as n8nSleep,
  type IDataObject,
  type IExecuteFunctions,
  type INodeExecutionData,
  type JsonObject,
} from 'n8n-workflow';
import { normalizePhone } from '../../shared/phone';
import { callerLanguage, type CallEvent, type SequenceTemplate, type Step } from '../../shared/schema';
import { LANGUAGE_NAMES, type Priority } from '../../shared/schema/sequenceTemplate';
import { renderTemplate } from '../../shared/template';
import { templateValues } from '../FollowUpSender/renderStep';
import type { ClaimedRecord, ContactState, Enrollment, Ledger, Touch } from '../ledger/Ledger';
import { isLedgerError } from '../ledger/LedgerError';
import { storedTemplate } from '../SequenceScheduler/touchItem';
import { advanced, type Advanced } from '../shared/advanced';
import { callInstant } from '../shared/callInstant';
import { ledgerFor } from '../shared/ledgerFor';
import { maskPhone } from '../shared/maskPhone';
import { nextAfterTouch } from '../shared/nextAfterTouch';
import { parseCurrentTime } from '../shared/parseCurrentTime';
import { crmAdapter, isCrmError, type CrmAdapter, type CrmHttp, type CrmOperation, type CrmProgress, type CrmProvider, type CrmRequest, type CrmResult } from '../transport/crm';
import { contextLines, departmentKeys, ownerFor, priorityFor, touchNotes, type DepartmentOwner, type PriorityRule } from './callContext';
import { HUBSPOT_CREDENTIAL, PIPEDRIVE_CREDENTIAL, WEBHOOK_CREDENTIAL } from './description';
import { phoneVariants } from './phoneVariants';
import { RETRY_LEASE_MIN_MS, retryLeaseMs, type CrmSendOptions } from './retryLease';

/** Audit kinds written by the CRM Flag. `crm_match` feeds the KPI "CRM match rate". */
export const CRM_AUDIT = { match: 'crm_match', update: 'crm_update', pending: 'crm_pending', resolved: 'crm_resolved', failed: 'crm_failed' } as const;

export interface CrmFlagDeps {
  ledger?: Ledger;
  sleep?: (ms: number) => Promise<void>;
  /** HTTP to use instead of n8n's helpers (unit tests) */
  http?: CrmHttp;
}

const MINUTE = 60_000;
const DONE = 0;

const obj = (v: unknown): IDataObject | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as IDataObject) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** Executes the CRM Flag: output 0 = Done (and skipped), output 1 = Error / Retry. */
export async function runCrmFlag(this: IExecuteFunctions, deps: CrmFlagDeps = {}): Promise<INodeExecutionData[][]> {
  const items = this.getInputData();
  const out: INodeExecutionData[][] = [[], []];
  const ledger = deps.ledger ?? (await ledgerFor(this));
  const provider = this.getNodeParameter('provider', 0, 'hubspot') as CrmProvider;
  const operation = this.getNodeParameter('operation', 0, 'flagReengaged') as CrmOperation | 'retryPending';
  const adapter = await adapterFor(this, provider, deps);

  if (operation === 'retryPending') {
    const now = currentTime(this, 0);
    await retryPending(this, ledger, adapter, sendOptions(this), now, out);
    return out;
  }
  for (let i = 0; i < items.length; i++) {
    const json = items[i]!.json;
    try {
      const crm = await flagItem(this, ledger, adapter, operation, json, i);
      out[crm.outcome === 'pending' || crm.outcome === 'failed' ? 1 : DONE]!.push({ json: { ...json, crm }, pairedItem: { item: i } });
    } catch (e) {
      if (!this.continueOnFail()) {
        // eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- already an n8n error
        if (e instanceof NodeOperationError || e instanceof NodeApiError) throw e;
        throw new NodeOperationError(this.getNode(), e as Error, { itemIndex: i });
      }
      out[1]!.push({ json: { ...json, crm: { outcome: 'failed', reason: 'ERROR', message: e instanceof Error ? e.message : String(e) } }, pairedItem: { item: i } });
    }
  }
  return out;
}

function currentTime(fn: IExecuteFunctions, i: number): number {
  const now = parseCurrentTime(fn.getNodeParameter('currentTime', i, '') as unknown, fn.getTimezone(), Date.now());
  if (now === null) throw new NodeOperationError(fn.getNode(), 'Current Time is not a valid date', { itemIndex: i });
  return now;
}

function sendOptions(fn: IExecuteFunctions): CrmSendOptions {
  const options = fn.getNodeParameter('options', 0, {}) as IDataObject;
  return { timeoutMs: Number(options.timeoutMs ?? 10_000), maxAttempts: Number(options.maxAttempts ?? 4), baseDelayMs: Number(options.retryBaseDelayMs ?? 1000) };
}

async function adapterFor(fn: IExecuteFunctions, provider: CrmProvider, deps: CrmFlagDeps): Promise<CrmAdapter> {
  const { timeoutMs: timeout, maxAttempts, baseDelayMs } = sendOptions(fn);
  const retry = { maxAttempts, baseDelayMs, sleep: deps.sleep ?? n8nSleep };
  const credName = provider === 'hubspot' ? HUBSPOT_CREDENTIAL : provider === 'pipedrive' ? PIPEDRIVE_CREDENTIAL : WEBHOOK_CREDENTIAL;
  const cred = await fn.getCredentials(credName, 0);
  const http: CrmHttp =
    deps.http ??
    (async (r) => {
      const req = { method: r.method, url: r.url, headers: r.headers, body: r.body, returnFullResponse: true, ignoreHttpStatusErrors: true, json: false, timeout };
      const res = (provider === 'webhook'
        ? await fn.helpers.httpRequest(req)
        : await fn.helpers.httpRequestWithAuthentication.call(fn, credName, req)) as { statusCode?: number; headers?: Record<string, string>; body?: unknown };
      return { status: res.statusCode ?? 0, headers: res.headers ?? {}, body: res.body };
    });
  const url = provider === 'webhook' ? (fn.getNodeParameter('webhookUrl', 0, '') as string).trim() : '';
  if (provider === 'webhook' && !/^https?:\/\//.test(url)) throw new NodeOperationError(fn.getNode(), 'Webhook URL must start with http:// or https://');
  return crmAdapter(provider, { baseUrl: typeof cred.baseUrl === 'string' ? cred.baseUrl : undefined, url, secret: String(cred.secret ?? ''), clock: Date.now }, http, retry);
}

interface Resolved {
  phone: string;
  touch: Touch | null;
  enrollment: Enrollment | null;
  template: SequenceTemplate | null;
  step: Step | null;
  call: Partial<CallEvent> | null;
}

async function resolve(fn: IExecuteFunctions, ledger: Ledger, json: IDataObject, i: number): Promise<Resolved> {
  const bad = (m: string) => new NodeOperationError(fn.getNode(), m, { itemIndex: i });
  const touchRef = obj(json.touch);
  const raw =
    str(fn.getNodeParameter('phone', i, '')) ??
    str(obj(json.contact)?.phone) ??
    str(obj(json.caller)?.phone) ??
    str(touchRef?.phone) ??
    str(json.phone) ??
    str(obj(json.call)?.from);
  if (!raw) throw bad('The item has no phone number: set “Phone” or pass $json.contact.phone / $json.touch.phone');
  const phone = normalizePhone(raw);
  if (!phone) throw bad(`“${maskPhone(raw)}” is not a valid phone number`);
  const touch = str(touchRef?.id) ? await ledger.touch(str(touchRef!.id)!) : null;
  if (touchRef?.id && !touch) throw bad(`Touch ${String(touchRef.id)} is not in the ledger (is every node using the same Ledger?)`);
  const enrollmentId = touch?.enrollmentId ?? str(obj(json.enrollment)?.id) ?? str(json.enrollmentId);
  let enrollment = enrollmentId ? await ledger.enrollment(enrollmentId) : null;
  if (!enrollment && !enrollmentId) enrollment = (await ledger.enrollmentsOf(phone)).sort((a, b) => b.createdAt - a.createdAt)[0] ?? null;
  const template = enrollment ? storedTemplate(enrollment.template) : null;
  const step = touch && template ? (template.steps.find((s) => s.id === touch.stepId) ?? null) : ((obj(json.step) as unknown as Step | null) ?? null);
  const call = (obj(json.call) ?? obj(enrollment?.callEvent)) as Partial<CallEvent> | null;
  return { phone, touch, enrollment, template, step, call };
}

export interface CrmReport extends IDataObject {
  outcome: 'done' | 'skipped' | 'pending' | 'failed';
  operation: string;
  provider: string;
  reason: string | null;
  at: string;
}

const STEP_OF: Record<string, string> = { callbackTask: 'callback_task', notifyAgent: 'notify_agent' };

async function flagItem(fn: IExecuteFunctions, ledger: Ledger, adapter: CrmAdapter, operation: CrmOperation, json: IDataObject, i: number): Promise<CrmReport> {
  const now = currentTime(fn, i);
  const r = await resolve(fn, ledger, json, i);
  const base = { operation, provider: adapter.provider, at: new Date(now).toISOString() };
  if (r.touch && r.step && operation !== 'flagReengaged' && r.step.channel !== STEP_OF[operation]) {
    return { ...base, outcome: 'skipped', reason: 'NOT_A_CRM_STEP', stepId: r.step.id, channel: r.step.channel };
  }
  const contact = await ledger.contact(r.phone);
  const req = buildRequest(fn, i, operation, r, contact, json, now, await sentTouches(ledger, r.enrollment));

  // once per logical update: the touch's exactly-once gate, or the reply being flagged
  if (r.touch) {
    const go = await ledger.beginSend(r.touch.id, `${r.touch.enrollmentId}:${r.touch.stepId}:crm`, now);
    if (go !== 'go') return { ...base, outcome: 'skipped', reason: go === 'stopped' ? 'STOPPED' : 'ALREADY_DONE', touchId: r.touch.id };
  } else if (operation === 'flagReengaged' && contact?.lastReply) {
    if (!(await ledger.claimOnce(req.key, now))) return { ...base, outcome: 'skipped', reason: 'ALREADY_DONE', key: req.key };
  }
  return send(ledger, adapter, req, {}, false, { phone: r.phone, enrollmentId: r.enrollment?.id ?? null, touchId: r.touch?.id ?? null }, now, base);
}

async function sentTouches(ledger: Ledger, e: Enrollment | null): Promise<Touch[]> {
  return e ? (await ledger.touchesOf(e.id)).filter((t) => t.status === 'sent') : [];
}

function fixed<T>(fn: IExecuteFunctions, name: string, key: string, i: number): T[] {
  const v = fn.getNodeParameter(name, i, {}) as IDataObject;
  return (Array.isArray(v[key]) ? v[key] : []) as T[];
}

/** Builds the one CRM request of an item (contact, status, owner, task, notes, context). */
function buildRequest(
  fn: IExecuteFunctions,
  i: number,
  operation: CrmOperation,
  r: Resolved,
  /** the contact as the ledger has it (name, email, last reply, preferred language); null: unknown */
  known: Pick<ContactState, 'name' | 'email' | 'lastReply' | 'language'> | null,
  json: IDataObject,
  now: number,
  sent: Touch[],
): CrmRequest {
  const { template, call, step } = r;
  const ledgerName = known?.name ?? null;
  const email = known?.email ?? null;
  const lastReply = known?.lastReply ?? null;
  const timeZone = template?.business.timeZone ?? fn.getTimezone();
  const callAt = call ? callInstant(call, r.enrollment?.createdAt ?? now) : (r.enrollment?.createdAt ?? null);
  const name = str(obj(json.contact)?.name) ?? str(obj(json.caller)?.name) ?? ledgerName ?? str(call?.callerName) ?? null;
  const keys = departmentKeys(template, call?.department);
  const owner = ownerFor(fixed<DepartmentOwner>(fn, 'departmentOwners', 'mappings', i), keys, fn.getNodeParameter('defaultOwnerId', i, '') as string);
  const callbackMsg = step?.channel === 'callback_task' ? step.message : null;
  const notifyMsg = step?.channel === 'notify_agent' ? step.message : null;
  const priority = priorityFor({
    step: callbackMsg?.priority ?? null,
    rules: fixed<PriorityRule>(fn, 'priorities', 'rules', i),
    keys,
    callClass: call?.class ?? null,
    template,
    fallback: fn.getNodeParameter('defaultPriority', i, 'high') as Priority,
  });
  const dept = template?.business.departments.find((d) => keys.includes(d.id.toLowerCase()));
  const queueName = callbackMsg?.queue ?? notifyMsg?.to ?? dept?.queue ?? null;
  const replyText =
    operation === 'flagReengaged'
      ? (str(fn.getNodeParameter('replyText', i, '')) ?? str(obj(json.reply)?.text) ?? str(json.text) ?? lastReply?.text ?? null)
      : (lastReply?.text ?? null);
  const lines = contextLines({
    callAt,
    timeZone,
    callClass: call?.class ?? null,
    reason: call?.reason ?? null,
    department: dept?.name ?? call?.department ?? null,
    queue: queueName,
    callerName: name,
    phone: r.phone,
    replyText,
    touches: sent.length,
    language: languageNote(template, dept?.name ?? call?.department ?? null, known?.language),
  });
  const render = (text: string) =>
    template ? renderTemplate(text, templateValues(template, { callerName: name, call, callAt: callAt ?? now, now })).text : text;
  const who = name ?? r.phone;
  const dueIn = callbackMsg?.dueInMinutes ?? Number(fn.getNodeParameter('dueInMinutes', i, 15));
  const dueAt = now + dueIn * MINUTE;

  let task: CrmRequest['task'] = null;
  const notes: CrmRequest['notes'] = [];
  if (operation === 'flagReengaged') {
    task = { subject: `Call back ${who}: replied to missed-call follow-up`, body: lines.join('\n'), dueAt, priority, type: 'call' };
    if (fn.getNodeParameter('logTouches', i, true)) notes.push(...touchNotes(sent, timeZone));
  } else if (operation === 'callbackTask') {
    const subject = callbackMsg ? render(callbackMsg.title) : `Call back ${who} (missed call)`;
    const body = [...(callbackMsg?.notes ? [render(callbackMsg.notes), ''] : []), ...lines].join('\n');
    task = { subject, body, dueAt, priority, type: 'call' };
  } else {
    const text = notifyMsg ? render(notifyMsg.text) : `Missed call reminder: call back ${who}`;
    const body = [text, '', ...lines].join('\n');
    if (fn.getNodeParameter('reminderAs', i, 'task') === 'note') notes.push({ body, at: now });
    else task = { subject: text.split('\n')[0]!.slice(0, 200), body, dueAt, priority, type: 'todo' };
  }
  const statusProperty = operation === 'flagReengaged' ? str(fn.getNodeParameter('statusProperty', i, 'hs_lead_status')) : null;
  const statusValue = operation === 'flagReengaged' ? str(fn.getNodeParameter('statusValue', i, '')) : null;
  const keyBase = r.touch ? `${r.touch.enrollmentId}:${r.touch.stepId}` : `${r.enrollment?.id ?? r.phone}:${lastReply?.at ?? now}`;
  return {
    operation,
    key: `crm:${operation}:${keyBase}`,
    contact: { phone: r.phone, phoneVariants: phoneVariants(r.phone), name, email: email ?? str(obj(json.contact)?.email) },
    status: statusProperty && statusValue ? { property: statusProperty, value: statusValue } : null,
    owner: { id: owner.id, queue: owner.queue, overwrite: !fn.getNodeParameter('keepOwner', i, true) },
    task,
    notes,
    context: {
      callAt: callAt !== null ? new Date(callAt).toISOString() : null,
      callAtLocal: lines[0] ?? null,
      timeZone,
      callClass: call?.class ?? null,
      reason: call?.reason ?? null,
      department: dept?.name ?? call?.department ?? null,
      queue: queueName,
      replyText,
      touches: sent.length,
      enrollmentId: r.enrollment?.id ?? null,
      templateId: r.enrollment?.templateId ?? null,
      touchId: r.touch?.id ?? null,
      stepId: r.touch?.stepId ?? null,
    },
  };
}

interface Ref {
  phone: string;
  enrollmentId: string | null;
  touchId: string | null;
}

/**
 * Applies the request; records match, update or pending in the ledger; completes the touch. `resend`:
 * the request may have reached the CRM before (a pending update): the adapter takes over a task or
 * note an earlier attempt created but never recorded (the process died before the ledger write).
 */
async function send(
  ledger: Ledger,
  adapter: CrmAdapter,
  req: CrmRequest,
  progress: CrmProgress,
  resend: boolean,
  ref: Ref,
  now: number,
  base: { operation: string; provider: string; at: string } & IDataObject,
): Promise<CrmReport> {
  const audit = (kind: string, data: unknown) => ledger.audit({ kind, phone: ref.phone, enrollmentId: ref.enrollmentId, touchId: ref.touchId, data, now });
  try {
    const res: CrmResult = await adapter.apply(req, progress, { resend });
    const adopted = res.adopted?.length ? { adopted: res.adopted } : {};
    if (progress.matched === undefined && res.matched !== undefined) await audit(CRM_AUDIT.match, { matched: res.matched, provider: adapter.provider, key: req.key });
    await audit(CRM_AUDIT.update, { key: req.key, operation: req.operation, provider: adapter.provider, contactId: res.contactId ?? null, taskId: res.taskId ?? null, noteIds: res.noteIds ?? [], ...adopted });
    const adv = ref.touchId ? await completeCrmTouch(ledger, ref.touchId, adapter.provider, res, now) : null;
    return {
      ...base,
      outcome: 'done',
      reason: null,
      key: req.key,
      contactId: res.contactId ?? null,
      matched: res.matched ?? null,
      created: res.matched === false,
      taskId: res.taskId ?? null,
      noteIds: res.noteIds ?? [],
      ...adopted,
      dueAt: req.task ? new Date(req.task.dueAt).toISOString() : null,
      ownerId: req.owner.id,
      priority: req.task?.priority ?? null,
      requests: res.requests,
      next: adv?.next ?? null,
      enrollmentCompleted: adv?.enrollmentCompleted === true,
    };
  } catch (e) {
    // eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- the item loop wraps it in NodeOperationError with its itemIndex
    if (!isCrmError(e)) throw e;
    if (progress.matched === undefined && e.progress.matched !== undefined) await audit(CRM_AUDIT.match, { matched: e.progress.matched, provider: adapter.provider, key: req.key });
    if (e.code === 'CRM_AUTH') {
      throw new NodeApiError({ name: 'CrmFlag' } as never, { message: e.message, httpCode: String(e.httpStatus ?? '') } as JsonObject, {
        message: `${adapter.provider} refused the credential (HTTP ${e.httpStatus})`,
        description: e.message,
        httpCode: String(e.httpStatus ?? ''),
      });
    }
    const pending = e.retryable;
    await audit(pending ? CRM_AUDIT.pending : CRM_AUDIT.failed, {
      key: req.key,
      provider: adapter.provider,
      operation: req.operation,
      code: e.code,
      message: e.message,
      httpStatus: e.httpStatus,
      progress: e.progress,
      ...(pending ? { request: req } : {}),
    });
    if (ref.touchId) {
      const touch = await ledger.touch(ref.touchId);
      if (touch?.status === 'sending')
        await ledger.completeTouch(ref.touchId, { status: 'failed', provider: adapter.provider, detail: { reason: e.code, pending, httpStatus: e.httpStatus }, now });
    }
    return {
      ...base,
      outcome: pending ? 'pending' : 'failed',
      reason: e.code,
      retryable: pending,
      message: pending
        ? `${adapter.provider} is unavailable after ${e.requests} request(s): ${e.message}. The update is recorded as pending; the “Retry Pending” operation re-sends it.`
        : e.message,
      key: req.key,
      progress: e.progress as IDataObject,
      httpStatus: e.httpStatus,
    };
  }
}

/**
 * Completes a CRM step's touch after its update landed and moves its sequence on in the same ledger
 * transaction (completeTouch with `next`): a touch still `sending` becomes `sent` with the task; one
 * completed `failed` earlier (the CRM was down, or the send lease ran out) or already `sent` is
 * completed again, which records nothing twice, settles it and schedules nothing twice. Null when
 * nothing moves (the enrollment has ended, or the touch is in no such state).
 */
async function completeCrmTouch(ledger: Ledger, touchId: string, provider: string, res: CrmResult, now: number): Promise<Advanced | null> {
  for (let attempt = 0; ; attempt++) {
    const touch = await ledger.touch(touchId);
    if (touch?.status !== 'sending' && touch?.status !== 'sent' && touch?.status !== 'failed') return null;
    const outcome =
      touch.status === 'failed'
        ? { status: 'failed' as const, now }
        : { status: 'sent' as const, provider, ...(res.taskId ? { providerMessageId: res.taskId } : {}), detail: { contactId: res.contactId ?? null }, now };
    try {
      const done = await ledger.completeTouch(touchId, outcome, nextAfterTouch);
      return done.sequence?.action === 'none' && done.sequence.why === 'enrollment_ended' ? null : advanced(done.sequence);
    } catch (e) {
      // the Scheduler settled it (outcome unknown) between the read and the completion: once more as failed
      // eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- the item loop wraps it in NodeOperationError with its itemIndex
      if (attempt > 0 || !isLedgerError(e, 'invalid_transition')) throw e;
    }
  }
}

/**
 * Pending CRM updates: a `crm_pending` entry stands until a later `crm_update`/`crm_resolved` of its
 * key, or a `crm_failed` one (the CRM rejected it: sending it again would be rejected again).
 */
const PENDING = { kind: CRM_AUDIT.pending, resolvedBy: [CRM_AUDIT.resolved, CRM_AUDIT.update, CRM_AUDIT.failed] };
/** updates claimed at a time, and at most per run (the next scheduled run goes on from there) */
const RETRY_BATCH = 20;
const RETRY_MAX = 1000;

/**
 * Re-sends the updates recorded as `crm_pending` in the look-back window and not yet resolved (per key
 * the latest record; each keeps the progress made, so nothing is created twice; a task or note created
 * by an attempt that died before the ledger recorded it is found by its ref and taken over), oldest first. Each is
 * claimed with a lease (claimPendingRecords), so concurrent runs never send one update twice, and
 * re-checked and its lease renewed just before it is sent. One that went through keeps its lease until
 * it runs out (its resolution already keeps every run away); one that failed again, or that the run
 * never reached, is released when the run ends, so the next run retries it at once. A run that dies
 * leaves its leases to run out: then the next run retries those.
 */
async function retryPending(fn: IExecuteFunctions, ledger: Ledger, adapter: CrmAdapter, o: CrmSendOptions, now: number, out: INodeExecutionData[][]): Promise<void> {
  const hours = Number(fn.getNodeParameter('lookBackHours', 0, 72));
  const worker = `crm-retry:${randomUUID()}`;
  // leases run on real time from the run's current time (a run may take long while the CRM is down)
  const started = Date.now();
  const clock = () => now + Math.max(0, Date.now() - started);
  const held = new Map<string, ClaimedRecord>();
  const seen = new Set<string>();
  try {
    for (let claimed = 0; claimed < RETRY_MAX; ) {
      const batch = await ledger.claimPendingRecords({
        ...PENDING,
        provider: adapter.provider,
        since: now - hours * 60 * MINUTE,
        now: clock(),
        limit: Math.min(RETRY_BATCH, RETRY_MAX - claimed),
        worker,
        leaseMs: RETRY_LEASE_MIN_MS,
      });
      if (batch.length === 0) break;
      claimed += batch.length;
      for (const rec of batch) {
        held.set(rec.key, rec);
        // claimed again after its lease ran out during this run: tried once already, the next run goes on
        if (seen.has(rec.key)) continue;
        seen.add(rec.key);
        const req = obj(rec.entry.data)!.request as unknown as CrmRequest;
        if (!(await ledger.renewRecordLease(rec, { ...PENDING, worker, now: clock(), leaseMs: retryLeaseMs(req, o) }))) {
          held.delete(rec.key); // another run has it now, or it is resolved
          continue;
        }
        const report = await retryOne(ledger, adapter, rec, req, now);
        if (report.outcome === 'done') held.delete(rec.key);
        out[report.outcome === 'done' ? DONE : 1]!.push({ json: { crm: report }, pairedItem: { item: 0 } });
      }
    }
  } finally {
    // best effort: a lease not given back only makes the next run wait for it to run out
    for (const key of held.keys()) await ledger.releaseRecordLease(key, worker, clock()).catch(() => false);
  }
}

/** Re-sends one pending update with the progress it recorded; records its resolution once it went through. */
async function retryOne(ledger: Ledger, adapter: CrmAdapter, rec: ClaimedRecord, req: CrmRequest, now: number): Promise<CrmReport> {
  const a = rec.entry;
  const d = obj(a.data)!;
  const ref = { phone: a.phone ?? req.contact.phone, enrollmentId: a.enrollmentId, touchId: a.touchId };
  const base = { operation: req.operation, provider: adapter.provider, at: new Date(now).toISOString(), retried: true };
  // a touch's sequence goes on now that the task exists: send completes it and moves on in one transaction;
  // an earlier attempt may have created the task or notes and died before recording them: a re-send
  const report = await send(ledger, adapter, req, (d.progress ?? {}) as CrmProgress, true, ref, now, base);
  if (report.outcome === 'done') {
    await ledger.audit({ kind: CRM_AUDIT.resolved, phone: ref.phone, enrollmentId: ref.enrollmentId, touchId: ref.touchId, data: { key: req.key }, now });
  }
  return report;
}

/**
 * The caller's language by name (their preference, else their department's: callerLanguage) when it is
 * not the template's: their texts go out in it where a step has it, and agents call back in it.
 */
function languageNote(template: SequenceTemplate | null, department: string | null, preferred: string | null | undefined): string | null {
  if (!template) return null;
  const lang = callerLanguage(template, department, preferred);
  return lang === (template.language ?? 'en') ? null : LANGUAGE_NAMES[lang];
}
