import { afterAll, beforeAll, describe } from 'vitest';
import { openLedger, type Ledger } from '../../../nodes/ledger';
import { embeddedLedgerFile, useFreshUserFolder } from '../harness';
import type { TestCredentials } from '../harness/credentialsHelper';
import { pgForNodeTests, pgLedgerFixture } from './pgStore';

/** What a node in the harness needs to use the same ledger as the test. */
export interface LedgerUse {
  /** harness `credentials` ({} for the embedded ledger) */
  credentials: TestCredentials;
  /** the nodes' `ledger` parameter ({} for the embedded default) */
  params: { ledger?: 'postgres' };
}

/**
 * Declares `body` twice: on the embedded ledger (a fresh user folder) and on a Postgres schema of its
 * own (skipped without PostgreSQL unless LEDGER_PG_REQUIRED=1, see pgForNodeTests). Await it at the
 * top level of a test file.
 * @example await describeOnLedgers('Scheduler repairs stranded enrollments', 'sched_repair', (ledger, use) => { it(…) });
 */
export async function describeOnLedgers(title: string, pgPrefix: string, body: (ledger: () => Ledger, use: LedgerUse) => void): Promise<void> {
  describe(`${title} (embedded ledger)`, () => {
    let ledger: Ledger;
    beforeAll(async () => {
      useFreshUserFolder();
      ledger = await openLedger({ kind: 'embedded', path: embeddedLedgerFile() });
    });
    afterAll(async () => ledger.close());
    body(() => ledger, { credentials: {}, params: {} });
  });
  const pgUp = await pgForNodeTests();
  describe.skipIf(!pgUp)(`${title} (Postgres ledger)`, () => {
    const pgFix = pgLedgerFixture(pgPrefix);
    let ledger: Ledger;
    beforeAll(async () => {
      ledger = await pgFix.open();
    });
    afterAll(async () => {
      await ledger.close();
      await pgFix.drop();
    });
    body(() => ledger, { credentials: pgFix.credentials, params: { ledger: 'postgres' } });
  });
}
