import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { parseCurrentTime } from '../shared/parseCurrentTime';
import { openLedger } from '../shared/openLedger';
import type { Ledger } from '../ledger/Ledger';
import { auditExport } from './operations/auditExport';
import { contactClearEmailSuppression } from './operations/contactEmailSuppression';
import { contactEnd } from './operations/contactEnd';
import { contactGet } from './operations/contactGet';
import { contactLanguage } from './operations/contactLanguage';
import { contactPause } from './operations/contactPause';
import { contactResume } from './operations/contactResume';
import { emailSuppressionAdd } from './operations/emailSuppressionAdd';
import { emailSuppressionExport } from './operations/emailSuppressionExport';
import { emailSuppressionGet } from './operations/emailSuppressionGet';
import { emailSuppressionImport } from './operations/emailSuppressionImport';
import { optOutExport } from './operations/optOutExport';
import { optOutImport } from './operations/optOutImport';
import { pruneRecords } from './operations/pruneRecords';
import { reportDataAudit } from './operations/reportDataAudit';
import { reportKpis } from './operations/reportKpis';
import { templatePause, templateResume } from './operations/templatePause';
import type { Operation } from './operations/types';

/** `resource:operation` → operation. */
export const OPERATIONS: Record<string, Operation> = {
  'contact:clearEmailSuppression': contactClearEmailSuppression,
  'contact:end': contactEnd,
  'contact:get': contactGet,
  'contact:pause': contactPause,
  'contact:resume': contactResume,
  'contact:setLanguage': contactLanguage,
  'emailSuppression:add': emailSuppressionAdd,
  'emailSuppression:export': emailSuppressionExport,
  'emailSuppression:get': emailSuppressionGet,
  'emailSuppression:import': emailSuppressionImport,
  'emailSuppression:remove': contactClearEmailSuppression,
  'template:pause': templatePause,
  'template:resume': templateResume,
  'optOut:export': optOutExport,
  'optOut:import': optOutImport,
  'auditTrail:export': auditExport,
  'report:kpis': reportKpis,
  'report:dataAudit': reportDataAudit,
  'retention:prune': pruneRecords,
};

/** Runs the chosen operation once per input item. */
export async function runMissedCallLedger(this: IExecuteFunctions, deps: { ledger?: Ledger } = {}): Promise<INodeExecutionData[][]> {
  const items = this.getInputData();
  const out: INodeExecutionData[] = [];
  const ledger = deps.ledger ?? (await openLedger(this));
  for (let i = 0; i < items.length; i++) {
    const json = items[i]!.json;
    try {
      const key = `${this.getNodeParameter('resource', i) as string}:${this.getNodeParameter('operation', i) as string}`;
      const op = OPERATIONS[key];
      if (!op) throw new NodeOperationError(this.getNode(), `Unknown operation ${key}`, { itemIndex: i });
      const now = parseCurrentTime(this.getNodeParameter('currentTime', i, ''), this.getTimezone(), Date.now());
      if (now === null) throw new NodeOperationError(this.getNode(), 'Current Time is not a valid date.', { itemIndex: i });
      for (const r of await op({ fn: this, i, json, ledger, now })) out.push({ ...r, pairedItem: { item: i } });
    } catch (error) {
      const e = error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error instanceof Error ? error : String(error), { itemIndex: i });
      if (!this.continueOnFail()) throw e;
      out.push({ json: { error: e.message }, error: e, pairedItem: { item: i } });
    }
  }
  return [out];
}
