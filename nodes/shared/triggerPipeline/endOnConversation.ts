import { normalizePhone } from '../../../shared/phone';
import { conversationParties } from '../../../shared/telephony';
import type { CallEvent } from '../../../shared/schema/callEvent';
import type { Ledger, StoredCallEvent } from '../../ledger';

/**
 * A call whose events show that a person at the business and the customer spoke (an inbound call
 * answered, or the business's call answered by the customer) ends the automated follow-up of every
 * number it reached (`conversationParties`) at once: a human conversation has begun. Enrollments
 * created after the call ended (a later missed call) are left alone, so a late or repeated delivery
 * of an old call cannot end a newer sequence. Idempotent: a repeated delivery finds nothing active.
 * Returns the ended enrollment ids.
 */
export async function endOnConversation(
  events: readonly StoredCallEvent[],
  deps: { ledger: Ledger; now: number; defaultCountry: string },
): Promise<string[]> {
  const exited: string[] = [];
  for (const c of conversationParties(events.map((e) => e.payload as CallEvent))) {
    const phone = normalizePhone(c.party, deps.defaultCountry);
    if (phone === null) continue;
    const ended = c.event.endedAt === null ? NaN : Date.parse(c.event.endedAt);
    const { exitedEnrollments } = await deps.ledger.recordConversation(phone, {
      callId: c.event.callId,
      provider: c.event.provider,
      direction: c.direction,
      at: Number.isNaN(ended) ? deps.now : ended,
      now: deps.now,
    });
    exited.push(...exitedEnrollments);
  }
  return exited;
}
