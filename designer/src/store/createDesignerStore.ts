import type { DesignerDoc } from '../graph/types';
import { AUTOSAVE_KEY, serializeDoc, type KeyValueStorage } from './autosave';
import { initialState, reduce, type DesignerAction, type DesignerState } from './reducer';

export interface DesignerStoreOptions {
  /** where autosave writes; none → no autosave */
  storage?: KeyValueStorage;
  storageKey?: string;
  /** debounce of autosave writes; 0 writes synchronously on every document change */
  autosaveDelayMs?: number;
}

export interface DesignerStore {
  getState(): DesignerState;
  subscribe(listener: () => void): () => void;
  dispatch(action: DesignerAction): void;
  /** writes a pending autosave now */
  flushAutosave(): void;
  canUndo(): boolean;
  canRedo(): boolean;
}

/**
 * The designer's only mutable state: a reducer over {@link DesignerState} with undo/redo history and
 * debounced autosave of the document. Shaped for `useSyncExternalStore`.
 *
 * @example
 * const store = createDesignerStore(templateToGraph(fourTouch), { storage: localStorage });
 * store.dispatch({ type: 'layout' }); store.dispatch({ type: 'undo' });
 */
export function createDesignerStore(initial: DesignerDoc, opts: DesignerStoreOptions = {}): DesignerStore {
  let state = initialState(initial);
  const listeners = new Set<() => void>();
  const delay = opts.autosaveDelayMs ?? 400;
  const key = opts.storageKey ?? AUTOSAVE_KEY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let savedDoc: DesignerDoc | null = null;

  const save = () => {
    timer = null;
    if (!opts.storage || savedDoc === state.doc) return;
    savedDoc = state.doc;
    try {
      opts.storage.setItem(key, serializeDoc(state.doc));
    } catch {
      // quota exceeded or storage disabled: the designer keeps working without autosave
    }
  };

  const scheduleSave = () => {
    if (!opts.storage) return;
    if (delay <= 0) return save();
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(save, delay);
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispatch(action) {
      const next = reduce(state, action);
      if (next === state) return;
      const docChanged = next.doc !== state.doc;
      state = next;
      if (docChanged) scheduleSave();
      listeners.forEach((l) => l());
    },
    flushAutosave() {
      if (timer !== null) clearTimeout(timer);
      save();
    },
    canUndo: () => state.past.length > 0,
    canRedo: () => state.future.length > 0,
  };
}
