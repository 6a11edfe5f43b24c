/** Shared plumbing of the CRM emulators: a JSON HTTP server on 127.0.0.1, request log, outages, lost replies. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  status: number;
  at: number;
  /** carried out, but the connection was dropped instead of answering (see loseReplies) */
  lost?: boolean;
}

export interface Reply {
  status: number;
  body: unknown;
}

export interface CrmEmulatorBase {
  url: string;
  requests: LoggedRequest[];
  /** requests rejected for a contract reason (auth, path, missing field) */
  violations: { path: string; message: string }[];
  /** answers the next `n` requests with 503 (the CRM is down) */
  downFor(n: number): void;
  /** lets `n` more requests through, then answers 503 until `up()` */
  downAfter(n: number): void;
  /** answers every request with 503 until `up()` */
  down(): void;
  /**
   * carries out the next `n` requests `matching` (method and path) but drops the connection instead
   * of answering, as when a reply is lost to a timeout: the caller cannot tell whether it landed
   */
  loseReplies(n: number, matching: { method: string; path: string | RegExp }): void;
  up(): void;
  close(): Promise<void>;
}

export async function startJsonServer(
  handle: (r: { method: string; path: string; query: URLSearchParams; headers: IncomingMessage['headers']; body: unknown; raw: string }) => Reply,
  outage: () => Reply,
): Promise<CrmEmulatorBase> {
  let downCount = 0;
  let downAlways = false;
  let okLeft = -1;
  let lose: { n: number; method: string; path: string | RegExp } | null = null;
  const base: CrmEmulatorBase = {
    url: '',
    requests: [],
    violations: [],
    downFor: (n) => void (downCount = n),
    downAfter: (n) => void (okLeft = n),
    down: () => void (downAlways = true),
    loseReplies: (n, m) => void (lose = { n, ...m }),
    up: () => void ((downAlways = false), (downCount = 0), (okLeft = -1), (lose = null)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let body: unknown = null;
      let reply: Reply;
      try {
        body = raw ? JSON.parse(raw) : null;
        if (okLeft === 0) ((downAlways = true), (okLeft = -1));
        else if (okLeft > 0) okLeft--;
        if (downAlways || downCount > 0) {
          if (downCount > 0) downCount--;
          reply = outage();
        } else reply = handle({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body, raw });
      } catch {
        reply = { status: 400, body: { message: 'Invalid JSON body' } };
      }
      const lost =
        lose !== null && lose.n > 0 && lose.method === req.method && (typeof lose.path === 'string' ? lose.path === url.pathname : lose.path.test(url.pathname));
      if (lost) lose!.n--;
      base.requests.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        body,
        status: reply.status,
        at: Date.now(),
        ...(lost ? { lost: true } : {}),
      });
      if (lost) return void req.socket.destroy();
      res.writeHead(reply.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return base;
}
