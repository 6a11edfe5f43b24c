/**
 * The n8n REST surface the e2e tests use: login + API key (internal /rest), then the public API
 * (/api/v1) for credentials, workflows (create, publish, unpublish, delete) and executions.
 */
import { OWNER } from './n8nProcess';

export interface Execution {
  id: string;
  workflowId: string;
  status: string;
  mode: string;
  startedAt: string;
  stoppedAt: string | null;
  data?: { resultData?: { runData?: Record<string, { data?: { main?: ({ json: Record<string, unknown> }[] | null)[] }; error?: { message: string } }[]>; error?: { message: string } } };
}

export class N8nApi {
  private apiKey = '';

  constructor(
    readonly baseUrl: string,
    private readonly logTail: () => string,
  ) {}

  /** Logs in as the env-managed owner and creates an API key with every allowed scope. */
  async init(): Promise<void> {
    const login = await fetch(`${this.baseUrl}/rest/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
    });
    if (!login.ok) throw this.error('POST /rest/login', login.status, await login.text());
    const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
    const headers = { cookie, 'content-type': 'application/json' };
    const scopesRes = await fetch(`${this.baseUrl}/rest/api-keys/scopes`, { headers });
    if (!scopesRes.ok) throw this.error('GET /rest/api-keys/scopes', scopesRes.status, await scopesRes.text());
    const scopes = ((await scopesRes.json()) as { data: string[] }).data;
    const keyRes = await fetch(`${this.baseUrl}/rest/api-keys`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ label: `e2e-${Date.now()}`, scopes, expiresAt: null }),
    });
    if (!keyRes.ok) throw this.error('POST /rest/api-keys', keyRes.status, await keyRes.text());
    this.apiKey = ((await keyRes.json()) as { data: { rawApiKey: string } }).data.rawApiKey;
  }

  private error(what: string, status: number, body: string): Error {
    return new Error(`n8n ${what} answered ${status}: ${body.slice(0, 800)}\n--- n8n log tail ---\n${this.logTail()}`);
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}/api/v1${path}`, {
        method,
        headers: { 'X-N8N-API-KEY': this.apiKey, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(30_000),
      });
    } catch (e) {
      throw new Error(`n8n ${method} /api/v1${path} failed: ${(e as Error).message} (is n8n still running?)\n--- n8n log tail ---\n${this.logTail()}`);
    }
    const text = await res.text();
    if (!res.ok) throw this.error(`${method} /api/v1${path}`, res.status, text);
    return (text ? JSON.parse(text) : null) as T;
  }

  async createCredential(name: string, type: string, data: Record<string, unknown>): Promise<string> {
    return (await this.call<{ id: string }>('POST', '/credentials', { name, type, data })).id;
  }

  async createWorkflow(wf: { name: string; nodes: unknown[]; connections: unknown; settings?: unknown }): Promise<string> {
    return (await this.call<{ id: string }>('POST', '/workflows', { settings: { executionOrder: 'v1' }, ...wf })).id;
  }

  async publish(id: string): Promise<void> {
    await this.call('POST', `/workflows/${id}/publish`, {});
  }

  async unpublish(id: string): Promise<void> {
    await this.call('POST', `/workflows/${id}/unpublish`);
  }

  async deleteWorkflow(id: string): Promise<void> {
    await this.call('DELETE', `/workflows/${id}`);
  }

  /** Executions of a workflow, newest first, with their data. */
  async executions(workflowId: string): Promise<Execution[]> {
    const r = await this.call<{ data: Execution[] }>('GET', `/executions?includeData=true&limit=100&workflowId=${encodeURIComponent(workflowId)}`);
    return r.data;
  }

  /** Polls until `count` executions of the workflow are finished (not new/running/waiting). */
  async waitForExecutions(workflowId: string, count: number, timeoutMs = 20_000): Promise<Execution[]> {
    const deadline = Date.now() + timeoutMs;
    let last: Execution[] = [];
    while (Date.now() < deadline) {
      const now = await this.executions(workflowId);
      const done = now.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
      // settled: enough finished, none running, and the same list as 200 ms ago (late duplicates show up)
      const same = now.length === last.length && now.every((e, i) => e.id === last[i]?.id && e.status === last[i]?.status);
      last = now;
      if (done.length >= count && done.length === now.length && same) return done;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(
      `workflow ${workflowId}: expected ${count} finished execution(s) within ${timeoutMs} ms, have ${last.map((e) => e.status).join(', ') || 'none'}\n--- n8n log tail ---\n${this.logTail()}`,
    );
  }
}

/** Items a node put on each output in an execution (first run of the node). */
export function nodeOutputs(e: Execution, node: string): Record<string, unknown>[][] {
  const run = e.data?.resultData?.runData?.[node]?.[0];
  return (run?.data?.main ?? []).map((items) => (items ?? []).map((i) => i.json));
}

/** The error of an execution or of one of its nodes, as text ('' when none). */
export function executionError(e: Execution): string {
  const rd = e.data?.resultData;
  const nodeErrors = Object.entries(rd?.runData ?? {}).flatMap(([n, runs]) => runs.filter((r) => r.error).map((r) => `${n}: ${r.error!.message}`));
  return [rd?.error?.message, ...nodeErrors].filter(Boolean).join('; ');
}

/** One line per node: items per output, and the gate / send verdicts (for assertion messages). */
export function describeExecution(e: Execution): string {
  return Object.entries(e.data?.resultData?.runData ?? {})
    .map(([name, runs]) => {
      const outs = (runs[0]?.data?.main ?? []).map((items) => items ?? []);
      const detail = outs
        .flat()
        .map((i) => {
          const j = i.json as { gate?: { verdict?: string; notBefore?: string; reasons?: { code: string }[] }; send?: { outcome?: string; reason?: string; message?: string } };
          if (j.send) return `send=${j.send.outcome}/${j.send.reason ?? ''}${j.send.message ? `(${j.send.message})` : ''}`;
          if (j.gate) return `gate=${j.gate.verdict}${j.gate.notBefore ? `@${j.gate.notBefore}` : ''}[${(j.gate.reasons ?? []).map((r) => r.code).join(',')}]`;
          return '';
        })
        .filter(Boolean)
        .join(' ');
      return `${name}: [${outs.map((o) => o.length).join(',')}] ${detail}${runs[0]?.error ? ` ERROR ${runs[0].error.message}` : ''}`;
    })
    .join('\n');
}
