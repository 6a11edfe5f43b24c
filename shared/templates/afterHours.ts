import type { SequenceTemplate } from '../schema/sequenceTemplate';

/**
 * For calls outside opening hours: an immediate note that says when you open, a morning SMS when the
 * doors open (held to business hours), the first callback of the day, and a last check-in on day 4.
 */
export const afterHours: SequenceTemplate = {
  schemaVersion: 1,
  id: 'after-hours',
  name: 'After-hours call: morning follow-up',
  description: 'Enrolls calls made while closed. Touches after the first are held to opening hours.',
  business: {
    name: 'Northgate Auto Repair',
    timeZone: 'America/Denver',
    openingHours: {
      mon: ['08:00-17:30'],
      tue: ['08:00-17:30'],
      wed: ['08:00-17:30'],
      thu: ['08:00-17:30'],
      fri: ['08:00-17:30'],
      sat: ['09:00-14:00'],
      sun: [],
    },
    departments: [
      { id: 'service', name: 'Service desk', queue: 'service-desk' },
      { id: 'parts', name: 'Parts', queue: 'parts-counter' },
    ],
    closures: [],
    callbackNumber: '(303) 555-0187',
    callbackLink: 'https://northgate.example.com/callback',
    industry: 'general',
  },
  language: 'en',
  classification: 'informational',
  consent: { required: 'informational' },
  trigger: { classes: ['missed', 'voicemail', 'abandoned'], when: 'after_hours' },
  steps: [
    {
      id: 'sms-closed-now',
      name: 'We are closed, here is what happens next',
      channel: 'sms',
      delay: { minutes: 1, from: 'call' },
      message: {
        text: 'Hi {{callerFirstName|there}}, thanks for calling {{businessName}}. We are closed right now, so our {{department|service desk}} will call you first thing after we open. Reply with the best time to reach you. Reply STOP to opt out.',
      },
    },
    {
      id: 'sms-morning',
      name: 'Morning: we are open',
      channel: 'sms',
      delay: { minutes: 6 * 60, from: 'call' },
      message: {
        text: 'Good morning from {{businessName}}! We are open now. Skip the queue and pick a callback time at {{callbackLink}}, or call {{callbackNumber}} and ask for {{department|the service desk}}.',
      },
    },
    {
      id: 'callback-first-thing',
      name: 'First callback of the day',
      channel: 'callback_task',
      delay: { minutes: 30, from: 'previous' },
      message: {
        title: 'After-hours caller {{callerName|unknown}} (called {{calledAt}})',
        notes: 'Called while we were closed. Check the thread for a preferred time before dialling.',
        dueInMinutes: 60,
        priority: 'high',
      },
    },
    {
      id: 'sms-last-check',
      name: 'Last check-in',
      channel: 'sms',
      delay: { minutes: 4 * 24 * 60, from: 'call' },
      message: {
        text: 'Hi {{callerFirstName|there}}, {{agentName|the team}} at {{businessName}} here. We tried to reach you after your evening call. Still need your car looked at? Reply YES and we will call, or book at {{callbackLink}}. This is our last note about it.',
      },
    },
  ],
  exit: { onReply: true, onOptOut: true, onBooked: true, crmStatuses: ['booked', 'do_not_contact'] },
  reentry: { policy: 'after_completion' },
  sendWindow: { respectQuietHours: true, businessHoursOnly: true, holdFirstTouch: false },
};
