/**
 * An invalid phone value is quoted (masked) in node errors, which n8n logs and shows. A CRM field or
 * a typed list often holds two numbers in one value: masking only the last four digits of the whole
 * text left the first number readable in full. Each node's error must show neither number.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCachedLedgers } from '../../nodes/shared/ledgerFor';
import { fourTouch } from '../../shared/templates';
import { callWebhook } from '../fuzz/webhookContext';
import { loadHarness, type Harness } from '../nodes/harness';
import type { TestCredentials } from '../nodes/harness/credentialsHelper';

const TWO_NUMBERS = '+13057318264, +15128342719';
const NATIONAL = ['3057318264', '5128342719'];

let h: Harness;
let folder: string;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'invalid-number-'));
  process.env.N8N_USER_FOLDER = folder;
  h = await loadHarness();
});
afterAll(async () => {
  await closeCachedLedgers();
  rmSync(folder, { recursive: true, force: true });
});

function expectMasked(text: string): void {
  expect(text).toContain('+1305731****');
  for (const n of NATIONAL) expect(text, `${n} readable`).not.toContain(n);
}

async function errorOf(type: string, parameters: Record<string, string>, credentials: TestCredentials = {}): Promise<string> {
  const r = await h.runWorkflow({ nodes: [{ name: 'N', type, parameters }], connections: [], startNode: 'N', triggerItems: [{}], credentials });
  expect(r.error).toBeDefined();
  // what n8n logs and shows (the node's parameters, serialized with it, hold the expression in a real workflow)
  const { message, description, messages, cause } = r.run.data.resultData.error as unknown as Record<string, unknown>;
  return JSON.stringify({ message, description, messages, cause });
}

describe('node errors quoting a value that holds two numbers', () => {
  it('CRM Flag', async () => {
    expectMasked(await errorOf('crmFlag', { phone: TWO_NUMBERS }, { missedCallHubSpotApi: { accessToken: 'pat', baseUrl: 'http://127.0.0.1:1' } }));
  });

  it('Missed Call Ledger (contact: get)', async () => {
    expectMasked(await errorOf('missedCallLedger', { resource: 'contact', operation: 'get', phone: TWO_NUMBERS }));
  });

  it('Sequence Exit (check)', async () => {
    expectMasked(await errorOf('sequenceExit', { mode: 'check', phone: TWO_NUMBERS }));
  });

  it('Missed Call Trigger (an Ignore Numbers entry of two numbers, one of them invalid)', async () => {
    const params = { provider: 'twilio', templateSource: 'json', templateJson: JSON.stringify(fourTouch), filters: { ignoreNumbers: '+13057318264 +1512834271' } };
    const creds = { missedCallTwilioApi: { authType: 'authToken', accountSid: 'AC123', authToken: 'tw-token' } };
    const e = (await callWebhook(params, creds, { rawBody: Buffer.from(''), headers: {} }).catch((x: unknown) => x)) as Error;
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toContain('+1305731****');
    expect(e.message).not.toContain(NATIONAL[0]);
  });
});
