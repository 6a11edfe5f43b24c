import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Twilio account for the missed-call pack: REST calls (SMS, Lookup) with the Account SID + Auth
 * Token or an API Key SID + Secret, and webhook signature checks with the Auth Token. Named
 * `missedCallTwilioApi` so it never collides with n8n's built-in `twilioApi`.
 */
export class TwilioApi implements ICredentialType {
  name = 'missedCallTwilioApi';
  displayName = 'Missed Call Twilio API';
  documentationUrl = 'https://www.twilio.com/docs/usage/security';
  icon = { light: 'file:missedCall.svg', dark: 'file:missedCall.dark.svg' } as const;
  properties: INodeProperties[] = [
    {
      displayName: 'Authentication',
      name: 'authType',
      type: 'options',
      default: 'authToken',
      options: [
        { name: 'Auth Token', value: 'authToken' },
        { name: 'API Key', value: 'apiKey' },
      ],
    },
    { displayName: 'Account SID', name: 'accountSid', type: 'string', default: '', required: true, placeholder: 'AC…' },
    {
      displayName: 'Auth Token',
      name: 'authToken',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      description: 'Primary Auth Token. Also used to verify X-Twilio-Signature on webhooks, so the Missed Call Trigger needs it with either authentication.',
    },
    {
      displayName: 'API Key SID',
      name: 'apiKeySid',
      type: 'string',
      default: '',
      placeholder: 'SK…',
      displayOptions: { show: { authType: ['apiKey'] } },
    },
    {
      displayName: 'API Key Secret',
      name: 'apiKeySecret',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      displayOptions: { show: { authType: ['apiKey'] } },
    },
    {
      displayName: 'API Base URL',
      name: 'baseUrl',
      type: 'string',
      default: 'https://api.twilio.com',
      description: 'Change only to point at a Twilio emulator in tests',
    },
    {
      displayName: 'Lookup Base URL',
      name: 'lookupBaseUrl',
      type: 'string',
      default: 'https://lookups.twilio.com',
      description: 'Twilio Lookup v2 host; change only to point at an emulator in tests',
    },
  ];

  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: {
      auth: {
        username: '={{$credentials.authType === "apiKey" ? $credentials.apiKeySid : $credentials.accountSid}}',
        password: '={{$credentials.authType === "apiKey" ? $credentials.apiKeySecret : $credentials.authToken}}',
      },
    },
  };

  test: ICredentialTestRequest = {
    request: {
      baseURL: '={{$credentials.baseUrl || "https://api.twilio.com"}}',
      url: '=/2010-04-01/Accounts/{{$credentials.accountSid}}.json',
      method: 'GET',
    },
  };
}
