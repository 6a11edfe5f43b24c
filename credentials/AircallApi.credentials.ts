import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** Aircall API ID + token (basic auth) and the webhook's token (Aircall webhooks carry no signature). */
export class AircallApi implements ICredentialType {
  name = 'missedCallAircallApi';
  displayName = 'Missed Call Aircall API';
  documentationUrl = 'https://developer.aircall.io/api-references/#authentication';
  icon = { light: 'file:missedCall.svg', dark: 'file:missedCall.dark.svg' } as const;
  properties: INodeProperties[] = [
    { displayName: 'API ID', name: 'apiId', type: 'string', default: '', required: true },
    { displayName: 'API Token', name: 'apiToken', type: 'string', typeOptions: { password: true }, default: '', required: true },
    {
      displayName: 'Webhook Token',
      name: 'webhookToken',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      description: 'The "token" of the Aircall webhook (GET /v1/webhooks/{id}); every event must carry it',
    },
    { displayName: 'Base URL', name: 'baseUrl', type: 'string', default: 'https://api.aircall.io', description: 'Change only to point at an emulator in tests' },
  ];

  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: { auth: { username: '={{$credentials.apiId}}', password: '={{$credentials.apiToken}}' } },
  };

  test: ICredentialTestRequest = {
    request: { baseURL: '={{$credentials.baseUrl || "https://api.aircall.io"}}', url: '/v1/ping', method: 'GET' },
  };
}
