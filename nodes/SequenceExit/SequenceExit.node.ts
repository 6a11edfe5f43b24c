import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { DOCS_URL, OUTPUTS_EXPRESSION, sequenceExitProperties } from './description';
import { runSequenceExit } from './router';

/** Records inbound replies (opt-out, opt-in, help, re-engagement, auto-reply) or SMS delivery statuses, or checks whether a sequence ends. */
export class SequenceExit implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Sequence Exit',
    name: 'sequenceExit',
    icon: { light: 'file:sequenceExit.svg', dark: 'file:sequenceExit.dark.svg' },
    group: ['transform'],
    version: 1,
    subtitle: '={{ $parameter["mode"] === "check" ? "Check exit" : $parameter["mode"] === "delivery" ? "Record delivery status" : "Record reply" }}',
    description:
      'Records inbound replies (STOP, START, HELP, real replies, auto-replies) in the ledger so no further automated touch goes out, records SMS delivery statuses, or checks whether a sequence should end',
    documentationUrl: DOCS_URL,
    defaults: { name: 'Sequence Exit' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    // Record mode: Opt-out, Opt-in, Help, Re-engaged, Auto-reply; Check mode: Exit, Continue;
    // Record Delivery Status mode: Delivered, Undelivered, Other
    outputs: OUTPUTS_EXPRESSION,
    credentials: [
      // inline literals: the legacy lint rules read credential entries from the AST
      { name: 'missedCallPostgresLedgerApi', required: true, displayOptions: { show: { ledger: ['postgres'] } } },
      // the STOP confirmation and HELP answer (Send Confirmation) and Verify Twilio Signature need it; the node says so when it is missing
      { name: 'missedCallTwilioApi', required: false, displayOptions: { show: { mode: ['record', 'delivery'] } } },
    ],
    properties: sequenceExitProperties,
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return runSequenceExit.call(this);
  }
}
