import type { Ledger } from '../ledger/Ledger';

export interface SandboxSend {
  touchId: string;
  enrollmentId: string;
  phone: string;
  channel: 'sms' | 'email';
  to: string;
  body: string;
  subject?: string;
  now: number;
}

/** Audit kind under which sandbox "sends" are recorded. */
export const SANDBOX_AUDIT_KIND = 'sandbox_send';

/**
 * Sends nothing: records the rendered message in the ledger's audit trail (for trying flows
 * without provider accounts, and for a shadow mode). Returns a stable pseudo message id.
 * @example const { messageId } = await recordSandboxSend(ledger, { touchId, enrollmentId, phone, channel: 'sms', to: phone, body, now });
 */
export async function recordSandboxSend(ledger: Ledger, s: SandboxSend): Promise<{ messageId: string }> {
  const messageId = `sandbox-${s.touchId}`;
  await ledger.audit({
    kind: SANDBOX_AUDIT_KIND,
    phone: s.phone,
    enrollmentId: s.enrollmentId,
    touchId: s.touchId,
    data: { channel: s.channel, to: s.to, subject: s.subject ?? null, body: s.body, messageId },
    now: s.now,
  });
  return { messageId };
}
