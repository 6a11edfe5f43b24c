/**
 * decide() throughput with hand-made PhoneInfo (US/CA/UK mix, random instants 2026–2028).
 * Run: bash scripts/run.sh node --import tsx bench/decide.bench.ts
 * Budget: ≲ 1.5 µs per decision on average (analyzePhone's libphonenumber parse is ~4.4 µs).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { PhoneInfo } from '../shared/phone/types';
import { decide, type DecideInput } from '../shared/compliance';

const phone = (e164: string, country: string, sub: string | null, zones: string[]): PhoneInfo => ({
  e164,
  country,
  subdivision: sub,
  jurisdictions: sub ? [country, `${country}-${sub}`] : [country],
  lineType: 'mobile',
  zones,
});

const PHONES: PhoneInfo[] = [
  phone('+13055550123', 'US', 'FL', ['America/New_York']),
  phone('+18505550123', 'US', 'FL', ['America/New_York', 'America/Chicago']),
  phone('+12125550123', 'US', 'NY', ['America/New_York']),
  phone('+14325550123', 'US', 'TX', ['America/Chicago', 'America/Denver']),
  phone('+12085550123', 'US', 'ID', ['America/Boise', 'America/Denver', 'America/Los_Angeles']),
  phone('+18015550123', 'US', 'UT', ['America/Denver']),
  phone('+14015550123', 'US', 'RI', ['America/New_York']),
  phone('+12155550123', 'US', 'PA', ['America/New_York']),
  phone('+16015550123', 'US', 'MS', ['America/Chicago']),
  phone('+13105550123', 'US', 'CA', ['America/Los_Angeles']),
  phone('+16045550123', 'CA', 'BC', ['America/Vancouver']),
  phone('+14165550123', 'CA', 'ON', ['America/Toronto']),
  phone('+447700900123', 'GB', null, ['Europe/Guernsey', 'Europe/Isle_of_Man', 'Europe/London']),
];

// deterministic LCG so runs are comparable
let seed = 42;
const rnd = (): number => ((seed = (seed * 1_664_525 + 1_013_904_223) >>> 0) / 2 ** 32);
const START = Date.UTC(2026, 0, 1);
const SPAN = 3 * 365 * 86_400_000;
const N = 200_000;
const inputs: DecideInput[] = Array.from({ length: N }, () => ({
  now: START + Math.floor(rnd() * SPAN),
  phone: PHONES[Math.floor(rnd() * PHONES.length)]!,
  channel: 'sms',
  classification: 'informational',
  consent: 'informational',
  sentLast24h: Math.floor(rnd() * 2),
}));

function run(): { ns: number; verdicts: Record<string, number> } {
  const verdicts: Record<string, number> = {};
  const t0 = process.hrtime.bigint();
  for (const input of inputs) {
    const d = decide(input);
    verdicts[d.verdict] = (verdicts[d.verdict] ?? 0) + 1;
  }
  return { ns: Number(process.hrtime.bigint() - t0), verdicts };
}

const warm = process.hrtime.bigint();
run(); // warm-up: fills the zone-year and holiday memos, lets the JIT settle
const warmMs = Number(process.hrtime.bigint() - warm) / 1e6;
const rounds = Array.from({ length: 7 }, run); // best of 7: the host is shared and noisy
const best = Math.min(...rounds.map((r) => r.ns));

// reference: a bare libphonenumber parse of the same numbers (what analyzePhone costs at least)
const e164s = inputs.map((i) => i.phone!.e164);
let parseBest = Infinity;
for (let r = 0; r < 5; r++) {
  const t0 = process.hrtime.bigint();
  for (const e of e164s) parsePhoneNumberFromString(e);
  parseBest = Math.min(parseBest, Number(process.hrtime.bigint() - t0));
}
process.stdout.write(
  `decide(): ${N} decisions/round, warm-up round ${warmMs.toFixed(0)} ms\n` +
    `best round ${(best / N).toFixed(0)} ns/decision = ${Math.round((N / best) * 1e9).toLocaleString('en-US')} decisions/s\n` +
    `verdicts ${JSON.stringify(rounds[0]!.verdicts)}\n` +
    `reference: bare libphonenumber-js/max parse ${(parseBest / N).toFixed(0)} ns/number\n`,
);
