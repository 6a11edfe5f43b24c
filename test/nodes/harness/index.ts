/**
 * In-process n8n harness: loads the BUILT package (dist/, run `node scripts/build.mjs` first) with
 * n8n-core's PackageDirectoryLoader and runs real workflows through WorkflowExecute.
 * Follows /work/shared/reference/n8n-core-inprocess.md (startNode explicit; n8n-workflow aliased to
 * its CJS build in vitest.config.mts so n8n-core and the nodes share one copy).
 *
 * @example
 * const h = await loadHarness();
 * const r = await h.runWorkflow({ nodes: [{ name: 'Gate', type: 'consentGate', parameters: {} }],
 *   connections: [], startNode: 'Gate', triggerItems: [{ caller: { phone: '+13055550123' } }] });
 * r.outputs('Gate')[0] // items on the Send output
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IConnections, IDataObject, INode, INodeTypes, IRun } from 'n8n-workflow';
import { TestCredentialsHelper, type TestCredentials } from './credentialsHelper';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '../../..');
export const PACKAGE_NAME = 'n8n-nodes-missed-call';

// before n8n-core creates InstanceSettings (it writes .n8n/config there)
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-harness-'));
process.env.N8N_LOG_LEVEL ??= 'silent';

/** A node as tests write it: `type` may be short (`consentGate`) or full; id/version/position are filled. */
export type TestNode = Partial<INode> & { name: string; type: string };
/** `[from, to]` or `[from, to, outputIndex]`: main connections. */
export type Edge = [from: string, to: string, output?: number];

export interface RunOptions {
  nodes: TestNode[];
  connections: IConnections | Edge[];
  startNode: string;
  /** items fed to the start node as if it had emitted them; omit to execute the start node itself (e.g. a poll) */
  triggerItems?: IDataObject[];
  /** credential type → plain data */
  credentials?: TestCredentials;
  /**
   * credential type → the id the nodes see. Default: one derived from the data, so different data is
   * a different credential to the nodes' credential caches; give a fixed id to model an edited credential.
   */
  credentialIds?: Record<string, string>;
  mode?: 'manual' | 'trigger';
  /** workflow time zone (Current Time parameters without offset are read in it) */
  timezone?: string;
}

export interface RunResult {
  run: IRun;
  /** every output of the node (first run), as json arrays: `outputs('Gate')[1]` = Defer items */
  outputs(node: string): IDataObject[][];
  /** the run's error (a plain object), if any */
  error: { name?: string; message: string; description?: string } | undefined;
  /** names of the nodes that ran, in order */
  order: string[];
}

function walk(dir: string, ext: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, ext, out);
    else if (name.endsWith(ext)) out.push(p);
  }
  return out;
}

/**
 * A package dir in the temp folder: package.json naming our package and listing the built files,
 * a copy of dist (so a concurrent rebuild cannot pull files away mid-test) and node_modules → the
 * repo's (one n8n-workflow). Keyed by a hash of dist, so runs of the same build share one dir.
 */
export function makePackageDir(): string {
  const dist = join(REPO, 'dist');
  if (!existsSync(join(dist, 'nodes'))) throw new Error('dist/nodes is missing: run `bash scripts/run.sh node scripts/build.mjs` first');
  const hash = createHash('sha256');
  for (const f of walk(dist, '').sort()) {
    const st = statSync(f);
    hash.update(`${relative(dist, f)}:${st.size}:${st.mtimeMs}\n`);
  }
  const dir = join(tmpdir(), `n8n-package-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(join(dir, 'package.json'))) return dir;
  const staging = mkdtempSync(join(tmpdir(), 'n8n-package-staging-'));
  cpSync(dist, join(staging, 'dist'), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(staging, 'node_modules'), 'dir');
  const list = (ext: string) => walk(join(staging, 'dist'), ext).map((f) => relative(staging, f)).sort();
  const pkg = {
    name: PACKAGE_NAME,
    version: '0.0.0-test',
    n8n: { n8nNodesApiVersion: 1, strict: true, nodes: list('.node.js'), credentials: list('.credentials.js') },
  };
  writeFileSync(join(staging, 'package.json'), JSON.stringify(pkg, null, 2));
  try {
    renameSync(staging, dir);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another test file made the same dir first
  }
  return dir;
}

/** A fresh embedded-ledger folder for our nodes (they read N8N_USER_FOLDER at call time). */
export function useFreshUserFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'n8n-user-'));
  mkdirSync(join(dir, '.n8n'), { recursive: true });
  process.env.N8N_USER_FOLDER = dir;
  return dir;
}

/** Path of the embedded ledger our nodes open in the current N8N_USER_FOLDER. */
export function embeddedLedgerFile(): string {
  return join(process.env.N8N_USER_FOLDER!, '.n8n', 'missed-call-ledger.sqlite');
}

export async function loadHarness() {
  const core = await import('n8n-core');
  const wf = await import('n8n-workflow');
  const loader = new core.PackageDirectoryLoader(makePackageDir());
  await loader.loadAll();
  const full = (t: string) => (t.includes('.') ? t : `${PACKAGE_NAME}.${t}`);

  const nodeTypes: INodeTypes = {
    getByName: (type) => loader.getNode(type.replace(`${PACKAGE_NAME}.`, '')).type,
    getByNameAndVersion: (type, version) =>
      wf.NodeHelpers.getVersionedNodeType(loader.getNode(type.replace(`${PACKAGE_NAME}.`, '')).type, version),
    getKnownTypes: () => loader.known.nodes,
  };

  async function runWorkflow(o: RunOptions): Promise<RunResult> {
    const nodes: INode[] = o.nodes.map((n, i) => {
      const type = full(n.type);
      const desc = nodeTypes.getByNameAndVersion(type, n.typeVersion ?? 1).description;
      const creds = Object.fromEntries(
        (desc.credentials ?? [])
          .filter((c) => o.credentials?.[c.name])
          .map((c) => {
            const id = o.credentialIds?.[c.name] ?? `${c.name}-${createHash('sha256').update(JSON.stringify(o.credentials![c.name])).digest('hex').slice(0, 12)}`;
            return [c.name, { id, name: c.name }];
          }),
      );
      return { id: `node-${i}`, typeVersion: 1, position: [i * 200, 0], parameters: {}, credentials: creds, ...n, type } as INode;
    });
    const connections: IConnections = Array.isArray(o.connections) ? edgesToConnections(o.connections) : o.connections;
    const workflow = new wf.Workflow({
      id: 'test-workflow',
      name: 'test',
      nodes,
      connections,
      active: false,
      nodeTypes,
      settings: o.timezone ? { timezone: o.timezone } : {},
    });
    const mode = o.mode ?? 'manual';
    const order: string[] = [];
    const hooks = new core.ExecutionLifecycleHooks(mode, 'test-execution', {
      id: 'test-workflow',
      name: 'test',
      nodes,
      connections,
      active: false,
      activeVersionId: null,
      isArchived: false,
      createdAt: new Date(),
      updatedAt: new Date(),
    } as never);
    hooks.addHandler('nodeExecuteBefore', (name: string) => void order.push(name));
    const additionalData = {
      hooks,
      credentialsHelper: new TestCredentialsHelper(o.credentials ?? {}, loader),
      webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
      formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
      webhookBaseUrl: 'http://localhost:5678/webhook',
      webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
      restApiUrl: 'http://localhost:5678/rest',
      instanceBaseUrl: 'http://localhost:5678',
      currentNodeExecutionIndex: 0,
      variables: {},
    } as never;
    const startNode = workflow.getNode(o.startNode);
    if (!startNode) throw new Error(`no node named ${o.startNode}`);
    const run = await new core.WorkflowExecute(additionalData, mode).run({
      workflow,
      startNode,
      ...(o.triggerItems
        ? { triggerToStartFrom: { name: o.startNode, data: { data: { main: [o.triggerItems.map((json) => ({ json }))] } } as never } }
        : {}),
    });
    const runData = run.data.resultData.runData;
    return {
      run,
      order,
      error: run.data.resultData.error as RunResult['error'],
      outputs: (name) => (runData[name]?.[0]?.data?.main ?? []).map((out) => (out ?? []).map((item) => item.json)),
    };
  }

  return { loader, nodeTypes, runWorkflow };
}

export function edgesToConnections(edges: Edge[]): IConnections {
  const c: IConnections = {};
  for (const [from, to, output = 0] of edges) {
    const main = ((c[from] ??= { main: [] }).main ??= []);
    while (main.length <= output) main.push([]);
    (main[output] ??= []).push({ node: to, type: 'main', index: 0 });
  }
  return c;
}

export type Harness = Awaited<ReturnType<typeof loadHarness>>;
