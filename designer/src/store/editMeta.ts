import { isPastClosure, type BusinessClosure, type Department, type EnrollingCallClass, type Language, type SequenceTemplate, type Weekday } from '../../../shared/schema';
import type { TemplateMeta } from '../graph/types';

export type ReentryPolicy = SequenceTemplate['reentry']['policy'];

/** Days a fresh "after_days" re-entry policy starts with. */
export const DEFAULT_REENTRY_DAYS = 30;

/**
 * Edits of the template's business, trigger and re-entry blocks. Values are stored as given, so a
 * bad one (empty name, overlapping hours, 0 days, a closure ending before it starts) surfaces as a schema diagnostic instead of being lost.
 */
export type MetaAction =
  | { type: 'setDayHours'; day: Weekday; ranges: string[]; coalesceKey?: string }
  | { type: 'addDepartment'; department?: Department }
  | { type: 'updateDepartment'; index: number; department: Department; coalesceKey?: string }
  | { type: 'removeDepartment'; index: number }
  | { type: 'addClosure'; closure: BusinessClosure }
  /**
   * several closures in one undo step (e.g. a calendar's public holidays); none changes nothing.
   * `offered`: the holiday dates the picker offered, checked or not, recorded in the same step in
   * the document's designer-only `offeredHolidays` (the reducer does that; the meta ignores it);
   * `today` ('YYYY-MM-DD', business zone): recorded dates before it are dropped (never offered again)
   */
  | { type: 'addClosures'; closures: readonly BusinessClosure[]; offered?: readonly string[]; today?: string }
  | { type: 'updateClosure'; index: number; closure: BusinessClosure; coalesceKey?: string }
  | { type: 'removeClosure'; index: number }
  /** every closure that ended before `today` ('YYYY-MM-DD', business zone) in one undo step; none changes nothing */
  | { type: 'removePastClosures'; today: string }
  | { type: 'setReentry'; policy: ReentryPolicy; days?: number; coalesceKey?: string }
  /** `language`: the text in that language (`trigger.firstMessageTranslations`); none: in the template's own */
  | { type: 'setFirstMessage'; callClass: EnrollingCallClass; text: string; language?: Language; coalesceKey?: string };

export const META_ACTIONS: ReadonlySet<string> = new Set<MetaAction['type']>(['setDayHours', 'addDepartment', 'updateDepartment', 'removeDepartment', 'addClosure', 'addClosures', 'updateClosure', 'removeClosure', 'removePastClosures', 'setReentry', 'setFirstMessage']);

/** A department id (`dept-1`, `dept-2`, …) not used yet. */
export function freshDepartmentId(departments: readonly Pick<Department, 'id'>[]): string {
  const taken = new Set(departments.map((d) => d.id));
  let n = departments.length + 1;
  while (taken.has(`dept-${n}`)) n++;
  return `dept-${n}`;
}

/** An empty `numbers` list is dropped (the field is optional). */
function tidyDepartment(d: Department): Department {
  if (d.numbers === undefined || d.numbers.length > 0) return d;
  const { numbers: _drop, ...rest } = d;
  return rest;
}

/** A blank `to` or reason is dropped (both are optional); a bad date is kept for the schema to report. */
export function tidyClosure(c: BusinessClosure): BusinessClosure {
  const out: BusinessClosure = { from: c.from };
  if (c.to) out.to = c.to;
  if (c.reason !== undefined && c.reason.trim() !== '') out.reason = c.reason;
  return out;
}

function withBusiness(meta: TemplateMeta, business: Partial<TemplateMeta['business']>): TemplateMeta {
  return { ...meta, business: { ...meta.business, ...business } };
}

/** `trigger.firstMessageTranslations[lang][callClass]` set, or dropped when blank (and an emptied language or record with it). */
function setFirstMessageTranslation(meta: TemplateMeta, lang: Language, callClass: EnrollingCallClass, text: string): TemplateMeta {
  const all = { ...meta.trigger.firstMessageTranslations };
  const texts = { ...all[lang] };
  if (text.trim() === '') delete texts[callClass];
  else texts[callClass] = text;
  if (Object.keys(texts).length) all[lang] = texts;
  else delete all[lang];
  const { firstMessageTranslations: _old, ...trigger } = meta.trigger;
  return { ...meta, trigger: Object.keys(all).length ? { ...trigger, firstMessageTranslations: all } : trigger };
}

/** The meta after one edit; the same object when the edit changes nothing (e.g. an index out of range). */
export function editMeta(meta: TemplateMeta, a: MetaAction): TemplateMeta {
  const depts = meta.business.departments;
  // a document saved before closures existed may lack the list
  const closures = Array.isArray(meta.business.closures) ? meta.business.closures : [];
  switch (a.type) {
    case 'setDayHours':
      return withBusiness(meta, { openingHours: { ...meta.business.openingHours, [a.day]: [...a.ranges] } });
    case 'addDepartment': {
      const id = freshDepartmentId(depts);
      const department = a.department ?? { id, name: `Department ${depts.length + 1}`, queue: id };
      return withBusiness(meta, { departments: [...depts, tidyDepartment(department)] });
    }
    case 'updateDepartment':
      if (!depts[a.index]) return meta;
      return withBusiness(meta, { departments: depts.map((d, i) => (i === a.index ? tidyDepartment(a.department) : d)) });
    case 'removeDepartment':
      if (!depts[a.index]) return meta;
      return withBusiness(meta, { departments: depts.filter((_, i) => i !== a.index) });
    case 'addClosure':
      return withBusiness(meta, { closures: [...closures, tidyClosure(a.closure)] });
    case 'addClosures':
      if (a.closures.length === 0) return meta;
      return withBusiness(meta, { closures: [...closures, ...a.closures.map(tidyClosure)] });
    case 'updateClosure':
      if (!closures[a.index]) return meta;
      return withBusiness(meta, { closures: closures.map((c, i) => (i === a.index ? tidyClosure(a.closure) : c)) });
    case 'removeClosure':
      if (!closures[a.index]) return meta;
      return withBusiness(meta, { closures: closures.filter((_, i) => i !== a.index) });
    case 'removePastClosures': {
      const kept = closures.filter((c) => !isPastClosure(c, a.today));
      return kept.length === closures.length ? meta : withBusiness(meta, { closures: kept });
    }
    case 'setReentry': {
      if (a.policy !== 'after_days') return { ...meta, reentry: { policy: a.policy } };
      // blank input (NaN) leaves days out: the schema then says days is required
      const days = a.days === undefined ? (meta.reentry.days ?? DEFAULT_REENTRY_DAYS) : a.days;
      return { ...meta, reentry: Number.isFinite(days) ? { policy: a.policy, days } : { policy: a.policy } };
    }
    case 'setFirstMessage': {
      if (a.language !== undefined) return setFirstMessageTranslation(meta, a.language, a.callClass, a.text);
      const firstMessage = { ...meta.trigger.firstMessage };
      if (a.text.trim() === '') delete firstMessage[a.callClass];
      else firstMessage[a.callClass] = a.text;
      const { firstMessage: _old, ...trigger } = meta.trigger;
      return { ...meta, trigger: Object.keys(firstMessage).length ? { ...trigger, firstMessage } : trigger };
    }
  }
}
