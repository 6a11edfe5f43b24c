import type { IDataObject } from 'n8n-workflow';
import { RETENTION_DEFAULTS, type RetentionDays } from '../../ledger/retention';
import { iso, type Operation } from './types';

/** Node parameter (days) of each kind of record. */
export const RETENTION_PARAMS: Record<keyof RetentionDays, string> = {
  dedupeKeys: 'dedupeKeyDays',
  callEvents: 'callEventDays',
  pendingCalls: 'pendingCallDays',
  enrollments: 'enrollmentDays',
  auditTrail: 'auditDays',
  conversationContacts: 'conversationContactDays',
};

/**
 * retention → prune old records: deletes (or with Dry Run only counts) what is past its retention
 * (Ledger.prune: small batches, one audit entry per run). The ledger refuses periods below its floors.
 */
export const pruneRecords: Operation = async (c) => {
  const days = {} as RetentionDays;
  for (const [kind, name] of Object.entries(RETENTION_PARAMS) as [keyof RetentionDays, string][]) {
    days[kind] = Number(c.fn.getNodeParameter(name, c.i, RETENTION_DEFAULTS[kind]));
  }
  const options = c.fn.getNodeParameter('pruneOptions', c.i, {}) as { batchSize?: number; maxBatches?: number };
  const r = await c.ledger.prune({
    now: c.now,
    days,
    dryRun: c.fn.getNodeParameter('dryRun', c.i, false) === true,
    batchSize: options.batchSize,
    maxBatches: options.maxBatches,
  });
  const cutoffs = Object.fromEntries(Object.entries(r.cutoffs).map(([k, t]) => [k, iso(t)]));
  return [{ json: { dryRun: r.dryRun, complete: r.complete, counts: { ...r.counts }, days: { ...r.days }, cutoffs } as IDataObject }];
};
