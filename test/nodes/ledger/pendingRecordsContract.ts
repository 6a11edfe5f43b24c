/**
 * Contract of the retry leases (claimPendingRecords, renewRecordLease, releaseRecordLease), run against
 * both backends: which pending audit records a retry run gets, that one key is held by one run at a
 * time, what a lease that runs out, a renewal and a release do.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { isLedgerError, type ClaimedRecord, type Ledger, type PendingRecordQuery } from '../../../nodes/ledger';
import type { LedgerStore } from './ledgerContract';
import { useLedgerStore } from './useLedgerStore';

const ANA = '+13055550123';
const T0 = Date.UTC(2026, 2 /* Mar */, 2, 15, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const KINDS = { kind: 'crm_pending', resolvedBy: ['crm_resolved', 'crm_update'] };

export function describePendingRecordsContract(name: string, makeStore: () => Promise<LedgerStore>): void {
  describe(`${name} ledger retry leases (pending records)`, () => {
    const s = useLedgerStore(makeStore);
    const { connect } = s;
    let ledger: Ledger;
    beforeEach(() => {
      ({ ledger } = s);
    });

    const record = (kind: string, key: string, at: number, extra: Record<string, unknown> = {}) =>
      ledger.audit({ kind, phone: ANA, data: { key, provider: 'hubspot', ...extra }, now: at });
    const claim = (q: Partial<PendingRecordQuery> = {}, l = ledger) =>
      l.claimPendingRecords({ ...KINDS, since: T0 - HOUR, now: T0, limit: 10, worker: 'w1', leaseMs: 5 * MIN, ...q });
    const keys = (rs: ClaimedRecord[]) => rs.map((r) => r.key);
    const renew = (r: ClaimedRecord, worker: string, now: number) => ledger.renewRecordLease(r, { ...KINDS, worker, now, leaseMs: 5 * MIN });

    it('claims per key its latest unresolved pending record of the kind and provider in the window, oldest first, up to the limit', async () => {
      await record('crm_pending', 'too-old', T0 - HOUR - 1);
      await record('crm_pending', 'b', T0 - 50 * MIN, { n: 1 });
      await record('crm_pending', 'a', T0 - 40 * MIN);
      await record('crm_pending', 'b', T0 - 30 * MIN, { n: 2 }); // supersedes b's first record
      await record('crm_pending', 'done', T0 - 30 * MIN);
      await record('crm_resolved', 'done', T0 - 29 * MIN);
      await record('crm_pending', 'sent', T0 - 28 * MIN);
      await record('crm_update', 'sent', T0 - 27 * MIN);
      await record('crm_resolved', 'again', T0 - 26 * MIN); // a resolution before the record does not count
      await record('crm_pending', 'again', T0 - 25 * MIN);
      await record('crm_pending', 'other-crm', T0 - 24 * MIN, { provider: 'pipedrive' });
      await record('crm_failed', 'not-pending', T0 - 23 * MIN);
      await ledger.audit({ kind: 'crm_pending', data: { provider: 'hubspot' }, now: T0 - 22 * MIN }); // no key
      await record('crm_pending', 'c', T0 - 21 * MIN);

      const first = await claim({ provider: 'hubspot', limit: 2 });
      expect(keys(first)).toEqual(['a', 'b']);
      expect(first.map((r) => [r.entry.kind, r.entry.phone, r.leaseUntil, r.claims])).toEqual([
        ['crm_pending', ANA, T0 + 5 * MIN, 1],
        ['crm_pending', ANA, T0 + 5 * MIN, 1],
      ]);
      expect(first[1]!.entry.data).toEqual({ key: 'b', provider: 'hubspot', n: 2 });
      expect(keys(await claim({ provider: 'hubspot' }))).toEqual(['again', 'c']);
      expect(keys(await claim({ provider: 'hubspot' }))).toEqual([]);
      // without a provider: every provider's
      expect(keys(await claim({ worker: 'w2' }))).toEqual(['other-crm']);
    });

    it('a later pending record stamped before the one in the window (a clock that ran behind) does not hide it', async () => {
      await record('crm_pending', 'skew', T0 - 10 * MIN, { n: 1 });
      await record('crm_pending', 'skew', T0 - 3 * HOUR, { n: 2 }); // written later, stamped hours earlier: outside the window
      const [r] = await claim();
      expect(r?.entry.data).toEqual({ key: 'skew', provider: 'hubspot', n: 1 });
      expect(await renew(r!, 'w1', T0 + MIN)).toBe(true);
      // a resolution supersedes it whatever its stamp
      await record('crm_resolved', 'skew', T0 - 4 * HOUR);
      expect(await renew(r!, 'w1', T0 + 2 * MIN)).toBe(false);
      expect(await claim({ now: T0 + HOUR, since: T0 - 2 * HOUR })).toEqual([]);
    });

    it('hands a key to no other claimer while its lease runs; once it ran out, the next claim takes it (a run that died)', async () => {
      await record('crm_pending', 'k', T0 - MIN);
      expect(keys(await claim({ worker: 'died' }))).toEqual(['k']);
      expect(await claim({ worker: 'w2', now: T0 + 5 * MIN - 1 })).toEqual([]);
      const again = await claim({ worker: 'w2', now: T0 + 5 * MIN });
      expect(again.map((r) => [r.key, r.leaseUntil, r.claims])).toEqual([['k', T0 + 10 * MIN, 2]]);
      // the dead run's late renewal fails: w2 holds it
      expect(await renew(again[0]!, 'died', T0 + 6 * MIN)).toBe(false);
    });

    it('a release gives the key back at once, only by its holder and only while held', async () => {
      await record('crm_pending', 'k', T0 - MIN);
      const [r] = await claim();
      expect(await ledger.releaseRecordLease('k', 'someone-else', T0 + MIN)).toBe(false);
      expect(await claim({ worker: 'w2', now: T0 + MIN })).toEqual([]);
      expect(await ledger.releaseRecordLease('k', 'w1', T0 + MIN)).toBe(true);
      expect(await ledger.releaseRecordLease('k', 'w1', T0 + MIN)).toBe(false);
      const taken = await claim({ worker: 'w2', now: T0 + MIN });
      expect(taken.map((x) => [x.key, x.entry.id, x.claims])).toEqual([['k', r!.entry.id, 2]]);
      // w1's lease is gone: neither a renewal nor a release of it does anything
      expect(await renew(r!, 'w1', T0 + 2 * MIN)).toBe(false);
      expect(await ledger.releaseRecordLease('k', 'w1', T0 + 2 * MIN)).toBe(false);
    });

    it('renews a held lease only while the record is still its key’s latest and unresolved', async () => {
      await record('crm_pending', 'k', T0 - MIN);
      await record('crm_pending', 'x', T0 - MIN);
      const [k, x] = await claim();
      expect(await renew(k!, 'w1', T0 + 4 * MIN)).toBe(true);
      expect(await renew(x!, 'w1', T0 + 4 * MIN)).toBe(true);
      // renewed to T0 + 9 min: nobody else gets them before that
      expect(await claim({ worker: 'w2', now: T0 + 9 * MIN - 1 })).toEqual([]);
      // a lease that ran out with nobody taking it can still be renewed by its holder
      expect(await renew(k!, 'w1', T0 + 20 * MIN)).toBe(true);
      // resolved (e.g. by a run that held it before): no renewal
      await record('crm_update', 'k', T0 + 21 * MIN);
      expect(await renew(k!, 'w1', T0 + 22 * MIN)).toBe(false);
      // superseded by a newer pending record of its key: that one is claimed instead
      await record('crm_pending', 'x', T0 + 23 * MIN);
      expect(await renew(x!, 'w1', T0 + 24 * MIN)).toBe(false);
      await ledger.releaseRecordLease('x', 'w1', T0 + 24 * MIN);
      const next = await claim({ worker: 'w2', now: T0 + 24 * MIN });
      expect(next.map((r) => [r.key, r.entry.at])).toEqual([['x', T0 + 23 * MIN]]);
    });

    it('never hands one key to two of 20 claimers racing on two connections', async () => {
      const other = await connect();
      for (let i = 0; i < 30; i++) await record('crm_pending', `k${String(i).padStart(2, '0')}`, T0 - 30 * MIN + i);
      const batches = await Promise.all(Array.from({ length: 20 }, (_, i) => claim({ worker: `w${i}`, limit: 2 }, i % 2 ? ledger : other)));
      const got = batches.flatMap(keys);
      expect(got.length).toBe(new Set(got).size);
      expect(got.length).toBeGreaterThan(0);
      // a claimer that lost a key to another skips it: a later claim picks up exactly what is left
      const rest = keys(await claim({ worker: 'last', limit: 30 }));
      expect([...got, ...rest].sort()).toEqual(Array.from({ length: 30 }, (_, i) => `k${String(i).padStart(2, '0')}`));
    });

    it('refuses bad arguments', async () => {
      const refused = async (p: Promise<unknown>) => {
        const e = await p.then(() => null, (err: unknown) => err);
        expect(isLedgerError(e, 'invalid_argument')).toBe(true);
      };
      await refused(claim({ kind: '' }));
      await refused(claim({ resolvedBy: [''] }));
      await refused(claim({ limit: 0 }));
      await refused(claim({ leaseMs: 0 }));
      await refused(claim({ worker: '' }));
      await refused(claim({ since: 1.5 }));
      await refused(ledger.releaseRecordLease('', 'w1', T0));
    });
  });
}
