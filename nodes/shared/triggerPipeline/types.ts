import type { CallEvent, Provider } from '../../../shared/schema/callEvent';
import type { EnrollingCallClass, Language } from '../../../shared/schema/sequenceTemplate';
import { MAX_CONVERSATION_WINDOW_DAYS } from '../../ledger/conversationWindow';
import type { EnrolledTemplate } from './enrolledTemplate';

/** What the trigger answers the phone system. */
export interface HttpReply {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

/** Stable reasons a call is recorded but not enrolled (Filtered output, audit `missed_call_filtered`). */
export const FILTER_REASONS = [
  'NOT_INBOUND',
  'CLASS_NOT_SELECTED',
  'NO_CALLER_NUMBER',
  'IGNORED_NUMBER',
  'RING_TOO_SHORT',
  'OUTSIDE_CALENDAR',
  'REPEAT_CALLER',
  'NOT_MOBILE',
  'ENROLLMENT_DUPLICATE_CALL',
  'ENROLLMENT_ACTIVE_ENROLLMENT',
  'ENROLLMENT_IN_CONVERSATION',
  'ENROLLMENT_REENTRY_BLOCKED',
  'ENROLLMENT_OPTED_OUT',
  /** the sequence template does not load (invalid JSON, lint errors, an unreachable URL): the call is audited, not enrolled */
  'TEMPLATE_INVALID',
] as const;
export type FilterReason = (typeof FILTER_REASONS)[number];

/** Hours after a caller's reply or answered call during which a new missed call of theirs starts no sequence (a person is talking with them). */
export const DEFAULT_CONVERSATION_HOURS = 24;
/** The longest window the ledger takes (720 h, 30 days): retention keeps a conversation at least that long. */
export const MAX_CONVERSATION_HOURS = MAX_CONVERSATION_WINDOW_DAYS * 24;

/** When calls may enroll: the template's `trigger.when`, or an override. */
export type CalendarMode = 'template' | 'always' | 'open_hours' | 'after_hours';

/** The trigger's parameters, read once per request. */
export interface TriggerConfig {
  provider: Provider;
  classes: EnrollingCallClass[];
  inboundOnly: boolean;
  minRingSeconds: number;
  mobileOnly: boolean;
  /** ask Twilio Lookup v2 for the line type (needs the Twilio credential) */
  lookupLineType: boolean;
  calendar: CalendarMode;
  /** E.164 numbers never enrolled (internal lines, known spam) */
  ignoreNumbers: string[];
  repeatCallerMinutes: number;
  /** a caller who replied (text or email) or spoke with a person on a call within this many hours is in a conversation with a person: not enrolled (0 = off) */
  conversationHours: number;
  settleSeconds: number;
  /** accepted age of a signed timestamp / JWT `iat` (Zoom, Dialpad, Vonage); default 300 s */
  replayWindowSeconds?: number;
  /** ISO 3166 alpha-2 for national numbers (Aircall raw digits etc.) */
  defaultCountry: string;
  /** Twilio: outbound calls use asynchronous AMD (ClassifyOptions.twilioAsyncAmd) */
  twilioAsyncAmd?: boolean;
  /** Vonage: outbound calls use machine detection (ClassifyOptions.vonageMachineDetection) */
  vonageMachineDetection?: boolean;
  /** Vonage: inbound calls' connect legs to agents use machine detection (ClassifyOptions.vonageAgentMachineDetection) */
  vonageAgentMachineDetection?: boolean;
  /** the trigger instance: `<workflow id>:<node id>` (stored with parked calls) */
  scope: string;
}

/** How the trigger decided that a call is over. */
export type FiredVia = 'final' | 'settled';

/** A call whose class is decided and that claimed `call:<provider>:<callId>`. */
export interface DecidedCall {
  call: CallEvent;
  via: FiredVia;
  /** instant the call is dated at (start, else end, else first receipt), epoch ms */
  callAt: number;
}

export interface CallerInfo {
  phone: string;
  masked: string;
  lineType?: string;
}

export interface EnrolledItem {
  call: CallEvent;
  enrollment: { id: string; templateId: string; created: true };
  /** the caller (named `contact`: n8n's expression sandbox forbids the property name "caller"), with the language their texts go out in */
  contact: CallerInfo & { language: Language };
  firstTouch: { id: string; stepId: string; dueAt: string; channel: string | null; enrollmentId: string } | null;
  /** what the Consent Gate reads of the template (From Item classification, consent.required, sendWindow); absent only when a re-emitted enrollment's stored template no longer parses */
  template?: EnrolledTemplate;
  correlation: { via: FiredVia };
  /** set when a repeated delivery re-emits an enrollment whose first touch never left `pending` (reemitPending) */
  reemitted?: { reason: 'FIRST_TOUCH_PENDING'; enrolledAt: string };
}

export interface FilteredItem {
  call: CallEvent;
  filtered: { reason: FilterReason; detail: string };
  enrollment?: { id: string | null; templateId: string; created: false; reason: string };
  contact: CallerInfo | null;
  correlation: { via: FiredVia };
}
