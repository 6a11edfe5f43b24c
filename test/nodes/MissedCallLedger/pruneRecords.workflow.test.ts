/**
 * Missed Call Ledger → Retention → Prune Old Records through real workflows, on both ledgers: a dry
 * run counts and changes nothing, a run prunes exactly that (in batches) and audits itself, a second
 * run prunes nothing, opt-outs stay, a contact known only from an old answered call goes; the node's
 * defaults are the ledger's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, type Ledger } from '../../../nodes/ledger';
import { RETENTION_DEFAULTS, RETENTION_MINIMUMS, type RetentionDays } from '../../../nodes/ledger/retention';
import { missedCallLedgerProperties } from '../../../nodes/MissedCallLedger/description';
import { RETENTION_PARAMS } from '../../../nodes/MissedCallLedger/operations/pruneRecords';
import { describeOnLedgers } from '../ledger/describeOnLedgers';
import { loadHarness, type Harness, type RunOptions } from '../harness';

const NOW = Date.UTC(2031, 0, 6, 15, 0);
const ago = (days: number) => NOW - days * DAY_MS;
const iso = (t: number) => new Date(t).toISOString();
const OPTED_OUT = '+13055550150';
const CALLER = '+13055550151';
const TALKED = '+13055550152';

let h: Harness;
beforeAll(async () => {
  h = await loadHarness();
});

type Prune = (parameters?: Record<string, unknown>) => ReturnType<Harness['runWorkflow']>;
const pruneWith =
  (extra: Partial<RunOptions>, base: Record<string, unknown>): Prune =>
  (parameters = {}) =>
    h.runWorkflow({
      nodes: [{ name: 'Ledger', type: 'missedCallLedger', parameters: { ...base, resource: 'retention', operation: 'prune', currentTime: iso(NOW), ...parameters } }],
      connections: [],
      startNode: 'Ledger',
      triggerItems: [{}],
      ...extra,
    });

async function seed(l: Ledger): Promise<{ prunedRun: string; keptRun: string }> {
  await l.claimOnce('call:twilio:CA-OLD', ago(60));
  await l.appendCallEvent({ callId: 'CA-OLD', provider: 'twilio', class: 'missed', final: true, payload: {}, now: ago(500) });
  await l.recordOptOut(OPTED_OUT, { channel: 'all', source: 'sms_stop', text: 'STOP', now: ago(3000) });
  await l.audit({ kind: 'note', data: {}, now: ago(2000) });
  // a number known only from a call a person answered, 100 days ago
  await l.recordConversation(TALKED, { callId: 'CA-TALK', provider: 'twilio', direction: 'inbound', at: ago(100), now: ago(100) });
  const ids: string[] = [];
  for (const [from, to] of [[900, 890], [800, 790]]) {
    const r = await l.enroll({
      templateId: 'tpl',
      templateHash: 'h',
      template: {},
      phone: CALLER,
      callId: `CA-${from}`,
      callEvent: {},
      reentry: { policy: 'after_completion' },
      firstSteps: [{ stepId: 's1', dueAt: ago(from), channel: 'sms' }],
      now: ago(from),
    });
    if (!r.created) throw new Error(r.reason);
    await l.exitEnrollment(r.enrollment.id, 'no_reply', ago(to));
    ids.push(r.enrollment.id);
  }
  return { prunedRun: ids[0]!, keptRun: ids[1]! };
}

function pruneTests(getLedger: () => Ledger, prune: Prune) {
  it('dry run counts, a run prunes exactly that in batches and audits itself, a second run prunes nothing', async () => {
    const l = getLedger();
    const { prunedRun, keptRun } = await seed(l);
    const expected = { dedupeKeys: 1, callEvents: 1, pendingCalls: 0, enrollments: 1, touches: 1, auditEntries: 2, retryLeases: 0, conversationContacts: 1 };
    const days = { ...RETENTION_DEFAULTS, dedupeKeys: 45 };
    const trail = await l.auditTrail({ limit: 10_000 });

    const dry = await prune({ dryRun: true, dedupeKeyDays: 45 });
    expect(dry.error).toBeUndefined();
    expect(dry.outputs('Ledger')[0]).toEqual([
      {
        dryRun: true,
        complete: true,
        counts: expected,
        days,
        cutoffs: Object.fromEntries(Object.entries(days).map(([k, d]) => [k, iso(ago(d))])),
      },
    ]);
    expect(await l.auditTrail({ limit: 10_000 })).toEqual(trail);
    expect(await l.enrollment(prunedRun)).not.toBeNull();
    expect(await l.callEvents('CA-OLD')).toHaveLength(1);
    expect(await l.contact(TALKED)).not.toBeNull();

    const run = await prune({ dedupeKeyDays: 45, pruneOptions: { batchSize: 1 } });
    expect(run.error).toBeUndefined();
    expect(run.outputs('Ledger')[0]![0]).toMatchObject({ dryRun: false, complete: true, counts: expected, days });
    expect(await l.enrollment(prunedRun)).toBeNull();
    expect(await l.enrollment(keptRun)).not.toBeNull();
    expect(await l.callEvents('CA-OLD')).toEqual([]);
    expect(await l.claimOnce('call:twilio:CA-OLD', NOW)).toBe(true);
    expect(await l.contact(TALKED)).toBeNull();
    expect(await l.contact(CALLER)).not.toBeNull();
    expect((await l.optOuts()).map((o) => [o.phone, o.channel])).toEqual([
      [OPTED_OUT, 'sms'],
      [OPTED_OUT, 'email'],
    ]);
    expect((await l.auditTrail({ kinds: ['records_pruned'] })).map((a) => [a.at, (a.data as { counts: unknown }).counts])).toEqual([[NOW, expected]]);

    const again = await prune({ dedupeKeyDays: 45 });
    expect(again.outputs('Ledger')[0]![0]).toMatchObject({ complete: true, counts: { dedupeKeys: 0, callEvents: 0, pendingCalls: 0, enrollments: 0, touches: 0, auditEntries: 0, conversationContacts: 0 } });
  });

  it('refuses an audit period shorter than 4 years and prunes nothing', async () => {
    const runs = async () => (await getLedger().auditTrail({ kinds: ['records_pruned'] })).length;
    const before = await runs();
    const r = await prune({ auditDays: 365 });
    expect(r.error?.message).toMatch(/days\.auditTrail must be a whole number of days, at least 1461/);
    expect(await runs()).toBe(before);
  });
}

await describeOnLedgers('Missed Call Ledger: prune old records', 'ledger_prune', (ledger, use) => pruneTests(ledger, pruneWith({ credentials: use.credentials }, use.params)));

describe('Missed Call Ledger: prune parameters', () => {
  it('shows the ledger’s retention defaults and floors', () => {
    for (const [kind, name] of Object.entries(RETENTION_PARAMS) as [keyof RetentionDays, string][]) {
      const p = missedCallLedgerProperties.find((x) => x.name === name);
      expect(p?.default, name).toBe(RETENTION_DEFAULTS[kind]);
      expect(p?.typeOptions?.minValue, name).toBe(RETENTION_MINIMUMS[kind]);
      expect(p?.displayOptions?.show).toEqual({ resource: ['retention'] });
    }
  });
});
