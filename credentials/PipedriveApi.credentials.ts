import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** Pipedrive personal API token for the CRM Flag node, sent in the `x-api-token` header. */
export class PipedriveApi implements ICredentialType {
  name = 'missedCallPipedriveApi';
  displayName = 'Missed Call Pipedrive API';
  documentationUrl = 'https://pipedrive.readme.io/docs/how-to-find-the-api-token';
  icon = { light: 'file:missedCall.svg', dark: 'file:missedCall.dark.svg' } as const;
  properties: INodeProperties[] = [
    {
      displayName: 'API Token',
      name: 'apiToken',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description: 'Personal preferences › API in Pipedrive',
    },
    {
      displayName: 'API Base URL',
      name: 'baseUrl',
      type: 'string',
      default: 'https://api.pipedrive.com',
      description: 'https://api.pipedrive.com or https://&lt;company&gt;.pipedrive.com; an emulator in tests',
    },
  ];

  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: { headers: { 'x-api-token': '={{$credentials.apiToken}}' } },
  };

  test: ICredentialTestRequest = {
    request: { baseURL: '={{$credentials.baseUrl || "https://api.pipedrive.com"}}', url: '/v1/users/me', method: 'GET' },
  };
}
