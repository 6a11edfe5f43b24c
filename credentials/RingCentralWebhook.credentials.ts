import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/** RingCentral webhook subscription secret: notifications must carry it in the Verification-Token header. */
export class RingCentralWebhook implements ICredentialType {
  name = 'missedCallRingCentralWebhook';
  displayName = 'RingCentral Webhook (Missed Call)';
  documentationUrl = 'https://developers.ringcentral.com/guide/notifications/webhooks/creating-webhooks';
  icon = { light: 'file:missedCall.svg', dark: 'file:missedCall.dark.svg' } as const;
  properties: INodeProperties[] = [
    {
      displayName: 'Verification Token',
      name: 'verificationToken',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description: 'The deliveryMode.verificationToken of the subscription; every notification must carry it',
    },
  ];
}
