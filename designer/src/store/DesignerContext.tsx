import { createContext, useContext, useSyncExternalStore } from 'react';
import type { DesignerStore } from './createDesignerStore';
import type { DesignerState } from './reducer';

export const DesignerStoreContext = createContext<DesignerStore | null>(null);

export function useDesignerStore(): DesignerStore {
  const store = useContext(DesignerStoreContext);
  if (!store) throw new Error('useDesignerStore must be used inside <DesignerStoreContext.Provider>');
  return store;
}

/** Subscribes to one slice of the designer state (return stable references from `selector`). */
export function useDesigner<T>(selector: (s: DesignerState) => T): T {
  const store = useDesignerStore();
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()));
}
