import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { analyzePhone } from '../../shared/phone';
import { parseStoredTemplate } from '../shared/parseStoredTemplate';
import type { Enrollment, Ledger } from '../ledger/Ledger';
import { maskPhone } from '../shared/maskPhone';
import { EXIT_AUDIT_KIND } from './recordInbound';
import { exitCheck, type ExitVerdict } from './exitCheck';
import { invalidItem } from './invalidItem';

/** Audit kind of a booked / CRM-status exit (the KPI report counts it as a conversion). */
export const CONVERSION_AUDIT_KIND = 'conversion';

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : null);
const obj = (v: unknown): IDataObject | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as IDataObject) : null);

const truthy = (v: unknown) => v === true || (typeof v === 'string' && /^(true|yes|1)$/i.test(v.trim()));

/**
 * Check mode for one item: output 0 Exit, 1 Continue, with `exit: { reason, … }`. A booked or
 * CRM-status exit ends the active enrollment in the ledger (reason `booked` / `crm_status`) and
 * is recorded once per enrollment as a conversion. An item that names no enrollment but reports a
 * booking or CRM status (an outcome webhook that knows only the phone) is checked against every
 * active enrollment of the contact, each by its own template's exits (`exit.endedEnrollments`).
 */
export async function checkItem(
  fn: IExecuteFunctions,
  i: number,
  json: IDataObject,
  d: { ledger: Ledger; now: number },
): Promise<{ output: number; json: IDataObject }> {
  const { ledger, now } = d;
  const touch = obj(json.touch);
  const rawPhone = str(fn.getNodeParameter('phone', i, '')) ?? str(touch?.phone) ?? str(obj(json.contact)?.phone) ?? str(json.phone);
  const enrollmentId =
    str(fn.getNodeParameter('enrollmentId', i, '')) ?? str(touch?.enrollmentId) ?? str(obj(json.enrollment)?.id) ?? str(json.enrollmentId);
  const enrollment = enrollmentId ? await ledger.enrollment(enrollmentId) : null;
  if (enrollmentId && !enrollment) throw invalidItem(new NodeOperationError(fn.getNode(), `Enrollment ${enrollmentId} is not in the ledger`, { itemIndex: i }));
  let phone = enrollment?.phone ?? null;
  if (phone === null) {
    if (rawPhone === null) {
      throw invalidItem(
        new NodeOperationError(fn.getNode(), 'The item names no phone or enrollment', {
          itemIndex: i,
          description: 'Set Phone (e.g. {{ $json.touch.phone }}) or Enrollment ID.',
        }),
      );
    }
    const info = analyzePhone(rawPhone, { defaultCountry: str(fn.getNodeParameter('defaultCountry', i, 'US')) ?? 'US' });
    if (!info) throw invalidItem(new NodeOperationError(fn.getNode(), `The phone ${maskPhone(rawPhone)} is not a valid number`, { itemIndex: i }));
    phone = info.e164;
  }
  const extra = (str(fn.getNodeParameter('extraCrmStatuses', i, '')) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const crmStatus = str(fn.getNodeParameter('crmStatus', i, ''));
  const booked = truthy(fn.getNodeParameter('booked', i, false));
  const outcome = booked || crmStatus !== null;
  const channel = str(touch?.channel) ?? str(obj(json.step)?.channel);
  const contact = await ledger.contact(phone);
  const at = new Date(now).toISOString();
  // the named enrollment; else, for a reported outcome, the contact's active ones; else the contact alone
  const byPhone = enrollment === null && outcome;
  const targets: (Enrollment | null)[] = enrollment ? [enrollment] : byPhone ? (await ledger.enrollmentsOf(phone)).filter((e) => e.status === 'active') : [];
  if (targets.length === 0) targets.push(null);

  const judged: { e: Enrollment | null; verdict: ExitVerdict & { exit: true }; ended: boolean }[] = [];
  for (const e of targets) {
    const parsed = e ? parseStoredTemplate(e.template) : null;
    const template = parsed?.success ? parsed.data : null;
    const verdict = exitCheck({
      contact,
      enrollment: e,
      templatePaused: e ? await ledger.templatePaused(e.templateId) : false,
      channel,
      booked,
      crmStatus,
      onBooked: template?.exit.onBooked ?? true,
      exitStatuses: [...(template?.exit.crmStatuses ?? []), ...extra],
      now,
    });
    if (!verdict.exit) continue;
    const conversion = verdict.reason === 'booked' || verdict.reason === 'crm_status';
    const ended = conversion && outcome && e !== null && e.status === 'active';
    if (ended) await ledger.exitEnrollment(e.id, verdict.reason, now);
    if (conversion && e && outcome && (await ledger.claimOnce(`conversion:${e.id}`, now))) {
      await ledger.audit({ kind: CONVERSION_AUDIT_KIND, phone, enrollmentId: e.id, data: { reason: verdict.reason, crmStatus, templateId: e.templateId }, now });
    }
    judged.push({ e, verdict, ended });
  }
  const endedEnrollments = judged.filter((j) => j.ended).map((j) => j.e!.id);
  const listed = byPhone ? { endedEnrollments } : {};
  const first = judged.find((j) => j.ended) ?? judged[0];
  if (!first) return { output: 1, json: { ...json, exit: { mode: 'check', exit: false, reason: null, enrollmentId, ...listed, at } } };

  const infoOf = (j: (typeof judged)[number]): IDataObject => ({
    mode: 'check',
    exit: true,
    reason: j.verdict.reason,
    final: j.verdict.final,
    detail: j.verdict.detail,
    enrollmentId: j.e?.id ?? enrollmentId,
    enrollmentEnded: j.ended,
    ...(j.verdict.until !== undefined ? { until: j.verdict.until === null ? null : new Date(j.verdict.until).toISOString() } : {}),
    ...listed,
    at,
  });
  for (const j of judged) await ledger.audit({ kind: EXIT_AUDIT_KIND, phone, enrollmentId: j.e?.id ?? enrollmentId, data: { ...infoOf(j), crmStatus }, now });
  return { output: 0, json: { ...json, exit: infoOf(first) } };
}
