import { analyzePhone } from '../../../shared/phone';
import type { SequenceTemplate } from '../../../shared/schema/sequenceTemplate';
import { freshCarrierLineType, type Ledger } from '../../ledger';
import { maskPhone } from '../maskPhone';
import { callerLineType } from './callerLineType';
import { isOpenAt } from './isOpenAt';
import type { CallerInfo, DecidedCall, FilterReason, TriggerConfig } from './types';

/** Audit kind written for every call that triggered an enrollment (read by the repeat-caller filter). */
export const TRIGGERED_KIND = 'missed_call_triggered';

export type FilterResult =
  | { pass: true; caller: CallerInfo }
  | { pass: false; reason: FilterReason; detail: string; caller: CallerInfo | null };

export interface FilterDeps {
  ledger: Ledger;
  now: number;
  /**
   * carrier line type (Twilio Lookup `line_type_intelligence.type`); only called when enabled and no
   * type younger than 30 days is on record in the ledger (see callerLineType)
   */
  lookupLineType?: (e164: string) => Promise<string | null>;
}

/** Line types that can receive an SMS when "Mobile Only" is on. */
const TEXTABLE = new Set(['mobile', 'nonFixedVoip', 'voip']);

/**
 * Whether applyFilters reads nothing (no repeat-caller read of the ledger, no carrier line type), so
 * running it before the call is claimed costs a duplicate delivery no I/O. Mirrors the conditions below.
 * The line type counts as I/O even when the ledger has it: reading it is a ledger round trip (and a
 * miss is a paid Lookup plus a write) that a duplicate delivery would pay before its claim fails, and
 * the Lookup's HTTP request cannot run inside enrollOnce's transaction anyway. So with the lookup on,
 * the trigger claims first and prepares after (a duplicate costs one claim, no read, no Lookup).
 */
export function filtersReadNothing(cfg: TriggerConfig, deps: Pick<FilterDeps, 'lookupLineType'>): boolean {
  return !(cfg.repeatCallerMinutes > 0) && !(cfg.lookupLineType && deps.lookupLineType) && !cfg.mobileOnly;
}

/**
 * The trigger's filters, cheapest first: direction, class, caller number, ignore list, ring time,
 * calendar, repeat caller (ledger), line type (numbering plan, then the carrier's when the lookup is
 * enabled: recorded in the ledger for 30 days, else Twilio Lookup). With the lookup on, the carrier
 * line type is learned and recorded also when Mobile Only is off, so the Consent Gate can block texts
 * to a landline later in the sequence.
 */
export async function applyFilters(d: DecidedCall, cfg: TriggerConfig, template: SequenceTemplate, deps: FilterDeps): Promise<FilterResult> {
  const { call } = d;
  const no = (reason: FilterReason, detail: string, caller: CallerInfo | null = null): FilterResult => ({ pass: false, reason, detail, caller });

  if (cfg.inboundOnly && call.direction !== 'inbound') return no('NOT_INBOUND', `direction is ${call.direction}`);
  const cls = call.class as 'missed' | 'voicemail' | 'abandoned';
  if (!cfg.classes.includes(cls)) return no('CLASS_NOT_SELECTED', `class ${cls} is not selected on the trigger`);
  if (!template.trigger.classes.includes(cls)) return no('CLASS_NOT_SELECTED', `template ${template.id} does not enroll ${cls} calls`);

  const info = analyzePhone(call.from, { defaultCountry: cfg.defaultCountry });
  if (!info) return no('NO_CALLER_NUMBER', `caller number ${maskPhone(call.from) || '(none)'} is withheld or invalid`);
  const caller: CallerInfo = { phone: info.e164, masked: maskPhone(info.e164), lineType: info.lineType };

  if (cfg.ignoreNumbers.includes(info.e164)) return no('IGNORED_NUMBER', 'caller is on the ignore list', caller);
  if (cfg.minRingSeconds > 0 && call.ringSeconds !== null && call.ringSeconds < cfg.minRingSeconds) {
    return no('RING_TOO_SHORT', `rang ${call.ringSeconds}s, minimum ${cfg.minRingSeconds}s`, caller);
  }

  const when = cfg.calendar === 'template' ? template.trigger.when : cfg.calendar;
  if (when !== 'always') {
    const open = isOpenAt(template.business, d.callAt);
    if (when === 'open_hours' && !open) return no('OUTSIDE_CALENDAR', 'call came outside the opening hours', caller);
    if (when === 'after_hours' && open) return no('OUTSIDE_CALENDAR', 'call came during the opening hours', caller);
  }

  if (cfg.repeatCallerMinutes > 0) {
    const since = deps.now - cfg.repeatCallerMinutes * 60_000;
    const recent = await deps.ledger.auditTrail({ phone: info.e164, since, order: 'desc', limit: 200 });
    const earlier = recent.find((a) => a.kind === TRIGGERED_KIND && (a.data as { callId?: string } | null)?.callId !== call.callId);
    if (earlier) return no('REPEAT_CALLER', `the caller already triggered within ${cfg.repeatCallerMinutes} min (the trigger's Repeat-Caller Window; 0 turns it off)`, caller);
  }

  if (cfg.mobileOnly && info.lineType === 'landline') return no('NOT_MOBILE', 'landline by numbering plan', caller);
  if (cfg.lookupLineType && deps.lookupLineType) {
    const type = await callerLineType(info.e164, { ledger: deps.ledger, now: deps.now, lookupLineType: deps.lookupLineType });
    caller.lineType = type ?? 'unknown';
    // a failed or undecided lookup must not lose the call: it passes like a number never looked up
    // (the gate and the carrier still stop SMS to a landline); only a known non-mobile type is filtered
    if (cfg.mobileOnly && type !== null && type !== 'unknown' && !TEXTABLE.has(type)) return no('NOT_MOBILE', `carrier line type is ${type}`, caller);
  } else if (cfg.mobileOnly && info.lineType !== 'mobile' && info.lineType !== 'voip' && info.lineType !== 'unknown') {
    return no('NOT_MOBILE', `line type is ${info.lineType}`, caller);
  } else if (cfg.mobileOnly) {
    // no Lookup: a carrier line type the ledger learned otherwise (a text Twilio refused as a landline,
    // 30006) still counts while it is young; a failed read passes the call like an unknown number
    const stored = await deps.ledger.contact(info.e164).then(
      (c) => freshCarrierLineType(c, deps.now),
      () => null,
    );
    if (stored && stored.type !== 'unknown') {
      caller.lineType = stored.type;
      if (!TEXTABLE.has(stored.type)) return no('NOT_MOBILE', `carrier line type on record is ${stored.type} (${stored.source})`, caller);
    }
  }
  return { pass: true, caller };
}
