import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/** Vonage account signature secret: signed webhooks carry an HS256 Bearer JWT. */
export class VonageWebhook implements ICredentialType {
  name = 'missedCallVonageWebhook';
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
