/**
 * A minimal stand-in for n8n's `helpers.httpRequest` (fetch-based) for transport unit tests:
 * basic auth, a query (`qs`), string/URLSearchParams bodies, returnFullResponse and ignoreHttpStatusErrors.
 * Workflow tests use the real helper through the harness.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

export async function fetchHttpRequest(o: IHttpRequestOptions): Promise<unknown> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(o.headers ?? {})) headers[k] = String(v);
  if (o.auth) headers.Authorization = `Basic ${Buffer.from(`${o.auth.username}:${o.auth.password}`).toString('base64')}`;
  const url = new URL(o.url);
  for (const [k, v] of Object.entries(o.qs ?? {})) if (v !== undefined && v !== null) url.searchParams.append(k, String(v));
  const res = await fetch(url, { method: o.method ?? 'GET', headers, body: o.body as string | undefined });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* plain text */
  }
  if (!res.ok && !o.ignoreHttpStatusErrors) throw Object.assign(new Error(`HTTP ${res.status}`), { statusCode: res.status });
  return o.returnFullResponse ? { statusCode: res.status, headers: headersOf(res), body } : body;
}

function headersOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  res.headers.forEach((v, k) => (out[k] = v));
  return out;
}
