import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../nodes/ledger';
import { verifyWebhookSignature } from '../../../nodes/transport/crm';
import { startHubSpotEmulator, type HubSpotEmulator } from '../../emulators/hubspotEmulator';
import { startPipedriveEmulator, type PipedriveEmulator } from '../../emulators/pipedriveEmulator';
import { embeddedLedgerFile, loadHarness, useFreshUserFolder, type Harness } from '../harness';
import { enrollCaller } from '../harness/fixtures';
import { fourTouch } from '../../../shared/templates';

// Thursday 2027-01-14 12:00 in Chicago (CST) = 18:00 UTC
const NOON = Date.UTC(2027, 0, 14, 18, 0);
const MIN = 60_000;
const DONE = 0;
const RETRY = 1;
const STATUS_KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

let h: Harness;
let ledger: Ledger;
let hs: HubSpotEmulator;
let pd: PipedriveEmulator;
let n = 0;
const phone = () => `+1305555${String(2000 + ++n).padStart(4, '0')}`;
const national = (e164: string) => `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;

beforeAll(async () => {
  useFreshUserFolder();
  h = await loadHarness();
  ledger = await openLedger({ kind: 'embedded', path: embeddedLedgerFile() });
  hs = await startHubSpotEmulator({ owners: ['501', '502', '599'], leadStatusOptions: ['REENGAGED_NEEDS_CALLBACK'] });
  pd = await startPipedriveEmulator({ users: [7, 8], customFields: { [STATUS_KEY]: null } });
});
afterAll(async () => {
  await ledger.close();
  await hs.close();
  await pd.close();
});
beforeEach(() => {
  hs.reset();
  pd.reset();
});

const owners = { mappings: [{ department: 'service', ownerId: '501', queueId: '' }, { department: 'billing', ownerId: '502', queueId: '' }] };

function crm(items: object[], now: number, parameters: Record<string, unknown> = {}) {
  return h.runWorkflow({
    nodes: [
      {
        name: 'CRM',
        type: 'crmFlag',
        parameters: { currentTime: new Date(now).toISOString(), departmentOwners: owners, options: { retryBaseDelayMs: 1, maxAttempts: 3 }, ...parameters },
      },
    ],
    connections: [],
    startNode: 'CRM',
    triggerItems: items as never,
    credentials: {
      missedCallHubSpotApi: { accessToken: hs.token, baseUrl: hs.url },
      missedCallPipedriveApi: { apiToken: pd.token, baseUrl: pd.url },
      missedCallWebhookSecret: { secret: 'whsec-test-123' },
    },
  });
}

/** A caller enrolled at NOON-30min whose first SMS was sent, who then replied. */
async function reengaged(template?: Parameters<typeof enrollCaller>[1]['template']) {
  const p = phone();
  const at = NOON - 30 * MIN;
  const e = await enrollCaller(ledger, { phone: p, at, dueAt: at + MIN, template });
  expect(await ledger.beginSend(e.touch.id, 'k', at + MIN)).toBe('go');
  await ledger.completeTouch(e.touch.id, { status: 'sent', provider: 'twilio', providerMessageId: 'SM1', detail: { variant: 'question' }, now: at + MIN });
  await ledger.recordReply(p, { text: 'Yes please call me, the sink is leaking', class: 'reply', channel: 'sms', now: NOON - MIN });
  return { ...e, phone: p, item: { contact: { phone: p, name: 'Dana Lee' }, reply: { text: 'Yes please call me, the sink is leaking' } } };
}

type Crm = Record<string, unknown> & { outcome: string; reason: string | null };
const crmOf = (r: Awaited<ReturnType<typeof crm>>, out: number, i = 0) => r.outputs('CRM')[out]![i]!.crm as Crm;

describe('CRM Flag (HubSpot) in a real n8n workflow', () => {
  it('finds the contact by its national-format phone, sets the status and owner, creates the callback task and a note per touch', async () => {
    const e = await reengaged();
    const seeded = hs.seedContact({ phone: national(e.phone), firstname: 'Dana' });
    const r = await crm([e.item], NOON);
    expect(r.error).toBeUndefined();
    expect(hs.violations).toEqual([]);
    expect(crmOf(r, DONE)).toMatchObject({ outcome: 'done', matched: true, created: false, contactId: seeded.id });
    expect(hs.contacts).toHaveLength(1);
    expect(hs.contacts[0]!.properties).toMatchObject({ hs_lead_status: 'REENGAGED_NEEDS_CALLBACK', hubspot_owner_id: '501' });
    expect(hs.tasks).toHaveLength(1);
    const t = hs.tasks[0]!;
    expect(t.properties).toMatchObject({
      hs_timestamp: new Date(NOON + 15 * MIN).toISOString(),
      hs_task_status: 'NOT_STARTED',
      hs_task_priority: 'HIGH',
      hs_task_type: 'CALL',
      hubspot_owner_id: '501',
    });
    expect(t.associations).toEqual([{ toId: seeded.id, typeId: 204 }]);
    // call time in the business zone (Chicago), class, reason, reply and touches
    expect(t.properties.hs_task_body).toContain('Thu, Jan 14, 11:29 AM (America/Chicago)');
    expect(t.properties.hs_task_body).toContain('Call class: missed (no_answer)');
    expect(t.properties.hs_task_body).toContain('sink is leaking');
    expect(t.properties.hs_task_body).toContain('Automated touches so far: 1');
    expect(hs.notes).toHaveLength(1);
    expect(hs.notes[0]!.properties.hs_note_body).toMatch(/Automated SMS sent Thu, Jan 14, 11:31 AM \(step sms-first, variant question, via twilio\)/);
    expect(hs.notes[0]!.associations).toEqual([{ toId: seeded.id, typeId: 202 }]);
    expect(hs.requests.every((q) => q.headers.authorization === `Bearer ${hs.token}`)).toBe(true);
    const audit = await ledger.auditTrail({ phone: e.phone });
    expect(audit.find((a) => a.kind === 'crm_match')?.data).toMatchObject({ matched: true, provider: 'hubspot' });
  });

  it('tells the agent which language the texts went out in when it is not the template’s', async () => {
    const spanish = { ...fourTouch, id: 'four-touch-es-crm', business: { ...fourTouch.business, departments: fourTouch.business.departments.map((d) => (d.name === 'Service' ? { ...d, language: 'es' as const } : d)) } } as typeof fourTouch;
    const es = await reengaged(spanish);
    await crm([es.item], NOON);
    expect(hs.tasks.at(-1)!.properties.hs_task_body).toContain("Caller's language: Spanish");
    const en = await reengaged();
    await crm([en.item], NOON);
    expect(hs.tasks.at(-1)!.properties.hs_task_body).not.toContain("Caller's language");
  });

  it('names the contact’s preferred language before the department’s', async () => {
    const spanish = { ...fourTouch, id: 'four-touch-es-crm-pref', business: { ...fourTouch.business, departments: fourTouch.business.departments.map((d) => (d.name === 'Service' ? { ...d, language: 'es' as const } : d)) } } as typeof fourTouch;
    const es = await reengaged();
    await ledger.setContactLanguage(es.phone, 'es', 'crm', NOON - 2 * MIN);
    await crm([es.item], NOON);
    expect(hs.tasks.at(-1)!.properties.hs_task_body).toContain("Caller's language: Spanish");
    // an English preference on the Spanish department's line: the template's language, so no line
    const en = await reengaged(spanish);
    await ledger.setContactLanguage(en.phone, 'en', 'agent', NOON - 2 * MIN);
    await crm([en.item], NOON);
    expect(hs.tasks.at(-1)!.properties.hs_task_body).not.toContain("Caller's language");
  });

  it('creates the contact when none matches and records the miss for the match rate', async () => {
    const e = await reengaged();
    hs.seedContact({ phone: '+13125550000' });
    const r = await crm([e.item], NOON, { defaultPriority: 'normal', priorities: { rules: [{ match: 'voicemail', priority: 'urgent' }] } });
    expect(crmOf(r, DONE)).toMatchObject({ outcome: 'done', matched: false, created: true });
    const created = hs.contacts.find((c) => c.properties.phone === e.phone)!;
    expect(created.properties).toMatchObject({ firstname: 'Dana', lastname: 'Lee', hs_lead_status: 'REENGAGED_NEEDS_CALLBACK', hubspot_owner_id: '501' });
    expect(hs.requests.filter((q) => q.method === 'PATCH')).toHaveLength(0);
    // the template's Service department is high priority (no rule matched "missed")
    expect(hs.tasks[0]!.properties.hs_task_priority).toBe('HIGH');
    expect((await ledger.auditTrail({ phone: e.phone })).find((a) => a.kind === 'crm_match')?.data).toMatchObject({ matched: false });
  });

  it('keeps an owner the contact already has unless told to replace it', async () => {
    const e = await reengaged();
    hs.seedContact({ mobilephone: e.phone, hubspot_owner_id: '599' });
    await crm([e.item], NOON);
    expect(hs.contacts[0]!.properties.hubspot_owner_id).toBe('599');
    expect(hs.tasks[0]!.properties.hubspot_owner_id).toBe('599');
  });

  it('flags a reply only once', async () => {
    const e = await reengaged();
    await crm([e.item], NOON);
    const again = await crm([e.item], NOON + MIN);
    expect(crmOf(again, DONE)).toMatchObject({ outcome: 'skipped', reason: 'ALREADY_DONE' });
    expect(hs.tasks).toHaveLength(1);
  });

  it('retries a CRM answering 503, then succeeds within the same run', async () => {
    const e = await reengaged();
    hs.downFor(2);
    const r = await crm([e.item], NOON);
    expect(crmOf(r, DONE)).toMatchObject({ outcome: 'done' });
    expect(hs.requests.slice(0, 3).map((q) => q.status)).toEqual([503, 503, 200]);
    expect(hs.tasks).toHaveLength(1);
  });

  it('sends the item to Error / Retry with the update recorded as pending when the CRM stays down, and Retry Pending re-sends it after recovery without duplicates', async () => {
    const e = await reengaged();
    hs.seedContact({ phone: e.phone });
    // search + update go through, then the CRM goes down before the task
    hs.downAfter(2);
    const r0 = await crm([e.item], NOON);
    const pending = crmOf(r0, RETRY);
    expect(pending).toMatchObject({ outcome: 'pending', reason: 'CRM_UNAVAILABLE', retryable: true });
    expect(String(pending.message)).toMatch(/unavailable after \d+ request/);
    const audit = await ledger.auditTrail({ phone: e.phone });
    const rec = audit.find((a) => a.kind === 'crm_pending');
    expect(rec?.data).toMatchObject({ provider: 'hubspot', operation: 'flagReengaged', code: 'CRM_UNAVAILABLE' });
    expect((rec?.data as { progress: { contactId?: string } }).progress.contactId).toBe(hs.contacts[0]!.id);
    expect(hs.requests.map((q) => q.status)).toEqual([200, 200, 503, 503, 503]);

    hs.up();
    const retry = await crm([{}], NOON + 10 * MIN, { operation: 'retryPending' });
    expect(retry.outputs('CRM')[DONE]!.map((x) => (x.crm as Crm).outcome)).toEqual(['done']);
    expect(hs.contacts).toHaveLength(1);
    expect(hs.tasks).toHaveLength(1);
    expect(hs.notes).toHaveLength(1);
    expect(hs.tasks[0]!.properties.hs_timestamp).toBe(new Date(NOON + 15 * MIN).toISOString());
    // resolved: a second retry run has nothing left to send
    const none = await crm([{}], NOON + 20 * MIN, { operation: 'retryPending' });
    expect(none.outputs('CRM').flat()).toHaveLength(0);
    expect(hs.tasks).toHaveLength(1);
  });

  it('throws a NodeOperationError naming the item when the phone is missing', async () => {
    const r = await crm([{ contact: { name: 'No Number' } }], NOON);
    expect(r.error?.message).toMatch(/no phone number/);
    expect(hs.requests).toHaveLength(0);
  });
});

describe('CRM Flag callback tasks from the scheduler', () => {
  it('creates the callback step’s task (title rendered, due in its dueInMinutes, high priority), completes the touch and schedules the next step', async () => {
    const p = phone();
    const at = NOON - 48 * 60 * MIN;
    const e = await enrollCaller(ledger, { phone: p, at, dueAt: NOON, stepId: 'callback-day-2' });
    const item = { touch: { id: e.touch.id, phone: p, enrollmentId: e.enrollment.id }, contact: { phone: p, name: 'Dana Lee' } };
    const r = await crm([item], NOON, { operation: 'callbackTask' });
    expect(r.error).toBeUndefined();
    expect(hs.violations).toEqual([]);
    const c = crmOf(r, DONE);
    expect(c).toMatchObject({ outcome: 'done', created: true, next: { stepId: 'sms-final' } });
    const t = hs.tasks[0]!;
    expect(t.properties.hs_task_subject).toMatch(/^Call back Dana Lee \(called Tue, Jan 12, 11:59 AM\)$/);
    expect(t.properties.hs_timestamp).toBe(new Date(NOON + 240 * MIN).toISOString());
    expect(t.properties.hs_task_body).toContain('Queue: service-dispatch');
    expect(t.properties.hs_task_body).toContain('Introduce yourself by name');
    expect((await ledger.touch(e.touch.id))?.status).toBe('sent');
    expect((await ledger.touch(e.touch.id))?.providerMessageId).toBe(t.id);
    // completed and moved on in one ledger transaction: the next step is scheduled `after` the touch, right after it
    const audit = await ledger.auditTrail({ enrollmentId: e.enrollment.id });
    const completed = audit.findIndex((a) => a.kind === 'touch_completed' && a.touchId === e.touch.id);
    expect(audit[completed + 1]).toMatchObject({ id: audit[completed]!.id + 1, kind: 'touch_scheduled', data: { stepId: 'sms-final', after: e.touch.id } });
    expect(c.next).toMatchObject({ touchId: audit[completed + 1]!.touchId });
    // the same touch again does nothing
    const again = await crm([item], NOON + MIN, { operation: 'callbackTask' });
    expect(crmOf(again, DONE)).toMatchObject({ outcome: 'skipped', reason: 'ALREADY_DONE' });
    expect(hs.tasks).toHaveLength(1);
  });

  it('passes SMS touches through untouched', async () => {
    const p = phone();
    const e = await enrollCaller(ledger, { phone: p, at: NOON - 2 * MIN, dueAt: NOON });
    const r = await crm([{ touch: { id: e.touch.id, phone: p } }], NOON, { operation: 'callbackTask' });
    expect(crmOf(r, DONE)).toMatchObject({ outcome: 'skipped', reason: 'NOT_A_CRM_STEP' });
    expect(hs.requests).toHaveLength(0);
    expect((await ledger.touch(e.touch.id))?.status).toBe('pending');
  });
});

describe('CRM Flag (Pipedrive) in a real n8n workflow', () => {
  it('finds the person by phone, sets the status field and owner, adds a call activity due in UTC and notes', async () => {
    const e = await reengaged();
    const person = pd.seedPerson({ name: 'Dana Lee', phones: [national(e.phone)], owner_id: 7 });
    const r = await crm([e.item], NOON, {
      provider: 'pipedrive',
      statusProperty: STATUS_KEY,
      statusValue: 'Re-engaged — needs callback',
      keepOwner: false,
      departmentOwners: { mappings: [{ department: 'Service', ownerId: '8', queueId: '' }] },
    });
    expect(r.error).toBeUndefined();
    expect(pd.violations).toEqual([]);
    expect(crmOf(r, DONE)).toMatchObject({ outcome: 'done', matched: true, contactId: String(person.id) });
    expect(pd.persons[0]!.fields[STATUS_KEY]).toBe('Re-engaged — needs callback');
    expect(pd.persons[0]!.owner_id).toBe(8);
    expect(pd.activities).toEqual([
      expect.objectContaining({ type: 'call', due_date: '2027-01-14', due_time: '18:15', person_id: person.id, user_id: 8, done: false }),
    ]);
    expect(pd.activities[0]!.note).toContain('sink is leaking');
    expect(pd.notes.map((x) => x.person_id)).toEqual([person.id]);
    expect(pd.requests.every((q) => q.headers['x-api-token'] === pd.token)).toBe(true);
  });

  it('creates the person when no phone format matches', async () => {
    const e = await reengaged();
    const r = await crm([e.item], NOON, { provider: 'pipedrive', statusProperty: '', departmentOwners: { mappings: [{ department: 'service', ownerId: '7', queueId: '' }] } });
    expect(crmOf(r, DONE)).toMatchObject({ outcome: 'done', matched: false });
    expect(pd.requests.filter((q) => q.path === '/v1/persons/search').length).toBeGreaterThanOrEqual(3);
    expect(pd.persons[0]).toMatchObject({ name: 'Dana Lee', phone: [{ value: e.phone, primary: true, label: 'mobile' }] });
  });

  it('sends an update Pipedrive rejects (unknown owner) to Error / Retry as failed, not pending', async () => {
    const e = await reengaged();
    const r = await crm([e.item], NOON, { provider: 'pipedrive', statusProperty: '' });
    expect(crmOf(r, RETRY)).toMatchObject({ outcome: 'failed', reason: 'CRM_REJECTED', retryable: false });
    expect(String(crmOf(r, RETRY).message)).toContain('Owner (user) not found');
    expect((await ledger.auditTrail({ phone: e.phone })).map((a) => a.kind)).toContain('crm_failed');
  });

  it('goes to Error / Retry after the retries when Pipedrive answers 503', async () => {
    const e = await reengaged();
    pd.down();
    const r = await crm([e.item], NOON, { provider: 'pipedrive' });
    expect(crmOf(r, RETRY)).toMatchObject({ outcome: 'pending', reason: 'CRM_UNAVAILABLE' });
    expect(pd.requests).toHaveLength(3);
  });
});

describe('CRM Flag (generic webhook)', () => {
  it('POSTs the update as JSON with a verifiable X-Signature', async () => {
    const got: { raw: string; headers: Record<string, string | string[] | undefined> }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        got.push({ raw: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ contactId: 'c-9', matched: true, taskId: 't-1' }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const e = await reengaged();
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const r = await crm([e.item], NOON, { provider: 'webhook', webhookUrl: url });
      expect(crmOf(r, DONE)).toMatchObject({ outcome: 'done', matched: true, contactId: 'c-9', taskId: 't-1' });
      expect(got).toHaveLength(1);
      const { raw, headers } = got[0]!;
      const ok = verifyWebhookSignature('whsec-test-123', raw, headers['x-signature'] as string, headers['x-signature-timestamp'] as string, Date.now());
      expect(ok).toEqual({ ok: true });
      expect(verifyWebhookSignature('other-secret', raw, headers['x-signature'] as string, headers['x-signature-timestamp'] as string, Date.now())).toEqual({ ok: false, code: 'BAD_SIGNATURE' });
      const body = JSON.parse(raw);
      expect(body).toMatchObject({ event: 'missed_call.flagReengaged', contact: { phone: e.phone }, owner: { id: '501' }, status: { property: 'hs_lead_status' } });
      expect(body.task.dueAt).toBe(NOON + 15 * MIN);
      expect(body.notes).toHaveLength(1);
      expect(raw).not.toContain('whsec-test-123');
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
