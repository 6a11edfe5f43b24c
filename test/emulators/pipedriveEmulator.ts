/**
 * Pipedrive v1 emulator for tests (persons search/create/update, activities add and a person's list,
 * notes add and list, users/me), after Pipedrive's API reference: `x-api-token` header or `api_token`
 * query, search `term` (≥ 2 characters unless exact_match) over `fields=phone`, required `name` /
 * `subject` / `content`, a parent for notes, known activity types and users, lists paged by `start` /
 * `limit` (≤ 500) with `additional_data.pagination` and `data: null` when empty and taking only
 * their documented query parameters, and the error shape `{success:false, error, error_info,
 * errorCode}`. Every request is recorded; `downFor(n)` / `down()` answer 503.
 */
import { randomBytes } from 'node:crypto';
import { startJsonServer, type CrmEmulatorBase, type Reply } from './crmEmulatorBase';

export interface PipedrivePerson {
  id: number;
  name: string;
  phone: { value: string; primary: boolean; label: string }[];
  owner_id: number;
  /** custom fields by key */
  fields: Record<string, unknown>;
  add_time: string;
}
export interface PipedriveActivity {
  id: number;
  subject: string;
  type: string;
  due_date: string;
  due_time: string;
  person_id: number;
  user_id: number;
  note: string;
  done: boolean;
}
export interface PipedriveNote {
  id: number;
  content: string;
  person_id: number;
  add_time: string;
}

export interface PipedriveEmulator extends CrmEmulatorBase {
  token: string;
  persons: PipedrivePerson[];
  activities: PipedriveActivity[];
  notes: PipedriveNote[];
  /** user ids; the first is the token's user (default owner) */
  users: number[];
  seedPerson(p: { name: string; phones: string[]; owner_id?: number }): PipedrivePerson;
  reset(): void;
}

const ACTIVITY_TYPES = ['call', 'meeting', 'task', 'deadline', 'email', 'lunch'];
const STANDARD_PERSON_FIELDS = new Set(['name', 'phone', 'email', 'owner_id', 'org_id', 'visible_to', 'add_time', 'label', 'label_ids', 'marketing_status']);
const fail = (status: number, error: string, info = 'Please check developers.pipedrive.com for more information about Pipedrive API.'): Reply => ({
  status,
  body: { success: false, error, error_info: info, data: null, additional_data: null, errorCode: status },
});
const ok = (data: unknown, status = 200, extra: object = {}): Reply => ({ status, body: { success: true, data, ...extra } });
const NOTE_SORT_FIELDS = ['id', 'user_id', 'deal_id', 'person_id', 'org_id', 'content', 'add_time', 'update_time'];
const NOTE_LIST_PARAMS = ['user_id', 'lead_id', 'deal_id', 'person_id', 'org_id', 'start', 'limit', 'sort', 'start_date', 'end_date', 'pinned_to_lead_flag', 'pinned_to_deal_flag', 'pinned_to_organization_flag', 'pinned_to_person_flag'];
const PERSON_ACTIVITY_PARAMS = ['start', 'limit', 'done', 'exclude'];

/**
 * @example
 * const pd = await startPipedriveEmulator({ users: [7, 8], customFields: { [KEY]: ['Re-engaged — needs callback'] } });
 * // credential: { apiToken: pd.token, baseUrl: pd.url }
 */
export async function startPipedriveEmulator(o: { token?: string; users?: number[]; customFields?: Record<string, string[] | null> } = {}): Promise<PipedriveEmulator> {
  const token = o.token ?? randomBytes(20).toString('hex');
  const custom = o.customFields ?? {};
  let seq = 100;
  const now = () => new Date().toISOString().slice(0, 19).replace('T', ' ');
  const state = { persons: [] as PipedrivePerson[], activities: [] as PipedriveActivity[], notes: [] as PipedriveNote[] };
  const bad = (path: string, r: Reply) => (emu.violations.push({ path, message: (r.body as { error: string }).error }), r);
  const view = (p: PipedrivePerson) => ({ id: p.id, name: p.name, phone: p.phone, owner_id: { id: p.owner_id }, add_time: p.add_time, ...p.fields });

  const personFields = (path: string, b: Record<string, unknown>, p: Partial<PipedrivePerson>): Reply | null => {
    for (const [k, v] of Object.entries(b)) {
      if (STANDARD_PERSON_FIELDS.has(k)) continue;
      if (!(k in custom)) return bad(path, fail(400, `Unknown field "${k}"`));
      const options = custom[k];
      if (options && !options.includes(String(v))) return bad(path, fail(400, `Field "${k}" must be one of: ${options.join(', ')}`));
      (p.fields ??= {})[k] = v;
    }
    if (b.owner_id !== undefined) {
      if (!emu.users.includes(Number(b.owner_id))) return bad(path, fail(400, 'Owner (user) not found'));
      p.owner_id = Number(b.owner_id);
    }
    if (b.phone !== undefined) {
      const list = typeof b.phone === 'string' ? [{ value: b.phone, primary: true, label: 'work' }] : b.phone;
      if (!Array.isArray(list) || list.some((x) => !x || typeof (x as { value?: unknown }).value !== 'string')) return bad(path, fail(400, 'phone must be a string or an array of {value, primary, label}'));
      p.phone = (list as { value: string; primary?: boolean; label?: string }[]).map((x) => ({ value: x.value, primary: !!x.primary, label: x.label ?? 'work' }));
    }
    return null;
  };

  /** One page of a v1 list (`start`, `limit` ≤ 500), `data: null` when empty; or the violation. */
  const page = <T>(path: string, query: URLSearchParams, allowed: string[], all: T[]): Reply => {
    for (const k of query.keys()) if (k !== 'api_token' && !allowed.includes(k)) return bad(path, fail(400, `Unknown parameter "${k}"`));
    const start = Number(query.get('start') ?? 0);
    const limit = Number(query.get('limit') ?? 100);
    if (!Number.isInteger(start) || start < 0) return bad(path, fail(400, 'start must be a non-negative integer'));
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) return bad(path, fail(400, 'limit must be between 1 and 500'));
    const items = all.slice(start, start + limit);
    const more = start + limit < all.length;
    return ok(items.length ? items : null, 200, { additional_data: { pagination: { start, limit, more_items_in_collection: more, ...(more ? { next_start: start + limit } : {}) } } });
  };

  /** GET /v1/notes (filters, `sort` as `field ASC|DESC, …`) */
  const listNotes = (path: string, q: URLSearchParams): Reply => {
    let notes = [...state.notes];
    for (const k of ['person_id', 'deal_id', 'org_id', 'user_id']) {
      const v = q.get(k);
      if (v === null) continue;
      if (!/^\d+$/.test(v)) return bad(path, fail(400, `${k} must be an integer`));
      if (k === 'person_id') notes = notes.filter((n) => n.person_id === Number(v));
      else notes = []; // the emulator attaches notes to persons only
    }
    const sorts = (q.get('sort') ?? '').split(',').map((x) => x.trim()).filter(Boolean);
    for (const part of [...sorts].reverse()) {
      const m = /^(\w+)(?:\s+(ASC|DESC))?$/i.exec(part);
      if (!m || !NOTE_SORT_FIELDS.includes(m[1]!)) return bad(path, fail(400, `Invalid sort "${part}": fields are ${NOTE_SORT_FIELDS.join(', ')}`));
      const dir = m[2]?.toUpperCase() === 'DESC' ? -1 : 1;
      const key = m[1] as keyof PipedriveNote;
      notes.sort((a, b) => dir * (a[key] === b[key] ? 0 : String(a[key]).localeCompare(String(b[key]), undefined, { numeric: true })));
    }
    return page(path, q, NOTE_LIST_PARAMS, notes);
  };

  const handle = (r: { method: string; path: string; query: URLSearchParams; headers: Record<string, unknown>; body: unknown }): Reply => {
    if (r.headers['x-api-token'] !== token && r.query.get('api_token') !== token)
      return bad(r.path, fail(401, 'You need to be authorized to make this request.'));
    const b = (r.body ?? {}) as Record<string, unknown>;
    if (r.method === 'GET' && r.path === '/v1/users/me') return ok({ id: emu.users[0], name: 'Test User' });
    if (r.method === 'GET' && r.path === '/v1/persons/search') {
      const term = r.query.get('term') ?? '';
      const exact = r.query.get('exact_match') === 'true' || r.query.get('exact_match') === '1';
      if (term.length < (exact ? 1 : 2)) return bad(r.path, fail(400, 'Search term must be at least 2 characters long'));
      const fields = (r.query.get('fields') ?? 'name,phone,email,notes,custom_fields').split(',');
      const t = term.toLowerCase();
      const hit = (v: string) => (exact ? v.toLowerCase() === t : v.toLowerCase().includes(t));
      const items = state.persons
        .filter((p) => (fields.includes('phone') && p.phone.some((x) => hit(x.value))) || (fields.includes('name') && hit(p.name)))
        .map((p) => ({ result_score: 1, item: { id: p.id, type: 'person', name: p.name, phones: p.phone.map((x) => x.value), emails: [], owner: { id: p.owner_id }, organization: null, custom_fields: [] } }));
      return ok({ items }, 200, { additional_data: { pagination: { start: 0, limit: Number(r.query.get('limit') ?? 100), more_items_in_collection: false } } });
    }
    if (r.method === 'POST' && r.path === '/v1/persons') {
      if (typeof b.name !== 'string' || b.name.trim() === '') return bad(r.path, fail(400, 'Name must be given.'));
      const p: Partial<PipedrivePerson> = { id: ++seq, name: b.name, phone: [], owner_id: emu.users[0]!, add_time: now() };
      const e = personFields(r.path, b, p);
      if (e) return e;
      const person = { fields: {}, ...p } as PipedrivePerson;
      state.persons.push(person);
      return ok(view(person), 201);
    }
    const put = /^\/v1\/persons\/(\d+)$/.exec(r.path);
    if (r.method === 'PUT' && put) {
      const person = state.persons.find((x) => x.id === Number(put[1]));
      if (!person) return bad(r.path, fail(404, 'Person not found'));
      const next: Partial<PipedrivePerson> = { fields: { ...person.fields } };
      const e = personFields(r.path, b, next);
      if (e) return e;
      Object.assign(person, next, { name: typeof b.name === 'string' ? b.name : person.name });
      return ok(view(person));
    }
    if (r.method === 'POST' && r.path === '/v1/activities') {
      if (typeof b.subject !== 'string' || !b.subject) return bad(r.path, fail(400, 'Subject is required'));
      const type = String(b.type ?? 'task');
      if (!ACTIVITY_TYPES.includes(type)) return bad(r.path, fail(400, `Activity type "${type}" does not exist`));
      if (b.due_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(b.due_date))) return bad(r.path, fail(400, 'due_date must be YYYY-MM-DD'));
      if (b.due_time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(String(b.due_time))) return bad(r.path, fail(400, 'due_time must be HH:MM'));
      if (b.person_id !== undefined && !state.persons.some((p) => p.id === Number(b.person_id))) return bad(r.path, fail(400, 'Person not found'));
      if (b.user_id !== undefined && !emu.users.includes(Number(b.user_id))) return bad(r.path, fail(400, 'User not found'));
      const a: PipedriveActivity = {
        id: ++seq,
        subject: b.subject,
        type,
        due_date: String(b.due_date ?? ''),
        due_time: String(b.due_time ?? ''),
        person_id: Number(b.person_id),
        user_id: Number(b.user_id ?? emu.users[0]),
        note: String(b.note ?? ''),
        done: b.done === 1 || b.done === true,
      };
      state.activities.push(a);
      return ok(a, 201);
    }
    const personActivities = /^\/v1\/persons\/(\d+)\/activities$/.exec(r.path);
    if (r.method === 'GET' && personActivities) {
      const id = Number(personActivities[1]);
      if (!state.persons.some((p) => p.id === id)) return bad(r.path, fail(404, 'Person not found'));
      const done = r.query.get('done');
      if (done !== null && done !== '0' && done !== '1') return bad(r.path, fail(400, 'done must be 0 or 1'));
      const exclude = (r.query.get('exclude') ?? '').split(',').filter(Boolean).map(Number);
      const list = state.activities.filter((a) => a.person_id === id && (done === null || a.done === (done === '1')) && !exclude.includes(a.id));
      return page(r.path, r.query, PERSON_ACTIVITY_PARAMS, list);
    }
    if (r.method === 'GET' && r.path === '/v1/notes') return listNotes(r.path, r.query);
    if (r.method === 'POST' && r.path === '/v1/notes') {
      if (typeof b.content !== 'string' || !b.content) return bad(r.path, fail(400, 'Content is required'));
      if (b.person_id === undefined && b.deal_id === undefined && b.org_id === undefined && b.lead_id === undefined)
        return bad(r.path, fail(400, 'Note must be attached to a deal, person, organization or lead'));
      if (b.person_id !== undefined && !state.persons.some((p) => p.id === Number(b.person_id))) return bad(r.path, fail(400, 'Person not found'));
      // add_time: UTC, `YYYY-MM-DD HH:MM:SS` (an ISO string with T/Z is not that format)
      if (b.add_time !== undefined && !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(String(b.add_time))) return bad(r.path, fail(400, 'add_time must be YYYY-MM-DD HH:MM:SS'));
      const n: PipedriveNote = { id: ++seq, content: b.content, person_id: Number(b.person_id), add_time: String(b.add_time ?? now()) };
      state.notes.push(n);
      return ok(n, 201);
    }
    return bad(r.path, fail(404, `Unknown method ${r.method} ${r.path}`));
  };

  const base = await startJsonServer(
    (r) => handle({ ...r, headers: r.headers as Record<string, unknown> }),
    () => fail(503, 'Service Unavailable'),
  );
  const emu: PipedriveEmulator = Object.assign(base, {
    token,
    persons: state.persons,
    activities: state.activities,
    notes: state.notes,
    users: o.users ?? [1],
    seedPerson(p: { name: string; phones: string[]; owner_id?: number }) {
      const person: PipedrivePerson = { id: ++seq, name: p.name, phone: p.phones.map((value, i) => ({ value, primary: i === 0, label: 'mobile' })), owner_id: p.owner_id ?? emu.users[0]!, fields: {}, add_time: now() };
      state.persons.push(person);
      return person;
    },
    reset() {
      for (const a of [state.persons, state.activities, state.notes, base.requests, base.violations]) a.length = 0;
      base.up();
    },
  });
  return emu;
}
