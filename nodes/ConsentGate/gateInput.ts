/**
 * Maps one item + the node's parameters + the contact's ledger state onto `decide()`'s input.
 * No I/O here: the router fetches the ledger state and passes it in.
 */
import type { IDataObject } from 'n8n-workflow';
import { CONSENT_LEVELS, type BusinessWindow, type Channel, type Classification, type Consent, type DecideInput } from '../../shared/compliance';
import { stepBusinessWindow, type BusinessHours } from '../../shared/hours';
import type { PhoneInfo } from '../../shared/phone';
import type { ContactState } from '../ledger/Ledger';

/** `internal`: a notify_agent step, which contacts no consumer and is never judged. */
export type GateChannel = Channel | 'internal';

const DAY_MS = 86_400_000;

/** Value at a dotted path (`a.b.c`) of an item, or undefined. */
export function fieldAt(json: unknown, path: string): unknown {
  if (!path) return undefined;
  let v: unknown = json;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/**
 * The channel to judge: the parameter, or with `fromItem` the item's `step.channel`
 * (else `channel`, `touch.channel`, `firstTouch.channel`). callback_task → voice, notify_agent → internal.
 * Null when the item names no usable channel.
 */
export function resolveChannel(param: string, json: IDataObject): GateChannel | null {
  const raw =
    param === 'fromItem'
      ? (fieldAt(json, 'step.channel') ?? json.channel ?? fieldAt(json, 'touch.channel') ?? fieldAt(json, 'firstTouch.channel'))
      : param;
  switch (raw) {
    case 'sms':
    case 'email':
    case 'voice':
      return raw;
    case 'callback_task':
      return 'voice';
    case 'notify_agent':
      return 'internal';
    default:
      return null;
  }
}

/** The parameter, or with `fromItem` the item's `template.classification` (informational when absent). */
export function resolveClassification(param: string, json: IDataObject): Classification | null {
  const raw = param === 'fromItem' ? (fieldAt(json, 'template.classification') ?? 'informational') : param;
  return raw === 'informational' || raw === 'marketing' ? raw : null;
}

/** A consent level from an override value; null when it is not one. */
export function parseConsent(v: unknown): Consent | null {
  return typeof v === 'string' && (CONSENT_LEVELS as readonly string[]).includes(v) ? (v as Consent) : null;
}

/**
 * The least consent the item's template requires (`template.consent.required`): undefined when the
 * item states none, `{ invalid: path }` when it states something that is not a consent level.
 * @example itemRequiredConsent({ template: { consent: { required: 'written' } } }) // 'written'
 */
export function itemRequiredConsent(json: IDataObject): Consent | undefined | { invalid: string } {
  const v = fieldAt(json, 'template.consent.required');
  if (v === undefined || v === null || v === '') return undefined;
  return parseConsent(v) ?? { invalid: 'template.consent.required' };
}

/** The touch an item carries: `touch` (scheduler) or `firstTouch` (trigger), when it has an id. */
export function touchRef(json: IDataObject): { id: string; enrollmentId: string | null } | null {
  for (const key of ['touch', 'firstTouch']) {
    const id = fieldAt(json, `${key}.id`);
    if (typeof id === 'string' && id !== '') {
      const e = fieldAt(json, `${key}.enrollmentId`) ?? fieldAt(json, 'enrollment.id');
      return { id, enrollmentId: typeof e === 'string' ? e : null };
    }
  }
  return null;
}

/**
 * The carrier line type an item states at `field` (e.g. Twilio Lookup's `landline`), or null when it
 * states none: missing, empty or `unknown` (then the contact's type on record in the ledger may apply).
 * @example itemLineType({ lineType: 'landline' }, 'lineType') // 'landline'
 */
export function itemLineType(json: IDataObject, field: string): string | null {
  const v = fieldAt(json, field);
  return typeof v === 'string' && v.trim() !== '' && v.trim() !== 'unknown' ? v.trim() : null;
}

/** Where the gate's line type came from (its audit entry's `lineType`, with the type it judged). */
export type LineTypeOrigin =
  | { from: 'item'; field: string; carrier: string }
  | { from: 'ledger'; carrier: string; source: string; learnedAt: string }
  /** the number alone (NANP: `unknown` but toll-free) */
  | { from: 'number' };

/** Truthy flags as n8n items carry them: true, 'true', 'yes', 1. */
export function isTrue(v: unknown): boolean {
  return v === true || v === 1 || (typeof v === 'string' && ['true', 'yes', '1'].includes(v.trim().toLowerCase()));
}

export interface GateFacts {
  now: number;
  phone: PhoneInfo | null;
  channel: Channel;
  classification: Classification;
  /** override from the item, or null to use the ledger */
  consentOverride: Consent | null;
  /** the template's minimum (`template.consent.required`), compared against the consent used */
  requiredConsent?: Consent;
  contact: ContactState | null;
  recentSends: number[];
  maxPer24h?: number;
  sensitiveIndustry: boolean;
  highValueAccount: boolean;
  horizonDays?: number;
  stateWindowsForSms?: boolean;
  windowsForEmail?: boolean;
  /** the template's opening hours, for a step held to them (`sendWindow.businessHoursOnly`) */
  businessHours?: BusinessWindow;
}

/** Whether the contact is opted out for the channel (voice: either channel, like the ledger's non-sms/email touches). */
export function optedOutFor(contact: ContactState | null, channel: Channel): boolean {
  if (!contact) return false;
  if (channel === 'sms') return contact.optOut.sms !== null;
  if (channel === 'email') return contact.optOut.email !== null;
  return contact.optOut.sms !== null || contact.optOut.email !== null;
}

/** decide() input for one item. */
export function decideInput(f: GateFacts): DecideInput {
  const consent: Consent = f.consentOverride ?? f.contact?.consent?.level ?? 'none';
  const recent = f.recentSends.filter((t) => t > f.now - DAY_MS && t <= f.now);
  return {
    now: f.now,
    phone: f.phone,
    channel: f.channel,
    classification: f.classification,
    consent,
    ...(f.requiredConsent ? { requiredConsent: f.requiredConsent } : {}),
    optedOut: optedOutFor(f.contact, f.channel),
    sentLast24h: recent.length,
    recentSends: recent,
    ...(f.maxPer24h !== undefined && f.maxPer24h > 0 ? { maxPer24h: f.maxPer24h } : {}),
    sensitiveIndustry: f.sensitiveIndustry,
    highValueAccount: f.highValueAccount,
    ...(f.horizonDays !== undefined ? { horizonDays: f.horizonDays } : {}),
    ...(f.stateWindowsForSms !== undefined ? { stateWindowsForSms: f.stateWindowsForSms } : {}),
    ...(f.windowsForEmail !== undefined ? { windowsForEmail: f.windowsForEmail } : {}),
    ...(f.businessHours ? { businessHours: f.businessHours } : {}),
  };
}

/**
 * The business window the item's step keeps: with the item's `template.sendWindow.businessHoursOnly`,
 * every step but those answering the call (`template.firstStepIds`: the first touch of the call's class),
 * and those too with `template.sendWindow.holdFirstTouch`.
 * Undefined when the setting is off or the item carries no template; a string error when it is on
 * but `template.business` has no time zone.
 */
export function itemBusinessWindow(json: IDataObject): BusinessWindow | undefined | string {
  if (!isTrue(fieldAt(json, 'template.sendWindow.businessHoursOnly'))) return undefined;
  const stepId = fieldAt(json, 'step.id') ?? fieldAt(json, 'touch.stepId') ?? fieldAt(json, 'firstTouch.stepId');
  // the step(s) answering the call are exempt unless held too: then the trigger's Enrolled item carries the business
  const answering = fieldAt(json, 'template.firstStepIds');
  const held = isTrue(fieldAt(json, 'template.sendWindow.holdFirstTouch'));
  if (!held && typeof stepId === 'string' && Array.isArray(answering) && answering.includes(stepId)) return undefined;
  const business = fieldAt(json, 'template.business') as BusinessHours | undefined;
  if (typeof business?.timeZone !== 'string' || business.timeZone === '') return 'template.business.timeZone';
  return stepBusinessWindow({ business, sendWindow: { businessHoursOnly: true } }, false);
}
