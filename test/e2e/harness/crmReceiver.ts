/** A CRM endpoint for the CRM Flag's generic webhook: verifies X-Signature and records every task. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CrmDelivery {
  body: Record<string, unknown>;
  signatureOk: boolean;
  idempotencyKey: string | null;
}

export async function startCrmReceiver(secret: string) {
  const deliveries: CrmDelivery[] = [];
  let tasks = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const want = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw, 'utf8').digest('hex')}`);
      const got = Buffer.from(String(req.headers['x-signature'] ?? ''));
      const signatureOk = got.length === want.length && timingSafeEqual(got, want);
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        /* recorded as empty */
      }
      deliveries.push({ body, signatureOk, idempotencyKey: (req.headers['idempotency-key'] as string | undefined) ?? null });
      res.writeHead(signatureOk ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(signatureOk ? { contactId: 'crm-contact-1', matched: true, taskId: `task-${++tasks}` } : { error: 'bad signature' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/missed-call`;
  return { url, deliveries, close: () => new Promise<void>((r) => server.close(() => r())) };
}
