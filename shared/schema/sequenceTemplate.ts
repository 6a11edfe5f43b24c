import { z } from 'zod/v4';
import { describeSchemaIssue } from './describeSchemaIssue';

/**
 * The sequence template: one JSON document that the visual designer edits and the n8n nodes execute.
 * Cross-field rules that JSON Schema cannot express (IANA zone, unique ids, range order,
 * `reentry.days`) are zod refinements; style and compliance checks live in `shared/lint`.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Regulated verticals; every industry except `general` is sensitive. */
export const INDUSTRIES = ['general', 'healthcare', 'financial', 'insurance', 'legal', 'debt_collection'] as const;
export type Industry = (typeof INDUSTRIES)[number];

/** Industries whose messages may carry regulated or embarrassing data (PHI, account, case, debt). */
export const SENSITIVE_INDUSTRIES: readonly Industry[] = INDUSTRIES.filter((i) => i !== 'general');

/** True when texts for this industry must stay free of sensitive details (no PHI, balances, case facts). */
export function isSensitiveIndustry(industry: Industry): boolean {
  return SENSITIVE_INDUSTRIES.includes(industry);
}

/** Call classes that can enroll a caller (a subset of `CallClass` in callEvent.ts). */
export const ENROLLING_CALL_CLASSES = ['missed', 'voicemail', 'abandoned'] as const;
export type EnrollingCallClass = (typeof ENROLLING_CALL_CLASSES)[number];

export const STEP_CHANNELS = ['sms', 'email', 'callback_task', 'notify_agent'] as const;
export type StepChannel = (typeof STEP_CHANNELS)[number];

/**
 * Languages a template's texts can be written in. Each has its own wording of `{{nextOpening}}` and
 * `{{calledAt}}`; a department's `language` picks the texts its callers get (`callerLanguage`).
 */
export const LANGUAGES = ['en', 'es', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', es: 'Spanish', fr: 'French' };

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

const TIME = '(?:[01]\\d|2[0-3]):[0-5]\\d';
const HOURS_RANGE_RE = new RegExp(`^(${TIME})-(${TIME}|24:00)$`);

/** Minutes since midnight of an `HH:MM` string (`24:00` → 1440). */
function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

const hoursRange = z
  .string()
  .regex(HOURS_RANGE_RE, { error: 'expected "HH:MM-HH:MM", e.g. "09:00-17:00"' })
  .refine((r) => !HOURS_RANGE_RE.test(r) || minutesOf(r.slice(0, 5)) < minutesOf(r.slice(6)), {
    error: 'must end after it starts (split overnight hours across two days)',
  })
  .describe('Opening period in the business time zone, "HH:MM-HH:MM"; end may be "24:00".');

const zoneCache = new Map<string, boolean>();
/**
 * True for an IANA zone name the runtime knows (aliases such as `US/Eastern` and `UTC` included;
 * offsets such as `+01:00` rejected). Results are memoized in a module-level cache: the answer is a
 * pure function of the runtime's tz data, so caching cannot change behaviour.
 */
export function isIanaTimeZone(zone: string): boolean {
  const known = zoneCache.get(zone);
  if (known !== undefined) return known;
  let ok = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(zone);
  if (ok) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
    } catch {
      ok = false;
    }
  }
  zoneCache.set(zone, ok);
  return ok;
}

const dayHours = z.array(hoursRange).default([]);
export const DEFAULT_OPENING_HOURS: Record<Weekday, string[]> = {
  mon: ['09:00-17:00'],
  tue: ['09:00-17:00'],
  wed: ['09:00-17:00'],
  thu: ['09:00-17:00'],
  fri: ['09:00-17:00'],
  sat: [],
  sun: [],
};

const openingHoursSchema = z
  .strictObject({
    mon: dayHours,
    tue: dayHours,
    wed: dayHours,
    thu: dayHours,
    fri: dayHours,
    sat: dayHours,
    sun: dayHours,
  })
  .superRefine((hours, ctx) => {
    for (const day of WEEKDAYS) {
      const ranges = hours[day].filter((r) => HOURS_RANGE_RE.test(r)).sort();
      for (let i = 1; i < ranges.length; i++) {
        if (minutesOf(ranges[i].slice(0, 5)) < minutesOf(ranges[i - 1].slice(6))) {
          ctx.addIssue({ code: 'custom', path: [day], message: `the periods ${ranges[i - 1]} and ${ranges[i]} overlap` });
        }
      }
    }
  })
  .prefault(DEFAULT_OPENING_HOURS)
  .describe('Per weekday list of opening periods; a missing day means closed. Default Mon–Fri 09:00–17:00.');

/** A real calendar date `YYYY-MM-DD` (zod's ISO date: month lengths and leap years checked). */
const localDate = z.iso.date({ error: 'expected a real date "YYYY-MM-DD", e.g. "2026-12-25"' });

const closureSchema = z
  .strictObject({
    from: localDate.describe('First closed day, a local date in the business time zone.'),
    to: localDate.optional().describe('Last closed day (inclusive); omit for a single day.'),
    reason: z.string().trim().min(1, { error: 'must not be empty' }).max(120).optional().describe('Why the business is closed, e.g. "Christmas".'),
  })
  .refine((c) => c.to === undefined || c.to >= c.from, { path: ['to'], error: 'must be on or after the first closed day' })
  .describe('Whole local days on which the business is closed, whatever its opening hours say.');
export type BusinessClosure = z.infer<typeof closureSchema>;

const id = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'expected 1–64 letters, digits, "_" or "-"' });
const nonEmpty = z.string().trim().min(1, { error: 'must not be empty' });

const departmentSchema = z.strictObject({
  id,
  name: nonEmpty,
  /** agent queue id or name that callback tasks for this department go to */
  queue: nonEmpty.describe('Agent queue id or name that callback tasks for this department go to.'),
  priority: z.enum(PRIORITIES).optional(),
  language: z
    .enum(LANGUAGES)
    .optional()
    .describe('Language of this department’s callers (e.g. a Spanish line): they get each text’s translation into it, where the step has one.'),
  /** lines (E.164) that ring this department: a call to one of them is attributed to it */
  numbers: z
    .array(z.string().regex(/^\+[1-9]\d{5,14}$/, { error: 'expected an E.164 number such as "+15125550142"' }))
    .optional()
    .describe('Lines (E.164) that ring this department; a call to one of them is attributed to it when the phone system does not name the department.'),
});
export type Department = z.infer<typeof departmentSchema>;

/**
 * The department whose lines include `calledNumber`, or null.
 * @example departmentForLine(fourTouch.business.departments, '+15125550142')?.name // 'Service'
 */
export function departmentForLine(departments: readonly Department[], calledNumber: string): Department | null {
  return departments.find((d) => d.numbers?.includes(calledNumber)) ?? null;
}

/**
 * The department a call reached, as its messages and routing name it: the template's department
 * the phone system names (by id or name, any case); else the one whose lines include the number
 * called; else the phone system's own label (a team or queue the template does not list); else null.
 * The template's names win over a label that may only name a line, an office or a person.
 * @example callDepartment(fourTouch.business.departments, 'Brightside main line', '+15125550142') // 'Service'
 */
export function callDepartment(departments: readonly Department[], label: string | null | undefined, calledNumber: string): string | null {
  const key = label?.trim().toLowerCase();
  const named = key ? departments.find((d) => d.id.toLowerCase() === key || d.name.toLowerCase() === key) : undefined;
  return named?.name ?? departmentForLine(departments, calledNumber)?.name ?? (label?.trim() || null);
}

const businessSchema = z.strictObject({
  name: nonEmpty.describe('Business name as customers know it; must appear in every consumer message.'),
  timeZone: z
    .string()
    .refine(isIanaTimeZone, { error: 'expected an IANA time zone such as "America/Chicago"' })
    .describe('IANA time zone of the business, e.g. "America/Chicago".'),
  openingHours: openingHoursSchema,
  departments: z.array(departmentSchema).default([]),
  closures: z
    .array(closureSchema)
    .default([])
    .describe('Holiday and other closures: each day from `from` to `to` (inclusive, local dates) counts as closed all day.'),
  callbackNumber: nonEmpty.optional().describe('Number customers can call back, as shown in messages.'),
  callbackLink: z.url({ protocol: /^https?$/ }).optional().describe('Booking or callback-request link.'),
  supportEmail: z.email().optional(),
  industry: z
    .enum(INDUSTRIES)
    .default('general')
    .describe('Regulated vertical; anything but "general" is sensitive (no PHI, balances or case facts in texts).'),
});
export type Business = z.infer<typeof businessSchema>;

const variantId = id;
const weight = z.number().positive().default(1).describe('Relative share of sends; variants are split by weight.');

const language = z.enum(LANGUAGES);

const smsMessageSchema = z.strictObject({
  text: nonEmpty,
  variants: z.array(z.strictObject({ id: variantId, weight, text: nonEmpty })).optional(),
  translations: z
    .partialRecord(language, z.strictObject({ text: nonEmpty }))
    .optional()
    .describe('The text in other languages, for callers of a department with that language (A/B variants apply to the template’s own language only).'),
});

const emailMessageSchema = z.strictObject({
  subject: nonEmpty,
  text: nonEmpty.describe('Plain-text body (always sent; html is optional).'),
  html: nonEmpty.optional(),
  variants: z
    .array(
      z.strictObject({
        id: variantId,
        weight,
        subject: nonEmpty.optional(),
        text: nonEmpty,
        html: nonEmpty.optional(),
      }),
    )
    .optional(),
  translations: z
    .partialRecord(language, z.strictObject({ subject: nonEmpty, text: nonEmpty, html: nonEmpty.optional() }))
    .optional()
    .describe('The email in other languages, for callers of a department with that language.'),
});

const callbackTaskMessageSchema = z.strictObject({
  queue: nonEmpty.optional().describe('Agent queue; defaults to the caller’s department queue.'),
  title: nonEmpty,
  notes: nonEmpty.optional(),
  dueInMinutes: z.number().int().positive().optional(),
  priority: z.enum(PRIORITIES).optional(),
});

const notifyAgentMessageSchema = z.strictObject({
  text: nonEmpty,
  to: nonEmpty.optional().describe('Agent, queue or channel to notify; defaults to the department queue.'),
});

const delaySchema = z.strictObject({
  minutes: z.number().int().nonnegative(),
  from: z.enum(['call', 'previous']).default('call').describe('Count from the missed call or from the previous step.'),
});

const onlyIfSchema = z.strictObject({
  classes: z.array(z.enum(ENROLLING_CALL_CLASSES)).min(1),
});

const meta = z.record(z.string(), z.unknown()).optional().describe('Free-form designer data (layout); ignored by the nodes.');

const stepBase = {
  id,
  name: nonEmpty.optional(),
  delay: delaySchema,
  onlyIf: onlyIfSchema.optional().describe('Run this step only for these call classes.'),
  meta,
};

export const smsStepSchema = z.strictObject({ ...stepBase, channel: z.literal('sms'), message: smsMessageSchema });
export const emailStepSchema = z.strictObject({ ...stepBase, channel: z.literal('email'), message: emailMessageSchema });
export const callbackTaskStepSchema = z.strictObject({
  ...stepBase,
  channel: z.literal('callback_task'),
  message: callbackTaskMessageSchema,
});
export const notifyAgentStepSchema = z.strictObject({
  ...stepBase,
  channel: z.literal('notify_agent'),
  message: notifyAgentMessageSchema,
});

export const stepSchema = z.discriminatedUnion(
  'channel',
  [smsStepSchema, emailStepSchema, callbackTaskStepSchema, notifyAgentStepSchema],
  { error: `channel must be one of ${STEP_CHANNELS.join(', ')}` },
);
export type Step = z.infer<typeof stepSchema>;
export type SmsStep = z.infer<typeof smsStepSchema>;
export type EmailStep = z.infer<typeof emailStepSchema>;
export type CallbackTaskStep = z.infer<typeof callbackTaskStepSchema>;
export type NotifyAgentStep = z.infer<typeof notifyAgentStepSchema>;

const triggerSchema = z.strictObject({
  classes: z.array(z.enum(ENROLLING_CALL_CLASSES)).min(1).default([...ENROLLING_CALL_CLASSES]),
  when: z
    .enum(['always', 'open_hours', 'after_hours'])
    .default('always')
    .describe('Enroll only calls made during / outside the business opening hours.'),
  firstMessage: z
    .strictObject({ missed: nonEmpty.optional(), voicemail: nonEmpty.optional(), abandoned: nonEmpty.optional() })
    .optional()
    .describe('Per call class text that replaces the first SMS, e.g. thanking for a voicemail.'),
  firstMessageTranslations: z
    .partialRecord(language, z.strictObject({ missed: nonEmpty.optional(), voicemail: nonEmpty.optional(), abandoned: nonEmpty.optional() }))
    .optional()
    .describe('The per call class first texts in other languages.'),
});

const exitSchema = z.strictObject({
  onReply: z.boolean().default(true),
  onOptOut: z.literal(true).default(true).describe('Opt-outs always end the sequence; cannot be turned off.'),
  onBooked: z.boolean().default(true),
  crmStatuses: z.array(nonEmpty).default([]).describe('CRM statuses that end the sequence, e.g. "won".'),
});

const reentrySchema = z
  .strictObject({
    policy: z.enum(['never', 'after_completion', 'after_days']).default('after_completion'),
    days: z.number().int().positive().optional(),
  })
  .refine((r) => r.policy !== 'after_days' || r.days !== undefined, {
    error: 'is needed when a caller may enroll again "after a number of days"',
    path: ['days'],
  });

const sendWindowSchema = z.strictObject({
  respectQuietHours: z.literal(true).default(true).describe('Quiet hours of the recipient always apply.'),
  businessHoursOnly: z.boolean().default(false),
  holdFirstTouch: z
    .boolean()
    .default(false)
    .describe('With businessHoursOnly: hold the first touch (the one answering the call) to opening hours too. Off: an after-hours caller hears at once.'),
  maxPer24h: z.number().int().min(1).optional().describe('Own cap on consumer touches in any 24 h window.'),
});

export const sequenceTemplateSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    id,
    name: nonEmpty,
    description: z.string().optional(),
    business: businessSchema,
    language: language.default('en').describe('Language the texts are written in.'),
    keepSmsInGsm7: z
      .boolean()
      .optional()
      .describe(
        'Keep texts in the basic SMS alphabet (GSM-7): every SMS is sent with the accents GSM-7 lacks taken off (á → a, ç → c; é, ñ, ü stay), curly quotes, dashes and special spaces made plain, so a segment holds 160 characters instead of 70. Covers the whole text as sent: the template’s words, names and dates. Emails are not changed; emoji and other scripts are kept (such a text is still sent as UCS-2). Absent or false: texts are sent as written.',
      ),
    classification: z.enum(['informational', 'marketing']).default('informational'),
    consent: z
      .strictObject({ required: z.enum(['informational', 'marketing', 'written']).default('informational') })
      .prefault({}),
    trigger: triggerSchema.prefault({}),
    steps: z.array(stepSchema).min(1, { error: 'a sequence needs at least one step' }),
    exit: exitSchema.prefault({}),
    reentry: reentrySchema.prefault({}),
    sendWindow: sendWindowSchema.prefault({}),
    meta,
  })
  .superRefine((t, ctx) => {
    const seen = new Map<string, number>();
    t.steps.forEach((s, i) => {
      if (seen.has(s.id)) {
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `is already used by Step ${(seen.get(s.id) ?? 0) + 1}; give each step its own id` });
      } else seen.set(s.id, i);
    });
    const depts = new Map<string, number>();
    t.business.departments.forEach((d, i) => {
      if (depts.has(d.id)) ctx.addIssue({ code: 'custom', path: ['business', 'departments', i, 'id'], message: `is already used by Department ${(depts.get(d.id) ?? 0) + 1}; give each department its own id` });
      else depts.set(d.id, i);
    });
  })
  .meta({ title: 'Missed-call sequence template', description: 'Follow-up cadence for missed calls, shared by the designer and the n8n nodes.' });

/** A parsed template with every default filled in. */
export type SequenceTemplate = z.infer<typeof sequenceTemplateSchema>;
/** What an author may write: defaulted fields are optional. */
export type SequenceTemplateInput = z.input<typeof sequenceTemplateSchema>;

export interface SchemaIssue {
  /** readable path, e.g. `steps[2].message.text`; empty string for the root */
  path: string;
  segments: (string | number)[];
  /** zod's issue code, e.g. `invalid_type` */
  code: string;
  /** a plain sentence naming the place as the designer labels it, e.g. `Step 3 (sms-first): the delay must be a whole number of minutes, not "5".` */
  message: string;
}

export type ParseSequenceTemplateResult =
  | { success: true; data: SequenceTemplate }
  | { success: false; issues: SchemaIssue[] };

/** `['steps', 2, 'message']` → `steps[2].message`. */
export function formatIssuePath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out === '' ? String(s) : `.${String(s)}`;
  }
  return out;
}

/**
 * Validates and fills defaults; never throws.
 * @example
 * const r = parseSequenceTemplate(JSON.parse(text));
 * if (!r.success) r.issues.forEach((i) => show(i.message)); // i.path: where, for tools
 */
export function parseSequenceTemplate(json: unknown): ParseSequenceTemplateResult {
  const r = sequenceTemplateSchema.safeParse(json);
  if (r.success) return { success: true, data: r.data };
  return {
    success: false,
    issues: r.error.issues.map((i) => {
      const segments = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      return { path: formatIssuePath(segments), segments, code: i.code, message: describeSchemaIssue({ ...i, path: segments }, json) };
    }),
  };
}

/** Stable public URL of the generated schema (`$id`). */
export const SEQUENCE_TEMPLATE_SCHEMA_ID =
  'https://raw.githubusercontent.com/n8n-nodes-missed-call/n8n-nodes-missed-call/main/shared/schema/sequence-template.schema.json';

/**
 * JSON Schema (draft 2020-12) of what an author may write (`io: 'input'`: defaulted fields optional).
 * Refinements (IANA zone, unique ids, range order) are not representable and stay zod-only.
 */
export function sequenceTemplateJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(sequenceTemplateSchema, { target: 'draft-2020-12', io: 'input' });
  return { $schema, $id: SEQUENCE_TEMPLATE_SCHEMA_ID, ...rest };
}
