import type { CallEvent, MessageClass, MessageEvent } from '../schema/callEvent';
import type { GenericMapping } from './generic';

/** What one webhook delivery means. */
export type ProviderEvent =
  | { kind: 'call'; call: CallEvent }
  | { kind: 'message'; message: MessageEvent }
  /** subscription / URL handshake: answer with `respond` and do nothing else */
  | { kind: 'handshake'; challenge: string; respond: HandshakeResponse }
  /** a well-formed event that says nothing about a missed call (e.g. a call recording, a tag) */
  | { kind: 'ignored'; reason: string };

export interface HandshakeResponse {
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

/** Raw body as received (string) or already parsed by the host (object). */
export type WebhookBody = string | Record<string, unknown>;

export interface ClassifyOptions {
  /** request Content-Type; decides JSON vs form vs JWT before sniffing */
  contentType?: string;
  /** request headers (any case); needed for the RingCentral Validation-Token handshake */
  headers?: Record<string, string | string[] | undefined>;
  /** field mapping for provider `generic` (required there) */
  generic?: GenericMapping;
  /** inbound text → class; default {@link defaultClassifyText} */
  classifyText?: (text: string) => MessageClass;
  /** Zoom webhook secret token, used with `hmacSha256Hex` to answer `endpoint.url_validation` */
  secret?: string;
  /** injected HMAC-SHA256 (hex) — shared code has no crypto; Node passes one built on node:crypto */
  hmacSha256Hex?: (secret: string, text: string) => string;
  /**
   * What Vonage `direction=outbound` legs are on this webhook: `agent` = the connect-to-agent leg
   * of an inbound call (unanswered → missed, cancelled → abandoned), `customer` = calls your side
   * placed (always not_missed; reason `outbound_answered` once answered, else `outbound`). Unset:
   * such legs are `pending` until correlated.
   */
  vonageOutboundLegs?: 'agent' | 'customer';
  /**
   * Twilio: the business's outbound calls use asynchronous answering machine detection
   * (`AsyncAmd=true`). An `in-progress` outbound call without `AnsweredBy` is then provisional
   * (`outbound_awaiting_amd`, not final) until the AsyncAmdStatusCallback verdict or `completed`.
   */
  twilioAsyncAmd?: boolean;
  /**
   * Vonage: the business's outbound calls use machine detection (`machine_detection` or
   * `advanced_machine_detection`). Its `human`/`machine` events are read (unset: ignored), and an
   * answered customer leg (a call-back) is provisional (`outbound_awaiting_amd`, not final) until the verdict or `completed`.
   */
  vonageMachineDetection?: boolean;
  /**
   * Vonage: the connect legs that reach agents on inbound calls use machine detection. An answered
   * agent leg is provisional until the verdict or its end, and a `machine` verdict makes the
   * caller's call a miss (`agent_voicemail`). Unset: an agent's answer is final at once.
   */
  vonageAgentMachineDetection?: boolean;
}

/** One provider adapter: a pure function of the delivery. */
export type ProviderAdapter = (body: WebhookBody, opts: ClassifyOptions) => ProviderEvent;
