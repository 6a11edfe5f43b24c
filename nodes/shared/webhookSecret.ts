import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { webhookCredentials } from './webhookCredentials';

/** The provider secret read for one delivery: `missing` fails closed; `unavailable` is retryable (503). */
export type SecretRead =
  | { kind: 'ok'; secret: string; creds: IDataObject; cached: boolean }
  | { kind: 'missing' }
  | { kind: 'unavailable'; message: string };

/**
 * The webhook's provider credential `spec.name` and its `spec.secretField` (cached per credential id,
 * CREDENTIAL_TTL_MS; `fresh` skips the cache). A node without that credential fails closed; a
 * credential that is set but cannot be read right now (n8n's database busy or down) is not a bad
 * signature: the caller answers 503, the provider retries.
 */
export async function readWebhookSecret(ctx: IWebhookFunctions, spec: { name: string; secretField: string }, fresh = false): Promise<SecretRead> {
  const ref = ctx.getNode().credentials?.[spec.name];
  const key = ref?.id ? `${spec.name}:${ref.id}` : null;
  const ok = (creds: IDataObject, cached: boolean): SecretRead => {
    const v = creds[spec.secretField];
    return { kind: 'ok', secret: typeof v === 'string' ? v : '', creds, cached };
  };
  const hit = key && !fresh ? webhookCredentials.get(key, Date.now()) : null;
  if (hit) return ok(hit, true);
  let creds: IDataObject;
  try {
    creds = (await ctx.getCredentials(spec.name)) as IDataObject;
  } catch (e) {
    if (key) webhookCredentials.delete(key);
    return ref ? { kind: 'unavailable', message: (e as Error).message } : { kind: 'missing' };
  }
  if (key) webhookCredentials.set(key, creds, Date.now());
  return ok(creds, false);
}
