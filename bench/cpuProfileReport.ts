/**
 * Reads a .cpuprofile written by bench/e2eProfile.ts (n8n main, --cpu-prof) and prints where the
 * time of a call goes. Two reports:
 *   diff <profile> <dir>         busy ms per call, product calls against NoOp calls (marks.json and
 *                                marks-noop.json in <dir>), grouped by the pack / package / V8 bucket
 *                                (env GROUP=pack: by the innermost pack function and what it calls;
 *                                GROUP=lib:<package>: by the outermost frame in that package and its caller;
 *                                GROUP=under:<fn@file>: samples under that function by their innermost frame;
 *                                WINDOW_MS=n: only each call's first n ms)
 *   timeline <profile> <dir> [n] [ms]  call n's first ms (default 20th call, 45 ms; MARKS=marks-noop.json: a NoOp call) as a run of the
 *                                outermost async frames (the async function that resumed), with idle gaps
 *   alloc <dir>                  KB allocated per call (garbage included; PROFILE_HEAP=1), product against
 *                                NoOp, by the same buckets (GROUP=pack as above; GROUP=self: allocating function)
 * A sample counts for a call from its POST mark to the next call's mark (diff) or for the span (timeline).
 * Run: bash scripts/run.sh node --import tsx bench/cpuProfileReport.ts diff /tmp/n8n-prof/CPU…0.001.cpuprofile /tmp/n8n-prof
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const PACK_URL = '/.n8n/nodes/';
const EVENT_LOOP = /^(processTicksAndRejections|runMicrotasks|listOnTimeout|processImmediate)$/;

function load(file: string) {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  /** [µs timestamp, µs weight, stack innermost first] */
  const samples: [number, number, ProfileNode[]][] = [];
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i]!;
    t += dt;
    const stack: ProfileNode[] = [];
    for (let x: number | undefined = p.samples[i]; x !== undefined; x = parent.get(x)) stack.push(byId.get(x)!);
    samples.push([t, dt, stack]);
  }
  return samples;
}

const isPack = (n: ProfileNode) => n.callFrame.url.includes(PACK_URL);
const idle = (stack: ProfileNode[]) => stack[0]!.callFrame.functionName === '(idle)';
function name(n: ProfileNode): string {
  const u = n.callFrame.url;
  const file = isPack(n) ? `pack:${u.slice(u.lastIndexOf('/') + 1)}` : u.slice(u.lastIndexOf('/') + 1);
  return `${n.callFrame.functionName || '(anon)'}@${file}`;
}
/** Frames of JS code (no V8/Node internals, no event-loop plumbing), outermost first. */
const jsFrames = (stack: ProfileNode[]) => [...stack].reverse().filter((n) => n.callFrame.url && !n.callFrame.url.startsWith('node:') && !EVENT_LOOP.test(n.callFrame.functionName));

function bucket(stack: ProfileNode[]): string {
  if (process.env.GROUP === 'pack') {
    const k = stack.findIndex(isPack);
    return k < 0 ? '(not the pack)' : `${name(stack[k]!)} → ${k > 0 ? name(stack[k - 1]!) : 'self'}`;
  }
  if (process.env.GROUP?.startsWith('under:')) {
    // samples under a function (name@file), by their innermost frame
    const f = process.env.GROUP.slice(6);
    return stack.some((n) => name(n) === f) ? name(stack[0]!) : '(not under it)';
  }
  if (process.env.GROUP?.startsWith('lib:')) {
    // the outermost frame inside that package, with its caller
    const lib = `node_modules/${process.env.GROUP.slice(4)}/`;
    const k = stack.findLastIndex((n) => n.callFrame.url.includes(lib));
    return k < 0 ? '(not in that package)' : `${k + 1 < stack.length ? name(stack[k + 1]!) : '(root)'} → ${name(stack[k]!)}`;
  }
  if (stack.some(isPack)) return 'the pack (and what it calls)';
  const lib = stack.find((n) => n.callFrame.url.includes('node_modules/'));
  if (lib) {
    const rest = lib.callFrame.url.slice(lib.callFrame.url.lastIndexOf('node_modules/') + 13).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  return `[${stack[0]!.callFrame.functionName || 'native'}]`;
}

/** Busy µs per bucket over the samples of each call (mark i → mark i+1, the last call gets the median span). */
function perCall(samples: ReturnType<typeof load>, marks: number[]) {
  const spans = marks.slice(1).map((m, i) => m - marks[i]!);
  const ends = [...marks.slice(1), marks.at(-1)! + (spans.sort((a, b) => a - b)[spans.length >> 1] ?? 50_000)];
  // WINDOW_MS: only the first ms of each call (e.g. up to its first touch)
  const win = Number(process.env.WINDOW_MS ?? 0) * 1000;
  if (win > 0) for (let i = 0; i < ends.length; i++) ends[i] = Math.min(ends[i]!, marks[i]! + win);
  const out = new Map<string, number>();
  let call = 0;
  for (const [t, dt, stack] of samples) {
    while (call < marks.length && t > ends[call]!) call++;
    if (call >= marks.length || t < marks[call]! || idle(stack)) continue;
    const b = bucket(stack);
    out.set(b, (out.get(b) ?? 0) + dt);
  }
  return out;
}

function diff(file: string, dir: string) {
  const samples = load(file);
  const product = JSON.parse(readFileSync(join(dir, 'marks.json'), 'utf8')) as number[];
  const noop = JSON.parse(readFileSync(join(dir, 'marks-noop.json'), 'utf8')) as number[];
  const a = perCall(samples, product);
  const b = perCall(samples, noop);
  const total = (m: Map<string, number>, n: number) => [...m.values()].reduce((s, v) => s + v, 0) / 1000 / n;
  console.log(`busy ms per call: product ${total(a, product.length).toFixed(2)} (${product.length} calls), NoOp shape ${total(b, noop.length).toFixed(2)} (${noop.length} calls)`);
  console.log('  Δ ms   product   NoOp   bucket');
  const rows = [...new Set([...a.keys(), ...b.keys()])].map((k) => [k, (a.get(k) ?? 0) / 1000 / product.length, (b.get(k) ?? 0) / 1000 / noop.length] as const);
  for (const [k, x, y] of rows.sort((p, q) => q[1] - q[2] - (p[1] - p[2])).slice(0, Number(process.env.TOP ?? 30))) {
    console.log(`${(x - y).toFixed(2).padStart(6)} ${x.toFixed(2).padStart(8)} ${y.toFixed(2).padStart(6)}   ${k}`);
  }
}

function timeline(file: string, dir: string, index: number, spanMs: number) {
  const samples = load(file);
  const marks = JSON.parse(readFileSync(join(dir, process.env.MARKS ?? 'marks.json'), 'utf8')) as number[];
  const t0 = marks[index]!;
  const depth = Number(process.env.DEPTH ?? 2);
  let last: string | null = null;
  let since = t0;
  const flush = (until: number) => last !== null && console.log(`${((since - t0) / 1000).toFixed(1).padStart(6)} ${((until - since) / 1000).toFixed(1).padStart(5)}  ${last}`);
  for (const [t, , stack] of samples) {
    if (t < t0 || t > t0 + spanMs * 1000) continue;
    const frames = jsFrames(stack);
    const pack = frames.find(isPack);
    const label = idle(stack)
      ? '.. idle'
      : frames.length
        ? frames.slice(0, depth).map(name).join(' > ') + (pack && !isPack(frames[0]!) ? `  [pack: ${name(pack)}]` : '')
        : `[${stack[0]!.callFrame.functionName}]`;
    if (label !== last) {
      flush(t);
      last = label;
      since = t;
    }
  }
  flush(t0 + spanMs * 1000);
}

interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapNode[];
}

/** Bytes by bucket of one .heapprofile (each node's selfSize, bucketed by its stack). */
function allocations(file: string): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (n: HeapNode, stack: ProfileNode[]) => {
    const here = [{ id: 0, callFrame: n.callFrame }, ...stack];
    if (n.selfSize > 0) {
      const b = process.env.GROUP === 'self' ? name(here[0]!) : bucket(here);
      out.set(b, (out.get(b) ?? 0) + n.selfSize);
    }
    for (const c of n.children) walk(c, here);
  };
  walk((JSON.parse(readFileSync(file, 'utf8')) as { head: HeapNode }).head, []);
  return out;
}

function alloc(dir: string) {
  const calls = (f: string) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as number[]).length;
  const [np, nn] = [calls('marks.json'), calls('marks-noop.json')];
  const a = allocations(join(dir, 'product.heapprofile'));
  const b = allocations(join(dir, 'noop.heapprofile'));
  const total = (m: Map<string, number>, n: number) => [...m.values()].reduce((s, v) => s + v, 0) / 1024 / n;
  console.log(`KB allocated per call: product ${total(a, np).toFixed(0)} (${np} calls), NoOp shape ${total(b, nn).toFixed(0)} (${nn} calls)`);
  console.log('  Δ KB   product   NoOp   bucket');
  const rows = [...new Set([...a.keys(), ...b.keys()])].map((k) => [k, (a.get(k) ?? 0) / 1024 / np, (b.get(k) ?? 0) / 1024 / nn] as const);
  for (const [k, x, y] of rows.sort((p, q) => q[1] - q[2] - (p[1] - p[2])).slice(0, Number(process.env.TOP ?? 30))) {
    console.log(`${(x - y).toFixed(1).padStart(6)} ${x.toFixed(1).padStart(8)} ${y.toFixed(1).padStart(6)}   ${k}`);
  }
}

const [mode, file, dir, a, b] = process.argv.slice(2);
if (mode === 'alloc' && file) alloc(file);
else if (!file || !dir || (mode !== 'diff' && mode !== 'timeline')) {
  process.stderr.write('usage: cpuProfileReport.ts diff|timeline <file.cpuprofile> <dir with marks.json> [call index] [span ms] | alloc <dir>\n');
  process.exit(2);
} else if (mode === 'diff') diff(file, dir);
else timeline(file, dir, Number(a ?? 20), Number(b ?? 45));
