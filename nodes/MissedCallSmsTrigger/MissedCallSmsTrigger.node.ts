import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { missedCallSmsTriggerProperties } from './description';
import { missedCallSmsWebhook } from './webhook';

/** Missed Call SMS Trigger: Twilio's inbound texts and status callbacks, signature checked before anything runs. */
// eslint-disable-next-line @n8n/community-nodes/webhook-lifecycle-complete -- the URL is entered on the Twilio number (or as a Status Callback URL) by hand; the pack does not reconfigure the account's numbers
export class MissedCallSmsTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Missed Call SMS Trigger',
    name: 'missedCallSmsTrigger',
    icon: { light: 'file:missedCallSms.svg', dark: 'file:missedCallSms.dark.svg' },
    group: ['trigger'],
    // 2: n8n parses form, JSON, text and XML bodies itself and evaluates no `options.binaryData` expression per
    // request before webhook() (it does for a version 1 trigger); there never was a version 1
    version: 2,
    subtitle: 'Twilio texts and delivery status',
    description:
      'Receives the texts callers send to your Twilio number and the delivery status of the texts sent. Checks Twilio\'s signature and refuses an unsigned or forged request with 403 before anything runs.',
    documentationUrl: 'https://github.com/n8n-nodes-missed-call/n8n-nodes-missed-call#missed-call-sms-trigger',
    defaults: { name: 'Missed Call SMS Trigger' },
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'missedCallTwilioApi', required: true }],
    webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'sms' }],
    triggerPanel: {
      executionsHelp: {
        inactive:
          'While you build: click "Execute step" and send a text to the Twilio number whose “A message comes in” webhook is this node\'s Test URL (Twilio signs that URL). Publish the workflow and use the Production URL for every reply.',
        active: 'The workflow is published: every signed request Twilio posts to the Production URL runs this workflow once; an unsigned or forged one gets 403.',
      },
      activationHint: 'Publish the workflow and point your Twilio number’s “A message comes in” webhook at the Production URL.',
    },
    properties: missedCallSmsTriggerProperties,
  };

  async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
    return missedCallSmsWebhook.call(this);
  }
}
