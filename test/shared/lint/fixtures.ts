import type { SequenceTemplateInput } from '../../../shared/schema';

/** A clean three-touch template (no diagnostics); tests mutate a fresh copy. */
export function cleanTemplate(): Omit<SequenceTemplateInput, 'steps'> & { steps: any[] } {
  return {
    schemaVersion: 1,
    id: 'test-seq',
    name: 'Test sequence',
    business: {
      name: 'Acme Dental',
      timeZone: 'America/New_York',
      departments: [{ id: 'front', name: 'Front desk', queue: 'front-desk' }],
      callbackNumber: '(212) 555-0100',
      callbackLink: 'https://acme.example.com/book',
    },
    steps: [
      {
        id: 's1',
        channel: 'sms',
        delay: { minutes: 1, from: 'call' },
        message: {
          text: 'Hi {{callerFirstName|there}}, this is {{businessName}}. We will call you back shortly, or reply here with what you need. Reply STOP to opt out.',
        },
      },
      {
        id: 'e1',
        channel: 'email',
        delay: { minutes: 1440, from: 'call' },
        message: {
          subject: 'Your call to {{businessName}}',
          text: 'Pick a time that suits you for a call from {{department|our team}}: {{callbackLink}}. Open weekdays 8 to 5.',
        },
      },
      {
        id: 'c1',
        channel: 'callback_task',
        delay: { minutes: 2880, from: 'call' },
        message: { title: 'Call back {{callerName|caller}}' },
      },
    ],
  };
}
