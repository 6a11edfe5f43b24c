import type { Step, StepChannel } from '../../../shared/schema';
import { newStep } from './newStep';

/** The words a step's message holds: the text of an SMS, email or agent note, a callback task's notes. */
function wordsOf(step: Step): string | undefined {
  return step.channel === 'callback_task' ? step.message.notes : step.message.text;
}

/**
 * The step on another channel, keeping what the user wrote: its name, delay, call classes, its words
 * (SMS text ↔ email body ↔ agent note ↔ callback notes), its A/B variants and translations between SMS and email;
 * what the new channel needs besides (a subject, a task title) comes from the palette's defaults.
 * @example switchChannel(smsStep, 'email').message.text === smsStep.message.text
 */
export function switchChannel(step: Step, channel: StepChannel): Step {
  if (step.channel === channel) return step;
  const fresh = newStep(channel, step.id);
  const words = wordsOf(step);
  const variants = step.channel === 'sms' || step.channel === 'email' ? step.message.variants?.map((v) => ({ id: v.id, weight: v.weight, text: v.text })) : undefined;
  const translations = step.channel === 'sms' || step.channel === 'email' ? step.message.translations : undefined;
  let message: Step['message'] = fresh.message;
  if (words) message = channel === 'callback_task' ? { ...message, notes: words } : { ...message, text: words };
  if (variants?.length && (channel === 'sms' || channel === 'email')) message = { ...message, variants };
  // translations between SMS and email: the words move; an email's subject in that language keeps the one
  // it had, else starts from the (new) subject, for the user to translate
  if (translations && (channel === 'sms' || channel === 'email')) {
    const subject = (fresh.message as { subject?: string }).subject ?? '';
    const moved = Object.fromEntries(
      Object.entries(translations).map(([lang, t]) => [lang, channel === 'sms' ? { text: t!.text } : { subject: (t as { subject?: string }).subject ?? subject, text: t!.text }]),
    );
    if (Object.keys(moved).length) message = { ...message, translations: moved } as Step['message'];
  }
  return { ...fresh, name: step.name ?? fresh.name, delay: step.delay, ...(step.onlyIf ? { onlyIf: step.onlyIf } : {}), message } as Step;
}
