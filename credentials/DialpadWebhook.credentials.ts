import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/** Dialpad webhook secret: events arrive as HS256 JWTs signed with it. */
// eslint-disable-next-line n8n-nodes-base/cred-class-name-unsuffixed, @n8n/community-nodes/credential-test-required -- a webhook signing secret, not API access; nothing to call to test it
export class DialpadWebhook implements ICredentialType {
  // eslint-disable-next-line n8n-nodes-base/cred-class-field-name-unsuffixed -- a webhook secret, not an API credential
  name = 'missedCallDialpadWebhook';
  // eslint-disable-next-line n8n-nodes-base/cred-class-field-display-name-missing-api -- a webhook secret, not an API credential
  displayName = 'Dialpad Webhook (Missed Call)';
  documentationUrl = 'https://developers.dialpad.com/docs/event-subscriptions';
  icon = { light: 'file:missedCall.svg', dark: 'file:missedCall.dark.svg' } as const;
  properties: INodeProperties[] = [
    {
      displayName: 'JWT Secret',
      name: 'jwtSecret',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description: 'The secret given when the webhook was created (POST /api/v2/webhooks)',
    },
  ];
}
