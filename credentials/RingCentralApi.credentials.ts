import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * RingCentral REST API for the Follow-up Sender's RingCentral SMS: texts go from the business's own
 * RingCentral number, so the caller's reply reaches the team there (and the Missed Call Trigger's
 * Message output). A private app with the JWT auth flow and the SMS permission; the node exchanges
 * the JWT for an access token (`POST /restapi/oauth/token`) and renews it before it ends. Tested by
 * the Follow-up Sender (`ringCentralCredentialTest`): a token exchange, which sends nothing.
 */
export class RingCentralApi implements ICredentialType {
  name = 'missedCallRingCentralApi';
  displayName = 'Missed Call RingCentral API';
  documentationUrl = 'https://developers.ringcentral.com/guide/authentication/jwt-flow';
  icon = { light: 'file:missedCall.svg', dark: 'file:missedCall.dark.svg' } as const;
  properties: INodeProperties[] = [
    {
      displayName: 'Server URL',
      name: 'serverUrl',
      type: 'string',
      default: 'https://platform.ringcentral.com',
      description: 'https://platform.ringcentral.com, or https://platform.devtest.ringcentral.com for the developer sandbox',
    },
    {
      displayName: 'Client ID',
      name: 'clientId',
      type: 'string',
      default: '',
      required: true,
      description: 'The client ID of a private RingCentral app that uses the JWT auth flow and has the SMS permission',
    },
    {
      displayName: 'Client Secret',
      name: 'clientSecret',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
    },
    // eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password -- a JWT credential is a bearer secret: it signs the user in
    {
      displayName: 'JWT',
      name: 'jwt',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description: 'A JWT credential of the user whose numbers the texts come from (RingCentral › Settings › Credentials)',
    },
  ];
}
