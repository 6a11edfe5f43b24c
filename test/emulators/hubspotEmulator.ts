/**
 * HubSpot CRM v3 emulator for tests (contacts search/create/update, tasks, notes), after HubSpot's
 * API reference: Bearer private-app token, `{properties}` bodies, search `filterGroups` (≤ 5 groups,
 * ≤ 10 filters each, ≤ 25 filters; EQ / IN), enumeration checks on `hs_lead_status`, `hs_task_*`,
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

  const handle = (r: { method: string; path: string; headers: Record<string, unknown>; body: unknown }): Reply => {
    if (r.headers.authorization !== `Bearer ${token}`)
      return violation(r.path, err(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication.'));
    const b = (r.body ?? {}) as Record<string, unknown>;
    if (r.method === 'GET' && r.path === '/crm/v3/objects/contacts') return { status: 200, body: { results: state.contacts.slice(0, 1).map(object) } };
    if (r.method === 'POST' && r.path === '/crm/v3/objects/contacts/search') {
      const groups = (b.filterGroups ?? []) as { filters?: { propertyName?: string; operator?: string; value?: unknown; values?: unknown[] }[] }[];
      const total = groups.reduce((s, g) => s + (g.filters?.length ?? 0), 0);
      if (groups.length > 5 || groups.some((g) => (g.filters?.length ?? 0) > 10) || total > 25)
        return violation(r.path, err(400, 'VALIDATION_ERROR', 'Too many filter groups or filters (max 5 groups, 10 filters per group, 25 filters)'));
      for (const g of groups)
        for (const f of g.filters ?? []) {
          if (f.operator !== 'EQ' && f.operator !== 'IN') return violation(r.path, err(400, 'VALIDATION_ERROR', `operator ${String(f.operator)} not supported by the emulator`));
          if (f.operator === 'IN' && !Array.isArray(f.values)) return violation(r.path, err(400, 'VALIDATION_ERROR', 'IN needs values'));
        }
      const matches = (c: HubSpotRecord) =>
        groups.length === 0 ||
        groups.some((g) =>
          (g.filters ?? []).every((f) => {
            const v = (c.properties[f.propertyName ?? ''] ?? '').toLowerCase();
            const want = f.operator === 'IN' ? (f.values ?? []).map((x) => String(x).toLowerCase()) : [String(f.value).toLowerCase()];
            return v !== '' && want.includes(v);
          }),
        );
      const found = state.contacts.filter(matches).sort((x, y) => x.createdAt - y.createdAt);
      const limit = Math.min(Number(b.limit ?? 10), 200);
      return { status: 200, body: { total: found.length, results: found.slice(0, limit).map(object) } };
    }
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
