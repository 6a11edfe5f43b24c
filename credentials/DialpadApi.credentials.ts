import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Dialpad API key for the Follow-up Sender's Dialpad SMS: texts go from the business's own Dialpad
 * number, so the caller's reply reaches the team there (and the Missed Call Trigger's Message
 * output). Sent as a Bearer token.
 */
export class DialpadApi implements ICredentialType {
  name = 'missedCallDialpadApi';
  displayName = 'Missed Call Dialpad API';
  documentationUrl = 'https://developers.dialpad.com/docs/api-keys';
  icon = { light: 'file:missedCall.svg', dark: 'file:missedCall.dark.svg' } as const;
  properties: INodeProperties[] = [
    {
      displayName: 'API Key',
      name: 'apiKey',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description: 'A company API key (Admin Settings › My Company › Authentication › API Keys)',
    },
    {
      displayName: 'API Base URL',
      name: 'baseUrl',
      type: 'string',
      default: 'https://dialpad.com',
      description: 'https://dialpad.com, or https://sandbox.dialpad.com for a sandbox account',
    },
  ];

  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
  };

  test: ICredentialTestRequest = {
    request: { baseURL: '={{$credentials.baseUrl || "https://dialpad.com"}}', url: '/api/v2/company', method: 'GET' },
  };
}
