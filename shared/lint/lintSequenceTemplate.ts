import { ENROLLING_CALL_CLASSES, type EnrollingCallClass, type SequenceTemplate, type Step } from '../schema/sequenceTemplate';
import { LINT_RULES, type LintCode } from './codes';
import { renderTemplate, smsEncoding } from '../template';
import { findPlaceholders, isKnownPlaceholder } from './placeholders';
import { departmentLineFindings } from './departmentLines';
import { stepOffsets } from './stepOffsets';
import { hasNextStep, hasOptOut, isGeneric, namesBusiness } from './textChecks';
import { fingerprint, jaccardIds, NEAR_DUPLICATE_THRESHOLD, type TextFingerprint } from './textSimilarity';
import type { Diagnostic } from './types';

/** The first SMS or email must go out within this many minutes of the call. */
export const FIRST_TOUCH_MAX_MINUTES = 2;
export const MIN_TOUCHES = 3;
export const MAX_TOUCHES = 7;
/** Strictest state cap (FL/OK/MD/OR): at most 3 touches in any 24 h window. */
export const STATE_CAP_PER_24H = 3;
export const MAX_SMS_SEGMENTS = 3;
export const FINAL_TOUCH_MAX_MINUTES = 7 * 24 * 60;
const DAY = 24 * 60;

/** Channels that reach the consumer (a callback task is an agent's call to them). */
const TOUCH_CHANNELS = new Set(['sms', 'email', 'callback_task']);
/** Channels whose text the consumer reads. */
const MESSAGE_CHANNELS = new Set(['sms', 'email']);

/** One text the consumer may read: a step's base text, a variant, or a first-message override. */
interface Unit {
  label: string;
  channel: 'sms' | 'email';
  /** all of it: SMS text, or email subject + text */
  full: string;
  /** compared for duplicates: SMS text or email text */
  body: string;
}

interface TimedStep {
  step: Step;
  index: number;
  minutes: number;
}

function baseUnits(step: Step): Unit[] {
  if (step.channel === 'sms') {
    const m = step.message;
    return [
      { label: 'text', channel: 'sms', full: m.text, body: m.text },
      ...(m.variants ?? []).map((v): Unit => ({ label: `variant "${v.id}"`, channel: 'sms', full: v.text, body: v.text })),
    ];
  }
  if (step.channel === 'email') {
    const m = step.message;
    return [
      { label: 'text', channel: 'email', full: `${m.subject}\n${m.text}`, body: m.text },
      ...(m.variants ?? []).map(
        (v): Unit => ({ label: `variant "${v.id}"`, channel: 'email', full: `${v.subject ?? m.subject}\n${v.text}`, body: v.text }),
      ),
    ];
  }
  return [];
}

/** Every string that the renderer fills, with a label for messages. */
function renderedStrings(step: Step): [string, string][] {
  switch (step.channel) {
    case 'sms':
      return [['text', step.message.text], ...(step.message.variants ?? []).map((v): [string, string] => [`variant "${v.id}"`, v.text])];
    case 'email': {
      const m = step.message;
      const out: [string, string][] = [['subject', m.subject], ['text', m.text]];
      if (m.html) out.push(['html', m.html]);
      for (const v of m.variants ?? []) {
        if (v.subject) out.push([`variant "${v.id}" subject`, v.subject]);
        out.push([`variant "${v.id}" text`, v.text]);
        if (v.html) out.push([`variant "${v.id}" html`, v.html]);
      }
      return out;
    }
    case 'callback_task':
      return step.message.notes ? [['title', step.message.title], ['notes', step.message.notes]] : [['title', step.message.title]];
    case 'notify_agent':
      return [['text', step.message.text]];
  }
}

/** Rendered length estimate for segment counting: placeholders replaced by realistic values. */
function sampleValues(t: SequenceTemplate): Record<string, string> {
  const longestDept = t.business.departments.reduce((a, d) => (d.name.length > a.length ? d.name : a), '');
  return {
    businessName: t.business.name,
    callerName: 'Alexandra Johnson',
    callerFirstName: 'Alexandra',
    department: longestDept || 'Customer Service',
    callbackLink: t.business.callbackLink ?? 'https://example.com/book/a1b2c3',
    callbackNumber: t.business.callbackNumber ?? '+1 (555) 555-0123',
    agentName: 'Alexandra',
    calledAt: '10:45 AM',
    nextOpening: 'Wednesday at 10:30 AM',
  };
}

class Collector {
  readonly list: Diagnostic[] = [];
  private readonly seen = new Set<string>();
  add(code: LintCode, stepId: string | null, message: string): void {
    const key = `${code}\u0000${stepId}\u0000${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ code, severity: LINT_RULES[code].severity, stepId, message });
  }
}

/** Template-level and per-step rules on a parsed template. See `LINT_RULES` for the codes. */
export function lintSequenceTemplate(t: SequenceTemplate): Diagnostic[] {
  const out = new Collector();
  const offsets = stepOffsets(t);
  const timed: TimedStep[] = t.steps.map((step, index) => ({ step, index, minutes: offsets[index].minutes }));
  const byTime = [...timed].sort((a, b) => a.minutes - b.minutes || a.index - b.index);

  // --- template settings
  for (const f of departmentLineFindings(t.business)) out.add(f.code, null, f.message);
  if (!t.exit.onReply) out.add('NO_EXIT_ON_REPLY', null, 'exit.onReply is off: a reply must end the automation and hand over to a person.');
  if (t.classification === 'marketing' && t.consent.required !== 'written') {
    out.add('MARKETING_NO_WRITTEN_CONSENT', null, `Marketing sequences need prior express written consent; consent.required is "${t.consent.required}".`);
  }

  // --- per call-class path (onlyIf filters make paths differ); findings merged across paths
  const classes = [...new Set(t.trigger.classes)];
  const pathFindings = new Map<string, { code: LintCode; stepId: string | null; message: string; classes: EnrollingCallClass[] }>();
  const overrideUnits = new Map<number, Unit[]>();
  const overrideTarget = new Map<EnrollingCallClass, string>();
  const pathResults = new Map<string, string[]>();
  const tokens: TokenCache = { dictionary: new Map(), byStep: new Map() };
  for (const cls of classes) {
    const path = byTime.filter((s) => !s.step.onlyIf || s.step.onlyIf.classes.includes(cls));
    const override = t.trigger.firstMessage?.[cls];
    const firstSms = path.find((s) => s.step.channel === 'sms');
    if (override && firstSms) {
      const list = overrideUnits.get(firstSms.index) ?? [];
      list.push({ label: `trigger.firstMessage.${cls}`, channel: 'sms', full: override, body: override });
      overrideUnits.set(firstSms.index, list);
      overrideTarget.set(cls, firstSms.step.id);
    }
    // identical paths (the common case: no onlyIf) are linted once
    const pathKey = `${path.map((s) => s.index).join(',')}\u0000${override ?? ''}`;
    let keys = pathResults.get(pathKey);
    if (!keys) {
      const list: string[] = [];
      lintPath(t, path, cls, override, tokens, (code, stepId, message) => {
        const key = `${code}\u0000${stepId}\u0000${message}`;
        if (!pathFindings.has(key)) pathFindings.set(key, { code, stepId, message, classes: [] });
        if (!list.includes(key)) list.push(key);
      });
      pathResults.set(pathKey, (keys = list));
    }
    for (const key of keys) pathFindings.get(key)?.classes.push(cls);
  }
  for (const f of pathFindings.values()) {
    const scope = f.classes.length < classes.length ? ` (for ${f.classes.join(', ')} calls)` : '';
    out.add(f.code, f.stepId, f.message + scope);
  }

  // --- per step
  const values = sampleValues(t);
  const hasDeptQueue = t.business.departments.length > 0;
  for (const { step, index, minutes } of timed) {
    const prev = index > 0 ? timed[index - 1] : null;
    if (step.delay.from === 'call' && prev && minutes < prev.minutes) {
      out.add('DELAY_ORDER', step.id, `Timed ${minutes} min from the call, before step "${prev.step.id}" above it (${prev.minutes} min).`);
    }
    if (TOUCH_CHANNELS.has(step.channel) && minutes > FINAL_TOUCH_MAX_MINUTES) {
      out.add('FINAL_TOO_LATE', step.id, `Lands ${formatMinutes(minutes)} after the call; past 7 days a follow-up feels unrelated to the call.`);
    }
    if (step.channel === 'callback_task' && !step.message.queue && !hasDeptQueue) {
      out.add('CALLBACK_NO_QUEUE', step.id, 'Callback task has no queue and the business has no department queue to route it to.');
    }
    for (const [label, text] of renderedStrings(step)) {
      for (const p of findPlaceholders(text)) {
        if (!isKnownPlaceholder(p.name)) out.add('UNKNOWN_PLACEHOLDER', step.id, `Unknown placeholder ${p.raw} in ${label}.`);
      }
    }
    if (!MESSAGE_CHANNELS.has(step.channel)) continue;
    for (const u of [...baseUnits(step), ...(overrideUnits.get(index) ?? [])]) {
      lintUnit(t, step, u, values, out);
    }
  }
  for (const cls of ENROLLING_CALL_CLASSES) {
    const text = t.trigger.firstMessage?.[cls];
    for (const p of text ? findPlaceholders(text) : []) {
      if (!isKnownPlaceholder(p.name)) {
        out.add('UNKNOWN_PLACEHOLDER', overrideTarget.get(cls) ?? null, `Unknown placeholder ${p.raw} in trigger.firstMessage.${cls}.`);
      }
    }
  }
  return out.list;
}

function lintUnit(t: SequenceTemplate, step: Step, u: Unit, values: Record<string, string>, out: Collector): void {
  const where = u.label === 'text' ? '' : ` (${u.label})`;
  const ph = findPlaceholders(u.full);
  if (!namesBusiness(u.full, t.business, ph)) {
    out.add('MISSING_BUSINESS_NAME', step.id, `Message${where} names neither {{businessName}} nor "${t.business.name}".`);
  }
  if (!hasNextStep(u.full, t.business, ph)) {
    out.add('MISSING_NEXT_STEP', step.id, `Message${where} gives no next step: add {{callbackLink}}, {{callbackNumber}} or a "reply"/"call us" line.`);
  }
  if (isGeneric(u.full, ph)) {
    out.add('GENERIC_TEXT', step.id, `Message${where} reads as a generic "sorry we missed you"; add {{callerFirstName}}, {{department}} or {{agentName}}.`);
  }
  if (u.channel === 'sms') {
    const seg = smsEncoding(ph.length ? renderTemplate(u.full, values).text : u.full);
    if (seg.segments > MAX_SMS_SEGMENTS) {
      out.add('SMS_SEGMENTS', step.id, `SMS${where} needs about ${seg.segments} segments (${seg.encoding}, ${seg.units} units); keep it to ${MAX_SMS_SEGMENTS}.`);
    }
  }
}

/** Fingerprints of each step's texts, shared by all call-class paths. */
interface TokenCache {
  dictionary: Map<string, number>;
  byStep: Map<number, TextFingerprint[]>;
}

type Add = (code: LintCode, stepId: string | null, message: string) => void;

function lintPath(
  t: SequenceTemplate,
  path: TimedStep[],
  cls: EnrollingCallClass,
  override: string | undefined,
  tokenCache: TokenCache,
  add: Add,
): void {
  const touches = path.filter((s) => TOUCH_CHANNELS.has(s.step.channel));
  const messages = touches.filter((s) => MESSAGE_CHANNELS.has(s.step.channel));

  const first = messages[0];
  if (!first) add('FIRST_TOUCH_LATE', null, `No SMS or email reaches the caller; the first touch should go out within ${FIRST_TOUCH_MAX_MINUTES} min.`);
  else if (first.minutes > FIRST_TOUCH_MAX_MINUTES) {
    add('FIRST_TOUCH_LATE', first.step.id, `First message goes out ${formatMinutes(first.minutes)} after the call; send it within ${FIRST_TOUCH_MAX_MINUTES} min.`);
  }

  const firstSms = path.find((s) => s.step.channel === 'sms');
  if (firstSms) {
    const units = override ? [{ label: `trigger.firstMessage.${cls}`, text: override }] : baseUnits(firstSms.step).map((u) => ({ label: u.label, text: u.full }));
    for (const u of units) {
      if (!hasOptOut(u.text)) {
        const where = u.label === 'text' ? '' : ` (${u.label})`;
        add('FIRST_SMS_NO_OPTOUT', firstSms.step.id, `First SMS${where} must say how to opt out, e.g. "Reply STOP to opt out".`);
      }
    }
  }

  if (touches.length < MIN_TOUCHES) add('TOO_FEW_TOUCHES', null, `Only ${touches.length} consumer touch(es); ${MIN_TOUCHES}–${MAX_TOUCHES} recover more callers.`);
  if (touches.length > MAX_TOUCHES) add('TOO_MANY_TOUCHES', null, `${touches.length} consumer touches; keep it to ${MAX_TOUCHES} or fewer.`);

  let run = 1;
  for (let i = 1; i < touches.length; i++) {
    run = touches[i].step.channel === touches[i - 1].step.channel ? run + 1 : 1;
    if (run === 3) add('SAME_CHANNEL_3X', touches[i].step.id, `Third ${touches[i].step.channel} touch in a row; mix channels.`);
  }

  const cap = Math.min(STATE_CAP_PER_24H, t.sendWindow.maxPer24h ?? Infinity);
  const capName = (t.sendWindow.maxPer24h ?? Infinity) < STATE_CAP_PER_24H ? `sendWindow.maxPer24h (${cap})` : `the strictest state cap (${cap} per 24 h: FL/OK/MD/OR)`;
  for (let i = 0, j = 0; j < touches.length; j++) {
    while (touches[j].minutes - touches[i].minutes > DAY) i++;
    if (j - i + 1 > cap) {
      add('CAP_VIOLATION', touches[j].step.id, `${j - i + 1} consumer touches within 24 h (from step "${touches[i].step.id}"); exceeds ${capName}.`);
    }
  }

  // each touch should add something new: compare every message text with those of earlier steps
  const seen: (TextFingerprint & { stepId: string })[] = [];
  for (const m of messages) {
    let current = tokenCache.byStep.get(m.index);
    if (!current) {
      current = baseUnits(m.step).map((u) => fingerprint(u.body, tokenCache.dictionary));
      tokenCache.byStep.set(m.index, current);
    }
    let reported = false;
    for (const c of current) {
      if (reported) break;
      for (const s of seen) {
        if (c.key === s.key) {
          add('DUPLICATE_TEXT', m.step.id, `Repeats the text of step "${s.stepId}"; each touch should add something new.`);
          reported = true;
          break;
        }
        const sim = jaccardIds(c.ids, s.ids);
        if (sim >= NEAR_DUPLICATE_THRESHOLD) {
          add('NEAR_DUPLICATE_TEXT', m.step.id, `Nearly identical to step "${s.stepId}" (${Math.round(sim * 100)}% same words); each touch should add something new.`);
          reported = true;
          break;
        }
      }
    }
    for (const c of current) seen.push({ stepId: m.step.id, ...c });
  }
}

/** 90 → "1 h 30 min", 2880 → "2 d". */
export function formatMinutes(minutes: number): string {
  const d = Math.floor(minutes / DAY);
  const h = Math.floor((minutes % DAY) / 60);
  const m = minutes % 60;
  return [d ? `${d} d` : '', h ? `${h} h` : '', m || minutes === 0 ? `${m} min` : ''].filter(Boolean).join(' ');
}
