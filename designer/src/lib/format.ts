import type { Step, StepChannel } from '../../../shared/schema';
import type { ExitKind } from '../graph/types';

export const CHANNEL_LABEL: Record<StepChannel, string> = {
  sms: 'SMS',
  email: 'Email',
  callback_task: 'Callback task',
  notify_agent: 'Agent notification',
};

export const EXIT_LABEL: Record<ExitKind, { title: string; detail: string }> = {
  reply: { title: 'Caller replies', detail: 'Any reply ends the automation; so does a call a person answers' },
  opt_out: { title: 'Opt-out (STOP)', detail: 'Always on: ends everything' },
  booked: { title: 'Appointment booked', detail: 'Booking ends the sequence' },
  crm_status: { title: 'CRM status', detail: 'Ends on these statuses' },
};

/** `45 min`, `2 h`, `1 d 4 h` */
export function formatMinutes(minutes: number): string {
  if (minutes === 0) return 'immediately';
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d ? `${d} d` : '', h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ');
}

/** Edge chip text: `+1 min after call`, `+2 d after previous`. */
export function delayLabel(step: Step): string {
  const after = step.delay.from === 'call' ? 'after call' : 'after previous';
  return step.delay.minutes === 0 ? `immediately ${after}` : `+${formatMinutes(step.delay.minutes)} ${after}`;
}

/** One line of what the step says or does. */
export function stepSummary(step: Step): string {
  switch (step.channel) {
    case 'sms':
      return step.message.text;
    case 'email':
      return step.message.subject;
    case 'callback_task':
      return `${step.message.title}${step.message.queue ? ` → ${step.message.queue}` : ''}`;
    case 'notify_agent':
      return step.message.text;
  }
}
