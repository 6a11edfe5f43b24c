import type { IDataObject } from 'n8n-workflow';

/** How long a decrypted webhook credential is reused before it is read again. */
export const CREDENTIAL_TTL_MS = 60_000;
const MAX_ENTRIES = 256;

/**
 * Decrypted webhook credentials by `<type>:<credential id>`, kept up to `ttlMs`: a read-through
 * cache, not state. In a real n8n each `getCredentials()` of the webhook phase is a database read,
 * a decryption and a fresh expression isolate (~30 ms per delivery on a 2-core box, and one more
 * query against n8n's small database pool in queue mode). The caller re-reads the credential when
 * a signature fails with a cached secret, so a rotated secret works at once.
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

/** The Missed Call Trigger's cache (one per n8n process). */
export const webhookCredentials = new CredentialCache();
