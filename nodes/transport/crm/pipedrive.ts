import { adoptByRef } from './adoptByRef';
import { hasRef, requestRefs, withRef } from './crmRef';
import { recoverCreate, retryingCaller, trimSlash, withProgress, type CallOptions } from './http';
import type { CrmAdapter, CrmApplyOptions, CrmHttp, CrmHttpResponse, CrmProgress, CrmRequest, CrmResult, CrmRetry } from './types';

/** Pipedrive API host (or `https://<company>.pipedrive.com`); an emulator in tests. */
export const PIPEDRIVE_API_BASE = 'https://api.pipedrive.com';

/** `error: error_info (errorCode)` of Pipedrive's `{success:false, error, error_info, errorCode}`. */
export function pipedriveErrorMessage(res: CrmHttpResponse): string {
  const b = res.body as { error?: unknown; error_info?: unknown; errorCode?: unknown } | null;
  if (!b || typeof b !== 'object') return typeof res.body === 'string' ? res.body.slice(0, 200) : 'no details';
  return [b.error, b.error_info].filter((x) => typeof x === 'string' && x).join(': ') + (b.errorCode !== undefined ? ` (errorCode ${String(b.errorCode)})` : '');
}

/** `YYYY-MM-DD` and `HH:MM` in UTC (Pipedrive reads due_date/due_time as UTC). */
export function pipedriveDue(at: number): { due_date: string; due_time: string } {
  const iso = new Date(at).toISOString();
  return { due_date: iso.slice(0, 10), due_time: iso.slice(11, 16) };
}

const numeric = (v: string | null | undefined) => (v && /^\d+$/.test(v) ? Number(v) : v ?? undefined);

/** Page size (Pipedrive's v1 maximum) and pages read when looking for an earlier attempt's activity or notes. */
export const PIPEDRIVE_LOOKUP_LIMIT = 500;
export const PIPEDRIVE_LOOKUP_PAGES = 3;

/**
 * Pipedrive v1 (API token; the `x-api-token` header is added by `http`): finds the person with
 * `GET /v1/persons/search` (fields=phone, exact match, one request per number format until a hit)
 * or creates it, sets the lead status custom field (its 40-character key) and owner, adds a `call`
 * (or `task`) activity due at the task's instant and one note per touch.
 * The activity's note and each note's content end with their ref (crmRef). On a re-send, and before
 * re-sending a create whose first attempt may have landed, the person's activities
 * (`GET /v1/persons/{id}/activities`) or notes (`GET /v1/notes?person_id=`, newest first) are read for
 * the ref and a match is taken over instead of creating another.
 * @example pipedriveAdapter({ baseUrl: 'https://api.pipedrive.com' }, http, retry).apply(request)
 */
export function pipedriveAdapter(cfg: { baseUrl?: string }, http: CrmHttp, retry: CrmRetry): CrmAdapter {
  const base = trimSlash(cfg.baseUrl || PIPEDRIVE_API_BASE);
  return {
    provider: 'pipedrive',
    async apply(req: CrmRequest, prior: CrmProgress = {}, options: CrmApplyOptions = {}): Promise<CrmResult> {
      const caller = retryingCaller('pipedrive', http, retry);
      const p: CrmProgress = { ...prior, noteIds: [...(prior.noteIds ?? [])] };
      const refs = requestRefs(req.key, req.notes.length);
      const adopted: string[] = [];
      const call = async (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, o?: CallOptions) => {
        const res = await caller.call(
          {
            method,
            url: `${base}${path}`,
            headers: { Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
            ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          },
          pipedriveErrorMessage,
          o,
        );
        return res.body as { success?: boolean; data?: Record<string, unknown> & { items?: { item: Record<string, unknown> }[] } };
      };
      /** the person's activities or notes holding one of `refs`: ref → id */
      const findByRef = async (kind: 'activities' | 'notes', wanted: string[]): Promise<Map<string, string>> => {
        const found = new Map<string, string>();
        for (let page = 0, start = 0; page < PIPEDRIVE_LOOKUP_PAGES; page++) {
          const q = new URLSearchParams({ ...(kind === 'notes' ? { person_id: p.contactId!, sort: 'id DESC' } : {}), start: String(start), limit: String(PIPEDRIVE_LOOKUP_LIMIT) });
          const path = kind === 'activities' ? `/v1/persons/${encodeURIComponent(p.contactId!)}/activities?${q}` : `/v1/notes?${q}`;
          const r = (await call('GET', path)) as { data?: unknown; additional_data?: { pagination?: { more_items_in_collection?: boolean; next_start?: number } } };
          // Pipedrive answers `data: null` when there is nothing
          for (const x of Array.isArray(r.data) ? (r.data as Record<string, unknown>[]) : []) {
            const text = kind === 'activities' ? x.note : x.content;
            for (const ref of wanted) if (!found.has(ref) && hasRef(text, ref)) found.set(ref, String(x.id));
          }
          const more = r.additional_data?.pagination;
          if (found.size === wanted.length || !more?.more_items_in_collection) break;
          start = more.next_start ?? start + PIPEDRIVE_LOOKUP_LIMIT;
        }
        return found;
      };
      /** recovers a create that may have landed: the activity or note holding `ref`, as Pipedrive's answer */
      const recover = (kind: 'activities' | 'notes', ref: string): CallOptions =>
        recoverCreate(() => adoptByRef((r) => findByRef(kind, r), ref, adopted), (id) => ({ success: true, data: { id: Number(id) } }));
      let createdContact = false;
      try {
        let ownerOnContact: string | null = null;
        const statusFields = req.status ? { [req.status.property]: req.status.value } : {};
        if (!p.contactId) {
          for (const term of req.contact.phoneVariants) {
            const q = new URLSearchParams({ term, fields: 'phone', exact_match: 'true', limit: '10' });
            const r = await call('GET', `/v1/persons/search?${q}`);
            const hit = r.data?.items?.[0]?.item;
            if (hit) {
              p.contactId = String(hit.id);
              p.matched = true;
              const owner = hit.owner as { id?: unknown } | null | undefined;
              ownerOnContact = owner?.id !== undefined && owner?.id !== null ? String(owner.id) : null;
              break;
            }
          }
          if (!p.contactId) {
            const created = await call('POST', '/v1/persons', {
              name: req.contact.name?.trim() || req.contact.phoneVariants[1] || req.contact.phone,
              phone: [{ value: req.contact.phone, primary: true, label: 'mobile' }],
              ...(req.contact.email ? { email: [{ value: req.contact.email, primary: true, label: 'work' }] } : {}),
              ...(req.owner.id ? { owner_id: numeric(req.owner.id) } : {}),
              ...statusFields,
            });
            p.contactId = String(created.data?.id);
            p.matched = false;
            p.updated = true;
            ownerOnContact = req.owner.id;
            createdContact = true;
          }
        }
        const keepOwner = ownerOnContact !== null && !req.owner.overwrite;
        const taskOwner = keepOwner ? ownerOnContact : req.owner.id;
        if (!p.updated) {
          const fields = { ...statusFields, ...(req.owner.id && !keepOwner ? { owner_id: numeric(req.owner.id) } : {}) };
          if (Object.keys(fields).length) await call('PUT', `/v1/persons/${encodeURIComponent(p.contactId)}`, fields);
          p.updated = true;
        }
        const personId = numeric(p.contactId);
        // a re-send looks for what an earlier attempt created (a person created just now has nothing yet)
        const look = options.resend === true && !createdContact;
        if (req.task && !p.taskId && look) {
          const id = await adoptByRef((r) => findByRef('activities', r), refs.task, adopted);
          if (id !== undefined) p.taskId = id;
        }
        if (req.task && !p.taskId) {
          const t = req.task;
          // No priority: POST /v1/activities documents none. API v2 (POST /api/v2/activities) has
          // `priority`, but as an integer option id of the company's activityFields (GET
          // /api/v2/activityFields), not a fixed enum; sending it means moving activities to v2
          // (owner_id, boolean done) and mapping our levels to those options by label.
          const a = await call('POST', '/v1/activities', {
            subject: t.subject,
            type: t.type === 'call' ? 'call' : 'task',
            ...pipedriveDue(t.dueAt),
            person_id: personId,
            ...(taskOwner ? { user_id: numeric(taskOwner) } : {}),
            note: withRef(t.body, refs.task),
            done: 0,
          }, recover('activities', refs.task));
          p.taskId = String(a.data?.id);
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
          const iso = new Date(n.at).toISOString();
          const note = await call('POST', '/v1/notes', { content: withRef(n.body, ref), person_id: personId, add_time: `${iso.slice(0, 10)} ${iso.slice(11, 19)}` }, recover('notes', ref));
          p.noteIds!.push(String(note.data?.id));
        }
        return { provider: 'pipedrive', ...p, ...(adopted.length ? { adopted } : {}), requests: caller.requests };
      } catch (e) {
        throw withProgress(e, p, caller.requests);
      }
    },
  };
}
