import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { crmFlagProperties, DOCS_URL } from './description';
import { runCrmFlag } from './router';

/** Hands a missed caller to a human in HubSpot, Pipedrive or any CRM behind a signed webhook. */
export class CrmFlag implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'CRM Flag',
    name: 'crmFlag',
    icon: { light: 'file:crmFlag.svg', dark: 'file:crmFlag.dark.svg' },
    group: ['output'],
    version: 1,
    subtitle:
      '={{ ({ flagReengaged: "Re-engaged lead", callbackTask: "Callback task", notifyAgent: "Agent notice", retryPending: "Retry pending" }[$parameter["operation"]] || $parameter["operation"]) + " · " + ({ hubspot: "HubSpot", pipedrive: "Pipedrive", webhook: "Webhook" }[$parameter["provider"]] || $parameter["provider"]) }}',
    description:
      'Hands a missed caller to a human in the CRM: finds or creates the contact, sets the lead status and owner, creates a callback task with the call context and logs the automated touches',
    documentationUrl: DOCS_URL,
    defaults: { name: 'CRM Flag' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
    outputNames: ['Done', 'Error / Retry'],
    credentials: [
      // inline literals: the legacy lint rules read credential entries from the AST
      { name: 'missedCallPostgresLedgerApi', required: true, displayOptions: { show: { ledger: ['postgres'] } } },
      { name: 'missedCallHubSpotApi', required: true, displayOptions: { show: { provider: ['hubspot'] } } },
      { name: 'missedCallPipedriveApi', required: true, displayOptions: { show: { provider: ['pipedrive'] } } },
      // eslint-disable-next-line n8n-nodes-base/node-class-description-credentials-name-unsuffixed -- a signing secret, not an API credential (see credentials/)
      { name: 'missedCallWebhookSecret', required: true, displayOptions: { show: { provider: ['webhook'] } } },
    ],
    properties: crmFlagProperties,
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return runCrmFlag.call(this);
  }
}
