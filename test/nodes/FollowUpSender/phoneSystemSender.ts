/**
 * The scaffolding the Follow-up Sender's phone-system SMS tests share (Dialpad, RingCentral, Vonage):
 * a real n8n-core harness, the embedded ledger, the provider's emulator, a caller enrolled in the
 * fixtures' template, and the sender as a one-node workflow.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { openLedger, type Ledger } from '../../../nodes/ledger';
import { embeddedLedgerFile, loadHarness, useFreshUserFolder, type Harness } from '../harness';
import { enrollCaller } from '../harness/fixtures';

// Thursday 2027-01-14 12:00 in Miami (EST)
export const NOON = Date.UTC(2027, 0, 14, 17, 0);
export const MIN = 60_000;
export const [SENT, NOT_SENT] = [0, 1];
/** the fixtures' call goes to this number */
export const CALLED = '+15125550142';
export const MAIN_LINE = '+15125550100';

export type Send = { outcome: string; reason: string | null; provider: string; messageId: string; message?: string; providerCode?: string | number | null; next: { stepId: string } | null };

/**
 * Registers the suite's hooks and returns its helpers. `sender(items, now, parameters, o)` runs the
 * Follow-up Sender with `smsProvider` and the credential `credentials(o.credential)` makes;
 * `o.credentialId` names it (so the sender's credential cache keys it).
 */
export function phoneSystemSender<E extends { reset(): void; close(): Promise<void> }>(o: {
  smsProvider: string;
  credentialType: string;
  start: (numbers: string[]) => Promise<E>;
  credentials: (emulator: E, override: Record<string, string>) => Record<string, string>;
  /** first digits of the callers' numbers, distinct per suite */
  phoneBase: number;
}) {
  const s = {} as { h: Harness; ledger: Ledger; emulator: E };
  let n = 0;
  beforeAll(async () => {
    useFreshUserFolder();
    s.h = await loadHarness();
    s.ledger = await openLedger({ kind: 'embedded', path: embeddedLedgerFile() });
    s.emulator = await o.start([CALLED, MAIN_LINE]);
  });
  afterAll(async () => {
    await s.ledger.close();
    await s.emulator.close();
  });
  beforeEach(() => s.emulator.reset());

  const phone = () => `+1305555${String(o.phoneBase + ++n).padStart(4, '0')}`;
  const sender = (items: object[], now: number, parameters: Record<string, unknown> = {}, c: { credential?: Record<string, string>; credentialId?: string } = {}) =>
    s.h.runWorkflow({
      nodes: [{ name: 'Send', type: 'followUpSender', parameters: { currentTime: new Date(now).toISOString(), smsProvider: o.smsProvider, ...parameters } }],
      connections: [],
      startNode: 'Send',
      triggerItems: items as never,
      credentials: { [o.credentialType]: o.credentials(s.emulator, c.credential ?? {}) },
      ...(c.credentialId ? { credentialIds: { [o.credentialType]: c.credentialId } } : {}),
    });
  /** a caller enrolled 2 min before NOON, their first touch due at NOON, and the item the gate would pass on */
  const enrolled = async (call: Record<string, unknown> = {}) => {
    const p = phone();
    const e = await enrollCaller(s.ledger, { phone: p, at: NOON - 2 * MIN, dueAt: NOON });
    return { ...e, phone: p, item: { touch: { id: e.touch.id, phone: p, enrollmentId: e.enrollment.id }, contact: { phone: p, name: 'Dana Lee' }, call: { ...e.call, ...call } } };
  };
  const sendOf = (r: Awaited<ReturnType<typeof sender>>, out: number) => r.outputs('Send')[out]![0]!.send as Send;
  return { s, phone, sender, enrolled, sendOf };
}
