import type { SequenceTemplate } from '../schema/sequenceTemplate';

/**
 * Informational-only follow-up for a clinic. No PHI: texts never name the caller, a reason for the
 * visit or a condition; they only say the clinic is returning a call. Callbacks do the real work.
 */
export const healthcareInformational: SequenceTemplate = {
  schemaVersion: 1,
  id: 'healthcare-informational',
  name: 'Clinic: return missed calls (no PHI)',
  description: 'Informational texts that carry no health information; two callback attempts by the front desk.',
  business: {
    name: 'Lakeview Family Clinic',
    timeZone: 'America/New_York',
    openingHours: {
      mon: ['08:00-12:00', '13:00-17:00'],
      tue: ['08:00-12:00', '13:00-17:00'],
      wed: ['08:00-12:00', '13:00-17:00'],
      thu: ['08:00-12:00', '13:00-17:00'],
      fri: ['08:00-12:00', '13:00-16:00'],
      sat: [],
      sun: [],
    },
    departments: [
      { id: 'front-desk', name: 'Front desk', queue: 'front-desk', priority: 'high' },
      { id: 'billing', name: 'Billing office', queue: 'billing-office' },
    ],
    closures: [],
    callbackNumber: '(614) 555-0119',
    industry: 'healthcare',
  },
  language: 'en',
  classification: 'informational',
  consent: { required: 'informational' },
  trigger: { classes: ['missed', 'voicemail', 'abandoned'], when: 'always' },
  steps: [
    {
      id: 'sms-returning-call',
      name: 'We will call you back',
      channel: 'sms',
      delay: { minutes: 1, from: 'call' },
      message: {
        text: 'This is {{businessName}}. We could not take your call just now; our {{department|front desk}} will call you back during office hours, or you can call us at {{callbackNumber}}. In an emergency, dial 911. Reply STOP to opt out.',
      },
    },
    {
      id: 'callback-same-day',
      name: 'Front desk callback',
      channel: 'callback_task',
      delay: { minutes: 2, from: 'call' },
      message: {
        title: 'Return missed call from {{calledAt}}',
        notes: 'Verify identity before discussing anything. Do not leave health details in voicemail.',
        dueInMinutes: 120,
        priority: 'high',
      },
    },
    {
      id: 'sms-next-day',
      name: 'Ways to reach us',
      channel: 'sms',
      delay: { minutes: 24 * 60, from: 'call' },
      message: {
        text: '{{businessName}}: we tried to return your call and missed you. Reply with a day and time that works and the {{department|front desk}} will call you then (Mon-Fri, 8 to 5).',
      },
    },
    {
      id: 'callback-second-try',
      name: 'Second callback attempt',
      channel: 'callback_task',
      delay: { minutes: 48 * 60, from: 'call' },
      message: {
        title: 'Second attempt: missed call from {{calledAt}}',
        notes: 'Second try. If no answer, leave a short message with the clinic name and number only.',
        dueInMinutes: 240,
        priority: 'normal',
      },
    },
    {
      id: 'sms-final',
      name: 'Closing note',
      channel: 'sms',
      delay: { minutes: 5 * 24 * 60, from: 'call' },
      message: {
        text: 'This is the last automated message from {{businessName}} about your recent call. Whenever you are ready, call us at {{callbackNumber}}; we are glad to help.',
      },
    },
  ],
  exit: { onReply: true, onOptOut: true, onBooked: true, crmStatuses: ['scheduled', 'do_not_contact'] },
  reentry: { policy: 'after_days', days: 14 },
  sendWindow: { respectQuietHours: true, businessHoursOnly: true, holdFirstTouch: false, maxPer24h: 3 },
};
