import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/** SMTP account the Follow-up Sender mails through (nodemailer, bundled). */
export class MissedCallSmtp implements ICredentialType {
  name = 'missedCallSmtp';
  displayName = 'Missed Call SMTP';
  documentationUrl = 'https://github.com/n8n-nodes-missed-call/n8n-nodes-missed-call#follow-up-sender';
  icon = { light: 'file:missedCall.svg', dark: 'file:missedCall.dark.svg' } as const;
  properties: INodeProperties[] = [
    { displayName: 'Host', name: 'host', type: 'string', default: '', required: true, placeholder: 'smtp.example.com' },
    { displayName: 'Port', name: 'port', type: 'number', default: 587, required: true },
    {
      displayName: 'SSL/TLS',
      name: 'secure',
      type: 'boolean',
      default: false,
      description: 'Whether to use TLS from the start (usually port 465); otherwise STARTTLS is used when offered',
    },
    { displayName: 'User', name: 'user', type: 'string', default: '' },
    { displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '' },
    {
      displayName: 'From',
      name: 'from',
      type: 'string',
      default: '',
      required: true,
      placeholder: '"Acme Dental" <hello@acme.example>',
      description: 'Sender address of follow-up emails',
    },
  ];
}
