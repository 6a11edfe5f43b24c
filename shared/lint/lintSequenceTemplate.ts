import {
  ENROLLING_CALL_CLASSES,
  isSensitiveIndustry,
  LANGUAGES,
  LANGUAGE_NAMES,
  type EnrollingCallClass,
  type Language,
  type SequenceTemplate,
  type Step,
} from '../schema/sequenceTemplate';
import { stepLabel } from '../schema/stepLabel';
import { LINT_RULES, type LintCode } from './codes';
import { renderTemplate, smsEncoding, smsTextAsSent } from '../template';
import { findPlaceholders, isKnownPlaceholder } from './placeholders';
import { departmentLineFindings } from './departmentLines';
import { avoidableUcs2Finding } from './gsmFolding';
import { sensitiveDetail, type SensitiveDetail } from './sensitiveDetail';
import { stepOffsets } from './stepOffsets';
import { hasNextStep, hasOptOut, isGeneric, namesBusiness } from './textChecks';
import { fingerprint, jaccardIds, NEAR_DUPLICATE_THRESHOLD, type TextFingerprint } from './textSimilarity';
import { baseUnits, overrideUnit, renderedStrings, translationUnit, translationUnits, type Unit } from './textUnits';
import { translationFindings } from './translationFindings';
import type { Diagnostic } from './types';

/** The first SMS or email must go out within this many minutes of the call. */
export const FIRST_TOUCH_MAX_MINUTES = 2;
export const MIN_TOUCHES = 3;
export const MAX_TOUCHES = 7;
/** Strictest state cap (FL/OK/MD/OR): at most 3 touches in any 24 h window. */
export const STATE_CAP_PER_24H = 3;
export const MAX_SMS_SEGMENTS = 3;
export const FINAL_TOUCH_MAX_MINUTES = 7 * 24 * 60;
/**
 * SMS/email touches that can reach one caller closer than this are a TOUCHES_TOO_CLOSE warning. One
 * hour, because every text invites a reply and a reply ends the sequence: the caller needs time to
 * answer before the next touch. Reference (features.md): dialnote limits auto-replies to 3 per
 * conversation per hour, Callably sends its second text after 2 h without a reply; lemlist's
 * 15 min spacing is a bulk-sending floor, not a per-caller cadence. The legal caps in compliance.md
 * (3 per 24 h: FL/OK/MD/OR) are CAP_VIOLATION's; this warns about bursts well inside them.
 */
export const MIN_TOUCH_GAP_MINUTES = 60;
const DAY = 24 * 60;

const CHANNEL_NAME: Record<Step['channel'], string> = { sms: 'SMS', email: 'email', callback_task: 'callback task', notify_agent: 'agent notification' };

/** Channels that reach the consumer (a callback task is an agent's call to them). */
const TOUCH_CHANNELS = new Set(['sms', 'email', 'callback_task']);
/** Channels whose text the consumer reads. */
const MESSAGE_CHANNELS = new Set(['sms', 'email']);

interface TimedStep {
  step: Step;
  index: number;
  minutes: number;
}

/** A step in messages, as the designer shows it: `Step 2 "Next-day email"`. */
const label = (s: { step: Step; index: number }) => stepLabel(s.step, s.index);

/** What to write, in the language of the text: the examples of the next-step and opt-out findings. */
const NEXT_STEP_EXAMPLE: Record<Language, string> = { en: '"reply"/"call us"', es: '"responda"/"llámenos"', fr: '"répondez"/"appelez-nous"' };
const OPT_OUT_EXAMPLE: Record<Language, string> = {
  en: 'Reply STOP to opt out',
  es: 'Responda STOP para no recibir más mensajes',
  fr: 'Répondez STOP pour vous désabonner',
};

/** `{{calledAt}}` and `{{nextOpening}}` as a text in each language words them (sample values). */
const SAMPLE_TIMES: Record<Language, { calledAt: string; nextOpening: string }> = {
  en: { calledAt: '10:45 AM', nextOpening: 'Wednesday at 10:30 AM' },
  es: { calledAt: '10:45 a.m.', nextOpening: 'el miércoles a las 10:30 a.m.' },
  fr: { calledAt: '10 h 45', nextOpening: 'mercredi à 10 h 30' },
};

/** Rendered length estimate for segment counting: placeholders replaced by realistic values, times worded in `lang`. */
function sampleValues(t: SequenceTemplate, lang: Language): Record<string, string> {
  const longestDept = t.business.departments.reduce((a, d) => (d.name.length > a.length ? d.name : a), '');
  return {
    businessName: t.business.name,
    callerName: 'Alexandra Johnson',
    callerFirstName: 'Alexandra',
    department: longestDept || 'Customer Service',
    callbackLink: t.business.callbackLink ?? 'https://example.com/book/a1b2c3',
    callbackNumber: t.business.callbackNumber ?? '+1 (555) 555-0123',
    agentName: 'Alexandra',
    ...SAMPLE_TIMES[lang],
  };
}

class Collector {
  readonly list: Diagnostic[] = [];
  private readonly seen = new Set<string>();
  add(code: LintCode, stepId: string | null, message: string, path?: string): void {
    const key = `${code}\u0000${stepId}\u0000${message}\u0000${path ?? ''}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ code, severity: LINT_RULES[code].severity, stepId, message, ...(path ? { path } : {}) });
  }
}

/** `missed`, `missed and voicemail`, `missed, voicemail and abandoned` */
function listWords(words: readonly string[]): string {
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : (words[0] ?? '');
}

/** Template-level and per-step rules on a parsed template. See `LINT_RULES` for the codes. */
export function lintSequenceTemplate(t: SequenceTemplate): Diagnostic[] {
  const out = new Collector();
  const offsets = stepOffsets(t);
  const timed: TimedStep[] = t.steps.map((step, index) => ({ step, index, minutes: offsets[index].minutes }));
  const byTime = [...timed].sort((a, b) => a.minutes - b.minutes || a.index - b.index);

  // --- template settings
  for (const f of departmentLineFindings(t.business)) out.add(f.code, null, f.message, f.path);
  if (!t.exit.onReply) {
    out.add('NO_EXIT_ON_REPLY', null, 'The "Caller replies" exit is off: turn it on under Exits, so that a reply ends the automation and a person takes over.', 'exit.onReply');
  }
  if (t.sendWindow.holdFirstTouch && !t.sendWindow.businessHoursOnly) {
    out.add(
      'HOLD_FIRST_TOUCH_UNUSED',
      null,
      '"Hold the first text until opening too" does nothing while "Send during business hours only" is off: turn that on, or turn this off.',
      'sendWindow.holdFirstTouch',
    );
  }
  if (t.classification === 'marketing' && t.consent.required !== 'written') {
    out.add(
      'MARKETING_NO_WRITTEN_CONSENT',
      null,
      `Classification is "marketing", so Consent required must be "written" (prior express written consent), not "${t.consent.required}". Set Consent required to "written", or Classification to "informational" if the messages only follow up on the call.`,
      'consent.required',
    );
  }

  // --- per call-class path (onlyIf filters make paths differ); findings merged across paths
  const own = t.language;
  const classes = [...new Set(t.trigger.classes)];
  const pathFindings = new Map<string, { code: LintCode; stepId: string | null; message: string; path?: string; classes: EnrollingCallClass[] }>();
  const overrideUnits = new Map<number, Unit[]>();
  const overrideTarget = new Map<EnrollingCallClass, string>();
  const pathResults = new Map<string, string[]>();
  const tokens: TokenCache = { dictionary: new Map(), byStep: new Map() };
  for (const cls of classes) {
    const path = byTime.filter((s) => !s.step.onlyIf || s.step.onlyIf.classes.includes(cls));
    const override = t.trigger.firstMessage?.[cls];
    const translated = LANGUAGES.filter((l) => l !== own && t.trigger.firstMessageTranslations?.[l]?.[cls]);
    const firstSms = path.find((s) => s.step.channel === 'sms');
    if (firstSms) {
      const list = overrideUnits.get(firstSms.index) ?? [];
      if (override) list.push(overrideUnit(cls, override, firstSms, own));
      for (const l of translated) list.push(overrideUnit(cls, t.trigger.firstMessageTranslations![l]![cls]!, firstSms, own, l));
      overrideUnits.set(firstSms.index, list);
      overrideTarget.set(cls, firstSms.step.id);
    }
    // identical paths (the common case: no onlyIf, no first message per class) are linted once
    const pathKey = `${path.map((s) => s.index).join(',')}\u0000${override || translated.length ? cls : ''}`;
    let keys = pathResults.get(pathKey);
    if (!keys) {
      const list: string[] = [];
      lintPath(t, path, cls, tokens, (code, stepId, message, at) => {
        const key = `${code}\u0000${stepId}\u0000${message}\u0000${at ?? ''}`;
        if (!pathFindings.has(key)) pathFindings.set(key, { code, stepId, message, path: at, classes: [] });
        if (!list.includes(key)) list.push(key);
      });
      pathResults.set(pathKey, (keys = list));
    }
    for (const key of keys) pathFindings.get(key)?.classes.push(cls);
  }
  for (const f of pathFindings.values()) {
    // a first message for a call class names its class already
    const named = f.path?.startsWith('trigger.firstMessage.') || f.path?.startsWith('trigger.firstMessageTranslations.');
    const scope = f.classes.length < classes.length && !named ? `For ${listWords(f.classes)} calls: ` : '';
    out.add(f.code, f.stepId, scope + f.message, f.path);
  }

  // --- languages: translations the departments need, and those nobody gets
  for (const f of translationFindings(t)) out.add(f.code, f.stepId, f.message, f.path);

  // --- per step
  const values = new Map(LANGUAGES.map((l) => [l, sampleValues(t, l)]));
  const hasDeptQueue = t.business.departments.length > 0;
  const sensitive = isSensitiveIndustry(t.business.industry);
  const smsUnits: Unit[] = [];
  for (const s of timed) {
    const { step, index, minutes } = s;
    const prev = index > 0 ? timed[index - 1] : null;
    const who = label(s);
    if (step.delay.from === 'call' && prev && minutes < prev.minutes) {
      out.add(
        'DELAY_ORDER',
        step.id,
        `${who} is timed ${formatMinutes(minutes)} after the call, before ${label(prev)} above it (${formatMinutes(prev.minutes)}): lengthen its delay or move it up.`,
        `steps[${index}].delay`,
      );
    }
    if (TOUCH_CHANNELS.has(step.channel) && minutes > FINAL_TOUCH_MAX_MINUTES) {
      out.add('FINAL_TOO_LATE', step.id, `${who} lands ${formatMinutes(minutes)} after the call; past 7 days a follow-up feels unrelated to the call. Shorten its delay.`, `steps[${index}].delay`);
    }
    if (step.channel === 'callback_task' && !step.message.queue && !hasDeptQueue) {
      out.add(
        'CALLBACK_NO_QUEUE',
        step.id,
        `${who}: the callback task has no queue, and the business has no departments to route it to. Fill in Queue, or add a department under Departments.`,
        `steps[${index}].message.queue`,
      );
    }
    for (const [field, text, at] of renderedStrings(step, index, own)) {
      for (const p of findPlaceholders(text)) {
        if (!isKnownPlaceholder(p.name)) out.add('UNKNOWN_PLACEHOLDER', step.id, `${who}: ${unknownPlaceholder(p.raw, `the ${field}`)}`, at);
      }
    }
    if (!MESSAGE_CHANNELS.has(step.channel)) continue;
    if (sensitive) {
      for (const [field, text, at] of renderedStrings(step, index, own)) {
        const d = sensitiveDetail(text);
        if (d) out.add('SENSITIVE_DETAIL', step.id, sensitiveDetailMessage(`${who}: the ${field}`, d, t.business.industry), at);
      }
    }
    for (const u of [...baseUnits(step, index, own), ...translationUnits(step, index, own), ...(overrideUnits.get(index) ?? [])]) {
      lintUnit(t, u, step.id, values.get(u.lang)!, out);
      if (u.channel === 'sms') smsUnits.push(u);
    }
  }
  const ucs2 = avoidableUcs2Finding(t, smsUnits, (l) => values.get(l)!);
  if (ucs2) out.add('SMS_AVOIDABLE_UCS2', null, ucs2.message, ucs2.path);
  // first messages per call class, in the template's language and translated
  for (const lang of LANGUAGES) {
    if (lang !== own && !t.trigger.firstMessageTranslations?.[lang]) continue;
    for (const cls of ENROLLING_CALL_CLASSES) {
      const text = lang === own ? t.trigger.firstMessage?.[cls] : t.trigger.firstMessageTranslations?.[lang]?.[cls];
      if (!text) continue;
      const what = `${lang === own ? '' : `${LANGUAGE_NAMES[lang]} `}first message for ${cls} calls`;
      const at = lang === own ? `trigger.firstMessage.${cls}` : `trigger.firstMessageTranslations.${lang}.${cls}`;
      for (const p of findPlaceholders(text)) {
        if (!isKnownPlaceholder(p.name)) out.add('UNKNOWN_PLACEHOLDER', overrideTarget.get(cls) ?? null, unknownPlaceholder(p.raw, `the ${what}`), at);
      }
      const d = sensitive ? sensitiveDetail(text) : null;
      if (d) out.add('SENSITIVE_DETAIL', overrideTarget.get(cls) ?? null, sensitiveDetailMessage(`The ${what}`, d, t.business.industry), at);
    }
  }
  return out.list;
}

const DETAIL_KIND = { health: 'a health detail', account: 'an account detail', case: 'a case detail' } as const;

const sensitiveDetailMessage = (where: string, d: SensitiveDetail, industry: string) =>
  `${where} mentions "${d.words}", ${DETAIL_KIND[d.kind]}. Texts and emails of a ${industry.replace(/_/g, ' ')} business must stay free of health, account and case details, since anyone may see them on a screen: say only who will get back to the caller and how to reach you.`;

const unknownPlaceholder = (raw: string, where: string) =>
  `${raw} in ${where} is not a placeholder the designer knows: use one of the placeholder buttons under the text, e.g. {{callerFirstName}}.`;

function lintUnit(t: SequenceTemplate, u: Unit, stepId: string, values: Record<string, string>, out: Collector): void {
  const ph = findPlaceholders(u.full);
  if (!namesBusiness(u.full, t.business, ph)) {
    out.add('MISSING_BUSINESS_NAME', stepId, `${u.who} does not name the business: add {{businessName}} or "${t.business.name}".`, u.path);
  }
  if (!hasNextStep(u.full, t.business, ph)) {
    out.add('MISSING_NEXT_STEP', stepId, `${u.who} gives the caller no next step: add {{callbackLink}}, {{callbackNumber}} or a ${NEXT_STEP_EXAMPLE[u.lang]} line.`, u.path);
  }
  if (isGeneric(u.full, ph)) {
    out.add('GENERIC_TEXT', stepId, `${u.who} reads as a generic "sorry we missed you": make it personal with {{callerFirstName}}, {{department}} or {{agentName}}.`, u.path);
  }
  if (u.channel === 'sms') {
    // as sent: in plain letters under keepSmsInGsm7
    const seg = smsEncoding(smsTextAsSent(ph.length ? renderTemplate(u.full, values).text : u.full, t));
    if (seg.segments > MAX_SMS_SEGMENTS) {
      out.add(
        'SMS_SEGMENTS',
        stepId,
        `${u.who} is about ${seg.segments} SMS segments long (${seg.units} ${seg.encoding} characters with sample details filled in): shorten it to ${MAX_SMS_SEGMENTS} segments or fewer.`,
        u.path,
      );
    }
  }
}

/** Fingerprints of each step's texts by language (own texts and translations), shared by all call-class paths. */
interface TokenCache {
  dictionary: Map<string, number>;
  byStep: Map<number, { lang: Language; who: string; path: string; prints: TextFingerprint[] }[]>;
}

type Add = (code: LintCode, stepId: string | null, message: string, path?: string) => void;

function lintPath(
  t: SequenceTemplate,
  path: TimedStep[],
  cls: EnrollingCallClass,
  tokenCache: TokenCache,
  add: Add,
): void {
  const touches = path.filter((s) => TOUCH_CHANNELS.has(s.step.channel));
  const messages = touches.filter((s) => MESSAGE_CHANNELS.has(s.step.channel));
  const delayOf = (s: TimedStep) => `steps[${s.index}].delay`;

  const first = messages[0];
  if (!first) add('FIRST_TOUCH_LATE', null, `No SMS or email reaches the caller: add an SMS step sent within ${FIRST_TOUCH_MAX_MINUTES} min of the call.`);
  else if (first.minutes > FIRST_TOUCH_MAX_MINUTES) {
    add(
      'FIRST_TOUCH_LATE',
      first.step.id,
      `${label(first)} is the first SMS or email and goes out ${formatMinutes(first.minutes)} after the call: set its delay to ${FIRST_TOUCH_MAX_MINUTES} min or less after the call.`,
      delayOf(first),
    );
  }

  // the first SMS each caller of this class gets, as renderStep picks it: in the template's language the
  // first message for the class, else the step's texts; in another language its translated first
  // message, else the step's translation, else (not checked again) the template's own
  const firstSms = path.find((s) => s.step.channel === 'sms');
  if (firstSms) {
    const own = t.language;
    const override = t.trigger.firstMessage?.[cls];
    const units = override ? [overrideUnit(cls, override, firstSms, own)] : baseUnits(firstSms.step, firstSms.index, own);
    for (const lang of LANGUAGES) {
      if (lang === own) continue;
      const first = t.trigger.firstMessageTranslations?.[lang]?.[cls];
      const u = first ? overrideUnit(cls, first, firstSms, own, lang) : translationUnit(firstSms.step, firstSms.index, lang);
      if (u) units.push(u);
    }
    for (const u of units) {
      if (!hasOptOut(u.full)) {
        const what = u.base ? 'is the first SMS' : u.lang !== own && u.path.startsWith('steps[') ? `is the first SMS callers get in ${LANGUAGE_NAMES[u.lang]}` : 'is a first SMS';
        add('FIRST_SMS_NO_OPTOUT', firstSms.step.id, `${u.who} ${what}, so it must say how to opt out: add a line like "${OPT_OUT_EXAMPLE[u.lang]}".`, u.path);
      }
    }
  }

  const reach = (n: number) => `${n} step${n === 1 ? ' reaches' : 's reach'} the caller (SMS, email or callback task)`;
  if (touches.length < MIN_TOUCHES) {
    add('TOO_FEW_TOUCHES', null, `Only ${reach(touches.length)}; ${MIN_TOUCHES}–${MAX_TOUCHES} recover more callers, so add ${MIN_TOUCHES - touches.length} more.`);
  }
  if (touches.length > MAX_TOUCHES) {
    add('TOO_MANY_TOUCHES', null, `${reach(touches.length)}; remove ${touches.length - MAX_TOUCHES} to keep it to ${MAX_TOUCHES} or fewer.`);
  }

  let run = 1;
  for (let i = 1; i < touches.length; i++) {
    run = touches[i].step.channel === touches[i - 1].step.channel ? run + 1 : 1;
    if (run === 3) {
      add(
        'SAME_CHANNEL_3X',
        touches[i].step.id,
        `${label(touches[i])} is the third ${CHANNEL_NAME[touches[i].step.channel]} in a row to reach the caller: make one of the three another channel (SMS, email or callback task).`,
        `steps[${touches[i].index}].channel`,
      );
    }
  }

  const own = t.sendWindow.maxPer24h ?? Infinity;
  const cap = Math.min(STATE_CAP_PER_24H, own);
  const capName = own < STATE_CAP_PER_24H ? `the sequence's own limit allows ${cap}` : `the strictest state rule (FL, OK, MD, OR) allows ${cap}`;
  for (let i = 0, j = 0; j < touches.length; j++) {
    while (touches[j].minutes - touches[i].minutes > DAY) i++;
    if (j - i + 1 > cap) {
      add(
        'CAP_VIOLATION',
        touches[j].step.id,
        `${label(touches[j])} makes ${j - i + 1} steps that reach the caller within 24 h (counting from ${label(touches[i])}); ${capName}. Move it later or remove a step.`,
        delayOf(touches[j]),
      );
    }
  }

  // texts and emails in a burst: `path` holds only steps that reach a caller of this class (onlyIf),
  // so steps for other call classes never pair up; A/B variants and first messages are one touch
  for (let i = 1; i < messages.length; i++) {
    const [a, b] = [messages[i - 1], messages[i]];
    const gap = b.minutes - a.minutes;
    if (gap >= MIN_TOUCH_GAP_MINUTES) continue;
    const when = gap === 0 ? `at the same time as ${label(a)}` : `${formatMinutes(gap)} after ${label(a)}`;
    add(
      'TOUCHES_TOO_CLOSE',
      b.step.id,
      `${label(b)} lands ${when}: space texts and emails at least ${formatMinutes(MIN_TOUCH_GAP_MINUTES)} apart, so the caller has time to reply before the next one.`,
      delayOf(b),
    );
  }

  // each touch should add something new: compare every message text with those of earlier steps in
  // the same language (a step's own texts with own texts, its Spanish text with Spanish texts)
  const seen = new Map<Language, (TextFingerprint & { who: string })[]>();
  for (const m of messages) {
    let current = tokenCache.byStep.get(m.index);
    if (!current) {
      current = textsByLanguage(t, m, tokenCache.dictionary);
      tokenCache.byStep.set(m.index, current);
    }
    for (const group of current) {
      const earlier = seen.get(group.lang) ?? [];
      // `Step 3 (x) repeats the text of Step 1 (y)`, `The Spanish text of Step 3 (x) repeats the Spanish text of Step 1 (y)`
      const textOf = group.lang === t.language ? '' : `the ${LANGUAGE_NAMES[group.lang]} text of `;
      let reported = false;
      for (const c of group.prints) {
        if (reported) break;
        for (const s of earlier) {
          if (c.key === s.key) {
            add('DUPLICATE_TEXT', m.step.id, `${group.who} repeats ${textOf || 'the text of '}${s.who}: reword it so each touch adds something new.`, group.path);
            reported = true;
            break;
          }
          const sim = jaccardIds(c.ids, s.ids);
          if (sim >= NEAR_DUPLICATE_THRESHOLD) {
            add('NEAR_DUPLICATE_TEXT', m.step.id, `${group.who} is nearly identical to ${textOf}${s.who} (${Math.round(sim * 100)}% the same words): reword it so each touch adds something new.`, group.path);
            reported = true;
            break;
          }
        }
      }
      for (const c of group.prints) earlier.push({ who: label(m), ...c });
      seen.set(group.lang, earlier);
    }
  }
}

/** A message step's texts, fingerprinted per language: its own (and variants) first, then each translation. */
function textsByLanguage(t: SequenceTemplate, m: TimedStep, dictionary: Map<string, number>): { lang: Language; who: string; path: string; prints: TextFingerprint[] }[] {
  const own = { lang: t.language, who: label(m), path: `steps[${m.index}].message`, prints: baseUnits(m.step, m.index, t.language).map((u) => fingerprint(u.body, dictionary)) };
  const translated = translationUnits(m.step, m.index, t.language).map((u: Unit) => ({ lang: u.lang, who: u.who, path: `steps[${m.index}].message.translations.${u.lang}`, prints: [fingerprint(u.body, dictionary)] }));
  return [own, ...translated];
}

/** 90 → "1 h 30 min", 2880 → "2 d". */
export function formatMinutes(minutes: number): string {
  const d = Math.floor(minutes / DAY);
  const h = Math.floor((minutes % DAY) / 60);
  const m = minutes % 60;
  return [d ? `${d} d` : '', h ? `${h} h` : '', m || minutes === 0 ? `${m} min` : ''].filter(Boolean).join(' ');
}
