import { describe, expect, it } from 'vitest';
import { AircallApi } from '../../credentials/AircallApi.credentials';
import { DialpadWebhook } from '../../credentials/DialpadWebhook.credentials';
import { MissedCallPostgresLedgerApi } from '../../credentials/MissedCallPostgresLedgerApi.credentials';
import { RingCentralApi } from '../../credentials/RingCentralApi.credentials';
import { RingCentralWebhook } from '../../credentials/RingCentralWebhook.credentials';
import { TwilioApi } from '../../credentials/TwilioApi.credentials';
import { VonageApi } from '../../credentials/VonageApi.credentials';
import { VonageWebhook } from '../../credentials/VonageWebhook.credentials';
import { ZoomPhoneWebhook } from '../../credentials/ZoomPhoneWebhook.credentials';
import { PROVIDER_CREDENTIALS } from '../../nodes/MissedCallTrigger/description';

const all = [new TwilioApi(), new AircallApi(), new RingCentralWebhook(), new DialpadWebhook(), new VonageWebhook(), new ZoomPhoneWebhook(), new MissedCallPostgresLedgerApi(), new RingCentralApi(), new VonageApi()];
const SECRET_NAMES = /token|secret|password/i;

describe('credentials', () => {
  it.each(all.map((c) => [c.name, c] as const))('%s has a documentation URL, an icon and hides every secret', (_, c) => {
    expect(c.documentationUrl).toMatch(/^https:\/\//);
    expect(c.icon).toEqual({ light: 'file:missedCall.svg', dark: 'file:missedCall.dark.svg' });
    const secrets = c.properties.filter((p) => SECRET_NAMES.test(p.name));
    expect(secrets.length).toBeGreaterThan(0);
    for (const p of secrets) expect(p.typeOptions?.password, p.name).toBe(true);
  });

  it('uses names that never collide with n8n built-ins', () => {
    for (const c of all) expect(c.name).toMatch(/^missedCall[A-Z]/);
  });

  it.each(Object.entries(PROVIDER_CREDENTIALS))('the trigger reads the %s secret from a field its credential defines', (_, spec) => {
    const c = all.find((x) => x.name === spec.name);
    expect(c?.properties.map((p) => p.name)).toContain(spec.secretField);
  });

  it('tests Twilio with GET /2010-04-01/Accounts/{sid}.json on a configurable base URL', () => {
    const t = new TwilioApi();
    expect(t.test.request).toMatchObject({ method: 'GET', url: '=/2010-04-01/Accounts/{{$credentials.accountSid}}.json' });
    expect(t.test.request.baseURL).toContain('$credentials.baseUrl');
    expect(t.properties.find((p) => p.name === 'baseUrl')?.default).toBe('https://api.twilio.com');
    expect(t.authenticate.properties.auth).toBeDefined();
  });

  it('tests Aircall with GET /v1/ping and basic auth', () => {
    const a = new AircallApi();
    expect(a.test.request).toMatchObject({ method: 'GET', url: '/v1/ping' });
    expect(a.authenticate.properties.auth).toEqual({ username: '={{$credentials.apiId}}', password: '={{$credentials.apiToken}}' });
  });

  it('keeps RingCentral\'s JWT and client secret hidden, on a configurable server (production by default)', () => {
    const c = new RingCentralApi();
    for (const name of ['clientSecret', 'jwt']) expect(c.properties.find((p) => p.name === name)?.typeOptions?.password, name).toBe(true);
    expect(c.properties.find((p) => p.name === 'serverUrl')?.default).toBe('https://platform.ringcentral.com');
  });

  it('tests Vonage by asking for the account balance with the key and secret as query parameters', () => {
    const v = new VonageApi();
    expect(v.test.request).toMatchObject({ method: 'GET', url: '/account/get-balance', qs: { api_key: '={{$credentials.apiKey}}', api_secret: '={{$credentials.apiSecret}}' } });
    expect(v.properties.find((p) => p.name === 'baseUrl')?.default).toBe('https://rest.nexmo.com');
  });

  it('lets the Postgres ledger turn prepared statements off (PgBouncer in transaction mode before 1.21), on by default', () => {
    const field = new MissedCallPostgresLedgerApi().properties.find((p) => p.name === 'preparedStatements');
    expect(field).toMatchObject({ displayName: 'Prepared Statements', type: 'boolean', default: true });
    expect(field?.description).toMatch(/PgBouncer.*transaction.*1\.21/);
  });
});
