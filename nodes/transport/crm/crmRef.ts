import { createHash } from 'node:crypto';

/** Consonants only: a ref is one letters-only token (no word boundary inside, no word spelled by chance). */
const ALPHABET = 'bcdfghjklmnpqrstvwxz';

/**
 * The short reference written into what an update creates in the CRM (the task, each note), derived
 * from the request's idempotency key and the part (`task`, `note:<i>`): `mc` + 10 letters, ~43 bits.
 * Letters only, so a CRM's tokenizer keeps it whole (a `-` would split it) and a re-send can search
 * for it. Carries no PII.
 * @example crmRef('crm:callbackTask:enr-1:callback-day-2', 'task') // 'mc' + 10 consonants, always the same
 */
export function crmRef(key: string, part: string): string {
  const digest = createHash('sha256').update(`${key}\u0000${part}`, 'utf8').digest();
  let n = digest.readBigUInt64BE(0);
  let out = '';
  for (let i = 0; i < 10; i++) {
    out += ALPHABET[Number(n % 20n)];
    n /= 20n;
  }
  return `mc${out}`;
}

/** `body` with its ref line at the end. */
export function withRef(body: string, ref: string): string {
  return `${body}\n\nRef: ${ref}`;
}

/** Whether `text` (plain or HTML, as the CRM gives it back) holds `ref` as a whole word. */
export function hasRef(text: unknown, ref: string): boolean {
  return typeof text === 'string' && new RegExp(`(^|[^a-z0-9])${ref}([^a-z0-9]|$)`, 'i').test(text);
}

/** Task and note refs of a request. */
export function requestRefs(key: string, notes: number): { task: string; notes: string[] } {
  return { task: crmRef(key, 'task'), notes: Array.from({ length: notes }, (_, i) => crmRef(key, `note:${i}`)) };
}
