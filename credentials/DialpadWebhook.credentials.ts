import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/** Dialpad webhook secret: events arrive as HS256 JWTs signed with it. */
export class DialpadWebhook implements ICredentialType {
  name = 'missedCallDialpadWebhook';
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
