/**
 * callerAllowedNow (the daytime caller `npm run simulate-call` suggests when its call is deferred,
 * and the caller test/start/start.test.ts simulates): some sample caller may be texted at every
 * quarter hour of a winter, a summer and a DST-change week, and the one returned really may be.
 */
import { describe, expect, it } from 'vitest';
import { decide } from '../../shared/compliance';
import { analyzePhone } from '../../shared/phone';
import { callerAllowedNow } from '../../scripts/product/callerAllowedNow';

const WEEKS = ['2026-12-01T00:00:00Z', '2026-07-06T00:00:00Z', '2026-03-02T00:00:00Z'];
const QUARTER = 15 * 60_000;

describe('callerAllowedNow', () => {
  it('finds a caller the gate lets a text through to at every quarter hour', () => {
    const missing: string[] = [];
    for (const start of WEEKS) {
      for (let t = Date.parse(start); t < Date.parse(start) + 7 * 86_400_000; t += QUARTER) {
        const n = callerAllowedNow(t);
        if (n === null) {
          missing.push(new Date(t).toISOString());
          continue;
        }
        const verdict = decide({ now: t, phone: analyzePhone(n, { defaultCountry: 'US' })!, channel: 'sms', classification: 'informational', consent: 'informational' }).verdict;
        expect(verdict, `${n} at ${new Date(t).toISOString()}`).toBe('send');
      }
    }
    expect(missing).toEqual([]);
  });

  it('offers another caller than Miami during Miami\'s night', () => {
    // 2026-12-01 21:00 in Miami
    const n = callerAllowedNow(Date.parse('2026-12-02T02:00:00Z'));
    expect(n).not.toBeNull();
    expect(n).not.toBe('+13055550123');
  });
});
