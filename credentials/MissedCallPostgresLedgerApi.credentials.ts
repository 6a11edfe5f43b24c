import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/** Postgres database holding the shared missed-call ledger (required in queue mode). */
// eslint-disable-next-line @n8n/community-nodes/credential-test-required -- a database, not HTTP: the ledger migrates on first use and reports a failed connection as a node error
export class MissedCallPostgresLedgerApi implements ICredentialType {
  name = 'missedCallPostgresLedgerApi';
  displayName = 'Missed Call Ledger (Postgres)';
  documentationUrl = 'https://docs.n8n.io/hosting/scaling/queue-mode/';
  icon = { light: 'file:missedCall.svg', dark: 'file:missedCall.dark.svg' } as const;
  properties: INodeProperties[] = [
    { displayName: 'Host', name: 'host', type: 'string', default: 'localhost', required: true },
    { displayName: 'Port', name: 'port', type: 'number', default: 5432 },
    { displayName: 'Database', name: 'database', type: 'string', default: 'postgres', required: true },
    { displayName: 'User', name: 'user', type: 'string', default: 'postgres', required: true },
    { displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '' },
    {
      displayName: 'SSL',
      name: 'ssl',
      type: 'options',
      default: 'disable',
      options: [
        { name: 'Disable', value: 'disable' },
        { name: 'Allow', value: 'allow' },
        { name: 'Require', value: 'require' },
      ],
    },
    // eslint-disable-next-line @n8n/community-nodes/credential-password-field -- a boolean switch, not a secret
    {
      displayName: 'Ignore SSL Issues (Insecure)',
      name: 'allowUnauthorizedCerts',
      type: 'boolean',
      default: false,
      displayOptions: { show: { ssl: ['allow', 'require'] } },
    },
    {
      displayName: 'Schema',
      name: 'schema',
      type: 'string',
      default: 'missed_call',
      description: 'Postgres schema the ledger tables live in (lowercase letters, digits, _); created on first use',
    },
    {
      displayName: 'Prepared Statements',
      name: 'preparedStatements',
      type: 'boolean',
      default: true,
      description: 'Whether to run ledger queries as prepared statements (less database CPU). Behind PgBouncer in transaction pooling mode older than 1.21 the ledger switches to unprepared queries by itself after the first lost statement; turn this off there to skip that retry.',
    },
  ];
}
