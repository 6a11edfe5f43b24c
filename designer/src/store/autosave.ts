import type { DesignerDoc } from '../graph/types';

/** Versioned key: bump the suffix when `DesignerDoc` changes shape, old saves are then ignored. */
export const AUTOSAVE_KEY = 'missed-call-designer:doc:v1';
export const AUTOSAVE_VERSION = 1;

/** The part of `Storage` the designer uses (so tests can pass a plain object). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

interface SavedDoc {
  version: typeof AUTOSAVE_VERSION;
  doc: DesignerDoc;
}

/** What is worth keeping of a document: no selection, measurements or drag state. */
export function serializeDoc(doc: DesignerDoc): string {
  const saved: SavedDoc = {
    version: AUTOSAVE_VERSION,
    doc: {
      meta: doc.meta,
      nodes: doc.nodes.map(({ id, type, position, data, deletable }) => ({ id, type, position, data, ...(deletable === false ? { deletable } : {}) }) as DesignerDoc['nodes'][number]),
      edges: doc.edges.map(({ id, source, target, sourceHandle, type, data, deletable, selectable }) => ({
        id, source, target, type, data,
        ...(sourceHandle ? { sourceHandle } : {}),
        ...(deletable === false ? { deletable } : {}),
        ...(selectable === false ? { selectable } : {}),
      })),
      ...(doc.offeredHolidays?.length ? { offeredHolidays: doc.offeredHolidays } : {}),
    },
  };
  return JSON.stringify(saved);
}

const isIsoDate = (d: unknown) => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d);

/**
 * The saved document, or null when there is none, it is corrupt, or it has another version.
 * A malformed `offeredHolidays` is dropped (the picker then offers every holiday afresh).
 */
export function parseSavedDoc(text: string | null): DesignerDoc | null {
  if (text === null) return null;
  try {
    const saved = JSON.parse(text) as Partial<SavedDoc>;
    const doc = saved.doc;
    if (saved.version !== AUTOSAVE_VERSION || !doc || !Array.isArray(doc.nodes) || !Array.isArray(doc.edges) || typeof doc.meta !== 'object' || doc.meta === null) return null;
    const wellFormed = doc.nodes.every((n) => typeof n?.id === 'string' && typeof n.position?.x === 'number' && typeof n.position?.y === 'number' && typeof n.data === 'object')
      && doc.edges.every((e) => typeof e?.id === 'string' && typeof e.source === 'string' && typeof e.target === 'string');
    if (!wellFormed) return null;
    if (doc.offeredHolidays === undefined || (Array.isArray(doc.offeredHolidays) && doc.offeredHolidays.every(isIsoDate))) return doc;
    const { offeredHolidays: _bad, ...rest } = doc;
    return rest;
  } catch {
    return null;
  }
}

export function loadAutosave(storage: KeyValueStorage, key = AUTOSAVE_KEY): DesignerDoc | null {
  try {
    return parseSavedDoc(storage.getItem(key));
  } catch {
    return null;
  }
}
