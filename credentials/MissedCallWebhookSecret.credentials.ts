import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Shared secret of the CRM Flag's generic webhook: each POST carries `X-Signature: sha256=<hex
 * HMAC-SHA256 of the raw body>` and `X-Signature-Timestamp` (unix seconds, also `sentAt` in the body).
 */
// eslint-disable-next-line n8n-nodes-base/cred-class-name-unsuffixed, @n8n/community-nodes/credential-test-required -- a signing secret we send with, not API access; nothing to call to test it
export class MissedCallWebhookSecret implements ICredentialType {
  // eslint-disable-next-line n8n-nodes-base/cred-class-field-name-unsuffixed -- a signing secret, not an API credential
  name = 'missedCallWebhookSecret';
  // eslint-disable-next-line n8n-nodes-base/cred-class-field-display-name-missing-api -- a signing secret, not an API credential
  displayName = 'Missed Call Webhook Secret';
  documentationUrl = 'https://github.com/n8n-nodes-missed-call/n8n-nodes-missed-call#crm-flag';
  icon = { light: 'file:missedCall.svg', dark: 'file:missedCall.dark.svg' } as const;
  properties: INodeProperties[] = [
    {
      displayName: 'Signing Secret',
      name: 'secret',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description: 'The receiver verifies X-Signature with it; use a long random value',
    },
  ];
}
