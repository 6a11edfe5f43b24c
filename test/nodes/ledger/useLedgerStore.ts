import { afterEach, beforeEach } from 'vitest';
import type { Ledger } from '../../../nodes/ledger';
import type { LedgerStore } from './ledgerContract';

/**
 * Per test: a fresh store from `makeStore` and a first ledger on it (`ledger`); `connect()` opens
 * more, `adopt(l)` takes one opened otherwise. After each test every such ledger is closed and the
 * store dropped. Call it inside a
 * `describe`; read `ledger` and `store` in hooks or tests, not at collection time.
 */
export function useLedgerStore(makeStore: () => Promise<LedgerStore>) {
  let store: LedgerStore;
  let ledger: Ledger;
  let opened: Ledger[] = [];
  const connect = async (): Promise<Ledger> => {
    const l = await store.connect();
    opened.push(l);
    return l;
  };
  beforeEach(async () => {
    opened = [];
    store = await makeStore();
    ledger = await connect();
  });
  afterEach(async () => {
    for (const l of opened) await l.close();
    await store.destroy();
  });
  return {
    get store() {
      return store;
    },
    get ledger() {
      return ledger;
    },
    connect,
    adopt: (l: Ledger): Ledger => (opened.push(l), l),
  };
}
