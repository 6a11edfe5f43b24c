import { fromZonedTime } from 'date-fns-tz';
import { analyzePhone } from '../../../shared/phone';

/** Sample callers offered by the simulator and the message preview. */
export interface SampleCaller {
  id: string;
  city: string;
  phone: string;
  callerName: string;
  callerFirstName: string;
}

export const SAMPLE_CALLERS: readonly SampleCaller[] = [
  { id: 'new-york', city: 'New York', phone: '+12125550123', callerName: 'Dana Whitfield', callerFirstName: 'Dana' },
  { id: 'miami', city: 'Miami', phone: '+13055550123', callerName: 'Maria López', callerFirstName: 'Maria' },
  { id: 'el-paso', city: 'El Paso', phone: '+19155550123', callerName: 'Luis Ortega', callerFirstName: 'Luis' },
  { id: 'honolulu', city: 'Honolulu', phone: '+18085550123', callerName: 'Kai Nakamura', callerFirstName: 'Kai' },
  { id: 'toronto', city: 'Toronto', phone: '+14165550123', callerName: 'Priya Shah', callerFirstName: 'Priya' },
  { id: 'london', city: 'London', phone: '+447400123456', callerName: 'Oliver Bennett', callerFirstName: 'Oliver' },
];

/** Which sample caller and missed call the Simulator runs and the message previews assume. */
export interface SampleChoice {
  callerId: SampleCaller['id'];
  /** the missed call, `YYYY-MM-DDTHH:mm` read in the caller's zone; null: today at {@link SAMPLE_CALL_TIME} */
  local: string | null;
}

export const DEFAULT_SAMPLE: SampleChoice = { callerId: 'miami', local: null };

/** The caller of `id`; the default (Miami) for an unknown id. */
export function sampleCaller(id: string): SampleCaller {
  return SAMPLE_CALLERS.find((c) => c.id === id) ?? SAMPLE_CALLERS.find((c) => c.id === DEFAULT_SAMPLE.callerId)!;
}

/** Local time of the sample missed call: the Simulator starts here, and the preview assumes it. */
export const SAMPLE_CALL_TIME = '20:45';

/** `YYYY-MM-DD` of `day` on the designer's own calendar. */
export function localDate(day: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${p(day.getMonth() + 1)}-${p(day.getDate())}`;
}

/** The caller's zone (first candidate of its number), null when unknown. */
export function callerZone(caller: SampleCaller): string | null {
  return analyzePhone(caller.phone)?.zones[0] ?? null;
}

/** All candidate zones of the caller's number, as the Follow-up Sender reads them; empty when unknown. */
export function callerZones(caller: SampleCaller): readonly string[] {
  return analyzePhone(caller.phone)?.zones ?? [];
}

/** `YYYY-MM-DDTHH:mm` of `day`'s date at the sample call time (read in the caller's zone). */
export function defaultLocal(day: Date): string {
  return `${localDate(day)}T${SAMPLE_CALL_TIME}`;
}

/** Instant of a missed call at `local` (`YYYY-MM-DDTHH:mm`) in the caller's zone (UTC if unknown); null when not a date and time. */
export function localCallAt(caller: SampleCaller, local: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  const at = fromZonedTime(local, callerZone(caller) ?? 'UTC').getTime();
  return Number.isNaN(at) ? null : at;
}

/** Instant of the sample missed call: {@link SAMPLE_CALL_TIME} on `day`'s date in the caller's zone (UTC if unknown). */
export function sampleCallAt(caller: SampleCaller, day: Date): number {
  return localCallAt(caller, defaultLocal(day))!;
}
