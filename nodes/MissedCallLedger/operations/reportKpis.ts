import { NodeOperationError, type IDataObject } from 'n8n-workflow';
import { KPI_AUDIT_KINDS, kpiReport } from '../kpiReport';
import { WINNER_METRICS, isWinnerMetric } from '../variantVerdict';
import { readAudit } from './readAudit';
import { reportWindow } from './reportWindow';
import { iso, type Operation } from './types';

/** report → KPIs: one item per template, language, step and A/B variant row (see kpiReport), variants judged on Winner Metric. */
export const reportKpis: Operation = async (c) => {
  const { from, to, templateId } = reportWindow(c);
  const winnerMetric = c.fn.getNodeParameter('winnerMetric', c.i, 'reengagement');
  if (!isWinnerMetric(winnerMetric)) {
    throw new NodeOperationError(c.fn.getNode(), `Winner Metric must be one of ${Object.keys(WINNER_METRICS).join(', ')}`, { itemIndex: c.i });
  }
  const defaultCountry = String(c.fn.getNodeParameter('defaultCountry', c.i, 'US') || 'US').trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(defaultCountry)) {
    throw new NodeOperationError(c.fn.getNode(), `Default Country must be a two-letter ISO code, got "${defaultCountry}"`, { itemIndex: c.i });
  }
  const enrollments = await c.ledger.enrollmentsCreated({ since: from, until: to, templateId, limit: 100_000 });
  const phones = new Set(enrollments.map((e) => e.phone));
  const touches = await c.ledger.touchesOfEnrollments(enrollments.map((e) => e.id));
  const events = (await readAudit(c.ledger, { since: from, kinds: KPI_AUDIT_KINDS })).filter((a) => a.at <= c.now && a.phone !== null && phones.has(a.phone));
  const callEvents = await c.ledger.callEventsBetween({ since: from, until: c.now + 1, limit: 100_000 });
  const window = { from: iso(from), to: iso(to) };
  return kpiReport({ enrollments, touches, events, callEvents }, { winnerMetric, defaultCountry }).map((row) => ({ json: { ...row, window } as unknown as IDataObject }));
};
