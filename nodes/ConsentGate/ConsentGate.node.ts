import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { DOCS_URL, consentGateProperties } from './description';
import { executeGate } from './router';

/** Routes each follow-up to Send, Defer, Block or Manual with the shared compliance decision. */
export class ConsentGate implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Consent Gate',
    name: 'consentGate',
    icon: { light: 'file:consentGate.svg', dark: 'file:consentGate.dark.svg' },
    group: ['transform'],
    version: 1,
    subtitle: '={{ $parameter["channel"] === "fromItem" ? "Each step\'s channel" : "Channel: " + ({ sms: "SMS", email: "Email", voice: "Callback" }[$parameter["channel"]] || $parameter["channel"]) }}',
    description:
      'Decides per item whether a follow-up may go out now (quiet hours, consent, opt-outs, frequency caps) and routes it to Send, Defer, Block or Manual',
    documentationUrl: DOCS_URL,
    defaults: { name: 'Consent Gate' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
    outputNames: ['Send', 'Defer', 'Block', 'Manual'],
    credentials: [
      // inline literals: the legacy lint rules read credential entries from the AST
      { name: 'missedCallPostgresLedgerApi', required: true, displayOptions: { show: { ledger: ['postgres'] } } },
    ],
    properties: consentGateProperties,
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return executeGate.call(this);
  }
}
