/**
 * HubSpot CRM v3 emulator for tests (contacts, tasks and notes: search/create; contacts: update), after
 * HubSpot's API reference: Bearer private-app token, `{properties}` bodies, search `filterGroups` (≤ 5
 * groups, ≤ 10 filters each, ≤ 25 filters; EQ / IN / CONTAINS_TOKEN, `associations.contact` on tasks
 * and notes; `sorts`, `limit` ≤ 200; task and note searches answer only the properties asked for),
 * enumeration checks on `hs_lead_status`, `hs_task_*`,
 * owners and association type ids (task→contact 204, note→contact 202), and HubSpot's error shape
 * `{status:'error', message, correlationId, category}`. Every request is recorded; `downFor(n)` or
 * `down()` answers 503 like an outage.
 */
import { randomUUID } from 'node:crypto';
import { startJsonServer, type CrmEmulatorBase, type Reply } from './crmEmulatorBase';

export interface HubSpotRecord {
  id: string;
  properties: Record<string, string>;
  associations: { toId: string; typeId: number }[];
  createdAt: number;
}

export interface HubSpotEmulator extends CrmEmulatorBase {
  token: string;
  contacts: HubSpotRecord[];
  tasks: HubSpotRecord[];
  notes: HubSpotRecord[];
  /** owner ids HubSpot knows */
  owners: Set<string>;
  /** adds a contact as if it had been typed into HubSpot */
  seedContact(properties: Record<string, string>): HubSpotRecord;
  reset(): void;
}

const LEAD_STATUS = ['NEW', 'OPEN', 'IN_PROGRESS', 'OPEN_DEAL', 'UNQUALIFIED', 'ATTEMPTED_TO_CONTACT', 'CONNECTED', 'BAD_TIMING'];
const TASK_STATUS = ['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'DEFERRED'];
const TASK_PRIORITY = ['NONE', 'LOW', 'MEDIUM', 'HIGH'];
const TASK_TYPE = ['CALL', 'EMAIL', 'TODO'];
const CONTACT_PROPS = ['firstname', 'lastname', 'email', 'phone', 'mobilephone', 'hs_lead_status', 'hubspot_owner_id', 'lifecyclestage', 'company'];
/** what task and note searches may filter, sort and ask for */
const TASK_PROPS = ['hs_timestamp', 'hs_task_subject', 'hs_task_body', 'hs_task_status', 'hs_task_priority', 'hs_task_type', 'hubspot_owner_id', 'hs_queue_membership_ids', 'hs_createdate', 'hs_object_id'];
const NOTE_PROPS = ['hs_timestamp', 'hs_note_body', 'hubspot_owner_id', 'hs_createdate', 'hs_object_id'];
const SEARCH_OPERATORS = ['EQ', 'IN', 'CONTAINS_TOKEN'];

type Filter = { propertyName?: unknown; operator?: unknown; value?: unknown; values?: unknown };

/** Words of a text as HubSpot's CONTAINS_TOKEN sees them: letters and digits, case-insensitive. */
const tokens = (text: string) => text.toLowerCase().split(/[^a-z0-9*]+/).filter(Boolean);
/** CONTAINS_TOKEN: every token of the value (`*` = any characters) is a token of the property. */
function containsTokens(text: string, value: string): boolean {
  const have = tokens(text.replace(/\*/g, ' '));
  return tokens(value).every((t) => {
    const re = new RegExp(`^${t.replace(/\*/g, '.*')}$`);
    return have.some((h) => re.test(h));
  });
}

const err = (status: number, category: string, message: string): Reply => ({
  status,
  body: { status: 'error', message, correlationId: randomUUID(), category },
});

/**
 * @example
 * const hs = await startHubSpotEmulator({ owners: ['101'], leadStatusOptions: ['REENGAGED_NEEDS_CALLBACK'] });
 * // credential: { accessToken: hs.token, baseUrl: hs.url }
 */
export async function startHubSpotEmulator(
  o: { token?: string; owners?: string[]; leadStatusOptions?: string[]; customContactProperties?: string[] } = {},
): Promise<HubSpotEmulator> {
  const token = o.token ?? `pat-na1-${randomUUID()}`;
  const leadStatus = new Set([...LEAD_STATUS, ...(o.leadStatusOptions ?? [])]);
  const contactProps = new Set([...CONTACT_PROPS, ...(o.customContactProperties ?? [])]);
  let seq = 1000;
  const stamp = () => new Date().toISOString();
  const object = (r: HubSpotRecord) => ({ id: r.id, properties: { ...r.properties, hs_object_id: r.id }, createdAt: new Date(r.createdAt).toISOString(), updatedAt: stamp(), archived: false });

  const state = { contacts: [] as HubSpotRecord[], tasks: [] as HubSpotRecord[], notes: [] as HubSpotRecord[] };
  const violation = (path: string, r: Reply): Reply => {
    emu.violations.push({ path, message: (r.body as { message: string }).message });
    return r;
  };

  const checkProps = (path: string, props: unknown, allowed: Set<string> | null): Reply | Record<string, string> => {
    if (!props || typeof props !== 'object' || Array.isArray(props)) return violation(path, err(400, 'VALIDATION_ERROR', 'properties must be an object'));
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(props as Record<string, unknown>)) {
      if (allowed && !allowed.has(k)) return violation(path, err(400, 'VALIDATION_ERROR', `Property "${k}" does not exist`));
      if (v !== null && typeof v === 'object') return violation(path, err(400, 'VALIDATION_ERROR', `Property values must be strings or numbers (${k})`));
      out[k] = v === null ? '' : String(v);
    }
    if (out.hs_lead_status && !leadStatus.has(out.hs_lead_status))
      return violation(path, err(400, 'VALIDATION_ERROR', `Property values were not valid: "${out.hs_lead_status}" was not one of the allowed options for hs_lead_status`));
    if (out.hubspot_owner_id && !emu.owners.has(out.hubspot_owner_id))
      return violation(path, err(400, 'VALIDATION_ERROR', `Property values were not valid: ${out.hubspot_owner_id} is not a valid owner id`));
    return out;
  };

  const checkAssociations = (path: string, assoc: unknown, typeId: number): Reply | { toId: string; typeId: number }[] => {
    if (assoc === undefined) return [];
    if (!Array.isArray(assoc)) return violation(path, err(400, 'VALIDATION_ERROR', 'associations must be an array'));
    const out: { toId: string; typeId: number }[] = [];
    for (const a of assoc as { to?: { id?: unknown }; types?: { associationCategory?: unknown; associationTypeId?: unknown }[] }[]) {
      const toId = a?.to?.id;
      const t = a?.types?.[0];
      if (toId === undefined || !t) return violation(path, err(400, 'VALIDATION_ERROR', 'association needs to.id and types'));
      if (t.associationCategory !== 'HUBSPOT_DEFINED' || t.associationTypeId !== typeId)
        return violation(path, err(400, 'VALIDATION_ERROR', `association type ${String(t.associationCategory)}/${String(t.associationTypeId)} is not valid here (expected HUBSPOT_DEFINED/${typeId})`));
      if (!state.contacts.some((c) => c.id === String(toId))) return violation(path, err(404, 'OBJECT_NOT_FOUND', `contact ${String(toId)} does not exist`));
      out.push({ toId: String(toId), typeId });
    }
    return out;
  };

  const isReply = (x: unknown): x is Reply => !!x && typeof x === 'object' && 'status' in x && 'body' in x && typeof (x as Reply).status === 'number';

  /** POST /crm/v3/objects/{contacts|tasks|notes}/search */
  const searchObjects = (path: string, kind: 'contacts' | 'tasks' | 'notes', b: Record<string, unknown>): Reply => {
    const bad = (message: string) => violation(path, err(400, 'VALIDATION_ERROR', message));
    const engagement = kind !== 'contacts';
    const known = kind === 'tasks' ? new Set(TASK_PROPS) : kind === 'notes' ? new Set(NOTE_PROPS) : null;
    const groups = (b.filterGroups ?? []) as { filters?: Filter[] }[];
    if (!Array.isArray(groups)) return bad('filterGroups must be an array');
    const total = groups.reduce((n, g) => n + (g.filters?.length ?? 0), 0);
    if (groups.length > 5 || groups.some((g) => (g.filters?.length ?? 0) > 10) || total > 25)
      return bad('Too many filter groups or filters (max 5 groups, 10 filters per group, 25 filters)');
    for (const g of groups)
      for (const f of g.filters ?? []) {
        const name = String(f.propertyName ?? '');
        if (!SEARCH_OPERATORS.includes(String(f.operator))) return bad(`operator ${String(f.operator)} not supported by the emulator`);
        if (f.operator === 'IN' ? !Array.isArray(f.values) : typeof f.value !== 'string' && typeof f.value !== 'number') return bad(`${String(f.operator)} needs ${f.operator === 'IN' ? 'values' : 'a value'}`);
        if (name === 'associations.contact') {
          if (!engagement || f.operator === 'CONTAINS_TOKEN') return bad(`associations.contact cannot be filtered with ${String(f.operator)} here`);
        } else if (known && !known.has(name)) return bad(`Property "${name}" does not exist on ${kind}`);
      }
    const sorts = (b.sorts ?? []) as unknown[];
    if (!Array.isArray(sorts) || sorts.length > 1) return bad('sorts takes one sort');
    const sort = sorts[0] as { propertyName?: unknown; direction?: unknown } | undefined;
    if (sort && (typeof sort !== 'object' || !['ASCENDING', 'DESCENDING'].includes(String(sort.direction)) || (known && !known.has(String(sort.propertyName)))))
      return bad('a sort is {propertyName, direction: ASCENDING | DESCENDING} over a property of the object');
    const asked = b.properties;
    if (asked !== undefined && (!Array.isArray(asked) || asked.some((x) => typeof x !== 'string' || (known && !known.has(x))))) return bad('properties must be property names of the object');
    const limit = Number(b.limit ?? 10);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) return bad('limit must be between 1 and 200');

    const value = (rec: HubSpotRecord, name: string) => (name === 'hs_createdate' || name === 'createdate' ? new Date(rec.createdAt).toISOString() : (rec.properties[name] ?? ''));
    const holds = (rec: HubSpotRecord, f: Filter) => {
      const name = String(f.propertyName);
      if (name === 'associations.contact') {
        const ids = f.operator === 'IN' ? (f.values as unknown[]).map(String) : [String(f.value)];
        return rec.associations.some((a) => ids.includes(a.toId));
      }
      const v = value(rec, name);
      if (f.operator === 'CONTAINS_TOKEN') return containsTokens(v, String(f.value));
      const want = f.operator === 'IN' ? (f.values as unknown[]).map((x) => String(x).toLowerCase()) : [String(f.value).toLowerCase()];
      return v !== '' && want.includes(v.toLowerCase());
    };
    const dir = sort?.direction === 'DESCENDING' ? -1 : 1;
    const order = (x: HubSpotRecord, y: HubSpotRecord) => {
      if (!sort || sort.propertyName === 'hs_createdate' || sort.propertyName === 'createdate') return dir * (x.createdAt - y.createdAt || Number(x.id) - Number(y.id));
      return dir * value(x, String(sort.propertyName)).localeCompare(value(y, String(sort.propertyName)));
    };
    const found = state[kind].filter((rec) => groups.length === 0 || groups.some((g) => (g.filters ?? []).every((f) => holds(rec, f)))).sort(order);
    // tasks and notes answer the properties asked for (and their id and creation date), as HubSpot does
    const view = (rec: HubSpotRecord) => {
      if (!engagement) return object(rec);
      const o = object(rec);
      const props: Record<string, string | null> = { hs_object_id: rec.id, hs_createdate: new Date(rec.createdAt).toISOString() };
      for (const k of (asked as string[] | undefined) ?? []) props[k] = rec.properties[k] ?? null;
      return { ...o, properties: props };
    };
    const page = found.slice(0, limit).map(view);
    return { status: 200, body: { total: found.length, results: page, ...(found.length > limit ? { paging: { next: { after: String(limit) } } } : {}) } };
  };

  const handle = (r: { method: string; path: string; headers: Record<string, unknown>; body: unknown }): Reply => {
    if (r.headers.authorization !== `Bearer ${token}`)
      return violation(r.path, err(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication.'));
    const b = (r.body ?? {}) as Record<string, unknown>;
    if (r.method === 'GET' && r.path === '/crm/v3/objects/contacts') return { status: 200, body: { results: state.contacts.slice(0, 1).map(object) } };
    const search = /^\/crm\/v3\/objects\/(contacts|tasks|notes)\/search$/.exec(r.path);
    if (r.method === 'POST' && search) return searchObjects(r.path, search[1] as 'contacts' | 'tasks' | 'notes', b);
    if (r.method === 'POST' && r.path === '/crm/v3/objects/contacts') {
      const props = checkProps(r.path, b.properties, contactProps);
      if (isReply(props)) return props;
      const rec: HubSpotRecord = { id: String(++seq), properties: { ...props, createdate: stamp() }, associations: [], createdAt: Date.now() + seq };
      state.contacts.push(rec);
      return { status: 201, body: object(rec) };
    }
    const patch = /^\/crm\/v3\/objects\/contacts\/([^/]+)$/.exec(r.path);
    if (r.method === 'PATCH' && patch) {
      const c = state.contacts.find((x) => x.id === decodeURIComponent(patch[1]!));
      if (!c) return violation(r.path, err(404, 'OBJECT_NOT_FOUND', 'resource not found'));
      const props = checkProps(r.path, b.properties, contactProps);
      if (isReply(props)) return props;
      Object.assign(c.properties, props);
      return { status: 200, body: object(c) };
    }
    if (r.method === 'POST' && r.path === '/crm/v3/objects/tasks') {
      const props = checkProps(r.path, b.properties, null);
      if (isReply(props)) return props;
      if (!props.hs_timestamp || Number.isNaN(Date.parse(props.hs_timestamp))) return violation(r.path, err(400, 'VALIDATION_ERROR', 'hs_timestamp is required (the due date)'));
      for (const [k, allowed] of [['hs_task_status', TASK_STATUS], ['hs_task_priority', TASK_PRIORITY], ['hs_task_type', TASK_TYPE]] as const)
        if (props[k] !== undefined && !allowed.includes(props[k]!)) return violation(r.path, err(400, 'VALIDATION_ERROR', `"${props[k]}" was not one of the allowed options for ${k}`));
      const assoc = checkAssociations(r.path, b.associations, 204);
      if (isReply(assoc)) return assoc;
      const rec: HubSpotRecord = { id: String(++seq), properties: props, associations: assoc, createdAt: Date.now() };
      state.tasks.push(rec);
      return { status: 201, body: object(rec) };
    }
    if (r.method === 'POST' && r.path === '/crm/v3/objects/notes') {
      const props = checkProps(r.path, b.properties, null);
      if (isReply(props)) return props;
      if (!props.hs_timestamp || Number.isNaN(Date.parse(props.hs_timestamp))) return violation(r.path, err(400, 'VALIDATION_ERROR', 'hs_timestamp is required'));
      const assoc = checkAssociations(r.path, b.associations, 202);
      if (isReply(assoc)) return assoc;
      const rec: HubSpotRecord = { id: String(++seq), properties: props, associations: assoc, createdAt: Date.now() };
      state.notes.push(rec);
      return { status: 201, body: object(rec) };
    }
    return violation(r.path, err(404, 'OBJECT_NOT_FOUND', `${r.method} ${r.path} is not an endpoint`));
  };

  const base = await startJsonServer(
    (r) => handle({ ...r, headers: r.headers as Record<string, unknown> }),
    () => err(503, 'SERVICE_UNAVAILABLE', 'Service temporarily unavailable'),
  );
  const emu: HubSpotEmulator = Object.assign(base, {
    token,
    contacts: state.contacts,
    tasks: state.tasks,
    notes: state.notes,
    owners: new Set(o.owners ?? []),
    seedContact(properties: Record<string, string>) {
      const rec: HubSpotRecord = { id: String(++seq), properties: { ...properties }, associations: [], createdAt: Date.now() - 1e9 + seq };
      state.contacts.push(rec);
      return rec;
    },
    reset() {
      for (const a of [state.contacts, state.tasks, state.notes, base.requests, base.violations]) a.length = 0;
      base.up();
    },
  });
  return emu;
}
