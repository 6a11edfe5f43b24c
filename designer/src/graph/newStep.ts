import type { Step, StepChannel } from '../../../shared/schema';

/** Palette entries: the four channels plus a preset "Final check-in" SMS. */
export const PALETTE_KINDS = ['sms', 'email', 'callback_task', 'notify_agent', 'final'] as const;
export type PaletteKind = (typeof PALETTE_KINDS)[number];

export const FINAL_ROLE = 'final_check_in';

/** True for a step created as (or marked) the final check-in. */
export function isFinalCheckIn(step: Step): boolean {
  return step.meta?.role === FINAL_ROLE;
}

export function channelOfKind(kind: PaletteKind): StepChannel {
  return kind === 'final' ? 'sms' : kind;
}

/** An id not in `taken`: `sms-1`, `sms-2`, … */
export function freshStepId(prefix: string, taken: ReadonlySet<string>): string {
  const base = prefix.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 56) || 'step';
  for (let i = 1; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/**
 * A sensible first draft of a step for each palette kind: timed from the previous step, with a
 * message that already names the business and offers a next step.
 */
export function newStep(kind: PaletteKind, id: string): Step {
  switch (kind) {
    case 'sms':
      return { id, name: 'Text follow-up', channel: 'sms', delay: { minutes: 60, from: 'previous' }, message: { text: 'Hi {{callerFirstName}}, {{businessName}} here. Still happy to help: reply to this text or call {{callbackNumber}}.' } };
    case 'final':
      return { id, name: 'Final check-in', channel: 'sms', delay: { minutes: 2880, from: 'previous' }, meta: { role: FINAL_ROLE }, message: { text: 'Hi {{callerFirstName}}, last note from {{businessName}}: if you still need us, reply or book at {{callbackLink}}. We won\'t text again about this call.' } };
    case 'email':
      return { id, name: 'Email follow-up', channel: 'email', delay: { minutes: 120, from: 'previous' }, message: { subject: 'Sorry we missed your call — {{businessName}}', text: 'Hi {{callerFirstName}},\n\nWe missed your call to {{businessName}}. Reply to this email or call us at {{callbackNumber}} and we will take it from there.\n\n— {{businessName}}' } };
    case 'callback_task':
      return { id, name: 'Call back', channel: 'callback_task', delay: { minutes: 10, from: 'previous' }, message: { title: 'Call back {{callerName}} about their missed call', queue: 'front-desk', priority: 'high', dueInMinutes: 30 } };
    case 'notify_agent':
      return { id, name: 'Alert the team', channel: 'notify_agent', delay: { minutes: 0, from: 'previous' }, message: { text: 'Missed call from {{callerName}} ({{department}}) at {{calledAt}}.' } };
  }
}
