import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ICredentialsDecrypted, ICredentialTestFunctions } from 'n8n-workflow';
import { FollowUpSender } from '../../../nodes/FollowUpSender/FollowUpSender.node';
import { smtpCredentialTest } from '../../../nodes/FollowUpSender/smtpCredentialTest';
import { startSmtp } from '../transport/smtpServer';

let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  smtp = await startSmtp('mailer', 'secret-pass-123');
});
afterAll(async () => {
  await smtp.close();
});

const test = (data: Record<string, unknown>) =>
  smtpCredentialTest.call({} as ICredentialTestFunctions, { id: '1', name: 'SMTP', type: 'missedCallSmtp', data } as ICredentialsDecrypted);
const cred = (more: Record<string, unknown> = {}) => ({ host: '127.0.0.1', port: smtp.port, secure: false, user: 'mailer', password: 'secret-pass-123', from: 'hello@brightside.example.com', ...more });

describe('Follow-up Sender: the SMTP credential test (a real SMTP server)', () => {
  it('is what n8n calls for the missedCallSmtp credential', () => {
    const node = new FollowUpSender();
    expect(node.description.credentials!.find((c) => c.name === 'missedCallSmtp')!.testedBy).toBe('smtpCredentialTest');
    expect(node.methods.credentialTest.smtpCredentialTest).toBe(smtpCredentialTest);
  });

  it('connects and logs in, sending nothing', async () => {
    expect(await test(cred())).toEqual({ status: 'OK', message: `Connected to 127.0.0.1:${smtp.port} and logged in as mailer.` });
    expect(smtp.received).toHaveLength(0);
  });

  it('names a refused login without the password', async () => {
    const r = await test(cred({ password: 'wrong-pass-456' }));
    expect(r.status).toBe('Error');
    expect(r.message).toMatch(/535|Invalid/);
    expect(r.message).not.toContain('wrong-pass-456');
  });

  it('names a server that does not answer', async () => {
    const closed = await startSmtp();
    const port = closed.port;
    await closed.close();
    const r = await test(cred({ port }));
    expect(r).toMatchObject({ status: 'Error' });
    expect(r.message).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`));
  });

  it('refuses a credential without a host', async () => {
    expect(await test(cred({ host: '' }))).toEqual({ status: 'Error', message: 'The credential has no host.' });
  });
});
