import type { DeliveryState } from '../../shared/delivery';
import { normalizePhone } from '../../shared/phone';
import type { CallEvent } from '../../shared/schema/callEvent';
import { conversationParties } from '../../shared/telephony';
import type { AuditEntry, Enrollment, StoredCallEvent, Touch } from '../ledger/Ledger';
import { conversationEvents } from '../shared/triggerPipeline/conversationEvents';
import { parseStoredTemplate } from '../shared/parseStoredTemplate';
import { callerLanguage, isLanguage } from '../../shared/schema/callerLanguage';
import { variantVerdict, type VariantComparison, type WinnerMetric } from './variantVerdict';

/** Audit kinds the KPI report reads (ledger `reply`/`opt_out`, Sequence Exit `conversion`). */
export const KPI_AUDIT_KINDS = ['reply', 'opt_out', 'conversion'] as const;
/** Enrollment end reasons that count as a conversion (set by Sequence Exit's Check mode). */
export const CONVERSION_END_REASONS: ReadonlySet<string> = new Set(['booked', 'crm_status']);

export interface KpiInput {
  /** enrollments of the report window */
  enrollments: readonly Enrollment[];
  /** their touches */
  touches: readonly Touch[];
  /** audit entries of KPI_AUDIT_KINDS since the window start */
  events: readonly AuditEntry[];
  /** call events since the window start (callbacks, conversations) */
  callEvents: readonly StoredCallEvent[];
}

export interface Percentiles {
  /** enrollments measured */
  n: number;
  p50Seconds: number | null;
  p90Seconds: number | null;
}

export interface KpiRow {
  level: 'template' | 'language' | 'step' | 'variant';
  templateId: string;
  /** language rows: the language of the callers' texts (a template whose callers got more than one); null on other rows */
  language: string | null;
  stepId: string | null;
  variant: string | null;
  /** template: enrolled; step / variant: enrollments that were sent this step (variant) */
  enrollments: number;
  /** enrollments with at least one sent touch */
  touched: number;
  /** call → first sent touch; on step / variant rows only enrollments whose first touch it was */
  timeToFirstTouch: Percentiles;
  responses: number;
  responseRate: number | null;
  reengaged: number;
  reengagementRate: number | null;
  conversions: number;
  conversionRate: number | null;
  optOuts: number;
  optOutRate: number | null;
  /** sent SMS touches of this row whose status callback says delivered (or read) */
  delivered: number;
  /** sent SMS touches of this row whose status callback says undelivered or failed */
  undelivered: number;
  /** delivered ÷ (delivered + undelivered), 4 decimals; null when no SMS of the row has a final status (no callbacks) */
  deliveryRate: number | null;
  /** enrollments whose caller spoke with a person at the business (inbound answered or outbound answered) */
  humanReached: number;
  humanReachRate: number | null;
  /** call → first conversation with a person, over the enrollments counted in humanReached */
  timeToHuman: Percentiles;
  /** variant rows: the A/B verdict of this variant within its step (variantVerdict); null on other rows */
  comparison: VariantComparison | null;
  /** step rows with ≥ 2 variants: the winning variant, null while there is none; null on other rows */
  winningVariant: string | null;
}

export interface KpiOptions {
  /** metric the variants of a step are compared on; default re-engagement */
  winnerMetric?: WinnerMetric;
  /** ISO country for call numbers without a country code (default US, as the trigger's) */
  defaultCountry?: string;
}

/** Nearest-rank percentile of sorted values (p in 0..1); null for none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

const rate = (k: number, n: number) => (n === 0 ? null : Math.round((k / n) * 10_000) / 10_000);
const obj = (v: unknown): Record<string, unknown> | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/** Instant of the missed call: callEvent.startedAt, else endedAt, else the enrollment's creation. */
export function callInstantOf(e: Enrollment): number {
  const c = obj(e.callEvent);
  for (const v of [c?.startedAt, c?.endedAt]) {
    const t = typeof v === 'string' ? Date.parse(v) : NaN;
    if (!Number.isNaN(t)) return t;
  }
  return e.createdAt;
}

type Outcome = 'response' | 'callback' | 'conversion' | 'optOut' | 'human';

/** A sent touch's final delivery by its status callbacks; null: not yet final, none received, or not an SMS. */
type Delivery = 'delivered' | 'undelivered' | null;
const FINAL_DELIVERY: Partial<Record<DeliveryState, Exclude<Delivery, null>>> = { delivered: 'delivered', read: 'delivered', undelivered: 'undelivered', failed: 'undelivered' };
// a touch without a channel is one scheduled before channels were recorded (a CRM task gets no callbacks)
const deliveryOf = (t: Touch): Delivery => ((t.channel === 'sms' || t.channel === null) && t.deliveryStatus ? (FINAL_DELIVERY[t.deliveryStatus] ?? null) : null);

interface EnrollmentFacts {
  e: Enrollment;
  /**
   * the language of the caller's texts: that of the latest sent text that records one (the sender
   * records the language actually used per touch), else their department's, else the template's
   * ('en' when the template no longer parses)
   */
  language: string;
  /** sent touches by send time, with the language their text went out in (null: none recorded, e.g. a CRM task) */
  sent: { stepId: string; variant: string | null; at: number; language: string | null; delivery: Delivery }[];
  /** first instant of each outcome */
  outcomes: Map<Outcome, number>;
}

/**
 * KPIs per template, per step and per A/B variant over the enrollments of a window.
 * - response: a real reply (ledger `reply` entry) of the contact; re-engagement: a reply or a
 *   call back (a later inbound call from the number); conversion: the enrollment ended `booked` /
 *   `crm_status`, or a `conversion` entry names it; opt-out: an `opt_out` entry of the contact.
 *   human reached: a conversation between a person at the business and the caller
 *   (`conversationParty` over the events of one provider call, in arrival order: the caller's call
 *   answered by a person, or the business's call answered by the caller), the party normalized to
 *   E.164, at the conversation call's startedAt (else the ledger's receivedAt of the proving event,
 *   which usually arrives when the call ends and so includes the talk time), never the enrollment's own call.
 *   A contact's reply, opt-out, call or conversation at instant t belongs to its latest enrollment
 *   (of the window) created at or before t. Rates are per enrolled (4 decimals), null when none.
 * - step / variant rows: last-touch attribution — an outcome counts for the step (variant)
 *   whose sent touch was the last one before it; an outcome before the first touch counts on the
 *   template row only.
 * - time to first touch: seconds from the call to the first sent touch, p50/p90 (nearest rank);
 *   time to human: seconds from the call to the first conversation, p50/p90, over the enrollments
 *   counted in humanReached (step / variant rows: those attributed to it).
 * - language rows (a template whose callers got texts in more than one language): the template row's
 *   figures per language, after the template row. An enrollment counts in the language of its latest
 *   sent text as the sender recorded it (touch detail `language`: the one actually used, so a preferred
 *   language without a translation counts as the step's own); one with no such text in its
 *   department's language, else the template's.
 * - delivery: over the sent SMS touches the row counts (template / language rows: all of its
 *   enrollments'; step / variant rows: those of the step / variant), by the provider's status
 *   callbacks (touch `deliveryStatus`): delivered (or read), undelivered (or failed); `deliveryRate`
 *   = delivered ÷ (delivered + undelivered), null when none has a final status (a Sandbox send, an
 *   email, a sender without a status callback). Texts still queued or sent are left out of it.
 * - A/B verdict: the variant rows of each step are judged on `winnerMetric` by variantVerdict
 *   (`comparison` on variant rows, `winningVariant` on step rows with ≥ 2 variants). Every row
 *   carries both keys, null where they do not apply, so the output's shape is the same for each row.
 */
export function kpiReport(x: KpiInput, options: KpiOptions = {}): KpiRow[] {
  const facts = new Map<string, EnrollmentFacts>();
  const byPhone = new Map<string, Enrollment[]>();
  for (const e of [...x.enrollments].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))) {
    facts.set(e.id, { e, language: languageOf(e), sent: [], outcomes: new Map() });
    byPhone.set(e.phone, [...(byPhone.get(e.phone) ?? []), e]);
  }
  for (const t of x.touches) {
    const f = facts.get(t.enrollmentId);
    if (!f || t.status !== 'sent' || t.sentAt === null) continue;
    const v = obj(t.detail)?.variant;
    const language = obj(t.detail)?.language;
    // `first:<class>` and `lang:<language>` texts go to whole call classes or languages: no A/B variants
    f.sent.push({
      stepId: t.stepId,
      variant: typeof v === 'string' && !v.includes(':') ? v : null,
      at: t.sentAt,
      language: isLanguage(language) ? language : null,
      delivery: deliveryOf(t),
    });
  }
  for (const f of facts.values()) {
    f.sent.sort((a, b) => a.at - b.at);
    // the language the texts actually went out in (a preference set mid-sequence: the latest)
    const sentIn = f.sent.findLast((s) => s.language !== null)?.language;
    if (sentIn) f.language = sentIn;
  }

  const note = (f: EnrollmentFacts | undefined, o: Outcome, at: number) => {
    if (f && !(f.outcomes.has(o) && f.outcomes.get(o)! <= at)) f.outcomes.set(o, at);
  };
  const owner = (phone: string | null, at: number): EnrollmentFacts | undefined => {
    const list = phone === null ? undefined : byPhone.get(phone);
    const e = list?.filter((c) => c.createdAt <= at).pop();
    return e ? facts.get(e.id) : undefined;
  };
  for (const a of x.events) {
    const d = obj(a.data);
    if (a.kind === 'reply' && (d?.class ?? 'reply') === 'reply') note(owner(a.phone, a.at), 'response', a.at);
    else if (a.kind === 'opt_out') note(owner(a.phone, a.at), 'optOut', a.at);
    else if (a.kind === 'conversion' && a.enrollmentId) note(facts.get(a.enrollmentId), 'conversion', a.at);
  }
  for (const f of facts.values()) {
    if (f.e.endReason !== null && CONVERSION_END_REASONS.has(f.e.endReason)) note(f, 'conversion', f.e.endedAt ?? f.e.updatedAt);
  }
  for (const c of x.callEvents) {
    const p = obj(c.payload);
    const from = typeof p?.from === 'string' ? p.from : null;
    if (p?.direction === 'outbound') continue;
    const f = owner(from, c.receivedAt);
    if (f && c.callId !== f.e.callId && c.receivedAt > f.e.createdAt) note(f, 'callback', c.receivedAt);
  }
  for (const events of callsOf(x.callEvents)) {
    // read as the trigger reads them (a Vonage conversation's legs together)
    const call = conversationEvents(events[0]!.provider, events);
    for (const c of conversationParties(call.map((s) => s.payload as CallEvent))) {
      const proof = call.find((s) => s.payload === c.event);
      const phone = typeof c.party === 'string' ? normalizePhone(c.party, options.defaultCountry) : null;
      if (!proof || phone === null) continue;
      // when the call began (the provider's startedAt), else when its proof reached the ledger
      const started = c.event.startedAt === null ? NaN : Date.parse(c.event.startedAt);
      const at = Number.isNaN(started) || started > proof.receivedAt ? proof.receivedAt : started;
      const f = owner(phone, at);
      if (f && proof.callId !== f.e.callId) note(f, 'human', at);
    }
  }

  const rows: KpiRow[] = [];
  const templates = [...new Set(x.enrollments.map((e) => e.templateId))].sort();
  for (const templateId of templates) {
    const all = [...facts.values()].filter((f) => f.e.templateId === templateId);
    rows.push(row('template', templateId, null, null, all, () => true));
    // per language when the template's callers got texts in more than one (a Spanish line beside English)
    const languages = [...new Set(all.map((f) => f.language))].sort();
    if (languages.length > 1) {
      for (const language of languages) rows.push({ ...row('language', templateId, null, null, all.filter((f) => f.language === language), () => true), language });
    }
    const steps = [...new Set(all.flatMap((f) => f.sent.map((s) => s.stepId)))];
    // steps in the order they were first sent
    const firstSent = (id: string) => Math.min(...all.flatMap((f) => f.sent.filter((s) => s.stepId === id).map((s) => s.at)));
    steps.sort((a, b) => firstSent(a) - firstSent(b) || a.localeCompare(b));
    for (const stepId of steps) {
      const match = (s: { stepId: string }) => s.stepId === stepId;
      const step = row('step', templateId, stepId, null, all.filter((f) => f.sent.some(match)), match);
      const variants = [...new Set(all.flatMap((f) => f.sent.filter(match).map((s) => s.variant)))].filter((v): v is string => v !== null).sort();
      const variantRows = variants.map((variant) => {
        const vm = (s: { stepId: string; variant: string | null }) => s.stepId === stepId && s.variant === variant;
        return row('variant', templateId, stepId, variant, all.filter((f) => f.sent.some(vm)), vm);
      });
      if (variantRows.length > 0) {
        const verdict = variantVerdict(variantRows, options.winnerMetric ?? 'reengagement');
        variantRows.forEach((r, i) => (r.comparison = verdict.comparisons[i]!));
        if (variantRows.length >= 2) step.winningVariant = verdict.winningVariant;
      }
      rows.push(step, ...variantRows);
    }
  }
  return rows;
}

/** The language an enrollment's texts go out in before any is sent: its stored template's language for the department its call reached. */
function languageOf(e: Enrollment): string {
  const t = parseStoredTemplate(e.template);
  if (!t.success) return 'en';
  const dept = obj(e.callEvent)?.department;
  return callerLanguage(t.data, typeof dept === 'string' ? dept : null);
}

/** Stored events grouped per provider + callId, each call's in arrival order (payloads that are objects). */
function callsOf(events: readonly StoredCallEvent[]): StoredCallEvent[][] {
  const calls = new Map<string, StoredCallEvent[]>();
  for (const s of events) {
    if (obj(s.payload) === null) continue;
    const key = `${s.provider}\u0000${s.callId}`;
    const call = calls.get(key);
    if (call) call.push(s);
    else calls.set(key, [s]);
  }
  return [...calls.values()].map((c) => c.sort((a, b) => a.seq - b.seq));
}

type SentTouch = EnrollmentFacts['sent'][number];

function row(
  level: KpiRow['level'],
  templateId: string,
  stepId: string | null,
  variant: string | null,
  cohort: EnrollmentFacts[],
  match: (s: SentTouch) => boolean,
): KpiRow {
  /** first instant of the outcomes when this row counts it (last-touch attribution below a template) */
  const counted = (f: EnrollmentFacts, o: Outcome[]): number | undefined => {
    const times = o.map((k) => f.outcomes.get(k)).filter((t): t is number => t !== undefined);
    if (times.length === 0) return undefined;
    const at = Math.min(...times);
    if (level === 'template' || level === 'language') return at;
    const last = f.sent.filter((s) => s.at <= at).pop();
    return last !== undefined && match(last) ? at : undefined;
  };
  const counts = (o: Outcome | Outcome[]) => cohort.filter((f) => counted(f, Array.isArray(o) ? o : [o]) !== undefined).length;
  const seconds = (f: EnrollmentFacts, at: number) => Math.round((at - callInstantOf(f.e)) / 1000);
  const pct = (sorted: number[]): Percentiles => ({ n: sorted.length, p50Seconds: percentile(sorted, 0.5), p90Seconds: percentile(sorted, 0.9) });
  const ttft = cohort
    .filter((f) => f.sent.length > 0 && (level === 'template' || level === 'language' || match(f.sent[0]!)))
    .map((f) => seconds(f, f.sent[0]!.at))
    .sort((a, b) => a - b);
  const tth = cohort
    .flatMap((f) => {
      const at = counted(f, ['human']);
      return at === undefined ? [] : [seconds(f, at)];
    })
    .sort((a, b) => a - b);
  const deliveries = cohort.flatMap((f) => f.sent.filter((s) => level === 'template' || level === 'language' || match(s)).map((s) => s.delivery));
  const delivered = deliveries.filter((d) => d === 'delivered').length;
  const undelivered = deliveries.filter((d) => d === 'undelivered').length;
  const n = cohort.length;
  const responses = counts('response');
  const reengaged = counts(['response', 'callback']);
  const conversions = counts('conversion');
  const optOuts = counts('optOut');
  return {
    level,
    templateId,
    language: null,
    stepId,
    variant,
    enrollments: n,
    touched: cohort.filter((f) => f.sent.length > 0).length,
    timeToFirstTouch: pct(ttft),
    responses,
    responseRate: rate(responses, n),
    reengaged,
    reengagementRate: rate(reengaged, n),
    conversions,
    conversionRate: rate(conversions, n),
    optOuts,
    optOutRate: rate(optOuts, n),
    delivered,
    undelivered,
    deliveryRate: rate(delivered, delivered + undelivered),
    humanReached: tth.length,
    humanReachRate: rate(tth.length, n),
    timeToHuman: pct(tth),
    comparison: null,
    winningVariant: null,
  };
}
