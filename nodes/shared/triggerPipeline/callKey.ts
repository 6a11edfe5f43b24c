/** The dedupe key of one call: it triggers (or is filtered) at most once, whatever the retries. */
export function callKey(provider: string, callId: string): string {
  return `call:${provider}:${callId}`;
}

/** Key that makes the "pending" audit entry of a call be written once. */
export function pendingKey(scope: string, provider: string, callId: string): string {
  return `pending:${scope}:${provider}:${callId}`;
}

/**
 * Id of the trigger's pending-call stream in the audit trail. The ledger has no query for "calls
 * still waiting", so the trigger keeps them as audit entries filed under this pseudo enrollment id
 * (the audit trail's enrollment index makes the lookup cheap); it is never a real enrollment id.
 */
export function pendingStreamId(scope: string): string {
  return `missed-call-trigger:pending:${scope}`;
}
