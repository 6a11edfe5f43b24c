import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { decide, type Decision } from '../../shared/compliance';
import { analyzePhone } from '../../shared/phone';
import { itemPhone } from './itemPhone';
import { freshCarrierLineType } from '../ledger/freshCarrierLineType';
import type { Ledger, SequenceMove } from '../ledger/Ledger';
import { isLedgerError } from '../ledger/LedgerError';
import { openLedger } from '../shared/openLedger';
import { maskPhone } from '../shared/maskPhone';
import { invalidNumbersMessage, parseNumberList } from '../shared/parseNumberList';
import { parseCurrentTime } from '../shared/parseCurrentTime';
import { OUTPUTS } from './description';
import { gateNext, sequenceAfterGate } from './sequenceAfterGate';
import {
  decideInput,
  fieldAt,
  isTrue,
  itemBusinessWindow,
  itemLineType,
  itemRequiredConsent,
  parseConsent,
  resolveChannel,
  resolveClassification,
  touchRef,
  type GateChannel,
  type LineTypeOrigin,
} from './gateInput';

const DAY_MS = 86_400_000;

interface GateOptions {
  lineTypeField?: string;
  defaultCountry?: string;
  highValueField?: string;
  highValueNumbers?: string;
  horizonDays?: number;
  maxPer24h?: number;
  completeTouches?: boolean;
  rescheduleDeferred?: boolean;
  sensitiveIndustry?: boolean;
  stateWindowsForSms?: boolean;
  windowsForEmail?: boolean;
}

/** The decision on an item, plus `internal` for notify_agent steps that were not judged. */
export type GateDecision = Decision & { internal?: true };

/** What the gate did to the item's touch in the ledger. */
export type TouchUpdate = 'none' | 'rescheduled' | 'blocked' | 'manual' | 'invalid_transition';

/** notify_agent steps reach an agent, not the consumer: no window, consent or cap applies. */
function internalDecision(): GateDecision {
  return { verdict: 'send', notBefore: null, zones: [], rules: [], reasons: [], internal: true };
}

/**
 * Reschedules a deferred touch, or closes a blocked/manual one; a block moves the sequence on in the
 * same ledger transaction as the closing (`moved`, see gateNext).
 */
async function updateTouch(
  ledger: Ledger,
  touchId: string | undefined,
  d: GateDecision,
  o: GateOptions,
  now: number,
): Promise<{ update: TouchUpdate; moved: SequenceMove | null }> {
  const none = { update: 'none' as TouchUpdate, moved: null };
  if (touchId === undefined) return none;
  try {
    const codes = d.reasons.map((r) => r.code);
    if (d.verdict === 'defer' && d.notBefore !== null && o.rescheduleDeferred !== false) {
      await ledger.rescheduleTouch(touchId, Date.parse(d.notBefore), `gate_defer:${codes.join(',')}`, now);
      return { update: 'rescheduled', moved: null };
    }
    if ((d.verdict === 'block' || d.verdict === 'manual') && o.completeTouches !== false) {
      const done = await ledger.completeTouch(touchId, { status: d.verdict === 'block' ? 'blocked' : 'manual', detail: { reasons: codes }, now }, gateNext(d.verdict, codes));
      return { update: d.verdict === 'block' ? 'blocked' : 'manual', moved: done.sequence };
    }
  } catch (e) {
    // e.g. the contact opted out and the touch was cancelled after it was claimed
    if (isLedgerError(e, 'invalid_transition')) return { update: 'invalid_transition', moved: null };
    // eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- no node here; executeGate wraps it in a NodeOperationError with the item index
    throw e;
  }
  return none;
}

/**
 * Judges every item with shared `decide()` and routes it to Send / Defer / Block / Manual with
 * `gate: Decision` added. Items carrying `touch.id` (from the Sequence Scheduler, and the
 * trigger's first touches) are rescheduled on Defer and marked blocked/manual in the ledger; then
 * the sequence moves on (`gateSequence`, see sequenceAfterGate): a per-message block schedules the
 * next step, a contact-level block ends the enrollment, Manual hands it to a person.
 * Every decision is audited (`kind: 'decision'`).
 */
export async function executeGate(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
  const items = this.getInputData();
  const out: INodeExecutionData[][] = OUTPUTS.map(() => []);
  if (items.length === 0) return out;
  const ledger = await openLedger(this);
  const zone = this.getTimezone();

  for (let i = 0; i < items.length; i++) {
    const json = items[i]!.json;
    try {
      const now = parseCurrentTime(this.getNodeParameter('currentTime', i, ''), zone, Date.now());
      if (now === null) throw new NodeOperationError(this.getNode(), 'Current Time is not a valid date.', { itemIndex: i });
      const rawPhone = this.getNodeParameter('phone', i, '');
      const given = typeof rawPhone === 'number' ? String(rawPhone) : typeof rawPhone === 'string' ? rawPhone.trim() : '';
      const phoneText = given || itemPhone(json);
      if (phoneText === '') {
        throw new NodeOperationError(this.getNode(), 'The Phone parameter is empty for this item, and the item has no touch.phone, contact.phone or call.from.', {
          itemIndex: i,
          description: 'Set Phone to the contact’s number, e.g. {{ $json.touch.phone }} (n8n expressions cannot read a field named "caller").',
        });
      }
      const o = this.getNodeParameter('options', i, {}) as GateOptions;
      const channel: GateChannel | null = resolveChannel(this.getNodeParameter('channel', i, 'fromItem') as string, json);
      if (channel === null) {
        throw new NodeOperationError(this.getNode(), 'The item names no channel (sms, email, callback_task, notify_agent).', {
          itemIndex: i,
          description: 'With Channel "From Item", the item needs step.channel or channel; otherwise pick a channel.',
        });
      }
      const classification = resolveClassification(this.getNodeParameter('classification', i, 'fromItem') as string, json);
      if (classification === null) {
        throw new NodeOperationError(this.getNode(), 'Classification must be informational or marketing.', { itemIndex: i });
      }
      const overrideRaw = this.getNodeParameter('consentOverride', i, '');
      const overrideText = typeof overrideRaw === 'string' ? overrideRaw.trim() : overrideRaw;
      const consentOverride = overrideText === '' || overrideText === null || overrideText === undefined ? null : parseConsent(overrideText);
      if (overrideText !== '' && overrideText !== null && overrideText !== undefined && consentOverride === null) {
        throw new NodeOperationError(this.getNode(), 'Consent Override must be none, informational, marketing or written.', { itemIndex: i });
      }

      const defaultCountry = o.defaultCountry || 'US';
      const lineTypeField = o.lineTypeField ?? 'lineType';
      const itemType = itemLineType(json, lineTypeField);
      let info = analyzePhone(phoneText, { defaultCountry, ...(itemType !== null ? { carrierLineType: itemType } : {}) });
      let lineTypeOrigin: LineTypeOrigin = itemType !== null ? { from: 'item', field: lineTypeField, carrier: itemType } : { from: 'number' };
      const ref = touchRef(json);

      let decision: GateDecision;
      let consent: string | null = null;
      let required: string | null = null;
      if (channel === 'internal') decision = internalDecision();
      else {
        const { contact, recentSends } = info ? await ledger.contactForGate(info.e164, now - DAY_MS) : { contact: null, recentSends: [] };
        // no line type on the item: the contact's carrier line type on record (e.g. the trigger's Twilio
        // Lookup), while younger than 30 days (numbers port)
        const stored = itemType === null && info ? freshCarrierLineType(contact, now) : null;
        if (info && stored) {
          info = analyzePhone(info.e164, { defaultCountry, carrierLineType: stored.type }) ?? info;
          lineTypeOrigin = { from: 'ledger', carrier: stored.type, source: stored.source, learnedAt: new Date(stored.at).toISOString() };
        }
        const listed = parseNumberList(o.highValueNumbers ?? '', (n) => analyzePhone(n, { defaultCountry })?.e164 ?? null);
        if (listed.invalid.length > 0) {
          throw new NodeOperationError(this.getNode(), invalidNumbersMessage('High-Value Numbers', listed.invalid), {
            itemIndex: i,
            description: `List numbers with their country code (or in the Default Country, ${defaultCountry}), separated by commas or lines.`,
          });
        }
        const highValueNumbers = new Set(listed.numbers);
        const templateCap = Number(fieldAt(json, 'template.sendWindow.maxPer24h'));
        const businessHours = itemBusinessWindow(json);
        if (typeof businessHours === 'string') {
          throw new NodeOperationError(this.getNode(), 'The item’s template says “send during business hours only” but gives no business time zone.', {
            itemIndex: i,
            description: `Set ${businessHours} (an IANA zone such as America/Chicago), or turn the setting off in the template.`,
          });
        }
        const requiredConsent = itemRequiredConsent(json);
        if (typeof requiredConsent === 'object') {
          throw new NodeOperationError(this.getNode(), 'The item’s template requires a consent level that is not one of none, informational, marketing or written.', {
            itemIndex: i,
            description: `Set ${requiredConsent.invalid} to informational, marketing or written (the template’s “Consent required”).`,
          });
        }
        const input = decideInput({
          now,
          phone: info,
          channel,
          classification,
          consentOverride,
          requiredConsent,
          contact,
          recentSends,
          maxPer24h: o.maxPer24h && o.maxPer24h > 0 ? o.maxPer24h : templateCap > 0 ? templateCap : undefined,
          sensitiveIndustry: o.sensitiveIndustry === true,
          highValueAccount: isTrue(fieldAt(json, o.highValueField ?? 'highValueAccount')) || (info !== null && highValueNumbers.has(info.e164)),
          horizonDays: o.horizonDays,
          stateWindowsForSms: o.stateWindowsForSms,
          windowsForEmail: o.windowsForEmail,
          businessHours,
        });
        consent = input.consent;
        required = input.requiredConsent ?? null;
        decision = decide(input);
      }

      const { update: touch, moved } = await updateTouch(ledger, ref?.id, decision, o, now);
      const sequence = await sequenceAfterGate(ledger, ref?.id, touch, decision.reasons.map((r) => r.code), now, moved);
      await ledger.audit({
        kind: 'decision',
        phone: info?.e164 ?? null,
        enrollmentId: ref?.enrollmentId ?? null,
        touchId: ref?.id ?? null,
        data: {
          verdict: decision.verdict,
          notBefore: decision.notBefore,
          reasons: decision.reasons.map((r) => r.code),
          channel,
          classification,
          consent,
          ...(required !== null ? { requiredConsent: required } : {}),
          zones: decision.zones,
          rules: decision.rules,
          lineType: info ? { type: info.lineType, ...lineTypeOrigin } : null,
          touchUpdate: touch,
          ...(sequence ? { sequence } : {}),
          ...(info ? {} : { phone: maskPhone(phoneText) }),
        },
        now,
      });
      const result: IDataObject = { ...json, gate: decision as unknown as IDataObject };
      if (touch !== 'none') result.gateTouchUpdate = touch;
      if (sequence) result.gateSequence = sequence as unknown as IDataObject;
      out[OUTPUTS.indexOf(decision.verdict)]!.push({ json: result, pairedItem: { item: i } });
    } catch (error) {
      if (this.continueOnFail()) {
        out[OUTPUTS.indexOf('block')]!.push({
          json: { ...json, error: error instanceof Error ? error.message : String(error) },
          pairedItem: { item: i },
        });
        continue;
      }
      throw error instanceof NodeOperationError
        ? error
        : new NodeOperationError(this.getNode(), error instanceof Error ? error : String(error), { itemIndex: i });
    }
  }
  return out;
}
