import { firstAllowedInstant, holidayOn, intervalsOn, versionOn, type RuleInZones, type WindowMode } from './allowedInstant';
import { weekdayOfDay } from './holidays';
import { capNotBefore, type Cap } from './capNotBefore';
import { consentRank } from './consentRank';
import { REASON_MESSAGES, REASON_VERDICT, type ReasonCode } from './reasons';
import { resolveRules } from './resolveRules';
import type { BusinessWindow, DecideInput, Decision, JurisdictionRule, Reason, Verdict } from './types';
import { DAY_MS, isoInstant, isoToDay, isValidZone, localStamp, zoneOffset } from './zoneClock';

const RANK: Record<Verdict, number> = { send: 0, defer: 1, manual: 2, block: 3 };

function reason(code: ReasonCode, detail?: string): Reason {
  return { code, message: detail ? `${REASON_MESSAGES[code]} ${detail}` : REASON_MESSAGES[code] };
}

const toMs = (s: Date | number): number => (typeof s === 'number' ? s : s.getTime());
const ruleId = (r: JurisdictionRule): string => r.id;
const needsWritten = (r: JurisdictionRule): boolean => r.marketingConsent === 'written';

/** Adds CAP_REACHED when `cap` is reached and returns the (possibly later) earliest start. */
function applyCap(cap: Cap, by: string, input: DecideInput, now: number, recent: number[] | undefined, t0: number, reasons: Reason[]): number {
  const nb = capNotBefore(cap, now, input.sentLast24h, recent);
  if (nb === null) return t0;
  reasons.push(reason('CAP_REACHED', `${by}: at most ${cap.max} per ${cap.hours} h.`));
  return nb > t0 ? nb : t0;
}

function windowMode(input: DecideInput): WindowMode {
  if (input.channel === 'sms') return input.stateWindowsForSms === false ? 'sms' : 'all';
  if (input.channel === 'email') return input.windowsForEmail === false ? 'none' : 'all';
  return 'all';
}

/** Why `now` is outside the windows: one reason per (code, rule), listing the zones concerned. */
function windowReasons(now: number, pairs: readonly RuleInZones[], mode: WindowMode, out: Reason[]): void {
  for (let p = 0; p < pairs.length; p++) {
    const { rule, zones, extra } = pairs[p]!;
    let holiday = '';
    let banned = '';
    let hours = '';
    for (let z = 0; z < zones.length; z++) {
      const zone = zones[z]!;
      const local = now + zoneOffset(zone, now);
      const day = Math.floor(local / DAY_MS);
      const ms = local - day * DAY_MS;
      const iv = intervalsOn(rule, day, mode, extra);
      if (iv === null || isInside(iv, ms)) continue;
      const where = `${zone} ${localStamp(day, ms)}`;
      if (iv.length > 0) {
        hours = hours ? `${hours}, ${where}` : where;
        continue;
      }
      if (holidayOn(rule, day, mode, extra)) holiday = holiday ? `${holiday}, ${where}` : where;
      if (versionOn(rule, day, mode)!.windows[weekdayOfDay(day)]!.length === 0) banned = banned ? `${banned}, ${where}` : where;
    }
    if (holiday) out.push(reason('HOLIDAY', `${rule.id} (${rule.name}) at local ${holiday}.`));
    if (banned) out.push(reason('DAY_BANNED', `${rule.id} (${rule.name}) at local ${banned}.`));
    if (hours) out.push(reason('QUIET_HOURS', `${rule.id} (${rule.name}) at local ${hours}.`));
  }
}

/** The template's business hours as a rule in the business zone, closures as banned days in [fromDay, toDay]. */
function businessPair(b: BusinessWindow, fromDay: number, toDay: number): RuleInZones {
  const rule: JurisdictionRule = {
    id: 'BUSINESS',
    name: 'Business hours (template: send during business hours only)',
    kind: 'template',
    holidayCalendar: null,
    cap: null,
    marketingConsent: 'express',
    versions: [{ windows: b.windows, holidaysBanned: false, channels: ['voice', 'sms', 'email'], textsCovered: 'yes', source: 'sequence template sendWindow.businessHoursOnly' }],
    source: 'sequence template sendWindow.businessHoursOnly',
  };
  let closed: Set<number> | null = null;
  for (const c of b.closures ?? []) {
    const from = isoToDay(c.from);
    const to = c.to === undefined ? from : isoToDay(c.to);
    for (let d = Math.max(from, fromDay); d <= Math.min(to, toDay); d++) (closed ??= new Set()).add(d);
  }
  return { rule, zones: [b.zone], extra: closed, mode: 'all' };
}

/** BUSINESS_HOURS when the business is closed at `now` (closed hours, weekday or closure day). */
function businessReason(now: number, pair: RuleInZones, out: Reason[]): void {
  const zone = pair.zones[0]!;
  const local = now + zoneOffset(zone, now);
  const day = Math.floor(local / DAY_MS);
  const ms = local - day * DAY_MS;
  const iv = intervalsOn(pair.rule, day, 'all', pair.extra);
  if (iv === null || isInside(iv, ms)) return;
  const why = pair.extra?.has(day) ? 'closure day' : iv.length === 0 ? 'closed that weekday' : 'closed at that hour';
  out.push(reason('BUSINESS_HOURS', `Business time ${zone} ${localStamp(day, ms)}: ${why}.`));
}

function isInside(intervals: readonly (readonly [number, number])[], ms: number): boolean {
  for (let i = 0; i < intervals.length; i++) if (ms >= intervals[i]![0] * 60_000 && ms < intervals[i]![1] * 60_000) return true;
  return false;
}

/**
 * Send now, defer (with the earliest allowed instant), block, or hand to a person.
 * Precedence block > manual > defer > send; every reason found is listed.
 * @example
 * decide({ now: Date.UTC(2027, 0, 14, 1, 45), phone: miami, channel: 'sms',
 *          classification: 'informational', consent: 'informational' })
 * // → { verdict: 'defer', notBefore: '2027-01-14T13:00:00.000Z', rules: ['US', 'US-FL'], … }
 */
export function decide(input: DecideInput): Decision {
  const now = typeof input.now === 'number' ? input.now : input.now.getTime();
  const { phone, channel } = input;
  const reasons: Reason[] = [];

  // 1. number & zones
  if (!phone) reasons.push(reason('INVALID_NUMBER'));
  let zones: string[] = phone ? phone.zones : [];
  if (input.extraZones && input.extraZones.length > 0) zones = [...new Set([...zones, ...input.extraZones])];
  let badZone = false;
  for (const z of zones) {
    if (!isValidZone(z)) {
      reasons.push(reason('UNKNOWN_ZONE', `Unknown IANA zone "${z}".`));
      badZone = true;
    }
  }
  if (badZone) zones = zones.filter(isValidZone);
  if (zones.length === 0 && !badZone) reasons.push(reason('UNKNOWN_ZONE'));
  if (phone && channel === 'sms') {
    if (phone.lineType === 'landline') reasons.push(reason('LANDLINE_SMS'));
    if (phone.lineType === 'toll_free') reasons.push(reason('TOLL_FREE_SMS'));
    if (phone.lineType === 'premium' || phone.lineType === 'pager') reasons.push(reason('PREMIUM_OR_PAGER_SMS'));
  }

  // 2. suppression & consent
  if (input.optedOut) reasons.push(reason('OPTED_OUT'));
  const rules = resolveRules(phone, input.extraJurisdictions);
  if (input.consent === 'none') reasons.push(reason('NO_CONSENT'));
  else if (input.classification === 'marketing') {
    const written = rules.filter(needsWritten);
    if (written.length > 0 && input.consent !== 'written') {
      reasons.push(reason('MARKETING_NEEDS_WRITTEN_CONSENT', `Required by ${written.map(ruleId).join(', ')}.`));
    } else if (input.consent === 'informational') {
      reasons.push(reason('MARKETING_NEEDS_EXPRESS_CONSENT', `Required by ${rules.map(ruleId).join(', ')}.`));
    }
  }
  // the template's own minimum (NO_CONSENT already covers a contact with none)
  if (input.consent !== 'none' && input.requiredConsent && consentRank(input.consent) < consentRank(input.requiredConsent)) {
    reasons.push(reason('CONSENT_BELOW_TEMPLATE', `Template requires ${input.requiredConsent}; the contact has ${input.consent}.`));
  }
  if (input.sensitiveIndustry) reasons.push(reason('SENSITIVE_INDUSTRY'));
  if (input.highValueAccount) reasons.push(reason('HIGH_VALUE_ACCOUNT'));

  // 3. frequency caps, then windows over every (zone, rule)
  const mode = windowMode(input);
  const outZones = zones.slice();
  let notBefore: number | null = null;
  if (zones.length > 0) {
    let extraDays: Map<string, Set<number>> | null = null;
    if (input.extraHolidays) {
      extraDays = new Map();
      for (const [id, dates] of Object.entries(input.extraHolidays)) extraDays.set(id, new Set(dates.map(isoToDay)));
    }
    const pairs: RuleInZones[] = [];
    for (const rule of rules) {
      if (rule.versions.length === 0) continue;
      let rz: readonly string[] = zones;
      if (rule.fixedZones) {
        rz = [...zones, ...rule.fixedZones];
        for (const f of rule.fixedZones) if (!outZones.includes(f)) outZones.push(f);
      }
      pairs.push({ rule, zones: rz, extra: extraDays?.get(rule.id) ?? null });
    }

    const horizon = input.horizonDays ?? 14;
    let business: RuleInZones | null = null;
    if (input.businessHours) {
      if (isValidZone(input.businessHours.zone)) {
        const today = Math.floor(now / DAY_MS);
        business = businessPair(input.businessHours, today - 1, today + Math.ceil(horizon) + 3);
        pairs.push(business);
      } else reasons.push(reason('UNKNOWN_ZONE', `Unknown IANA zone "${input.businessHours.zone}" of the business.`));
    }

    const recent = input.recentSends?.map(toMs);
    let t0 = now;
    if (mode !== 'none') {
      const today = Math.floor(now / DAY_MS);
      for (const r of rules) {
        if (r.cap && versionOn(r, today, mode)) t0 = applyCap(r.cap, r.id, input, now, recent, t0, reasons);
      }
    }
    if (input.maxPer24h !== undefined) t0 = applyCap({ max: input.maxPer24h, hours: 24 }, 'template', input, now, recent, t0, reasons);

    const limit = now + horizon * DAY_MS;
    const first = t0 > limit ? Infinity : firstAllowedInstant(t0, pairs, mode, limit, Math.ceil(horizon) + 2);
    if (first !== now) {
      windowReasons(now, business ? pairs.slice(0, -1) : pairs, mode, reasons);
      if (business) businessReason(now, business, reasons);
    }
    if (first === Infinity) reasons.push(reason('NO_ALLOWED_INSTANT', `Horizon ${horizon} days.`));
    else notBefore = first;
  }

  let verdict: Verdict = 'send';
  for (const r of reasons) if (RANK[REASON_VERDICT[r.code]] > RANK[verdict]) verdict = REASON_VERDICT[r.code];
  if (verdict === 'send') reasons.push(reason('ALLOWED'));
  return {
    verdict,
    notBefore: verdict === 'defer' && notBefore !== null ? isoInstant(notBefore) : null,
    zones: outZones,
    rules: rules.map(ruleId),
    reasons,
  };
}
