import type { CallEvent } from '../../shared/schema/callEvent';

/**
 * A CallEvent for tests: an inbound Twilio event of call CA1 from a Miami number that says nothing
 * yet (`pending`, not final, no times); `patch` sets what a test is about.
 */
export function neutralCallEvent(patch: Partial<CallEvent> = {}): CallEvent {
  return {
    schemaVersion: 1,
    provider: 'twilio',
    eventType: 'x',
    callId: 'CA1',
    direction: 'inbound',
    from: '+13055550123',
    to: '+15125550142',
    class: 'pending',
    reason: null,
    final: false,
    startedAt: null,
    endedAt: null,
    ringSeconds: null,
    durationSeconds: null,
    department: null,
    callerName: null,
    voicemailUrl: null,
    ...patch,
  };
}
