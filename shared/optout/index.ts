export { classifyInbound } from './classifyInbound';
export { parseReturnDate } from './parseReturnDate';
export type { ReturnDateOptions } from './parseReturnDate';
export { normalizeInbound } from './normalizeInbound';
export type { NormalizedInbound } from './normalizeInbound';
export { FCC_REVOCATION_WORDS, FILLERS, HELP_PHRASES, START_PHRASES, STOP_PHRASES } from './keywords';
export { helpResponse, stopConfirmation } from './confirmations';
export type { HelpResponseInput } from './confirmations';
export type { AutoReplyRule, ClassifyOptions, InboundClass, StopRule } from './types';
