import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/** Zoom app secret token: x-zm-signature HMAC and endpoint.url_validation. */
export class ZoomPhoneWebhook implements ICredentialType {
  name = 'missedCallZoomPhoneWebhook';
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
