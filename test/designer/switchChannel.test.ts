import { describe, expect, it } from 'vitest';
import { switchChannel } from '../../designer/src/graph/switchChannel';
import { parseSequenceTemplate, type Step } from '../../shared/schema';
import { bilingual as bilingualStarter, fourTouch } from '../../shared/templates';

const sms: Step = {
  id: 'sms-2',
  name: 'Second text',
  channel: 'sms',
  delay: { minutes: 1440, from: 'call' },
  onlyIf: { classes: ['missed'] },
  message: { text: 'Hi {{callerFirstName|there}}, {{businessName}} again: still need a hand? Reply here.', variants: [{ id: 'B', weight: 2, text: 'Short version from {{businessName}}.' }] },
};

describe('switchChannel: a step moved to another channel keeps what the user wrote', () => {
  it('SMS → email → SMS keeps the words, variants, name, delay and call classes; email gets a default subject', () => {
    const email = switchChannel(sms, 'email');
    expect(email).toMatchObject({ id: 'sms-2', name: 'Second text', channel: 'email', delay: sms.delay, onlyIf: sms.onlyIf });
    expect(email.channel === 'email' && email.message).toMatchObject({ text: sms.message.text, variants: [{ id: 'B', weight: 2, text: 'Short version from {{businessName}}.' }] });
    expect(email.channel === 'email' && email.message.subject).toBeTruthy();
    expect(switchChannel(email, 'sms')).toEqual(sms);
  });

  it('carries the words into a callback task’s notes and an agent note, and back', () => {
    const task = switchChannel(sms, 'callback_task');
    expect(task.channel === 'callback_task' && task.message).toMatchObject({ notes: sms.message.text });
    expect(task.channel === 'callback_task' && task.message.title).toBeTruthy();
    const note = switchChannel(task, 'notify_agent');
    expect(note.channel === 'notify_agent' && note.message.text).toBe(sms.message.text);
    expect(switchChannel(note, 'sms').message).toEqual({ text: sms.message.text });
  });

  it('keeps translations between SMS and email: the words move, an email translation gets a subject', () => {
    const bilingual: Step = { ...sms, message: { ...sms.message, translations: { es: { text: 'Hola, {{businessName}} otra vez. Responda aquí.' } } } } as Step;
    const email = switchChannel(bilingual, 'email');
    expect(email.channel === 'email' && email.message.translations?.es).toEqual({ subject: (email.channel === 'email' && email.message.subject) || '', text: 'Hola, {{businessName}} otra vez. Responda aquí.' });
    expect(switchChannel(email, 'sms')).toEqual(bilingual);
    // a callback task has no translations
    expect(switchChannel(bilingual, 'callback_task').message).not.toHaveProperty('translations');
  });

  it('gives steps the template schema accepts', () => {
    for (const step of [...fourTouch.steps, ...bilingualStarter.steps]) {
      for (const channel of ['sms', 'email', 'callback_task', 'notify_agent'] as const) {
        const base = fourTouch.steps.includes(step) ? fourTouch : bilingualStarter;
        const steps = base.steps.map((s) => (s.id === step.id ? switchChannel(step, channel) : s));
        const r = parseSequenceTemplate({ ...base, steps });
        expect(r.success, `${step.id} → ${channel}: ${r.success ? '' : JSON.stringify(r.issues[0])}`).toBe(true);
      }
    }
  });
});
