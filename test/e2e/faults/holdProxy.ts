/**
 * An HTTP proxy in front of an emulator that can hold answers: the request reaches the emulator
 * (which records it, e.g. as a sent SMS) but the client sees no answer for `holdMs` — the worst
 * case of a timeout, where the provider did act on a request the client gave up on.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HoldProxy {
  url: string;
  /** holds the answers of the next `count` requests for `holdMs` each */
  holdNext(holdMs: number, count?: number): void;
  /** requests forwarded, with whether their answer was held */
  forwarded: { path: string; status: number; held: boolean }[];
  close(): Promise<void>;
}

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startHoldProxy(target: string): Promise<HoldProxy> {
  const holds: number[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const p: HoldProxy = {
    url: '',
    holdNext: (ms, count = 1) => void holds.push(...Array.from({ length: count }, () => ms)),
    forwarded: [],
    close: () =>
      new Promise<void>((r) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  const server = createServer((req, res) => {
    void (async () => {
      const raw = await body(req);
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k))) as Record<string, string>;
      const up = await fetch(`${target}${req.url ?? '/'}`, { method: req.method, headers, body: raw.length ? new Uint8Array(raw) : undefined });
      const text = await up.text();
      const hold = holds.shift();
      p.forwarded.push({ path: req.url ?? '/', status: up.status, held: hold !== undefined });
      const answer = () => {
        if (res.destroyed) return;
        res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/json' });
        res.end(text);
      };
      if (hold === undefined) return answer();
      const t = setTimeout(() => {
        timers.delete(t);
        answer();
      }, hold);
      timers.add(t);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(502).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  p.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return p;
}
