import { createHash, createHmac } from 'node:crypto';
import { WebhookParseError, classifyWebhook, type GenericMapping, type ProviderEvent } from '../../../shared/telephony';
import type { CallEvent } from '../../../shared/schema/callEvent';
import type { EnrollingCallClass } from '../../../shared/schema/sequenceTemplate';
import type { Ledger } from '../../ledger';
import type { SignedRequest } from '../signatures';
import { applyFilters, TRIGGERED_KIND, type FilterDeps } from './applyFilters';
import { callKey, pendingKey, pendingStreamId } from './callKey';
import { firstSteps, templateChannels } from './firstSteps';
import { loadTemplate, type LoadedTemplate, type TemplateSource } from './loadTemplate';
import { EMPTY_TWIML, jsonReply, twimlReply } from './replies';
import { resolveCall } from './resolveCall';
import type { DecidedCall, EnrolledItem, FilteredItem, FilterReason, HttpReply, TriggerConfig } from './types';
import { verifyRequest, type GenericAuth } from './verifyRequest';

/** Audit kinds the trigger writes. */
export const TRIGGER_AUDIT = {
  pending: 'call_pending',
  resolved: 'call_resolved',
  filtered: 'missed_call_filtered',
  triggered: TRIGGERED_KIND,
  templateInvalid: 'TEMPLATE_INVALID',
  failed: 'missed_call_trigger_failed',
} as const;

/** How far back the trigger looks for calls still waiting to settle (beyond the settle window). */
export const PENDING_HORIZON_MS = 24 * 3_600_000;

export interface PipelineDeps {
  ledger: Ledger;
  now: number;
  /** the credential's webhook secret for the provider ('' when missing: fails closed) */
  secret: string;
  generic: { auth: GenericAuth; mapping?: GenericMapping };
  template: TemplateSource;
  fetchJson: (url: string) => Promise<unknown>;
  lookupLineType?: FilterDeps['lookupLineType'];
  /** TwiML answered to Twilio voice webhooks (default the empty `<Response/>`) */
  twiml?: string;
}

export interface PipelineResult {
  reply: HttpReply;
  enrolled: EnrolledItem[];
  filtered: FilteredItem[];
}

const hmacSha256Hex = (secret: string, text: string) => createHmac('sha256', secret).update(text, 'utf8').digest('hex');
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function dateMs(iso: string | null): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/**
 * One webhook delivery, end to end: verify → classify → record and correlate in the ledger →
 * (for every call decided now, including older calls whose settle window elapsed) claim once →
 * template → filters → enroll. Returns the HTTP answer and the items for the two outputs.
 * Throws only for ledger / internal failures (after auditing the call when it was already claimed).
 */
export async function processDelivery(cfg: TriggerConfig, req: SignedRequest & { contentType?: string }, deps: PipelineDeps): Promise<PipelineResult> {
  const out: PipelineResult = { reply: jsonReply(200, { received: true }), enrolled: [], filtered: [] };
  const verified = verifyRequest(cfg.provider, req, deps.secret, deps.now, deps.generic.auth);
  if (!verified.ok) {
    out.reply =
      verified.code === 'MALFORMED_BODY'
        ? jsonReply(400, { error: 'MALFORMED_BODY', message: 'The request body could not be read.' })
        : jsonReply(401, { error: 'UNAUTHORIZED', code: verified.code });
    return out;
  }

  const raw = typeof req.rawBody === 'string' ? req.rawBody : Buffer.from(req.rawBody).toString('utf8');
  let event: ProviderEvent;
  try {
    event = classifyWebhook(cfg.provider, raw, {
      contentType: req.contentType,
      headers: req.headers,
      generic: deps.generic.mapping,
      secret: deps.secret,
      hmacSha256Hex,
    });
  } catch (e) {
    if (e instanceof WebhookParseError) {
      out.reply = jsonReply(400, { error: e.code, message: e.message });
      return out;
    }
    throw e;
  }

  if (event.kind === 'handshake') {
    out.reply = { status: 200, contentType: event.respond.contentType, body: event.respond.body, headers: event.respond.headers };
    return out;
  }
  if (cfg.provider === 'twilio') out.reply = twimlReply(deps.twiml || EMPTY_TWIML);

  const run = new Run(cfg, deps, out);
  if (event.kind === 'call') await run.onCallEvent(event.call);
  await run.sweep(event.kind === 'call' ? event.call.callId : null);
  return out;
}

/** State of one delivery's processing (the template is loaded at most once). */
class Run {
  private template: Promise<LoadedTemplate> | null = null;

  constructor(
    private readonly cfg: TriggerConfig,
    private readonly deps: PipelineDeps,
    private readonly out: PipelineResult,
  ) {}

  private get settleMs(): number {
    return Math.max(0, this.cfg.settleSeconds) * 1000;
  }

  async onCallEvent(call: CallEvent): Promise<void> {
    const { ledger, now } = this.deps;
    await ledger.appendCallEvent({ callId: call.callId, provider: call.provider, class: call.class, final: call.final, payload: call, now });
    const events = (await ledger.callEvents(call.callId)).filter((e) => e.provider === call.provider);
    const r = resolveCall(events, now, this.settleMs);
    if (r.kind === 'fire') await this.decided(r.call, r.via, events[0]?.receivedAt ?? now);
    else if (r.kind === 'answered') await ledger.claimOnce(callKey(call.provider, call.callId), now);
    else if (r.kind === 'hold' && (await ledger.claimOnce(pendingKey(this.cfg.scope, call.provider, call.callId), now))) {
      await ledger.audit({
        kind: TRIGGER_AUDIT.pending,
        enrollmentId: pendingStreamId(this.cfg.scope),
        data: { callId: call.callId, provider: call.provider, provisional: r.provisional, settlesAt: r.settlesAt },
        now,
      });
    }
  }

  /**
   * Fires every call of this trigger still waiting whose settle window elapsed (no event for
   * `settleSeconds`), and closes waiting calls that were answered or decided meanwhile. The Sequence
   * Scheduler should run the same sweep (`sweepSettledCalls`) so a quiet line still settles.
   */
  async sweep(skipCallId: string | null): Promise<void> {
    const { ledger, now } = this.deps;
    const stream = pendingStreamId(this.cfg.scope);
    const entries = await ledger.auditTrail({ enrollmentId: stream, since: now - this.settleMs - PENDING_HORIZON_MS, order: 'asc', limit: 10_000 });
    const open = new Map<string, string>();
    for (const a of entries) {
      const d = a.data as { callId: string; provider: string };
      if (a.kind === TRIGGER_AUDIT.pending) open.set(d.callId, d.provider);
      else if (a.kind === TRIGGER_AUDIT.resolved) open.delete(d.callId);
    }
    for (const [callId, provider] of open) {
      if (callId === skipCallId) continue;
      const events = (await ledger.callEvents(callId)).filter((e) => e.provider === provider);
      const r = resolveCall(events, now, this.settleMs);
      if (r.kind === 'hold') continue;
      if (r.kind === 'fire') await this.decided(r.call, r.via, events[0]?.receivedAt ?? now);
      await ledger.audit({ kind: TRIGGER_AUDIT.resolved, enrollmentId: stream, data: { callId, provider, outcome: r.kind }, now });
    }
  }

  private loadTemplate(): Promise<LoadedTemplate> {
    this.template ??= loadTemplate(this.deps.template, this.deps.fetchJson, sha256);
    return this.template;
  }

  /** A decided call: claim it once, then template → filters → enroll. */
  private async decided(call: CallEvent, via: DecidedCall['via'], firstReceivedAt: number): Promise<void> {
    const { ledger, now } = this.deps;
    if (!(await ledger.claimOnce(callKey(call.provider, call.callId), now))) return;
    const callAt = dateMs(call.startedAt) ?? dateMs(call.endedAt) ?? firstReceivedAt;
    const d: DecidedCall = { call, via, callAt };
    try {
      await this.enrollDecided(d);
    } catch (e) {
      // claimed but not handled: keep the call in the audit trail so nobody loses it
      await ledger
        .audit({ kind: TRIGGER_AUDIT.failed, data: { call, error: (e as Error).message }, now })
        .catch(() => undefined);
      throw e;
    }
  }

  private async enrollDecided(d: DecidedCall): Promise<void> {
    const { ledger, now } = this.deps;
    const { call } = d;
    const loaded = await this.loadTemplate();
    if (!loaded.ok) {
      await ledger.audit({
        kind: TRIGGER_AUDIT.templateInvalid,
        data: { call, message: loaded.message, diagnostics: loaded.diagnostics.slice(0, 10) },
        now,
      });
      return;
    }
    const template = loaded.template;
    const f = await applyFilters(d, this.cfg, template, { ledger, now, lookupLineType: this.deps.lookupLineType });
    if (!f.pass) {
      await this.filtered(d, f.reason, f.detail, f.caller?.phone ?? null);
      this.out.filtered.push({ call, filtered: { reason: f.reason, detail: f.detail }, caller: f.caller, correlation: { via: d.via } });
      return;
    }
    const cls = call.class as EnrollingCallClass;
    const steps = firstSteps(template, cls, d.callAt);
    const channels = templateChannels(template);
    const result = await ledger.enroll({
      templateId: template.id,
      templateHash: loaded.hash,
      template,
      phone: f.caller.phone,
      callId: call.callId,
      callEvent: call,
      reentry: template.reentry.policy === 'after_days' ? { policy: 'after_days', days: template.reentry.days ?? 0 } : { policy: template.reentry.policy },
      ...(channels.length ? { channels } : {}),
      firstSteps: steps.map((s) => ({ stepId: s.stepId, dueAt: s.dueAt, channel: s.channel })),
      now,
    });
    if (!result.created) {
      const reason = `ENROLLMENT_${result.reason.toUpperCase()}` as FilterReason;
      const detail = `enrollment refused: ${result.reason}`;
      await this.filtered(d, reason, detail, f.caller.phone);
      this.out.filtered.push({
        call,
        filtered: { reason, detail },
        enrollment: { id: result.enrollment?.id ?? null, templateId: template.id, created: false, reason: result.reason },
        caller: f.caller,
        correlation: { via: d.via },
      });
      return;
    }
    const enrollment = result.enrollment;
    await ledger.audit({
      kind: TRIGGER_AUDIT.triggered,
      phone: f.caller.phone,
      enrollmentId: enrollment.id,
      data: { callId: call.callId, provider: call.provider, class: call.class, templateId: template.id, via: d.via },
      now,
    });
    const first = [...result.touches].sort((a, b) => a.dueAt - b.dueAt)[0];
    this.out.enrolled.push({
      call,
      enrollment: { id: enrollment.id, templateId: template.id, created: true },
      caller: f.caller,
      firstTouch: first ? { stepId: first.stepId, dueAt: new Date(first.dueAt).toISOString() } : null,
      correlation: { via: d.via },
    });
  }

  private async filtered(d: DecidedCall, reason: FilterReason, detail: string, phone: string | null): Promise<void> {
    await this.deps.ledger.audit({
      kind: TRIGGER_AUDIT.filtered,
      phone,
      data: { callId: d.call.callId, provider: d.call.provider, class: d.call.class, reason, detail, via: d.via },
      now: this.deps.now,
    });
  }
}

/**
 * The settle sweep alone, for a poller (the Sequence Scheduler): fires this trigger's waiting calls
 * whose settle window elapsed, with the same template, filters and enrollment as the webhook.
 * @example const { enrolled, filtered } = await sweepSettledCalls(cfg, deps);
 */
export async function sweepSettledCalls(cfg: TriggerConfig, deps: PipelineDeps): Promise<Omit<PipelineResult, 'reply'>> {
  const out: PipelineResult = { reply: jsonReply(200, {}), enrolled: [], filtered: [] };
  await new Run(cfg, deps, out).sweep(null);
  return { enrolled: out.enrolled, filtered: out.filtered };
}
