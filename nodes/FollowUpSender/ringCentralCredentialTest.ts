import type { ICredentialsDecrypted, ICredentialTestFunctions, IDataObject, IHttpRequestOptions, INodeCredentialTestResult } from 'n8n-workflow';
import { ringCentralAuthFrom, ringCentralToken } from '../transport/ringcentral';

/**
 * The RingCentral credential's Test button: exchanges the JWT for an access token (fresh, never a
 * cached one), which proves the app's keys and the user's JWT and sends nothing. The message names
 * the server and RingCentral's answer, never a secret.
 */
export async function ringCentralCredentialTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
  const auth = ringCentralAuthFrom((credential.data ?? {}) as IDataObject);
  // the test context has only n8n's request helper: the same request through it, full answer, no throw
  const httpRequest = async (o: IHttpRequestOptions) => {
    // eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions -- ICredentialTestFunctions offers no httpRequest
    const r = (await this.helpers.request({ method: o.method, uri: o.url, headers: o.headers, body: o.body, timeout: o.timeout, resolveWithFullResponse: true, simple: false })) as { statusCode?: number; headers?: unknown; body?: unknown };
    return { statusCode: r.statusCode, headers: r.headers, body: r.body };
  };
  const t = await ringCentralToken({ httpRequest } as never, auth, { now: Date.now(), fresh: true });
  if (!t.ok) return { status: 'Error', message: `${auth.serverUrl}: ${t.message}` };
  return { status: 'OK', message: `${auth.serverUrl} issued an access token for the JWT's user.` };
}
