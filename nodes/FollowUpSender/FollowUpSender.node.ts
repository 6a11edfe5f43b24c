import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { DOCS_URL, followUpSenderProperties } from './description';
import { runFollowUpSender } from './router';
import { ringCentralCredentialTest } from './ringCentralCredentialTest';
import { smtpCredentialTest } from './smtpCredentialTest';

/** Sends the follow-up step of each item (SMS via Twilio, Dialpad, RingCentral or Vonage, email via SMTP, or Sandbox) — once. */
export class FollowUpSender implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Follow-up Sender',
    name: 'followUpSender',
    icon: { light: 'file:followUpSender.svg', dark: 'file:followUpSender.dark.svg' },
    group: ['output'],
    version: 1,
    subtitle: '={{ "SMS via " + ({ twilio: "Twilio", dialpad: "Dialpad", ringcentral: "RingCentral", vonage: "Vonage", sandbox: "Sandbox" }[$parameter["smsProvider"]] || $parameter["smsProvider"]) + ", email via " + ({ smtp: "SMTP", sandbox: "Sandbox" }[$parameter["emailProvider"]] || $parameter["emailProvider"]) }}',
    description:
      'Renders the follow-up step of each item, checks the ledger one last time (reply, opt-out, already sent) and sends it by SMS or email; schedules the next step',
    documentationUrl: DOCS_URL,
    defaults: { name: 'Follow-up Sender' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
    outputNames: ['Sent', 'Not Sent'],
    credentials: [
      // inline literals: the legacy lint rules read credential entries from the AST
      { name: 'missedCallPostgresLedgerApi', required: true, displayOptions: { show: { ledger: ['postgres'] } } },
      { name: 'missedCallTwilioApi', required: true, displayOptions: { show: { smsProvider: ['twilio'] } } },
      { name: 'missedCallDialpadApi', required: true, displayOptions: { show: { smsProvider: ['dialpad'] } } },
      { name: 'missedCallRingCentralApi', required: true, testedBy: 'ringCentralCredentialTest', displayOptions: { show: { smsProvider: ['ringcentral'] } } },
      { name: 'missedCallVonageApi', required: true, displayOptions: { show: { smsProvider: ['vonage'] } } },
      // eslint-disable-next-line n8n-nodes-base/node-class-description-credentials-name-unsuffixed -- SMTP is not an API; the type name is published
      { name: 'missedCallSmtp', required: true, testedBy: 'smtpCredentialTest', displayOptions: { show: { emailProvider: ['smtp'] } } },
    ],
    properties: followUpSenderProperties,
  };

  methods = { credentialTest: { smtpCredentialTest, ringCentralCredentialTest } };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return runFollowUpSender.call(this);
  }
}
