import { createHash, createHmac } from 'node:crypto';
import { WebhookParseError, classifyWebhook, type GenericMapping, type ProviderEvent } from '../../../shared/telephony';
import type { CallEvent } from '../../../shared/schema/callEvent';
import type { Ledger } from '../../ledger';
import type { SignedRequest } from '../signatures';
import { filtersReadNothing, type FilterDeps } from './applyFilters';
import { callKey } from './callKey';
import { callInstant } from '../callInstant';
import { conversationEvents, type ConversationOptions } from './conversationEvents';
import { endOnConversation } from './endOnConversation';
import { claimAndEnroll, enrollPrepared, prepareEnrollment, TRIGGER_AUDIT, type EnrollOutcome, type PreparedEnrollment } from './enrollDecided';
import { messageItem, type MessageItem } from './messageItem';
import { loadTemplate, TemplateMemo, type LoadedTemplate, type TemplateSource } from './loadTemplate';
import { EMPTY_TWIML, jsonReply, twimlReply } from './replies';
import { pendingFirstTouchItem } from './reemitPending';
import { resolveCall } from './resolveCall';
import type { PendingEnrollSpec } from './settledCalls';
import type { DecidedCall, EnrolledItem, FilteredItem, HttpReply, TriggerConfig } from './types';
import { verifyRequest, type GenericAuth } from './verifyRequest';

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
  /** texts and opt-outs the phone system reported (Message output), for Sequence Exit's Record Reply */
  messages: MessageItem[];
}

const hmacSha256Hex = (secret: string, text: string) => createHmac('sha256', secret).update(text, 'utf8').digest('hex');
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
/** This process's validated templates (keyed by their text, hashed with sha256). */
const templates = new TemplateMemo();

/**
 * One webhook delivery, end to end: verify → classify → record and correlate in the ledger →
 * (a call decided now) claim once → template → filters → enroll; (a provisional miss) park it in the
 * ledger with everything needed to enroll it later, so the Sequence Scheduler's settle sweep
 * enrolls it if no final event comes (`sweepSettledCalls`); (a call a person answered, either way)
 * end the customer's follow-up (`endOnConversation`); (a text the phone system reports) emit it on
 * Message. Returns the HTTP answer and the items for the three outputs.
 * Throws only for ledger / internal failures (after auditing the call when it was already claimed).
 */
export async function processDelivery(cfg: TriggerConfig, req: SignedRequest & { contentType?: string }, deps: PipelineDeps): Promise<PipelineResult> {
  const out: PipelineResult = { reply: jsonReply(200, { received: true }), enrolled: [], filtered: [], messages: [] };
  const verified = verifyRequest(cfg.provider, req, deps.secret, deps.now, deps.generic.auth, cfg.replayWindowSeconds);
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
      twilioAsyncAmd: cfg.twilioAsyncAmd === true,
      // a message's class is the phone system's own verdict only; Sequence Exit reads the text
      classifyText: () => 'reply',
      ...conversationOptions(cfg),
    });
  } catch (e) {
    if (e instanceof WebhookParseError) {
      out.reply = jsonReply(400, { error: e.code, message: e.message });
      return out;
    }
    // eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- library code without a node: rethrown after cleanup, the calling node wraps it
    throw e;
  }

  if (event.kind === 'handshake') {
    out.reply = { status: 200, contentType: event.respond.contentType, body: event.respond.body, headers: event.respond.headers };
    return out;
  }
  if (cfg.provider === 'twilio') out.reply = twimlReply(deps.twiml || EMPTY_TWIML);

  const run = new Run(cfg, deps, out);
  if (event.kind === 'call') await run.onCallEvent(event.call);
  else if (event.kind === 'message') out.messages.push(messageItem(event.message));
  return out;
}

/** The trigger options that change how a call's events are classified and read together. */
function conversationOptions(cfg: TriggerConfig): ConversationOptions {
  return { vonageMachineDetection: cfg.vonageMachineDetection === true, vonageAgentMachineDetection: cfg.vonageAgentMachineDetection === true };
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
    const stored = (await ledger.appendCallEvent({ callId: call.callId, provider: call.provider, class: call.class, final: call.final, payload: call, now })).filter(
      (e) => e.provider === call.provider,
    );
    const events = conversationEvents(call.provider, stored, conversationOptions(this.cfg));
    const key = callKey(call.provider, call.callId);
    const r = resolveCall(events, now, this.settleMs);
    const firstAt = events[0]?.receivedAt ?? now;
    if (r.kind === 'fire') {
      await this.decided(r.call, r.via, firstAt, r.via === 'final' ? 'final' : 'settled');
    } else if (r.kind === 'answered') {
      await ledger.claimOnce(key, now, { resolvePending: 'answered' });
      await endOnConversation(events, { ledger, now, defaultCountry: this.cfg.defaultCountry });
    } else if (r.kind === 'hold') {
      // park (or re-park with the later settle instant) with the enrollment it gets if nothing follows
      const settled: CallEvent = { ...r.call, class: r.provisional, final: true };
      const d: DecidedCall = { call: settled, via: 'settled', callAt: callInstant(settled, firstAt) };
      const prepared = await this.prepare(d);
      const spec: PendingEnrollSpec = { v: 1, scope: this.cfg.scope, call: settled, callAt: d.callAt, prepared };
      await ledger.parkPendingCall({ callKey: key, provider: call.provider, settleAt: r.settlesAt, enrollSpec: spec, now });
    }
  }

  private filterDeps(): FilterDeps {
    return { ledger: this.deps.ledger, now: this.deps.now, lookupLineType: this.deps.lookupLineType };
  }

  private loadTemplate(): Promise<LoadedTemplate> {
    this.template ??= loadTemplate(this.deps.template, this.deps.fetchJson, sha256, templates);
    return this.template;
  }

  /**
   * A decided call: claim it once (resolving any parked copy of it), then template → filters → enroll.
   * When preparing reads nothing (a pasted template, filters without ledger read or carrier line type:
   * a line type on record is a ledger read too, see filtersReadNothing), it runs first and an
   * enrollment is claimed and created in one ledger transaction.
   */
  private async decided(call: CallEvent, via: DecidedCall['via'], firstReceivedAt: number, resolvePending: string): Promise<void> {
    const { ledger, now } = this.deps;
    const d: DecidedCall = { call, via, callAt: callInstant(call, firstReceivedAt) };
    const key = callKey(call.provider, call.callId);
    const pure = this.deps.template.kind === 'json' && filtersReadNothing(this.cfg, this.deps);
    const early = pure ? await this.prepare(d).catch((e: unknown) => this.failed(call, e)) : null;
    if (early?.kind === 'enroll') {
      // a failure rolls the claim back with the enrollment: nothing to give back
      const r = await claimAndEnroll(ledger, now, d, early, { key, resolvePending }).catch((e: unknown) => this.failed(call, e));
      return r === null ? this.claimedBefore(d) : this.emit(r);
    }
    if (!(await ledger.claimOnce(key, now, { resolvePending }))) return this.claimedBefore(d);
    try {
      this.emit(await enrollPrepared(ledger, now, d, early ?? (await this.prepare(d))));
    } catch (e) {
      // claimed but not handled: give the claim back so the provider's retry (we answer 5xx) is not
      // swallowed as a duplicate
      await ledger.releaseOnce(key, 'trigger_failed', now).catch(() => undefined);
      await this.failed(call, e);
    }
  }

  private async prepare(d: DecidedCall): Promise<PreparedEnrollment> {
    return prepareEnrollment(d, this.cfg, await this.loadTemplate(), this.filterDeps());
  }

  private emit(r: EnrollOutcome): void {
    if (r.enrolled) this.out.enrolled.push(r.enrolled);
    if (r.filtered) this.out.filtered.push(r.filtered);
  }

  /**
   * Already claimed: normally nothing to do; but if n8n never ran the execution of the first delivery
   * (its first touch still untouched after the grace period), emit it again.
   */
  private async claimedBefore(d: DecidedCall): Promise<void> {
    const again = await pendingFirstTouchItem(this.deps.ledger, d, this.cfg.defaultCountry, this.deps.now, async () => {
      const t = await this.loadTemplate();
      return t.ok ? t.template.id : null;
    });
    if (again) this.out.enrolled.push(again);
  }

  /** Keeps a call that could not be handled in the audit trail, so nobody loses it, and rethrows. */
  private async failed(call: CallEvent, e: unknown): Promise<never> {
    await this.deps.ledger.audit({ kind: TRIGGER_AUDIT.failed, data: { call, error: (e as Error).message }, now: this.deps.now }).catch(() => undefined);
    throw e;
  }
}
