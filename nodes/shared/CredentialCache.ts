import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';

/** How long a decrypted credential is reused before it is read again. */
export const CREDENTIAL_TTL_MS = 60_000;
const MAX_ENTRIES = 256;

/**
 * Decrypted credentials by `<type>:<credential id>`, kept up to `ttlMs`: a read-through cache, not
 * state. In a real n8n each `getCredentials()` is a database read and a decryption (and, with n8n's
 * default settings, an expression isolate in a webhook phase): milliseconds on the way to a first
 * touch, and one more query against n8n's small database pool in queue mode. Callers read again
 * with `fresh` when the secret is refused (a failed signature, a 401), so a rotated secret works at once.
 * @example const hit = cache.get('missedCallTwilioApi:7', Date.now()) ?? cache.set(key, await read(), Date.now());
 */
export class CredentialCache {
  private readonly entries = new Map<string, { at: number; data: IDataObject }>();

  constructor(private readonly ttlMs = CREDENTIAL_TTL_MS) {}

  get(key: string, nowMs: number): IDataObject | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (nowMs - e.at >= this.ttlMs || nowMs < e.at) {
      this.entries.delete(key);
      return null;
    }
    return e.data;
  }

  set(key: string, data: IDataObject, nowMs: number): IDataObject {
    this.entries.delete(key);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { at: nowMs, data });
    return data;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * `getCredentials(type)` through `cache`, keyed by the node's credential id (a node without one,
 * e.g. in unit tests, reads every time). `fresh` skips and refreshes the entry.
 * @example const { data, cached } = await cachedCredentials(this, cache, 'missedCallTwilioApi', { itemIndex: i });
 */
export async function cachedCredentials(
  ctx: { getNode(): INode; getCredentials<T extends object = ICredentialDataDecryptedObject>(type: string, itemIndex?: number): Promise<T> },
  cache: CredentialCache,
  type: string,
  o: { itemIndex?: number; fresh?: boolean; now?: number } = {},
): Promise<{ data: IDataObject; cached: boolean }> {
  const id = ctx.getNode().credentials?.[type]?.id;
  const key = id ? `${type}:${id}` : null;
  const now = o.now ?? Date.now();
  const hit = key && !o.fresh ? cache.get(key, now) : null;
  if (hit) return { data: hit, cached: true };
  const data = (await ctx.getCredentials(type, o.itemIndex)) as IDataObject;
  if (key) cache.set(key, data, now);
  return { data, cached: false };
}
