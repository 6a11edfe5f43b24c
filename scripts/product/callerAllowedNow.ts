/**
 * A sample caller the gate lets a text through to at `now`, so a simulated missed call can show a
 * message at any hour (the printed +13055550123 is deferred during Miami's night).
 */
import { decide } from '../../shared/compliance';
import { analyzePhone } from '../../shared/phone';

/**
 * Mobile numbers in zones spread round the clock. Every 15 minutes of a winter, a summer and a
 * DST-change week has one (UK, India and Brazil cover 12:00–13:00 UTC on winter weekdays: Miami
 * before 08:00, Paris at lunch, Tokyo after 21:00).
 */
export const SAMPLE_CALLERS = ['+13055550123', '+18085550123', '+447400123456', '+61412345678', '+819012345678', '+33612345678', '+919812345678', '+5511987654321'];

/** The first sample caller an informational SMS may go to at `now`; null when none may. */
export function callerAllowedNow(now: number): string | null {
  for (const n of SAMPLE_CALLERS) {
    const phone = analyzePhone(n, { defaultCountry: 'US' });
    if (phone && decide({ now, phone, channel: 'sms', classification: 'informational', consent: 'informational' }).verdict === 'send') return n;
  }
  return null;
}
