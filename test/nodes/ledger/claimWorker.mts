/**
 * A separate process for the SQLite multi-process test: waits for a shared start instant, then
 * claims and sends touches from the given file until none is left; prints what it got as JSON.
 * argv: <db path> <worker name> <start at (epoch ms, wall clock)> <now (ledger time)>
 */
import { openLedger } from '../../../nodes/ledger';

const [path, worker, startAt, now] = process.argv.slice(2) as [string, string, string, string];
const ledger = await openLedger({ kind: 'embedded', path });
const t = Number(now);
while (Date.now() < Number(startAt)) await new Promise((r) => setTimeout(r, 2));
const claimed: string[] = [];
const sent: string[] = [];
for (;;) {
  const batch = await ledger.claimDueTouches({ now: t, limit: 1, worker, leaseMs: 3_600_000 });
  if (batch.length === 0) break;
  for (const touch of batch) {
    claimed.push(touch.id);
    if ((await ledger.beginSend(touch.id, `${worker}:${touch.id}`, t)) === 'go') {
      sent.push(touch.id);
      await ledger.completeTouch(touch.id, { status: 'sent', provider: 'sandbox', now: t });
    }
  }
}
await ledger.close();
process.stdout.write(JSON.stringify({ worker, claimed, sent }));
