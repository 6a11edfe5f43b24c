import type { Priority } from '../../../shared/schema/sequenceTemplate';
import { adoptByRef } from './adoptByRef';
import { hasRef, requestRefs, withRef } from './crmRef';
import { recoverCreate, retryingCaller, trimSlash, withProgress, type CallOptions } from './http';
import type { CrmAdapter, CrmApplyOptions, CrmHttp, CrmHttpResponse, CrmProgress, CrmRequest, CrmResult, CrmRetry } from './types';

/** HubSpot API host; the credential may point elsewhere (an emulator in tests). */
export const HUBSPOT_API_BASE = 'https://api.hubapi.com';
/** HubSpot-defined association types (v4 ids): task → contact, note → contact. */
export const HUBSPOT_TASK_TO_CONTACT = 204;
export const HUBSPOT_NOTE_TO_CONTACT = 202;

/** Our priorities → `hs_task_priority` (HubSpot has LOW, MEDIUM, HIGH). */
export const HUBSPOT_PRIORITY: Record<Priority, string> = { low: 'LOW', normal: 'MEDIUM', high: 'HIGH', urgent: 'HIGH' };

/** `message (category, correlationId)` of HubSpot's `{status:'error', message, correlationId, category}`. */
export function hubspotErrorMessage(res: CrmHttpResponse): string {
  const b = res.body as { message?: unknown; category?: unknown; correlationId?: unknown } | null;
  if (!b || typeof b !== 'object') return typeof res.body === 'string' ? res.body.slice(0, 200) : 'no details';
  const extra = [b.category, b.correlationId && `correlationId ${String(b.correlationId)}`].filter(Boolean).join(', ');
  return `${typeof b.message === 'string' ? b.message : 'error'}${extra ? ` (${extra})` : ''}`;
}

interface HubSpotObject {
  id: string;
  properties: Record<string, string | null>;
}

/** Filter groups per search request (HubSpot allows 5). */
const GROUPS_PER_SEARCH = 5;

/**
 * HubSpot CRM v3 (private app token; the auth header is added by `http`): finds the contact by
 * `phone` or `mobilephone` (IN over the number's formats, oldest first) or creates it, sets the
 * lead status and owner, creates a task (`hs_timestamp` = due) and notes, both associated with the
 * contact. Everything done is kept in the result / the CrmError's progress.
 * Task and note bodies end with their ref (crmRef). On a re-send, and before re-sending a create
 * whose first attempt may have landed, the ref is searched for among the contact's tasks / notes
 * (`associations.contact` EQ, body CONTAINS_TOKEN the ref, confirmed in the body returned) and a
 * match is taken over instead of creating another.
 * @example hubspotAdapter({ baseUrl: 'https://api.hubapi.com' }, http, retry).apply(request)
 */
export function hubspotAdapter(cfg: { baseUrl?: string }, http: CrmHttp, retry: CrmRetry): CrmAdapter {
  const base = trimSlash(cfg.baseUrl || HUBSPOT_API_BASE);
  return {
    provider: 'hubspot',
    async apply(req: CrmRequest, prior: CrmProgress = {}, options: CrmApplyOptions = {}): Promise<CrmResult> {
      const caller = retryingCaller('hubspot', http, retry);
      const p: CrmProgress = { ...prior, noteIds: [...(prior.noteIds ?? [])] };
      const refs = requestRefs(req.key, req.notes.length);
      const adopted: string[] = [];
      const send = async (method: 'POST' | 'PATCH', path: string, body: unknown, o?: CallOptions) =>
        (await caller.call({ method, url: `${base}${path}`, headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) }, hubspotErrorMessage, o))
          .body as HubSpotObject & { results?: HubSpotObject[] };
      /** the contact's tasks or notes holding one of `refs` (oldest first): ref → id */
      const findByRef = async (kind: 'tasks' | 'notes', wanted: string[]): Promise<Map<string, string>> => {
        const prop = kind === 'tasks' ? 'hs_task_body' : 'hs_note_body';
        const found = new Map<string, string>();
        for (let i = 0; i < wanted.length; i += GROUPS_PER_SEARCH) {
          const chunk = wanted.slice(i, i + GROUPS_PER_SEARCH);
          const r = await send('POST', `/crm/v3/objects/${kind}/search`, {
            filterGroups: chunk.map((ref) => ({
              filters: [
                { propertyName: 'associations.contact', operator: 'EQ', value: p.contactId },
                { propertyName: prop, operator: 'CONTAINS_TOKEN', value: ref },
              ],
            })),
            properties: [prop],
            sorts: [{ propertyName: 'hs_createdate', direction: 'ASCENDING' }],
            limit: 100,
          });
          for (const ref of chunk) {
            const hit = (r.results ?? []).find((x) => hasRef(x.properties?.[prop], ref));
            if (hit && !found.has(ref)) found.set(ref, String(hit.id));
          }
        }
        return found;
      };
      /** recovers a create that may have landed: the object holding `ref`, as HubSpot's answer */
      const recover = (kind: 'tasks' | 'notes', ref: string): CallOptions =>
        recoverCreate(() => adoptByRef((r) => findByRef(kind, r), ref, adopted), (id) => ({ id, properties: {} }));
      let createdContact = false;
      try {
        let ownerOnContact: string | null = null;
        const statusProps = req.status ? { [req.status.property]: req.status.value } : {};
        if (!p.contactId) {
          const found = await send('POST', '/crm/v3/objects/contacts/search', {
            filterGroups: ['phone', 'mobilephone'].map((propertyName) => ({ filters: [{ propertyName, operator: 'IN', values: req.contact.phoneVariants }] })),
            properties: ['phone', 'mobilephone', 'firstname', 'lastname', 'hubspot_owner_id'],
            sorts: [{ propertyName: 'createdate', direction: 'ASCENDING' }],
            limit: 10,
          });
          const hit = found.results?.[0];
          if (hit) {
            p.contactId = String(hit.id);
            p.matched = true;
            ownerOnContact = hit.properties?.hubspot_owner_id || null;
          } else {
            const [first, ...rest] = (req.contact.name ?? '').trim().split(/\s+/).filter(Boolean);
            const created = await send('POST', '/crm/v3/objects/contacts', {
              properties: {
                phone: req.contact.phone,
                ...(first ? { firstname: first } : {}),
                ...(rest.length ? { lastname: rest.join(' ') } : {}),
                ...(req.contact.email ? { email: req.contact.email } : {}),
                ...statusProps,
                ...(req.owner.id ? { hubspot_owner_id: req.owner.id } : {}),
              },
            });
            p.contactId = String(created.id);
            p.matched = false;
            p.updated = true;
            ownerOnContact = req.owner.id;
            createdContact = true;
          }
        }
        const keepOwner = ownerOnContact !== null && !req.owner.overwrite;
        const taskOwner = keepOwner ? ownerOnContact : req.owner.id;
        if (!p.updated) {
          const props = { ...statusProps, ...(req.owner.id && !keepOwner ? { hubspot_owner_id: req.owner.id } : {}) };
          if (Object.keys(props).length) await send('PATCH', `/crm/v3/objects/contacts/${encodeURIComponent(p.contactId)}`, { properties: props });
          p.updated = true;
        }
        const assoc = (typeId: number) => [{ to: { id: p.contactId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId }] }];
        // a re-send looks for what an earlier attempt created (a contact created just now has nothing yet)
        const look = options.resend === true && !createdContact;
        if (req.task && !p.taskId && look) {
          const id = await adoptByRef((r) => findByRef('tasks', r), refs.task, adopted);
          if (id !== undefined) p.taskId = id;
        }
        if (req.task && !p.taskId) {
          const t = req.task;
          const task = await send('POST', '/crm/v3/objects/tasks', {
            properties: {
              hs_timestamp: new Date(t.dueAt).toISOString(),
              hs_task_subject: t.subject,
              hs_task_body: withRef(t.body, refs.task),
              hs_task_status: 'NOT_STARTED',
              hs_task_priority: HUBSPOT_PRIORITY[t.priority],
              hs_task_type: t.type === 'call' ? 'CALL' : 'TODO',
              ...(taskOwner ? { hubspot_owner_id: taskOwner } : {}),
              ...(req.owner.queue ? { hs_queue_membership_ids: req.owner.queue } : {}),
            },
            associations: assoc(HUBSPOT_TASK_TO_CONTACT),
          }, recover('tasks', refs.task));
          p.taskId = String(task.id);
        }
        const notesFound = look && p.noteIds!.length < req.notes.length ? await findByRef('notes', refs.notes.slice(p.noteIds!.length)) : new Map<string, string>();
        for (let i = p.noteIds!.length; i < req.notes.length; i++) {
          const n = req.notes[i]!;
          const ref = refs.notes[i]!;
          const id = notesFound.get(ref);
          if (id !== undefined) {
            p.noteIds!.push(id);
            adopted.push(id);
            continue;
          }
          const note = await send('POST', '/crm/v3/objects/notes', {
            properties: { hs_timestamp: new Date(n.at).toISOString(), hs_note_body: withRef(n.body, ref), ...(taskOwner ? { hubspot_owner_id: taskOwner } : {}) },
            associations: assoc(HUBSPOT_NOTE_TO_CONTACT),
          }, recover('notes', ref));
          p.noteIds!.push(String(note.id));
        }
        return { provider: 'hubspot', ...p, ...(adopted.length ? { adopted } : {}), requests: caller.requests };
      } catch (e) {
        throw withProgress(e, p, caller.requests);
      }
    },
  };
}
