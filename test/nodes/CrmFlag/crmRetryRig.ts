/**
 * What the CRM Flag "Retry Pending" test files share: the clock, an n8n-core harness and a HubSpot
 * emulator per file, and a one-node CRM Flag workflow on a given ledger.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startHubSpotEmulator, type HubSpotEmulator } from '../../emulators/hubspotEmulator';
import { loadHarness, type Harness } from '../harness';
import type { TestCredentials } from '../harness/credentialsHelper';
import type { LedgerUse } from '../ledger/describeOnLedgers';

/** Thursday 2027-01-14 12:00 in Chicago (18:00 UTC) */
export const NOON = Date.UTC(2027, 0, 14, 18, 0);
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
/** the CRM Flag's outputs */
export const DONE = 0;
export const RETRY = 1;
export const iso = (t: number) => new Date(t).toISOString();

export type CrmReport = Record<string, unknown> & { outcome: string; key: string; next?: { touchId: string; stepId: string; dueAt: string } | null };

/**
 * Registers the file's hooks (harness and emulator once, emulator reset per test) and returns the
 * runners; `phonePrefix` (7 characters, e.g. '+130555') keeps each file's callers apart.
 */
export function crmRetryRig(phonePrefix: string) {
  let h: Harness;
  let hs: HubSpotEmulator;
  let n = 0;
  beforeAll(async () => {
    h = await loadHarness();
    hs = await startHubSpotEmulator();
  });
  afterAll(async () => hs.close());
  beforeEach(() => hs.reset());

  const crm = (use: LedgerUse, items: object[], now: number, parameters: Record<string, unknown>, credentials?: TestCredentials) =>
    h.runWorkflow({
      nodes: [{ name: 'CRM', type: 'crmFlag', parameters: { currentTime: iso(now), options: { retryBaseDelayMs: 1, maxAttempts: 2 }, ...use.params, ...parameters } }],
      connections: [],
      startNode: 'CRM',
      triggerItems: items as never,
      credentials: { ...(credentials ?? { missedCallHubSpotApi: { accessToken: hs.token, baseUrl: hs.url } }), ...use.credentials },
    });
  return {
    /** the file's HubSpot emulator (inside hooks and tests) */
    get hs() {
      return hs;
    },
    phone: () => `${phonePrefix}${String(3000 + ++n).padStart(4, '0')}`,
    crm,
    retry: (use: LedgerUse, now: number) => crm(use, [{}], now, { operation: 'retryPending' }),
    reports: (r: Awaited<ReturnType<typeof crm>>, out: number) => (r.outputs('CRM')[out] ?? []).map((j) => j.crm as CrmReport),
  };
}
