// a cycle (sequenceTemplate.ts imports this file), safe as the names are read only when describing
import { LANGUAGE_NAMES } from './sequenceTemplate';
import { stepLabel } from './stepLabel';

/** The parts of a zod issue that a sentence needs (`path` already free of symbols). */
export interface RawSchemaIssue {
  code: string;
  path: readonly (string | number)[];
  message: string;
  expected?: string;
  values?: readonly unknown[];
  keys?: readonly string[];
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  format?: string;
  note?: string;
}

/** Template settings as the designer labels them (its inspector fields, headings and exits). */
const FIELD_LABELS: Record<string, string> = {
  schemaVersion: 'Schema version',
  id: 'Template id',
  name: 'Sequence name',
  description: 'Description',
  language: 'Language of the texts',
  keepSmsInGsm7: 'Keep texts in the basic SMS alphabet',
  business: 'The business section',
  'business.name': 'Business name',
  'business.timeZone': 'Time zone',
  'business.openingHours': 'Opening hours',
  'business.departments': 'Departments',
  'business.closures': 'Closures',
  'business.callbackNumber': 'Callback number',
  'business.callbackLink': 'Booking / callback link',
  'business.supportEmail': 'Support email',
  'business.industry': 'Industry',
  classification: 'Classification',
  consent: 'Consent',
  'consent.required': 'Consent required',
  trigger: 'Trigger',
  'trigger.classes': 'Trigger call classes',
  'trigger.when': 'Enroll calls made',
  'trigger.firstMessage': 'First message per call class',
  'trigger.firstMessageTranslations': 'Translated first messages',
  steps: 'Steps',
  exit: 'Exits',
  'exit.onReply': 'The "Caller replies" exit',
  'exit.onOptOut': 'The "Opt-out (STOP)" exit',
  'exit.onBooked': 'The "Appointment booked" exit',
  'exit.crmStatuses': 'CRM statuses',
  reentry: 'Re-entry',
  'reentry.policy': 'Enroll a caller again',
  'reentry.days': 'Days since last enrollment',
  sendWindow: 'Send window',
  'sendWindow.respectQuietHours': 'Quiet hours',
  'sendWindow.businessHoursOnly': 'Send during business hours only',
  'sendWindow.holdFirstTouch': 'Hold the first text until opening too',
  'sendWindow.maxPer24h': 'Most touches per 24 h',
  meta: 'Designer data',
};

const STEP_FIELDS: Record<string, string> = {
  id: 'the step id',
  name: 'the step name',
  channel: 'the channel',
  delay: 'the delay',
  'delay.minutes': 'the delay',
  'delay.from': 'the delay start ("after the call" or "after previous step")',
  onlyIf: 'the call-class filter',
  'onlyIf.classes': 'the call classes it runs for',
  meta: 'the designer data',
  message: 'the message',
};

/** Message fields by channel: the inspector's labels. */
function messageField(channel: unknown, key: string): string {
  if (key === 'text') return channel === 'email' ? 'body' : channel === 'notify_agent' ? 'notification' : channel === 'sms' ? 'message' : 'text';
  const labels: Record<string, string> = {
    subject: 'subject',
    html: 'HTML body',
    title: 'task title',
    queue: 'queue',
    notes: 'notes',
    dueInMinutes: 'due time (minutes)',
    priority: 'priority',
    to: '"Notify" field',
    weight: 'weight',
    id: 'id',
    variants: 'A/B variants',
    translations: 'translations',
  };
  return labels[key] ?? `"${key}" setting`;
}

const DEPARTMENT_FIELDS: Record<string, string> = { id: 'the id', name: 'the name', queue: 'the queue', priority: 'the priority', language: 'the language', numbers: 'the lines' };
const CLOSURE_FIELDS: Record<string, string> = { from: 'the first closed day', to: 'the last closed day', reason: 'the reason' };
const DAY_NAMES: Record<string, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

/** Numbers a field must hold, in words. */
const NUMBER_UNITS: Record<string, string> = {
  'delay.minutes': 'a whole number of minutes',
  'message.dueInMinutes': 'a whole number of minutes',
  'reentry.days': 'a whole number of days',
  'sendWindow.maxPer24h': 'a whole number',
};
const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a group of settings',
  // the translations, keyed by language
  record: 'a group of settings',
};

/** `{ container: 'Step 3 (sms-first)', field: 'the delay' }`: where an issue is, as the designer names it. */
interface Where {
  container: string | null;
  field: string | null;
  /** the field's key without indices, e.g. `delay.minutes`, `business.timeZone` */
  key: string;
}

function valueAt(input: unknown, segments: readonly (string | number)[]): unknown {
  let v = input;
  for (const s of segments) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[s];
  }
  return v;
}

const keyOf = (segments: readonly (string | number)[]) => segments.filter((s) => typeof s === 'string').join('.');
const item = (label: string, index: string | number | undefined) => (typeof index === 'number' ? `${label} (item ${index + 1})` : label);

function locate(segments: readonly (string | number)[], input: unknown): Where {
  const [a, b, c] = segments;
  if (a === 'steps' && typeof b === 'number') {
    const step = valueAt(input, ['steps', b]) as { channel?: unknown } | undefined;
    const rest = segments.slice(2);
    return { container: stepLabel(step as never, b), field: stepField(rest, step), key: keyOf(rest) };
  }
  if (a === 'business' && b === 'departments' && typeof c === 'number') {
    const name = valueAt(input, [a, b, c, 'name']);
    const [f, line] = segments.slice(3);
    const field = f === 'numbers' && typeof line === 'number' ? `line ${line + 1}` : f === undefined ? null : (DEPARTMENT_FIELDS[f] ?? `the "${f}" setting`);
    return { container: `Department ${c + 1}${typeof name === 'string' && name.trim() ? ` "${name.trim()}"` : ''}`, field, key: keyOf(segments.slice(3)) };
  }
  if (a === 'business' && b === 'closures' && typeof c === 'number') {
    const from = valueAt(input, [a, b, c, 'from']);
    const f = segments[3];
    const field = f === undefined ? null : (CLOSURE_FIELDS[f] ?? `the "${f}" setting`);
    return { container: `Closure ${c + 1}${typeof from === 'string' && from ? ` (${from})` : ''}`, field, key: keyOf(segments.slice(3)) };
  }
  if (a === 'business' && b === 'openingHours' && typeof c === 'string' && DAY_NAMES[c]) {
    const period = segments[3];
    return { container: `Opening hours on ${DAY_NAMES[c]}`, field: typeof period === 'number' ? `period ${period + 1}` : null, key: 'business.openingHours' };
  }
  if (a === 'trigger' && b === 'firstMessage' && typeof c === 'string') {
    return { container: null, field: `First message for ${c} calls`, key: 'trigger.firstMessage' };
  }
  const lang = typeof c === 'string' ? languageName(c) : null;
  if (a === 'trigger' && b === 'firstMessageTranslations' && typeof c === 'string') {
    const cls = segments[3];
    // an unknown language (`invalid_key`) is about the whole group
    const field = !lang ? FIELD_LABELS['trigger.firstMessageTranslations'] : typeof cls === 'string' ? `${lang} first message for ${cls} calls` : `${lang} first message per call class`;
    return { container: null, field, key: 'trigger.firstMessageTranslations' };
  }
  const key = keyOf(segments);
  const last = segments[segments.length - 1];
  if (!segments.length) return { container: null, field: null, key };
  const label = FIELD_LABELS[key] ?? `The "${key}" setting`;
  return { container: null, field: item(label, last), key };
}

/** `Spanish` for a language the template format knows, else null. */
function languageName(code: string): string | null {
  return Object.hasOwn(LANGUAGE_NAMES, code) ? LANGUAGE_NAMES[code as keyof typeof LANGUAGE_NAMES] : null;
}

function stepField(rest: readonly (string | number)[], step: { channel?: unknown } | undefined): string | null {
  if (!rest.length) return null;
  const [k, sub, index, f] = rest;
  // `message.translations.es.text` → "the Spanish message"; an unknown language → "the translations"
  const lang = k === 'message' && sub === 'translations' && typeof index === 'string' ? languageName(index) : null;
  if (lang) return typeof f === 'string' ? `the ${lang} ${messageField(step?.channel, f)}` : `the ${lang} translation`;
  if (k === 'message' && sub === 'variants' && typeof index === 'number') {
    const id = valueAt(step, ['message', 'variants', index, 'id']);
    const variant = `Variant ${typeof id === 'string' && id ? id.toUpperCase() : index + 1}`;
    return typeof f === 'string' ? `the ${messageField(step?.channel, f)} of ${variant}` : variant;
  }
  if (k === 'message' && typeof sub === 'string') return `the ${messageField(step?.channel, sub)}`;
  const key = keyOf(rest);
  return item(STEP_FIELDS[key] ?? `the "${key}" setting`, rest[rest.length - 1]);
}

/** A value as a sentence names it: `"yes"`, `the number 5`, `a list`. */
function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'object') return 'a group of settings';
  return String(v);
}

/** `"a", "b" or "c"` */
function oneOf(values: readonly unknown[]): string {
  const shown = values.map((v) => JSON.stringify(v));
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}` : (shown[0] ?? '');
}

/** What is wrong, as the rest of a sentence after the field: "must not be empty". Null: say it as a whole sentence. */
function predicate(issue: RawSchemaIssue, where: Where, value: unknown): string {
  const missing = value === undefined;
  switch (issue.code) {
    case 'invalid_type': {
      if (missing) return 'is missing';
      const expected = issue.expected === 'number' || issue.expected === 'int' ? (NUMBER_UNITS[where.key] ?? EXPECTED[issue.expected]) : EXPECTED[issue.expected ?? ''];
      return `must be ${expected ?? issue.expected}, not ${describeValue(value)}`;
    }
    case 'invalid_value': {
      const values = issue.values ?? [];
      if (values.length === 1 && values[0] === true) return 'cannot be turned off (it must be true)';
      if (missing) return `is missing; it must be ${values.length > 1 ? 'one of ' : ''}${oneOf(values)}`;
      return `must be ${values.length > 1 ? 'one of ' : ''}${oneOf(values)}, not ${describeValue(value)}`;
    }
    case 'invalid_union':
      if (where.key === 'channel') {
        const choices = 'SMS "sms", email "email", callback task "callback_task" or agent notification "notify_agent"';
        return missing ? `is missing; it must be ${choices}` : `must be ${choices}, not ${describeValue(value)}`;
      }
      return `is not valid (${issue.message})`;
    case 'unrecognized_keys': {
      const keys = issue.keys ?? [];
      const many = keys.length > 1;
      return `has ${many ? 'settings' : 'a setting'} the template format does not know: ${keys.map((k) => `"${k}"`).join(', ')}; remove ${many ? 'them' : 'it'} or check the spelling`;
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? 'must not be empty' : `must be at least ${min} characters`;
      if (issue.origin === 'array') return `must list at least ${min === 1 ? 'one' : min}`;
      return issue.inclusive === false ? `must be more than ${min}` : `must be ${min} or more`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `must be at most ${max} characters`;
      if (issue.origin === 'array') return `must list at most ${max}`;
      return issue.inclusive === false ? `must be less than ${max}` : `must be ${max} or less`;
    }
    case 'invalid_key': {
      // the records keyed by language: `translations.de`, `firstMessageTranslations.de`
      const key = String(issue.path[issue.path.length - 1]);
      const known = Object.entries(LANGUAGE_NAMES).map(([code, name]) => `"${code}" (${name})`);
      return `name a language the template format does not know: ${JSON.stringify(key)}; use ${known.slice(0, -1).join(', ')} or ${known[known.length - 1]}`;
    }
    case 'invalid_format':
      if (issue.format === 'url') return 'must be a web address starting with https:// (or http://)';
      if (issue.format === 'email') return 'must be an email address, e.g. help@example.com';
      return plainMessage(issue.message);
    default:
      return plainMessage(issue.message);
  }
}

/** The schema's own messages read as predicates: "expected X" → "must be X". */
function plainMessage(message: string): string {
  return message.startsWith('expected ') ? `must be ${message.slice('expected '.length)}` : message;
}

/** What the whole input is, for a file that is not a template at all. */
function kindOf(v: unknown): string {
  if (v === undefined) return 'empty';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'number') return 'a number';
  return `${typeof v}`;
}

/**
 * A schema issue as a plain sentence that names the place the way the designer labels it and says
 * what is expected, e.g. `Step 3 "Call back": the delay must be a whole number of minutes, not "5".`
 * `input` is the raw template (to name steps and departments and to say what was found).
 */
export function describeSchemaIssue(issue: RawSchemaIssue, input: unknown): string {
  const segments = issue.path;
  const value = valueAt(input, segments);
  if (!segments.length && issue.code === 'invalid_type') return `The file is not a sequence template: it is ${kindOf(input)}, not a JSON object.`;
  if (segments.length === 1 && segments[0] === 'steps') {
    if (value === undefined) return 'The file is not a sequence template: it has no steps.';
    if (issue.code === 'too_small') return 'The sequence has no steps: add at least one.';
  }
  if (segments.length === 1 && segments[0] === 'schemaVersion' && issue.code === 'invalid_value') {
    return value === undefined
      ? 'The file is not a sequence template: it has no "schemaVersion": 1.'
      : `The file is for another version of the template format (schemaVersion ${JSON.stringify(value)}); only schemaVersion 1 can be read.`;
  }
  const where = locate(segments, input);
  const what = predicate(issue, where, value);
  if (where.container && where.field) return `${where.container}: ${where.field} ${what}.`;
  if (where.container) return issue.code === 'custom' ? `${where.container}: ${what}.` : `${where.container} ${what}.`;
  if (where.field) return `${where.field} ${what}.`;
  return `The sequence ${what}.`;
}
