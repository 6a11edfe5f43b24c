/**
 * CRM adapters (HubSpot, Pipedrive) against their emulators over HTTP: what they create carries a ref
 * derived from the request key; a re-send, or a create whose first attempt may have landed, finds what
 * an earlier attempt created by that ref and takes it over instead of creating it again; a first send
 * pays no look-up.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { crmRef, hasRef, hubspotAdapter, pipedriveAdapter, type CrmAdapter, type CrmHttp, type CrmProgress, type CrmRequest, type CrmResult } from '../../../nodes/transport/crm';
import type { LoggedRequest } from '../../emulators/crmEmulatorBase';
import { startHubSpotEmulator, type HubSpotEmulator } from '../../emulators/hubspotEmulator';
import { startPipedriveEmulator, type PipedriveEmulator } from '../../emulators/pipedriveEmulator';

const NOON = Date.UTC(2027, 0, 14, 18, 0);
const retry = { maxAttempts: 3, baseDelayMs: 1, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };

let hs: HubSpotEmulator;
let pd: PipedriveEmulator;
let n = 0;

beforeAll(async () => {
  hs = await startHubSpotEmulator();
  pd = await startPipedriveEmulator();
});
afterAll(async () => {
  await hs.close();
  await pd.close();
});
beforeEach(() => {
  hs.reset();
  pd.reset();
});

/** fetch behind the adapter, with the credential's header; `fault` may answer a request instead of the CRM */
function httpWith(auth: Record<string, string>, fault?: (r: Parameters<CrmHttp>[0]) => Awaited<ReturnType<CrmHttp>> | null): CrmHttp {
  return async (r) => {
    const faked = fault?.(r);
    if (faked) return faked;
    const res = await fetch(r.url, { method: r.method, headers: { ...r.headers, ...auth }, body: r.body });
    return { status: res.status, headers: {}, body: await res.text() };
  };
}

function request(notes: number): CrmRequest {
  const phone = `+1305558${String(1000 + ++n)}`;
  return {
    operation: 'flagReengaged',
    key: `crm:flagReengaged:enr-${n}:${NOON}`,
    contact: { phone, phoneVariants: [phone, phone.slice(2)], name: 'Dana Lee', email: null },
    status: null,
    owner: { id: null, queue: null },
    task: { subject: 'Call back Dana Lee', body: 'Call class: missed (no_answer)\nReply: "call me"', dueAt: NOON + 15 * 60_000, priority: 'high', type: 'call' },
    notes: Array.from({ length: notes }, (_, i) => ({ body: `Automated SMS sent (step ${i + 1})`, at: NOON - (notes - i) * 60_000 })),
    context: {},
  };
}

interface Rig {
  name: string;
  adapter: (fault?: Parameters<typeof httpWith>[1]) => CrmAdapter;
  requests: () => LoggedRequest[];
  /** a person/contact the CRM already has for the request's phone */
  seed: (req: CrmRequest) => string;
  tasks: () => { id: string; body: string }[];
  notes: () => { id: string; body: string }[];
  taskPost: { method: string; path: string };
  /** the look-ups an adapter makes */
  isLookup: (q: LoggedRequest) => boolean;
  /** the CRM goes down after `ok` more requests */
  downAfter: (ok: number) => void;
  up: () => void;
  loseReplies: (k: number, m: { method: string; path: string }) => void;
}

const rigs: Rig[] = [
  {
    name: 'HubSpot',
    adapter: (fault) => hubspotAdapter({ baseUrl: hs.url }, httpWith({ Authorization: `Bearer ${hs.token}` }, fault), retry),
    requests: () => hs.requests,
    seed: (req) => hs.seedContact({ phone: req.contact.phone }).id,
    tasks: () => hs.tasks.map((t) => ({ id: t.id, body: t.properties.hs_task_body! })),
    notes: () => hs.notes.map((t) => ({ id: t.id, body: t.properties.hs_note_body! })),
    taskPost: { method: 'POST', path: '/crm/v3/objects/tasks' },
    isLookup: (q) => q.path === '/crm/v3/objects/tasks/search' || q.path === '/crm/v3/objects/notes/search',
    downAfter: (ok) => hs.downAfter(ok),
    up: () => hs.up(),
    loseReplies: (k, m) => hs.loseReplies(k, m),
  },
  {
    name: 'Pipedrive',
    adapter: (fault) => pipedriveAdapter({ baseUrl: pd.url }, httpWith({ 'x-api-token': pd.token }, fault), retry),
    requests: () => pd.requests,
    seed: (req) => String(pd.seedPerson({ name: 'Dana Lee', phones: [req.contact.phone] }).id),
    tasks: () => pd.activities.map((a) => ({ id: String(a.id), body: a.note })),
    notes: () => pd.notes.map((x) => ({ id: String(x.id), body: x.content })),
    taskPost: { method: 'POST', path: '/v1/activities' },
    isLookup: (q) => q.method === 'GET' && (/^\/v1\/persons\/\d+\/activities$/.test(q.path) || q.path === '/v1/notes'),
    downAfter: (ok) => pd.downAfter(ok),
    up: () => pd.up(),
    loseReplies: (k, m) => pd.loseReplies(k, m),
  },
];

describe('crmRef', () => {
  it('is `mc` and 10 consonants, the same for the same key and part, another for another key or part', () => {
    const a = crmRef('crm:callbackTask:enr-1:callback-day-2', 'task');
    expect(a).toMatch(/^mc[bcdfghjklmnpqrstvwxz]{10}$/);
    expect(crmRef('crm:callbackTask:enr-1:callback-day-2', 'task')).toBe(a);
    expect(crmRef('crm:callbackTask:enr-2:callback-day-2', 'task')).not.toBe(a);
    expect(crmRef('crm:callbackTask:enr-1:callback-day-2', 'note:0')).not.toBe(a);
  });

  it('is found as a whole word in plain text and in the HTML a CRM gives back, not inside a longer word', () => {
    const ref = crmRef('k', 'task');
    expect(hasRef(`Body\n\nRef: ${ref}`, ref)).toBe(true);
    expect(hasRef(`<p>Body</p><p>Ref: ${ref.toUpperCase()}</p>`, ref)).toBe(true);
    expect(hasRef(`Ref: ${ref}x`, ref)).toBe(false);
    expect(hasRef(null, ref)).toBe(false);
  });
});

describe.each(rigs)('$name adapter: re-sends take over what an earlier attempt created', (rig) => {
  const only = (from: number) => rig.requests().slice(from);

  it('writes the refs into the task and notes; a first send makes no look-up', async () => {
    const req = request(2);
    rig.seed(req);
    const res = await rig.adapter().apply(req);
    expect(rig.tasks()).toHaveLength(1);
    expect(rig.tasks()[0]!.body).toBe(`${req.task!.body}\n\nRef: ${crmRef(req.key, 'task')}`);
    expect(rig.notes().map((x) => x.body)).toEqual(req.notes.map((x, i) => `${x.body}\n\nRef: ${crmRef(req.key, `note:${i}`)}`));
    expect(rig.requests().filter(rig.isLookup)).toEqual([]);
    expect(res.adopted).toBeUndefined();
  });

  it('takes over the task and notes an attempt created before it died (its progress never recorded), and creates the rest', async () => {
    // six notes: HubSpot looks them up five at a time
    const req = request(6);
    rig.seed(req);
    // the first attempt: search, task, three notes, then the CRM goes away; the process dies before the ledger records any of it
    const before = rig.requests().length;
    rig.downAfter(5);
    await expect(rig.adapter().apply(req)).rejects.toMatchObject({ code: 'CRM_UNAVAILABLE' });
    rig.up();
    expect(rig.tasks()).toHaveLength(1);
    expect(rig.notes()).toHaveLength(3);
    const [task] = rig.tasks();
    const firstNotes = rig.notes().map((x) => x.id);
    const from = rig.requests().length;
    expect(from).toBeGreaterThan(before);

    // the re-send starts from what the ledger had: nothing
    const res: CrmResult = await rig.adapter().apply(req, {}, { resend: true });
    expect(rig.tasks()).toHaveLength(1);
    expect(rig.notes()).toHaveLength(6);
    expect(res.taskId).toBe(task!.id);
    expect(res.noteIds!.slice(0, 3)).toEqual(firstNotes);
    expect(res.adopted).toEqual([task!.id, ...firstNotes]);
    expect(only(from).filter((q) => q.method === rig.taskPost.method && q.path === rig.taskPost.path)).toEqual([]);
    expect(only(from).filter(rig.isLookup).length).toBe(rig.name === 'HubSpot' ? 3 : 2);
    // each note holds its own ref, in request order
    const byId = new Map(rig.notes().map((x) => [x.id, x.body]));
    res.noteIds!.forEach((id, i) => expect(hasRef(byId.get(id), crmRef(req.key, `note:${i}`))).toBe(true));
  });

  it('creates on a re-send when nothing was created before, after one look-up per kind', async () => {
    const req = request(1);
    const contactId = rig.seed(req);
    const prior: CrmProgress = { contactId, matched: true, updated: true };
    const res = await rig.adapter().apply(req, prior, { resend: true });
    expect(rig.tasks()).toHaveLength(1);
    expect(rig.notes()).toHaveLength(1);
    expect(res.adopted).toBeUndefined();
    expect(rig.requests().filter(rig.isLookup)).toHaveLength(2);
  });

  it('does not look up when the re-send has just created the contact (nothing can hang on it yet)', async () => {
    const req = request(1);
    const res = await rig.adapter().apply(req, {}, { resend: true });
    expect(res.matched).toBe(false);
    expect(rig.tasks()).toHaveLength(1);
    expect(rig.requests().filter(rig.isLookup)).toEqual([]);
  });

  it('looks up a task create whose reply was lost (it landed) before sending it again, and takes it over', async () => {
    const req = request(0);
    rig.seed(req);
    rig.loseReplies(1, rig.taskPost);
    const res = await rig.adapter().apply(req);
    expect(rig.tasks()).toHaveLength(1);
    expect(res.taskId).toBe(rig.tasks()[0]!.id);
    expect(res.adopted).toEqual([res.taskId]);
    const posts = rig.requests().filter((q) => q.method === rig.taskPost.method && q.path === rig.taskPost.path);
    expect(posts.map((q) => q.lost ?? false)).toEqual([true]);
    expect(rig.requests().filter(rig.isLookup)).toHaveLength(1);
  });

  it('sends a create answered 503 again without a look-up (the CRM did not take it)', async () => {
    const req = request(0);
    rig.seed(req);
    let refused = 0;
    const adapter = rig.adapter((r) => (r.method === 'POST' && new URL(r.url).pathname === rig.taskPost.path && refused++ === 0 ? { status: 503, headers: {}, body: '{}' } : null));
    const res = await adapter.apply(req);
    expect(refused).toBe(2);
    expect(rig.tasks()).toHaveLength(1);
    expect(res.adopted).toBeUndefined();
    expect(rig.requests().filter(rig.isLookup)).toEqual([]);
  });
});

describe('Pipedrive look-ups', () => {
  it('pages through a busy person’s activities to find the ref', async () => {
    const req = request(0);
    const personId = Number(rigs[1]!.seed(req));
    for (let i = 0; i < 600; i++)
      pd.activities.push({ id: 10_000 + i, subject: `Other ${i}`, type: 'call', due_date: '', due_time: '', person_id: personId, user_id: 1, note: `other ${i}`, done: true });
    await rigs[1]!.adapter().apply(req);
    const created = pd.activities.at(-1)!;
    pd.requests.length = 0;
    const res = await rigs[1]!.adapter().apply(req, { contactId: String(personId), matched: true, updated: true }, { resend: true });
    expect(res.taskId).toBe(String(created.id));
    expect(pd.activities).toHaveLength(601);
    expect(pd.requests.map((q) => [q.path, q.query.start])).toEqual([
      [`/v1/persons/${personId}/activities`, '0'],
      [`/v1/persons/${personId}/activities`, '500'],
    ]);
    expect(pd.violations).toEqual([]);
  });
});
