import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/** RingCentral webhook subscription secret: notifications must carry it in the Verification-Token header. */
// eslint-disable-next-line n8n-nodes-base/cred-class-name-unsuffixed, @n8n/community-nodes/credential-test-required -- a webhook signing secret, not API access; nothing to call to test it
export class RingCentralWebhook implements ICredentialType {
  // eslint-disable-next-line n8n-nodes-base/cred-class-field-name-unsuffixed -- a webhook secret, not an API credential
  name = 'missedCallRingCentralWebhook';
  // eslint-disable-next-line n8n-nodes-base/cred-class-field-display-name-missing-api -- a webhook secret, not an API credential
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
