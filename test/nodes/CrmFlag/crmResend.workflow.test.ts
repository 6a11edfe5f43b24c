/**
 * CRM Flag re-sends are idempotent at the CRM (HubSpot and Pipedrive emulators over HTTP, both
 * ledgers): a Retry Pending run that dies after the CRM created the task but before the ledger
 * recorded it leaves one task, which the next run finds by its ref and takes over; a task create whose
 * reply was lost is looked up before it is sent again; a first send makes no look-up.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { RETRY_LEASE_MIN_MS } from '../../../nodes/CrmFlag/retryLease';
import { crmRef, hasRef } from '../../../nodes/transport/crm';
import type { CrmEmulatorBase, LoggedRequest } from '../../emulators/crmEmulatorBase';
import { startPipedriveEmulator, type PipedriveEmulator } from '../../emulators/pipedriveEmulator';
import { enrollCaller } from '../harness/fixtures';
import { describeOnLedgers } from '../ledger/describeOnLedgers';
import { failWrites } from '../ledger/failWrites';
import { DAY, DONE, MIN, NOON, RETRY, crmRetryRig } from './crmRetryRig';

const rig = crmRetryRig('+1305559');
const { crm, reports, phone } = rig;
let pd: PipedriveEmulator;
beforeAll(async () => {
  pd = await startPipedriveEmulator();
});
afterAll(async () => pd.close());
beforeEach(() => pd.reset());

interface Crm {
  name: string;
  emu: () => CrmEmulatorBase;
  params: Record<string, unknown>;
  credentials: () => Record<string, unknown> | undefined;
  tasks: () => { id: string; body: string }[];
  taskPost: { method: string; path: string };
  isLookup: (q: LoggedRequest) => boolean;
}

const crms: Crm[] = [
  {
    name: 'HubSpot',
    emu: () => rig.hs,
    params: {},
    credentials: () => undefined,
    tasks: () => rig.hs.tasks.map((t) => ({ id: t.id, body: t.properties.hs_task_body! })),
    taskPost: { method: 'POST', path: '/crm/v3/objects/tasks' },
    isLookup: (q) => q.path === '/crm/v3/objects/tasks/search' || q.path === '/crm/v3/objects/notes/search',
  },
  {
    name: 'Pipedrive',
    emu: () => pd,
    params: { provider: 'pipedrive' },
    credentials: () => ({ missedCallPipedriveApi: { apiToken: pd.token, baseUrl: pd.url } }),
    tasks: () => pd.activities.map((a) => ({ id: String(a.id), body: a.note })),
    taskPost: { method: 'POST', path: '/v1/activities' },
    isLookup: (q) => q.method === 'GET' && (/^\/v1\/persons\/\d+\/activities$/.test(q.path) || q.path === '/v1/notes'),
  },
];

await describeOnLedgers('CRM Flag re-sends take over what an earlier attempt created', 'crm_resend', (getLedger, use) => {
  const run = (c: Crm, items: object[], now: number, parameters: Record<string, unknown>) =>
    crm(use, items, now, { ...c.params, ...parameters }, c.credentials() as never);
  const retry = (c: Crm, now: number) => run(c, [{}], now, { operation: 'retryPending' });
  const taskPosts = (c: Crm, from: number) => c.emu().requests.slice(from).filter((q) => q.method === c.taskPost.method && q.path === c.taskPost.path);

  async function callbackStep(c: Crm, ledger = getLedger()) {
    const p = phone();
    const e = await enrollCaller(ledger, { phone: p, at: NOON - 2 * DAY, dueAt: NOON, stepId: 'callback-day-2' });
    return { ...e, item: { touch: { id: e.touch.id, phone: p, enrollmentId: e.enrollment.id }, contact: { phone: p, name: 'Dana Lee' } } };
  }

  it.each(crms)('$name: a first send writes the ref into the task and makes no look-up', async (c) => {
    const e = await callbackStep(c);
    const r = await run(c, [e.item], NOON, { operation: 'callbackTask' });
    expect(r.error).toBeUndefined();
    const [done] = reports(r, DONE);
    expect(done).toMatchObject({ outcome: 'done', taskId: c.tasks()[0]?.id });
    expect(done!.adopted).toBeUndefined();
    expect(c.tasks()).toHaveLength(1);
    expect(hasRef(c.tasks()[0]!.body, crmRef(done!.key, 'task'))).toBe(true);
    expect(c.tasks()[0]!.body).toMatch(/\n\nRef: mc[a-z]{10}$/);
    expect(c.emu().requests.filter(c.isLookup)).toEqual([]);
    expect(c.emu().violations).toEqual([]);
  });

  it.each(crms)(
    '$name: a Retry Pending run that dies after the CRM created the task, before the ledger recorded it: the next run takes that task over (one task), resolves and moves on',
    async (c) => {
      const ledger = getLedger();
      const e = await callbackStep(c, ledger);
      c.emu().down();
      const first = await run(c, [e.item], NOON, { operation: 'callbackTask' });
      c.emu().up();
      expect(reports(first, RETRY)).toMatchObject([{ outcome: 'pending', reason: 'CRM_UNAVAILABLE' }]);
      const key = reports(first, RETRY)[0]!.key;

      // the retry creates the task, then dies at the ledger write that would record it
      const heal = await failWrites(use, { op: 'INSERT', table: 'audit_log', column: 'kind', value: 'crm_update' });
      const died = await retry(c, NOON + 10 * MIN).finally(heal);
      expect(died.error?.message).toMatch(/injected fault/);
      expect(c.tasks()).toHaveLength(1);
      const task = c.tasks()[0]!;
      expect(await ledger.auditTrail({ enrollmentId: e.enrollment.id, kinds: ['crm_update', 'crm_resolved'] })).toEqual([]);

      // the next run (the dead run's lease has run out by then: a minute past it, as leases run on the runs'
      // real time too) re-sends it: one look-up, no second task
      const from = c.emu().requests.length;
      const again = await retry(c, NOON + 10 * MIN + RETRY_LEASE_MIN_MS + MIN);
      expect(again.error).toBeUndefined();
      expect(reports(again, DONE)).toEqual([expect.objectContaining({ outcome: 'done', retried: true, key, taskId: task.id, adopted: [task.id] })]);
      expect(c.tasks()).toHaveLength(1);
      expect(taskPosts(c, from)).toEqual([]);
      expect(c.emu().requests.slice(from).filter(c.isLookup)).toHaveLength(1);
      expect(c.emu().violations).toEqual([]);
      // recorded with that task, resolved once, the sequence moved on once; nothing left to send
      const audit = await ledger.auditTrail({ enrollmentId: e.enrollment.id, kinds: ['crm_update', 'crm_resolved'] });
      expect(audit.map((a) => [a.kind, (a.data as { taskId?: string }).taskId ?? null])).toEqual([
        ['crm_update', task.id],
        ['crm_resolved', null],
      ]);
      expect((await ledger.touchesOf(e.enrollment.id)).filter((t) => t.stepId === 'sms-final')).toHaveLength(1);
      expect((await retry(c, NOON + 10 * MIN + 2 * RETRY_LEASE_MIN_MS)).outputs('CRM').flat()).toEqual([]);
      expect(c.tasks()).toHaveLength(1);
    },
  );

  it.each(crms)('$name: a first send whose task create lost its reply looks it up before sending again, and takes it over', async (c) => {
    const e = await callbackStep(c);
    c.emu().loseReplies(1, c.taskPost);
    const r = await run(c, [e.item], NOON, { operation: 'callbackTask' });
    expect(r.error).toBeUndefined();
    expect(c.tasks()).toHaveLength(1);
    expect(reports(r, DONE)).toEqual([expect.objectContaining({ outcome: 'done', taskId: c.tasks()[0]!.id, adopted: [c.tasks()[0]!.id] })]);
    expect(taskPosts(c, 0).map((q) => q.lost ?? false)).toEqual([true]);
    expect(c.emu().requests.filter(c.isLookup)).toHaveLength(1);
    expect((await getLedger().touch(e.touch.id))?.status).toBe('sent');
  });
});
