import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { missedCallTriggerProperties } from './description';
import { missedCallWebhook } from './webhook';

/** Missed Call Trigger: one webhook per phone system; fires once per missed call and enrolls the caller. */
// eslint-disable-next-line @n8n/community-nodes/webhook-lifecycle-complete -- the webhook URL is entered in the phone system by hand (Twilio number, Aircall/RingCentral/Dialpad/Zoom/Vonage app); the pack holds no API access to register it
export class MissedCallTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Missed Call Trigger',
    name: 'missedCallTrigger',
    icon: { light: 'file:missedCall.svg', dark: 'file:missedCall.dark.svg' },
    group: ['trigger'],
    // v2: n8n parses the body itself and evaluates no `options.binaryData` expression before webhook()
    // (it does for v1: an expression isolate per delivery); the two versions behave the same otherwise
    version: [1, 2],
    defaultVersion: 2,
    subtitle: '={{ "Missed calls from " + ({ aircall: "Aircall", dialpad: "Dialpad", generic: "a mapped webhook", ringcentral: "RingCentral", twilio: "Twilio", vonage: "Vonage", zoom: "Zoom Phone" }[$parameter["provider"]] || $parameter["provider"]) }}',
    description:
      'Starts a follow-up sequence when a caller is missed, reaches voicemail or abandons the queue. Verifies the phone system\'s signature, fires once per call and enrolls the caller in the ledger.',
    documentationUrl: 'https://github.com/n8n-nodes-missed-call/n8n-nodes-missed-call#missed-call-trigger',
    defaults: { name: 'Missed Call Trigger' },
    inputs: [],
    // Message: texts the phone system reports (Dialpad, RingCentral, Zoom Phone), for Sequence Exit's Record Reply
    outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
    outputNames: ['Enrolled', 'Filtered', 'Message'],
    // inline literals: the legacy lint rules read credential entries from the AST (a test checks they match PROVIDER_CREDENTIALS)
    credentials: [
      { name: 'missedCallTwilioApi', required: true, displayOptions: { show: { provider: ['twilio'] } } },
      { name: 'missedCallAircallApi', required: true, displayOptions: { show: { provider: ['aircall'] } } },
      // eslint-disable-next-line n8n-nodes-base/node-class-description-credentials-name-unsuffixed -- webhook secrets, not API credentials (see credentials/)
      { name: 'missedCallRingCentralWebhook', required: true, displayOptions: { show: { provider: ['ringcentral'] } } },
      { name: 'missedCallDialpadWebhook', required: true, displayOptions: { show: { provider: ['dialpad'] } } },
      { name: 'missedCallVonageWebhook', required: true, displayOptions: { show: { provider: ['vonage'] } } },
      { name: 'missedCallZoomPhoneWebhook', required: true, displayOptions: { show: { provider: ['zoom'] } } },
      { name: 'missedCallPostgresLedgerApi', required: true, displayOptions: { show: { ledger: ['postgres'] } } },
    ],
    // responseData 'noData': when n8n answers (an emitting non-Twilio delivery, see defersAnswer in
    // webhook.ts) it sends an empty 200 after the execution is queued, not the literal default 'firstEntryJson'
    webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'missed-call' }],
    // n8n's trigger panel: "When will this node trigger my flow?" and the hint to publish
    triggerPanel: {
      executionsHelp: {
        inactive:
          'While you build: click "Execute step" and have your phone system post a missed call to the Test URL (Twilio signs that URL; point a test number\'s callbacks at it). The enrolled caller shows here, and the enrollment is real: a repeat test from the same phone is filtered as already enrolled. "Execute workflow" runs the gate and sender too. Publish the workflow and use the Production URL to follow up every missed call.',
        active:
          'The workflow is published: every missed call the phone system posts to the Production URL enrolls its caller and runs this workflow once. A call that is not decided yet (e.g. a Twilio no-answer a voicemail may follow) waits for its settle window.',
      },
      activationHint: 'Publish the workflow and point your phone system at the Production URL to follow up every missed call.',
    },
    properties: missedCallTriggerProperties,
  };

  async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
    return missedCallWebhook.call(this);
  }
}
