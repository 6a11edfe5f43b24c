export { renderTemplate } from './renderTemplate';
export { formatCalledAt } from './formatCalledAt';
export { businessZoneSuffix } from './businessZoneSuffix';
export type { RenderOptions, RenderResult, TemplateValue, TemplateValues } from './renderTemplate';
export {
  DEFAULT_FALLBACKS,
  DEFAULT_FALLBACKS_BY_LANGUAGE,
  DEFAULT_MAX_VALUE_LENGTH,
  KNOWN_PLACEHOLDERS,
  MAX_VALUE_LENGTHS,
  placeholdersIn,
} from './placeholders';
export type { KnownPlaceholder } from './placeholders';
export { ELLIPSIS, sanitizeValue, truncate } from './sanitizeValue';
export { gsmSeptets, smsEncoding } from './smsEncoding';
export type { SmsEncodingName, SmsEncodingResult } from './smsEncoding';
export { foldToGsm, smsTextAsSent } from './foldToGsm';
export { personName } from './personName';
export { firstName } from './firstName';
