import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Vonage API key and secret for the Follow-up Sender's Vonage SMS: texts go from the business's own
 * Vonage number (SMS API), so the caller's reply reaches it (and, through the Messages API inbound
 * webhook, the Missed Call Trigger's Message output). The Test button asks for the account balance.
 */
export class VonageApi implements ICredentialType {
  name = 'missedCallVonageApi';
  displayName = 'Missed Call Vonage API';
  documentationUrl = 'https://developer.vonage.com/en/messaging/sms/overview';
  icon = { light: 'file:missedCall.svg', dark: 'file:missedCall.dark.svg' } as const;
  properties: INodeProperties[] = [
    { displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '', required: true, description: 'The account API key (Dashboard › API Settings)' },
    { displayName: 'API Secret', name: 'apiSecret', type: 'string', typeOptions: { password: true }, default: '', required: true },
    {
      displayName: 'REST Base URL',
      name: 'baseUrl',
      type: 'string',
      default: 'https://rest.nexmo.com',
      description: 'Change only to point at a Vonage emulator in tests',
    },
  ];

  test: ICredentialTestRequest = {
    request: {
      baseURL: '={{$credentials.baseUrl || "https://rest.nexmo.com"}}',
      url: '/account/get-balance',
      method: 'GET',
      qs: { api_key: '={{$credentials.apiKey}}', api_secret: '={{$credentials.apiSecret}}' },
    },
  };
}
