import type { Step, StepChannel } from '../../../shared/schema';
import { newStep } from './newStep';

/** The words a step's message holds: the text of an SMS, email or agent note, a callback task's notes. */
function wordsOf(step: Step): string | undefined {
  return step.channel === 'callback_task' ? step.message.notes : step.message.text;
}

/**
 * The step on another channel, keeping what the user wrote: its name, delay, call classes, its words
 * (SMS text ↔ email body ↔ agent note ↔ callback notes) and its A/B variants between SMS and email;
 * what the new channel needs besides (a subject, a task title) comes from the palette's defaults.
 * @example switchChannel(smsStep, 'email').message.text === smsStep.message.text
 */
export function switchChannel(step: Step, channel: StepChannel): Step {
  if (step.channel === channel) return step;
  const fresh = newStep(channel, step.id);
  const words = wordsOf(step);
  const variants = step.channel === 'sms' || step.channel === 'email' ? step.message.variants?.map((v) => ({ id: v.id, weight: v.weight, text: v.text })) : undefined;
  let message: Step['message'] = fresh.message;
  if (words) message = channel === 'callback_task' ? { ...message, notes: words } : { ...message, text: words };
  if (variants?.length && (channel === 'sms' || channel === 'email')) message = { ...message, variants };
  return { ...fresh, name: step.name ?? fresh.name, delay: step.delay, ...(step.onlyIf ? { onlyIf: step.onlyIf } : {}), message } as Step;
}
