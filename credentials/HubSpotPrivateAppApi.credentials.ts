import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * HubSpot private app access token for the CRM Flag node (scopes: crm.objects.contacts.read/write,
 * crm.objects.owners.read; tasks and notes ride on the contacts scopes). Sent as a Bearer token.
 */
export class HubSpotPrivateAppApi implements ICredentialType {
  name = 'missedCallHubSpotApi';
  displayName = 'Missed Call HubSpot Private App API';
  documentationUrl = 'https://developers.hubspot.com/docs/guides/apps/private-apps/overview';
  icon = { light: 'file:missedCall.svg', dark: 'file:missedCall.dark.svg' } as const;
  properties: INodeProperties[] = [
    {
      displayName: 'Access Token',
      name: 'accessToken',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      placeholder: 'pat-na1-…',
      description: 'The private app’s access token (Settings › Integrations › Private Apps)',
    },
    {
      displayName: 'API Base URL',
      name: 'baseUrl',
      type: 'string',
      default: 'https://api.hubapi.com',
      description: 'Change only to point at a HubSpot emulator in tests',
    },
  ];

  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
  };

  test: ICredentialTestRequest = {
    request: { baseURL: '={{$credentials.baseUrl || "https://api.hubapi.com"}}', url: '/crm/v3/objects/contacts?limit=1', method: 'GET' },
  };
}
