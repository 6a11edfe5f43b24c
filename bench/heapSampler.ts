/**
 * Sampling allocation profile of a node process over the inspector protocol, garbage included
 * (HeapProfiler.startSampling with includeObjectsCollectedByMajorGC/MinorGC): what a window of work
 * allocates, by call stack, as a .heapprofile (Chrome DevTools' format). The process must run with
 * `--inspect=127.0.0.1:<port>`.
 * @example const s = await heapSampler(9231); await s.start(); …; writeFileSync(f, JSON.stringify(await s.stop()));
 */
export async function heapSampler(port: number) {
  const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const ws = new WebSocket(list[0]!.webSocketDebuggerUrl);
  await new Promise<void>((res, rej) => {
    ws.onopen = () => res();
    ws.onerror = () => rej(new Error(`inspector on port ${port} refused the connection`));
  });
  let seq = 0;
  const pending = new Map<number, (r: { result?: unknown; error?: { message: string } }) => void>();
  ws.onmessage = (e: MessageEvent) => {
    const m = JSON.parse(String(e.data)) as { id?: number; result?: unknown; error?: { message: string } };
    if (m.id !== undefined) pending.get(m.id)?.(m);
  };
  const call = (method: string, params: object = {}) =>
    new Promise<unknown>((res, rej) => {
      const id = ++seq;
      pending.set(id, (r) => (r.error ? rej(new Error(`${method}: ${r.error.message}`)) : res(r.result)));
      ws.send(JSON.stringify({ id, method, params }));
    });
  await call('HeapProfiler.enable');
  return {
    start: () => call('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true }),
    stop: async () => ((await call('HeapProfiler.stopSampling')) as { profile: unknown }).profile,
    close: () => ws.close(),
  };
}
