import type { INodeProperties } from 'n8n-workflow';

/** The credential whose Auth Token signs Twilio's requests (the account that owns the number). */
export const TWILIO_CREDENTIAL = { name: 'missedCallTwilioApi', secretField: 'authToken' } as const;

export const missedCallSmsTriggerProperties: INodeProperties[] = [
  {
    displayName:
      'Point your Twilio number’s “A message comes in” webhook (HTTP POST) at this node’s Production URL, or use it as the Status Callback URL of the Follow-up Sender. Each request’s X-Twilio-Signature is checked with the credential’s Auth Token: an unsigned or forged one gets 403 and starts nothing. Connect Sequence Exit (Record Reply, or Record Delivery Status for status callbacks) after it.',
    name: 'notice',
    type: 'notice',
    default: '',
  },
  {
    displayName: 'Signed URL',
    name: 'signedUrl',
    type: 'string',
    default: '',
    placeholder: 'https://n8n.example.com/webhook/…',
    description:
      'The URL Twilio was given, when a proxy in front of n8n changes it; empty: the URL n8n reports (set n8n’s WEBHOOK_URL to its public address behind a proxy), with the request’s query',
  },
];
