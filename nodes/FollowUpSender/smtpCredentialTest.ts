import type { ICredentialsDecrypted, ICredentialTestFunctions, IDataObject, INodeCredentialTestResult } from 'n8n-workflow';
import { withoutSecret } from '../shared/withoutSecret';
import { smtpConfigFrom, verifySmtp } from '../transport/smtp';

/**
 * The SMTP credential's Test button: connects, upgrades to TLS where offered, logs in and quits,
 * sending nothing. The message names the server and its reply, never the password.
 */
export async function smtpCredentialTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
  const config = smtpConfigFrom((credential.data ?? {}) as IDataObject);
  if (!config.host) return { status: 'Error', message: 'The credential has no host.' };
  try {
    await verifySmtp(config);
    return { status: 'OK', message: `Connected to ${config.host}:${config.port}${config.user ? ` and logged in as ${config.user}` : ''}.` };
  } catch (e) {
    return { status: 'Error', message: `${config.host}:${config.port}: ${withoutSecret((e as Error).message, config.password)}` };
  }
}
