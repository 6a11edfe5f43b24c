import { z } from 'zod/v4';

/** Phone systems the trigger understands; one adapter file each. */
export const PROVIDERS = ['twilio', 'aircall', 'ringcentral', 'dialpad', 'vonage', 'zoom', 'generic'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** What one call event says about the call. `pending`: this event alone does not decide. */
export const CALL_CLASSES = ['missed', 'voicemail', 'abandoned', 'not_missed', 'pending'] as const;
export type CallClass = (typeof CALL_CLASSES)[number];

export const MESSAGE_CLASSES = ['reply', 'opt_out', 'opt_in', 'help'] as const;
export type MessageClass = (typeof MESSAGE_CLASSES)[number];

const isoInstant = z.iso.datetime({ offset: true });

/** The one normalized call event every provider adapter maps to. */
export const callEventSchema = z.object({
  schemaVersion: z.literal(1),
  provider: z.enum(PROVIDERS),
  /** provider event name, e.g. `call.ended` or `no-answer` */
  eventType: z.string(),
  /** stable id of the call across all of its events (the dedupe/correlation key) */
  callId: z.string().min(1),
  direction: z.enum(['inbound', 'outbound', 'unknown']),
  /** caller; E.164 when it parses, else as the provider sent it (may be `anonymous`) */
  from: z.string(),
  /** number or line that was called */
  to: z.string(),
  class: z.enum(CALL_CLASSES),
  /** why, in the provider's own terms normalized to snake_case: no_answer, busy, voicemail_left,
   * abandoned_in_ivr, abandoned_in_queue, short_abandoned, no_available_agent, out_of_opening_hours… */
  reason: z.string().nullable(),
  /** true when no later event of this call can change the class */
  final: z.boolean(),
  startedAt: isoInstant.nullable(),
  endedAt: isoInstant.nullable(),
  ringSeconds: z.number().nonnegative().nullable(),
  durationSeconds: z.number().nonnegative().nullable(),
  /** line, queue, team or department name the caller dialled, when the provider tells */
  department: z.string().nullable(),
  callerName: z.string().nullable(),
  voicemailUrl: z.string().nullable(),
});
export type CallEvent = z.infer<typeof callEventSchema>;

/** An inbound text (SMS or provider message event). */
export const messageEventSchema = z.object({
  schemaVersion: z.literal(1),
  provider: z.enum(PROVIDERS),
  eventType: z.string(),
  messageId: z.string().min(1),
  from: z.string(),
  to: z.string(),
  text: z.string(),
  class: z.enum(MESSAGE_CLASSES),
  receivedAt: isoInstant.nullable(),
});
export type MessageEvent = z.infer<typeof messageEventSchema>;
