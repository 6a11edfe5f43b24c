/**
 * decide()'s send/notBefore against a brute-force oracle that shares none of its clock arithmetic:
 * wall clocks come straight from Intl, and the earliest allowed instant is found by stepping whole
 * minutes. compliance.md §5.3 step 5–6: allowed iff, for every candidate zone and every rule, the local
 * weekday/time is inside the rule's window and the local date is no banned holiday; notBefore = the
 * earliest such instant. Real numbers, so area-code zone unions (§5.2) and state rules (§2) are in play;
 * instants cluster on DST changes and holidays of 2026–2027.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, isHoliday, resolveRules, type BusinessWindow, type JurisdictionRule } from '../../../shared/compliance';
import { analyzePhone } from '../../../shared/phone';

const MIN = 60_000, DAY = 86_400_000;
const fmts = new Map<string, Intl.DateTimeFormat>();
const WD = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function wall(zone: string, t: number): { date: string; min: number; wd: number } {
  let f = fmts.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short' });
    fmts.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, min: (Number(p.hour) % 24) * 60 + Number(p.minute), wd: WD.indexOf(p.weekday!) };
}

function ruleAllows(r: JurisdictionRule, zones: readonly string[], t: number): boolean {
  for (const z of r.fixedZones ? [...zones, ...r.fixedZones] : zones) {
    const l = wall(z, t);
    const v = r.versions.find((x) => (!x.effectiveFrom || l.date >= x.effectiveFrom) && (!x.effectiveUntil || l.date < x.effectiveUntil));
    if (!v) continue;
    if (v.holidaysBanned && r.holidayCalendar && isHoliday(r.holidayCalendar, l.date)) return false;
    if (!v.windows[l.wd]!.some(([s, e]) => l.min >= s && l.min < e)) return false;
  }
  return true;
}

function allowed(rules: readonly JurisdictionRule[], zones: readonly string[], b: BusinessWindow | undefined, t: number): boolean {
  if (!rules.every((r) => ruleAllows(r, zones, t))) return false;
  if (!b) return true;
  const l = wall(b.zone, t);
  if (b.closures?.some((c) => l.date >= c.from && l.date <= (c.to ?? c.from))) return false;
  return b.windows[l.wd]!.some(([s, e]) => l.min >= s && l.min < e);
}

const NUMBERS = [
  '+12125550123', '+13055550123', '+18505550123', '+14325550123', '+19155550123', '+12085550123', '+15415550123',
  '+16055550123', '+17015550123', '+12705550123', '+14235550123', '+18125550123', '+19065550123', '+17755550123',
  '+19285550123', '+19075550123', '+18085550123', '+14055550123', '+13015550123', '+16015550123', '+12055550123',
  '+15045550123', '+18015550123', '+18605550123', '+12015550123', '+12155550123', '+14015550123', '+15035550123',
  '+18045550123', '+18595550123', '+13075550123', '+16175550123', '+13135550123', '+16125550123', '+15055550123',
  '+13125550123', '+12075550123', '+16045550123', '+12505550123', '+14185550123', '+17095550123', '+14165550123',
];
const ANCHORS = [
  '2026-03-08T07:00Z', '2026-11-01T06:00Z', '2027-03-14T07:00Z', '2027-11-07T06:00Z', '2026-12-31T12:00Z',
  '2027-12-31T12:00Z', '2027-07-03T12:00Z', '2026-11-26T12:00Z', '2027-11-25T12:00Z', '2027-12-24T12:00Z', '2026-10-17T12:00Z',
].map((s) => Date.parse(s.replace('Z', ':00Z')));
const BUSINESS: (BusinessWindow | undefined)[] = [
  undefined,
  undefined,
  { zone: 'America/Chicago', windows: [[], [[540, 1020]], [[540, 1020]], [[540, 1020]], [[540, 1020]], [[540, 960]], [[600, 840]]] },
  { zone: 'America/Los_Angeles', windows: [[[0, 1440]], [[420, 1320]], [[420, 1320]], [[420, 1320]], [[420, 1320]], [[420, 1320]], []], closures: [{ from: '2027-12-24', to: '2027-12-27' }, { from: '2026-11-26' }] },
];

function oracle(n: string, now: number, b: BusinessWindow | undefined): number | null {
  const phone = analyzePhone(n)!;
  const rules = resolveRules(phone);
  if (allowed(rules, phone.zones, b, now)) return now;
  for (let t = Math.ceil(now / MIN) * MIN; t <= now + 14 * DAY; t += MIN) if (allowed(rules, phone.zones, b, t)) return t;
  return null;
}

describe('notBefore against an Intl brute-force oracle (compliance.md §5.3)', () => {
  it('send now exactly when allowed, else the first allowed minute', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NUMBERS),
        fc.oneof(
          fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2028, 0, 10) }),
          fc.tuple(fc.constantFrom(...ANCHORS), fc.integer({ min: -2 * DAY, max: 2 * DAY })).map(([a, d]) => a + d),
        ),
        fc.constantFrom(...BUSINESS),
        (n, now, b) => {
          const d = decide({ now, phone: analyzePhone(n), channel: 'sms', classification: 'informational', consent: 'informational', businessHours: b });
          const got = d.verdict === 'send' ? now : d.notBefore === null ? null : Date.parse(d.notBefore);
          expect(got).toBe(oracle(n, now, b));
        },
      ),
      { numRuns: 400, seed: 20261127 },
    );
  });
});
