import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { analyzePhone } from '../../shared/phone';
import { parseStoredTemplate } from '../shared/parseStoredTemplate';
import type { Ledger } from '../ledger/Ledger';
import { maskPhone } from '../shared/maskPhone';
import { EXIT_AUDIT_KIND } from './recordInbound';
import { exitCheck } from './exitCheck';

/** Audit kind of a booked / CRM-status exit (the KPI report counts it as a conversion). */
export const CONVERSION_AUDIT_KIND = 'conversion';

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : null);
const obj = (v: unknown): IDataObject | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as IDataObject) : null);
const truthy = (v: unknown) => v === true || (typeof v === 'string' && /^(true|yes|1)$/i.test(v.trim()));

/**
 * Check mode for one item: output 0 Exit, 1 Continue, with `exit: { reason, … }`. A booked or
 * CRM-status exit ends the active enrollment in the ledger (reason `booked` / `crm_status`) and
 * is recorded once per enrollment as a conversion.
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
  if (enrollmentId && !enrollment) throw new NodeOperationError(fn.getNode(), `Enrollment ${enrollmentId} is not in the ledger`, { itemIndex: i });
  let phone = enrollment?.phone ?? null;
  if (phone === null) {
    if (rawPhone === null) {
      throw new NodeOperationError(fn.getNode(), 'The item names no phone or enrollment', {
        itemIndex: i,
        description: 'Set Phone (e.g. {{ $json.touch.phone }}) or Enrollment ID.',
      });
    }
    const info = analyzePhone(rawPhone, { defaultCountry: str(fn.getNodeParameter('defaultCountry', i, 'US')) ?? 'US' });
    if (!info) throw new NodeOperationError(fn.getNode(), `The phone ${maskPhone(rawPhone)} is not a valid number`, { itemIndex: i });
    phone = info.e164;
  }
  const parsed = enrollment ? parseStoredTemplate(enrollment.template) : null;
  const template = parsed?.success ? parsed.data : null;
  const extra = (str(fn.getNodeParameter('extraCrmStatuses', i, '')) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const crmStatus = str(fn.getNodeParameter('crmStatus', i, ''));
  const booked = truthy(fn.getNodeParameter('booked', i, false));
  const channel = str(touch?.channel) ?? str(obj(json.step)?.channel);
  const verdict = exitCheck({
    contact: await ledger.contact(phone),
    enrollment,
    templatePaused: enrollment ? await ledger.templatePaused(enrollment.templateId) : false,
    channel,
    booked,
    crmStatus,
    onBooked: template?.exit.onBooked ?? true,
    exitStatuses: [...(template?.exit.crmStatuses ?? []), ...extra],
    now,
  });
  const at = new Date(now).toISOString();
  if (!verdict.exit) return { output: 1, json: { ...json, exit: { mode: 'check', exit: false, reason: null, enrollmentId, at } } };

  const conversion = verdict.reason === 'booked' || verdict.reason === 'crm_status';
  const fromItem = conversion && (booked || crmStatus !== null) && enrollment !== null && enrollment.status === 'active';
  if (fromItem) await ledger.exitEnrollment(enrollment.id, verdict.reason, now);
  if (conversion && enrollment && (booked || crmStatus !== null) && (await ledger.claimOnce(`conversion:${enrollment.id}`, now))) {
    await ledger.audit({
      kind: CONVERSION_AUDIT_KIND,
      phone,
      enrollmentId: enrollment.id,
      data: { reason: verdict.reason, crmStatus, templateId: enrollment.templateId },
      now,
    });
  }
  const info: IDataObject = {
    mode: 'check',
    exit: true,
    reason: verdict.reason,
    final: verdict.final,
    detail: verdict.detail,
    enrollmentId,
    enrollmentEnded: fromItem,
    ...(verdict.until !== undefined ? { until: verdict.until === null ? null : new Date(verdict.until).toISOString() } : {}),
    at,
  };
  await ledger.audit({ kind: EXIT_AUDIT_KIND, phone, enrollmentId, data: { ...info, crmStatus }, now });
  return { output: 0, json: { ...json, exit: info } };
}
