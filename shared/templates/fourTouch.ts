import type { SequenceTemplate } from '../schema/sequenceTemplate';

/**
 * Four touches over six days: a personal SMS within a minute, a next-day email with the booking link
 * and hours, an agent callback on day 2, and a last check-in SMS on day 6 that says it is the last.
 */
export const fourTouch: SequenceTemplate = {
  schemaVersion: 1,
  id: 'four-touch',
  name: 'Missed call: four touches over six days',
  description: 'SMS within a minute → email next day → agent callback on day 2 → final SMS on day 6.',
  business: {
    name: 'Brightside Plumbing',
    timeZone: 'America/Chicago',
    openingHours: {
      mon: ['07:30-18:00'],
      tue: ['07:30-18:00'],
      wed: ['07:30-18:00'],
      thu: ['07:30-18:00'],
      fri: ['07:30-18:00'],
      sat: ['09:00-13:00'],
      sun: [],
    },
    departments: [
      { id: 'service', name: 'Service', queue: 'service-dispatch', priority: 'high', numbers: ['+15125550142'] },
      { id: 'billing', name: 'Billing', queue: 'billing' },
    ],
    closures: [],
    callbackNumber: '(512) 555-0142',
    callbackLink: 'https://brightside.example.com/book',
    supportEmail: 'help@brightside.example.com',
    industry: 'general',
  },
  language: 'en',
  classification: 'informational',
  consent: { required: 'informational' },
  trigger: {
    classes: ['missed', 'voicemail', 'abandoned'],
    when: 'always',
    firstMessage: {
      voicemail:
        'Hi {{callerFirstName|there}}, thanks for your voicemail to {{businessName}}. {{department|Our team}} is listening to it now and will call you back shortly. Reply here if anything is urgent. Reply STOP to opt out.',
    },
  },
  steps: [
    {
      id: 'sms-first',
      name: 'Instant text-back',
      channel: 'sms',
      delay: { minutes: 1, from: 'call' },
      message: {
        text: 'Hi {{callerFirstName|there}}, this is {{businessName}}. Sorry we missed your call to {{department|our team}}! We will call you back shortly, or reply here with what you need. Reply STOP to opt out.',
        variants: [
          {
            id: 'question',
            weight: 1,
            text: 'Hi {{callerFirstName|there}}, {{businessName}} here. We just missed your call to {{department|our team}}. What can we help with? Reply with a few words and we will call you back. Reply STOP to opt out.',
          },
        ],
      },
    },
    {
      id: 'email-next-day',
      name: 'Next-day email with booking link',
      channel: 'email',
      delay: { minutes: 24 * 60, from: 'call' },
      message: {
        subject: 'Your call to {{businessName}}: pick a time that suits you',
        text: [
          'Hi {{callerFirstName|there}},',
          '',
          'You called {{businessName}} yesterday and we have not caught you yet. Rather than more phone tag, you can choose a time for us to call you: {{callbackLink}}',
          '',
          'Our hours are Mon–Fri 7:30–6 and Sat 9–1. You can also reach us directly at {{callbackNumber}}, or reply to this email with a good time and a few words about the job.',
          '',
          '{{agentName|The team}} at {{businessName}}',
        ].join('\n'),
      },
    },
    {
      id: 'callback-day-2',
      name: 'Agent callback',
      channel: 'callback_task',
      delay: { minutes: 48 * 60, from: 'call' },
      message: {
        title: 'Call back {{callerName|missed caller}} (called {{calledAt}})',
        notes: 'No reply to the text or email yet. Introduce yourself by name and offer the first open slot.',
        dueInMinutes: 240,
        priority: 'high',
      },
    },
    {
      id: 'sms-final',
      name: 'Final check-in',
      channel: 'sms',
      delay: { minutes: 6 * 24 * 60, from: 'call' },
      message: {
        text: 'Hi {{callerFirstName|there}}, {{agentName|the team}} at {{businessName}} checking in one last time about your call. If you still need a hand, book at {{callbackLink}} or reply YES and we will ring you. We will not text again about it.',
      },
    },
  ],
  exit: { onReply: true, onOptOut: true, onBooked: true, crmStatuses: ['booked', 'won', 'do_not_contact'] },
  reentry: { policy: 'after_completion' },
  sendWindow: { respectQuietHours: true, businessHoursOnly: false, holdFirstTouch: false },
};
