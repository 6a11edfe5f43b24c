import { DEFAULT_OPENING_HOURS } from '../../../shared/schema';
import { exitKindsOf, makeExitEdge, makeExitNode } from '../graph/templateToGraph';
import { layoutDoc } from '../graph/layout';
import { START_ID, type DesignerDoc, type TemplateMeta } from '../graph/types';

export const BLANK_META: TemplateMeta = {
  schemaVersion: 1,
  id: 'my-sequence',
  name: 'My missed-call sequence',
  business: {
    name: 'Your Business',
    timeZone: 'America/New_York',
    openingHours: DEFAULT_OPENING_HOURS,
    departments: [{ id: 'front-desk', name: 'Front desk', queue: 'front-desk' }],
    closures: [],
    callbackNumber: '(555) 010-0100',
    callbackLink: 'https://example.com/book',
    industry: 'general',
  },
  language: 'en',
  classification: 'informational',
  consent: { required: 'informational' },
  trigger: { classes: ['missed', 'voicemail', 'abandoned'], when: 'always' },
  reentry: { policy: 'after_completion' },
  sendWindow: { respectQuietHours: true, businessHoursOnly: false, holdFirstTouch: false },
};

/** An empty canvas: the missed-call start and the default exits (reply, opt-out, booked), no steps. */
export function blankDoc(): DesignerDoc {
  const kinds = exitKindsOf({ onReply: true, onOptOut: true, onBooked: true, crmStatuses: [] });
  return layoutDoc({
    meta: BLANK_META,
    nodes: [{ id: START_ID, type: 'start', position: { x: 0, y: 0 }, data: { label: 'Missed call' }, deletable: false }, ...kinds.map((k) => makeExitNode(k))],
    edges: kinds.map(makeExitEdge),
  });
}
