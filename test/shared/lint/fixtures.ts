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

/** Clean texts for `cleanTemplate`'s steps in other languages: `translations` of the SMS and the email. */
export const ES_SMS = 'Hola {{callerFirstName}}, le habla {{businessName}}. Le llamaremos pronto, o responda aquí con lo que necesite. Responda STOP para no recibir más mensajes.';
export const ES_EMAIL = {
  subject: 'Su llamada a {{businessName}}',
  text: 'Elija una hora para que {{department|nuestro equipo}} le llame: {{callbackLink}}. Abrimos de lunes a viernes de 8 a 5.',
};
export const FR_SMS = 'Bonjour {{callerFirstName}}, ici {{businessName}}. Nous vous rappellerons bientôt, ou répondez à ce message. Répondez STOP pour vous désabonner.';
export const FR_EMAIL = {
  subject: 'Votre appel à {{businessName}}',
  text: 'Choisissez une heure pour un appel de {{department|notre équipe}} : {{callbackLink}}. Ouvert en semaine de 8 h à 17 h.',
};
