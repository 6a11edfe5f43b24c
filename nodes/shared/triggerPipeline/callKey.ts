/** The dedupe key of one call: it triggers (or is filtered) at most once, whatever the retries. */
export function callKey(provider: string, callId: string): string {
  return `call:${provider}:${callId}`;
}
