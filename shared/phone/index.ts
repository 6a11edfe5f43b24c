export { LINE_TYPES } from './types';
export type { LineType, PhoneInfo } from './types';
export { analyzePhone, type AnalyzePhoneOptions } from './analyzePhone';
export { lineTypeOf } from './lineTypeOf';
export { normalizePhone } from './normalizePhone';
export { regionForNumber, type PhoneRegion } from './regionForNumber';
export { zonesForNumber, type ZoneMode } from './zonesForNumber';
export { NPAS_AHEAD_OF_LIBPHONENUMBER, REGION_PATCHES, TOLL_FREE_NPAS, ZONE_PATCHES, type ZonePatch } from './overlays';
