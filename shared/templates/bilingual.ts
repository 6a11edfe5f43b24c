import type { SequenceTemplate } from '../schema/sequenceTemplate';

/**
 * English and Spanish: callers of the Spanish line (its department's language) get every text in
 * Spanish, and their callback goes to the Spanish-speaking queue. The Spanish texts keep to the GSM
 * alphabet (no á, í, ó, ú), so they cost as many segments as the English ones; `keepSmsInGsm7` keeps
 * them there when a date (`el sábado`) or a caller's name (`María`) brings in such a letter.
 */
export const bilingual: SequenceTemplate = {
  schemaVersion: 1,
  id: 'bilingual',
  name: 'Missed call in English or Spanish',
  description: 'SMS within a minute → email next day → callback on day 2 → final SMS on day 5; callers of the Spanish line get Spanish.',
  business: {
    name: 'Casa Verde Landscaping',
    timeZone: 'America/Chicago',
    openingHours: {
      mon: ['08:00-18:00'],
      tue: ['08:00-18:00'],
      wed: ['08:00-18:00'],
      thu: ['08:00-18:00'],
      fri: ['08:00-18:00'],
      sat: ['09:00-14:00'],
      sun: [],
    },
    departments: [
      { id: 'office', name: 'Office', queue: 'office', numbers: ['+17135550140'] },
      { id: 'espanol', name: 'Español', queue: 'espanol', language: 'es', numbers: ['+17135550141'] },
    ],
    closures: [],
    callbackNumber: '(713) 555-0140',
    callbackLink: 'https://casaverde.example.com/cita',
    supportEmail: 'hola@casaverde.example.com',
    industry: 'general',
  },
  language: 'en',
  keepSmsInGsm7: true,
  classification: 'informational',
  consent: { required: 'informational' },
  trigger: {
    classes: ['missed', 'voicemail', 'abandoned'],
    when: 'always',
    firstMessage: {
      voicemail: 'Hi {{callerFirstName|there}}, thanks for your voicemail to {{businessName}}. We will call you back shortly; reply here if it is urgent. Reply STOP to opt out.',
    },
    firstMessageTranslations: {
      es: {
        voicemail: 'Hola {{callerFirstName}}, gracias por su mensaje de voz a {{businessName}}. Le llamaremos pronto; si es urgente, responda a este mensaje. Responda STOP para no recibir mensajes.',
      },
    },
  },
  steps: [
    {
      id: 'sms-first',
      name: 'Instant text-back',
      channel: 'sms',
      delay: { minutes: 1, from: 'call' },
      message: {
        text: 'Hi {{callerFirstName|there}}, this is {{businessName}}. We could not pick up your call to {{department|our office}} and will call you back shortly, or reply here with what you need. Reply STOP to opt out.',
        translations: {
          es: { text: 'Hola {{callerFirstName}}, le escribe {{businessName}}. No pudimos atender su llamada; le llamaremos pronto, o responda a este mensaje con lo que necesita. Responda STOP para no recibir mensajes.' },
        },
      },
    },
    {
      id: 'email-next-day',
      name: 'Next-day email with booking link',
      channel: 'email',
      delay: { minutes: 24 * 60, from: 'call' },
      message: {
        subject: 'Your call to {{businessName}}: pick a time for a free estimate',
        text: [
          'Hi {{callerFirstName|there}},',
          '',
          'You called {{businessName}} yesterday and we have not reached you yet. Choose a time for a free estimate here: {{callbackLink}}',
          '',
          'Or call us at {{callbackNumber}}, or reply to this email with a good time.',
          '',
          '{{agentName|The team}} at {{businessName}}',
        ].join('\n'),
        translations: {
          es: {
            subject: 'Su llamada a {{businessName}}: elija un horario para un presupuesto gratis',
            text: [
              'Hola {{callerFirstName}}:',
              '',
              'Ayer llamó a {{businessName}} y todavía no hemos podido hablar con usted. Elija un horario para un presupuesto gratis aquí: {{callbackLink}}',
              '',
              'También puede llamarnos al {{callbackNumber}} o responder a este correo con la hora que le convenga.',
              '',
              '{{agentName|El equipo}} de {{businessName}}',
            ].join('\n'),
          },
        },
      },
    },
    {
      id: 'callback-day-2',
      name: 'Agent callback',
      channel: 'callback_task',
      delay: { minutes: 48 * 60, from: 'call' },
      message: {
        title: 'Call back {{callerName|missed caller}} ({{department|Office}} line, called {{calledAt}})',
        notes: 'No reply yet. Callers of the Spanish line are routed to the Spanish-speaking queue: greet them in Spanish.',
        dueInMinutes: 240,
        priority: 'high',
      },
    },
    {
      id: 'sms-final',
      name: 'Final check-in',
      channel: 'sms',
      delay: { minutes: 5 * 24 * 60, from: 'call' },
      message: {
        text: 'Hi {{callerFirstName|there}}, {{businessName}} checking in one last time about your call. We open {{nextOpening}}. Book a visit at {{callbackLink}} or reply YES and we will call. We will not text again about it.',
        translations: {
          es: { text: 'Hola {{callerFirstName}}, {{businessName}} le escribe para cerrar el tema de su llamada. Abrimos {{nextOpening}}. Reserve una visita en {{callbackLink}} o responda a este mensaje y le llamamos. No le escribiremos de nuevo.' },
        },
      },
    },
  ],
  exit: { onReply: true, onOptOut: true, onBooked: true, crmStatuses: ['booked', 'won', 'do_not_contact'] },
  reentry: { policy: 'after_completion' },
  sendWindow: { respectQuietHours: true, businessHoursOnly: false, holdFirstTouch: false },
};
