import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { DOCS_URL, missedCallLedgerProperties } from './description';
import { postgresLedgerCredentialTest } from './postgresLedgerCredentialTest';
import { runMissedCallLedger } from './router';

/** Operations on the missed-call ledger: contacts, templates, opt-out CSVs, audit export, KPIs, data audit, retention. */
export class MissedCallLedger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Missed Call Ledger',
    name: 'missedCallLedger',
    icon: { light: 'file:missedCallLedger.svg', dark: 'file:missedCallLedger.dark.svg' },
    group: ['transform'],
    version: 1,
    subtitle:
      '={{ ({ clearEmailSuppression: "Clear email suppression", end: "End sequences", get: "Get state", pause: "Pause", resume: "Resume", setLanguage: "Set language", export: "Export", import: "Import", kpis: "KPIs", dataAudit: "Data audit", prune: "Prune" }[$parameter["operation"]] || $parameter["operation"]) + ": " + ({ auditTrail: "audit trail", contact: "contact", optOut: "opt-outs", report: "report", retention: "retention", template: "template" }[$parameter["resource"]] || $parameter["resource"]) }}',
    description:
      'Operate the missed-call ledger: contact state, pauses, preferred languages, email suppressions and unenrolling, template pauses, opt-out CSV export/import, audit trail export, KPIs, a data audit and pruning of old records',
    documentationUrl: DOCS_URL,
    defaults: { name: 'Missed Call Ledger' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    credentials: [
      // inline literal: the legacy lint rules read credential entries from the AST
      { name: 'missedCallPostgresLedgerApi', required: true, testedBy: 'postgresLedgerCredentialTest', displayOptions: { show: { ledger: ['postgres'] } } },
    ],
    properties: missedCallLedgerProperties,
  };

  methods = { credentialTest: { postgresLedgerCredentialTest } };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return runMissedCallLedger.call(this);
  }
}
