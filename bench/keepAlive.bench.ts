// bash scripts/run.sh node --import tsx bench/keepAlive.bench.ts — what a kept-alive connection
// would save the Follow-up Sender's Twilio request (issue 5's one untried idea), measured on this
// machine: POSTs of a Twilio-sized form to a local server over a new connection per request (what
// n8n's helpers.httpRequest does: a new agent for every request, for its proxy and SSRF guards)
// against one kept-alive agent, alternated in rounds. Prints the p50s per round.
// Last stdout line: {"newConnectionP50Ms":N,"keepAliveP50Ms":N,"savedMs":N} (medians over the rounds).
import http from 'node:http';

const ROUNDS = 5;
const PER_ROUND = 300;
const FORM = 'To=%2B13055550123&From=%2B15125550142&Body=Hi%20Dana%2C%20sorry%20we%20missed%20your%20call%20to%20Brightside%20Plumbing.%20Reply%20here%20or%20call%20back.';

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    res.end('{"sid":"SM00000000000000000000000000000001","status":"queued"}');
  });
});
const kept = new http.Agent({ keepAlive: true });
let port = 0;

function post(agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/2010-04-01/Accounts/AC1/Messages.json', agent, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(Number(process.hrtime.bigint() - t0) / 1e6));
    });
    req.on('error', reject);
    req.end(FORM);
  });
}

async function p50(make: () => http.Agent): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < PER_ROUND; i++) {
    ms.push(await post(make()));
    // one first touch at a time, as at c=1: the connection sits idle in between
    await new Promise((r) => setTimeout(r, 2));
  }
  ms.sort((a, b) => a - b);
  return ms[PER_ROUND >> 1]!;
}

const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!;

async function main(): Promise<void> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
  const fresh: number[] = [];
  const reused: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    fresh.push(await p50(() => new http.Agent()));
    reused.push(await p50(() => kept));
    process.stdout.write(`round ${round + 1}: new connection p50 ${fresh[round]!.toFixed(3)} ms, kept alive ${reused[round]!.toFixed(3)} ms\n`);
  }
  kept.destroy();
  server.close();
  const result = { newConnectionP50Ms: +median(fresh).toFixed(3), keepAliveP50Ms: +median(reused).toFixed(3), savedMs: +(median(fresh) - median(reused)).toFixed(3) };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

void main();
