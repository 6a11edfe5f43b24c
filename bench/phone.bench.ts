// bash scripts/run.sh node --import tsx bench/phone.bench.ts — analyzePhone/s beside a bare
// libphonenumber-js/max parse of the same numbers (US, Canadian, UK), alternated in one run.
// Last stdout line: {"analyzePerSec":N,"parsePerSec":N,"ratio":R} (ratio = parse/analyze time).
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { analyzePhone } from '../shared/phone';

const US = ['212', '305', '915', '808', '850', '432', '208', '701', '928', '907', '415', '617', '512', '713', '423', '541'];
const CA = ['416', '514', '604', '403', '902', '709', '250', '418'];
const UK = ['+447400', '+447911', '+442071', '+441614'];
// deterministic digits (no Math.random: the same work every run); 60 % US, 25 % CA, 15 % UK
const NUMBERS = Array.from({ length: 400 }, (_, i) => {
  const tail = String(1_000_000 + ((i * 7919) % 1_000_000)).slice(1);
  const nxx = 200 + ((i * 37) % 800);
  if (i % 20 < 12) return `+1${US[i % US.length]}${nxx}${tail.slice(2)}`;
  if (i % 20 < 17) return `+1${CA[i % CA.length]}${nxx}${tail.slice(2)}`;
  return `${UK[i % UK.length]}${tail}`;
});

function run(label: string, seconds: number, body: (s: string) => unknown): number {
  let n = 0;
  let sink = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    for (const s of NUMBERS) if (body(s)) sink++;
    n += NUMBERS.length;
  }
  const perSec = Math.round(n / ((performance.now() - start) / 1000));
  process.stdout.write(`${label.padEnd(8)} ${perSec.toLocaleString('en-US')}/s (accepted ${sink / (n / NUMBERS.length)}/${NUMBERS.length})\n`);
  return perSec;
}

const parse = (s: string) => parsePhoneNumberFromString(s) !== undefined;
const analyze = (s: string) => analyzePhone(s) !== null;

const seconds = Number(process.env.BENCH_SECONDS ?? 2);
run('warmup', 0.5, parse);
run('warmup', 0.5, analyze);
const parses: number[] = [];
const analyses: number[] = [];
for (let round = 0; round < 3; round++) {
  parses.push(run('parse', seconds, parse));
  analyses.push(run('analyze', seconds, analyze));
}
const best = (xs: number[]) => Math.max(...xs);
const result = { analyzePerSec: best(analyses), parsePerSec: best(parses), ratio: +(best(parses) / best(analyses)).toFixed(3) };
process.stdout.write(`${JSON.stringify(result)}\n`);
