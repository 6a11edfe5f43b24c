export { createDesignerStore } from './createDesignerStore';
export type { DesignerStore, DesignerStoreOptions } from './createDesignerStore';
export { reduce, initialState, HISTORY_LIMIT } from './reducer';
export type { DesignerAction, DesignerState } from './reducer';
export { AUTOSAVE_KEY, AUTOSAVE_VERSION, loadAutosave, parseSavedDoc, serializeDoc } from './autosave';
export type { KeyValueStorage } from './autosave';
export { DEFAULT_REENTRY_DAYS, editMeta, freshDepartmentId } from './editMeta';
export type { MetaAction, ReentryPolicy } from './editMeta';
