import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as workflowModule from 'n8n-workflow';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHarness, PACKAGE_NAME, edgesToConnections, type Harness } from '.';
import { TestCredentialsHelper } from './credentialsHelper';

let h: Harness;
beforeAll(async () => {
  h = await loadHarness();
});

describe('the in-process n8n harness', () => {
  it('loads the built Consent Gate and Sequence Scheduler under the package name', () => {
    const names = Object.keys(h.loader.known.nodes);
    expect(names).toEqual(expect.arrayContaining(['consentGate', 'sequenceScheduler']));
    expect(h.nodeTypes.getByNameAndVersion(`${PACKAGE_NAME}.consentGate`, 1).description.outputNames).toEqual(['Send', 'Defer', 'Block', 'Manual']);
    expect(h.nodeTypes.getByNameAndVersion(`${PACKAGE_NAME}.sequenceScheduler`, 1).description.polling).toBe(true);
  });

  it('shares one copy of n8n-workflow between the tests, n8n-core and the built nodes', () => {
    const req = createRequire(import.meta.url);
    const fromCore = createRequire(req.resolve('n8n-core'))('n8n-workflow') as typeof workflowModule;
    expect(fromCore.NodeOperationError).toBe(workflowModule.NodeOperationError);
    const fromNodes = createRequire(join(h.loader.directory, 'dist/nodes/ConsentGate/ConsentGate.node.js'))('n8n-workflow') as typeof workflowModule;
    expect(fromNodes.NodeOperationError).toBe(workflowModule.NodeOperationError);
    expect(new fromCore.NodeOperationError({ name: 'n' } as never, 'x')).toBeInstanceOf(workflowModule.NodeOperationError);
  });

  it('turns edges into main connections, one list per output', () => {
    expect(edgesToConnections([['A', 'B'], ['A', 'C', 2]])).toEqual({
      A: { main: [[{ node: 'B', type: 'main', index: 0 }], [], [{ node: 'C', type: 'main', index: 0 }]] },
    });
  });

  it('reports a node error as a plain object with name and message (n8n forbids reading a field named "caller")', async () => {
    const r = await h.runWorkflow({
      nodes: [{ name: 'Gate', type: 'consentGate', parameters: { phone: '={{ $json.caller.phone }}', channel: 'sms' } }],
      connections: [],
      startNode: 'Gate',
      triggerItems: [{ caller: { phone: '+15125550188' } }],
    });
    expect(r.error?.message).toBe('Cannot access "caller" due to security concerns');
    expect(r.error instanceof Error).toBe(false);
  });

  it('serves plain test credentials and resolves generic authentication against $credentials', async () => {
    const loader = {
      credentialTypes: {
        tokenApi: {
          type: {
            properties: [],
            authenticate: { type: 'generic', properties: { headers: { Authorization: '=Bearer {{$credentials.token}}' } } },
          },
        },
      },
    };
    const helper = new TestCredentialsHelper({ tokenApi: { token: 'abc' } }, loader);
    expect(await helper.getDecrypted({}, { id: 'x', name: 'x' }, 'tokenApi')).toEqual({ token: 'abc' });
    await expect(helper.getDecrypted({}, { id: 'x', name: 'x' }, 'otherApi')).rejects.toThrow(/no test credentials/);
    const node = { id: '1', name: 'N', type: `${PACKAGE_NAME}.consentGate`, typeVersion: 1, position: [0, 0], parameters: {} } as never;
    const workflow = new workflowModule.Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: h.nodeTypes });
    const opts = await helper.authenticate({ token: 'abc' }, 'tokenApi', { url: 'http://x', headers: {} }, workflow, node);
    expect(opts.headers).toEqual({ Authorization: 'Bearer abc' });
  });
});
