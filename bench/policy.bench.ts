// npm run bench:policy — gate decisions per second (analyzePhone + decide) for a mix of US, Canadian
// and UK numbers, beside the same loop doing only the libphonenumber-js parse, in the same run.
// Last stdout line: {"decisionsPerSec":N,"parsePerSec":N,...}
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { analyzePhone } from '../shared/phone';
import { decide } from '../shared/compliance';

const NUMBERS = [
  '+12125550123', '+13055550123', '+19155550123', '+18085550123', '+18505550199', '+14325550123',
  '+12085550123', '+17015550123', '+19282835555', '+19075550123', '+14155550123', '+16175550123',
  '+15125550123', '+17135550123', '+14015550123', '+18015550123', '+12155550123', '+12055550123',
  '+14165550123', '+15145550123', '+16045550123', '+14035550123', '+19025550123', '+17095550123',
  '+447700900123', '+447911123456', '+442071838750', '+441614960000',
];

// deterministic pseudo-random instants over a year (no Math.random: the same work every run)
const START = Date.UTC(2026, 0, 1);
const INSTANTS = Array.from({ length: 4096 }, (_, i) => START + ((i * 2654435761) % 31_536_000) * 1000);

function run(label: string, seconds: number, body: (i: number) => unknown): number {
  let n = 0;
  let sink = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    for (let k = 0; k < 1000; k++, n++) if (body(n)) sink++;
  }
  const perSec = Math.round(n / seconds);
  process.stdout.write(`${label.padEnd(10)} ${perSec.toLocaleString('en-US')}/s (sink ${sink})\n`);
  return perSec;
}

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const verdicts: Record<string, number> = {};
const parse = (i: number) => parsePhoneNumberFromString(NUMBERS[i % NUMBERS.length]) !== undefined;
const gate = (i: number) => {
  const d = decide({
    now: INSTANTS[i & 4095],
    phone: analyzePhone(NUMBERS[i % NUMBERS.length]),
    channel: 'sms',
    classification: 'informational',
    consent: 'informational',
  });
  if (i < 4096) verdicts[d.verdict] = (verdicts[d.verdict] ?? 0) + 1;
  return d.verdict === 'send';
};

// warm up both, then alternate so neither gets a cooler machine
run('warmup', 0.5, parse);
run('warmup', 0.5, gate);
const parses: number[] = [];
const gates: number[] = [];
for (let r = 0; r < 3; r++) {
  parses.push(run('parse', seconds / 3, parse));
  gates.push(run('gate', seconds / 3, gate));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
const parsePerSec = median(parses);
const decisionsPerSec = median(gates);
process.stdout.write(`verdict mix over the first 4096: ${JSON.stringify(verdicts)}\n`);
process.stdout.write(
  JSON.stringify({ decisionsPerSec, parsePerSec, costRatio: +(parsePerSec / decisionsPerSec).toFixed(3), goal: { decisionsPerSec: 150000, costRatio: 1.5 } }) + '\n',
);
