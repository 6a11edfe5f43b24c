import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/** Vonage account signature secret: signed webhooks carry an HS256 Bearer JWT. */
// eslint-disable-next-line n8n-nodes-base/cred-class-name-unsuffixed, @n8n/community-nodes/credential-test-required -- a webhook signing secret, not API access; nothing to call to test it
export class VonageWebhook implements ICredentialType {
  // eslint-disable-next-line n8n-nodes-base/cred-class-field-name-unsuffixed -- a webhook secret, not an API credential
  name = 'missedCallVonageWebhook';
  // eslint-disable-next-line n8n-nodes-base/cred-class-field-display-name-missing-api -- a webhook secret, not an API credential
  displayName = 'Vonage Webhook (Missed Call)';
  documentationUrl = 'https://developer.vonage.com/en/getting-started/concepts/signing-messages';
  icon = { light: 'file:missedCall.svg', dark: 'file:missedCall.dark.svg' } as const;
  properties: INodeProperties[] = [
    {
      displayName: 'Signature Secret',
      name: 'signatureSecret',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description: 'The account signature secret (Dashboard → Settings)',
    },
  ];
}
