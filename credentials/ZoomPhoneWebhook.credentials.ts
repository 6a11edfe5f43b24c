import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/** Zoom app secret token: x-zm-signature HMAC and endpoint.url_validation. */
// eslint-disable-next-line n8n-nodes-base/cred-class-name-unsuffixed, @n8n/community-nodes/credential-test-required -- a webhook signing secret, not API access; nothing to call to test it
export class ZoomPhoneWebhook implements ICredentialType {
  // eslint-disable-next-line n8n-nodes-base/cred-class-field-name-unsuffixed -- a webhook secret, not an API credential
  name = 'missedCallZoomPhoneWebhook';
  // eslint-disable-next-line n8n-nodes-base/cred-class-field-display-name-missing-api -- a webhook secret, not an API credential
  displayName = 'Zoom Phone Webhook (Missed Call)';
  documentationUrl = 'https://developers.zoom.us/docs/api/webhooks/#verify-webhook-events';
  icon = { light: 'file:missedCall.svg', dark: 'file:missedCall.dark.svg' } as const;
  properties: INodeProperties[] = [
    {
      displayName: 'Secret Token',
      name: 'secretToken',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description: 'The Secret Token of the Zoom app event subscription',
    },
  ];
}
