import { describe, expect, it } from 'vitest';
import { decide } from '../../../shared/compliance';
import { analyzePhone } from '../../../shared/phone';
import type { ContactState } from '../../../nodes/ledger';
import {
  decideInput,
  fieldAt,
  isTrue,
  itemBusinessWindow,
  itemLineType,
  itemRequiredConsent,
  optedOutFor,
  parseConsent,
  resolveChannel,
  resolveClassification,
  touchRef,
} from '../../../nodes/ConsentGate/gateInput';
import { parseCurrentTime } from '../../../nodes/shared/parseCurrentTime';

const NOON_AUSTIN = Date.UTC(2027, 0, 14, 18, 0);
const optOut = { at: 1, source: 'sms_stop', text: 'STOP' };

function contact(over: Partial<ContactState> = {}): ContactState {
  return {
    phone: '+15125550188',
    name: null,
    email: null,
    createdAt: 0,
    updatedAt: 0,
    consent: { level: 'informational', source: 'inbound_call', at: 0 },
    optOut: { sms: null, email: null },
    pause: null,
    lastReply: null,
    lastConversationAt: null,
    ...over,
  };
}

describe('itemLineType', () => {
  it.each([
    [{ lineType: 'landline' }, 'lineType', 'landline'],
    [{ contact: { lineType: ' mobile ' } }, 'contact.lineType', 'mobile'],
    [{ lineType: 'unknown' }, 'lineType', null],
    [{ lineType: '' }, 'lineType', null],
    [{ lineType: 3 }, 'lineType', null],
    [{}, 'lineType', null],
  ])('reads %j at %s as %s (null: the ledger\'s line type may apply)', (json, field, expected) => {
    expect(itemLineType(json as never, field)).toBe(expected);
  });
});

describe('resolveChannel', () => {
  it.each([
    ['fromItem', { step: { channel: 'sms' } }, 'sms'],
    ['fromItem', { step: { channel: 'email' } }, 'email'],
    ['fromItem', { step: { channel: 'callback_task' } }, 'voice'],
    ['fromItem', { step: { channel: 'notify_agent' } }, 'internal'],
    ['fromItem', { channel: 'email' }, 'email'],
    ['fromItem', { touch: { channel: 'sms' } }, 'sms'],
    ['fromItem', { firstTouch: { channel: 'email' } }, 'email'],
    ['fromItem', {}, null],
    ['fromItem', { step: { channel: 'fax' } }, null],
    ['voice', { step: { channel: 'sms' } }, 'voice'],
  ])('with %s reads %j as %s', (param, json, want) => {
    expect(resolveChannel(param, json)).toBe(want);
  });
});

describe('item fields', () => {
  it.each([
    ['fromItem', {}, 'informational'],
    ['fromItem', { template: { classification: 'marketing' } }, 'marketing'],
    ['fromItem', { template: { classification: 'spam' } }, null],
    ['marketing', { template: { classification: 'informational' } }, 'marketing'],
  ])('classification %s of %j is %s', (param, json, want) => {
    expect(resolveClassification(param, json)).toBe(want);
  });

  it.each([
    [{ touch: { id: 't1', enrollmentId: 'e1' } }, { id: 't1', enrollmentId: 'e1' }],
    [{ firstTouch: { id: 't2' }, enrollment: { id: 'e2' } }, { id: 't2', enrollmentId: 'e2' }],
    [{ firstTouch: { stepId: 's' } }, null],
    [{ touch: { id: '' } }, null],
  ])('the touch reference of %j is %j', (json, want) => {
    expect(touchRef(json)).toEqual(want);
  });

  it.each([
    [{ a: { b: { c: 3 } } }, 'a.b.c', 3],
    [{ a: null }, 'a.b', undefined],
    [{ a: 1 }, '', undefined],
  ])('fieldAt(%j, %s) is %j', (json, path, want) => {
    expect(fieldAt(json, path)).toBe(want);
  });

  it.each([
    ['written', 'written'],
    ['none', 'none'],
    ['express', null],
    [3, null],
  ])('parses the consent override %j as %j', (v, want) => {
    expect(parseConsent(v)).toBe(want);
  });

  it.each([
    [{ template: { consent: { required: 'written' } } }, 'written'],
    [{ template: { consent: { required: 'informational' } } }, 'informational'],
    [{ template: { consent: {} } }, undefined],
    [{ template: { consent: { required: '' } } }, undefined],
    [{}, undefined],
    [{ template: { consent: { required: 'verbal' } } }, { invalid: 'template.consent.required' }],
    [{ template: { consent: { required: 3 } } }, { invalid: 'template.consent.required' }],
  ])('the required consent of %j is %j', (json, want) => {
    expect(itemRequiredConsent(json as never)).toEqual(want);
  });

  it.each([
    [true, true],
    ['yes', true],
    [' TRUE ', true],
    [1, true],
    ['no', false],
    [0, false],
    [undefined, false],
  ])('reads the flag %j as %s', (v, want) => {
    expect(isTrue(v)).toBe(want);
  });

});

describe('decideInput', () => {
  const phone = analyzePhone('+15125550188');
  const base = {
    now: NOON_AUSTIN,
    phone,
    channel: 'sms' as const,
    classification: 'informational' as const,
    consentOverride: null,
    contact: contact(),
    recentSends: [],
    sensitiveIndustry: false,
    highValueAccount: false,
  };

  it('takes the consent from the ledger, and none when the contact is unknown', () => {
    expect(decideInput(base).consent).toBe('informational');
    expect(decideInput({ ...base, contact: null }).consent).toBe('none');
    expect(decideInput({ ...base, consentOverride: 'written' }).consent).toBe('written');
  });

  it('passes the template’s minimum, compared against the ledger’s consent or the override', () => {
    expect(decideInput(base).requiredConsent).toBeUndefined();
    const ledgerOnly = decide(decideInput({ ...base, requiredConsent: 'written' }));
    expect(ledgerOnly.verdict).toBe('block');
    expect(ledgerOnly.reasons.map((r) => r.code)).toEqual(['CONSENT_BELOW_TEMPLATE']);
    expect(decide(decideInput({ ...base, requiredConsent: 'written', consentOverride: 'written' })).verdict).toBe('send');
    expect(decide(decideInput({ ...base, requiredConsent: 'written', consentOverride: 'marketing' })).verdict).toBe('block');
  });

  it.each([
    ['sms', { sms: optOut, email: null }, true],
    ['sms', { sms: null, email: optOut }, false],
    ['email', { sms: optOut, email: null }, false],
    ['email', { sms: null, email: optOut }, true],
    ['voice', { sms: null, email: optOut }, true],
    ['voice', { sms: null, email: null }, false],
  ] as const)('judges a %s touch opted out for %j: %s', (channel, o, want) => {
    expect(optedOutFor(contact({ optOut: o }), channel)).toBe(want);
  });

  it('counts only the sends of the last 24 hours and passes their instants for an exact cap', () => {
    const sends = [NOON_AUSTIN - 25 * 3_600_000, NOON_AUSTIN - 3_600_000, NOON_AUSTIN - 60_000];
    const input = decideInput({ ...base, recentSends: sends, maxPer24h: 2 });
    expect(input.sentLast24h).toBe(2);
    const d = decide(input);
    expect(d.verdict).toBe('defer');
    expect(d.reasons.map((r) => r.code)).toContain('CAP_REACHED');
    expect(d.notBefore).toBe(new Date(sends[1]! + 24 * 3_600_000).toISOString());
  });

  it('sends an Austin text at noon with informational consent', () => {
    expect(decide(decideInput(base)).verdict).toBe('send');
  });
});

describe('itemBusinessWindow', () => {
  const held = { sendWindow: { businessHoursOnly: true }, firstStepIds: ['sms-first'] };
  it('exempts the step(s) answering the call, whose items carry no business', () => {
    expect(itemBusinessWindow({ firstTouch: { stepId: 'sms-first' }, template: held })).toBeUndefined();
    expect(itemBusinessWindow({ step: { id: 'sms-first' }, template: held })).toBeUndefined();
  });
  it('holds a later step to the business it carries, and asks for one without', () => {
    const business = { timeZone: 'America/Chicago', openingHours: { mon: ['09:00-17:00'] } };
    expect(itemBusinessWindow({ step: { id: 'email-next-day' }, template: { ...held, business } })).toMatchObject({ zone: 'America/Chicago' });
    expect(itemBusinessWindow({ step: { id: 'email-next-day' }, template: held })).toBe('template.business.timeZone');
  });
  it('holds the step(s) answering the call too with holdFirstTouch', () => {
    const business = { timeZone: 'America/Chicago', openingHours: { mon: ['09:00-17:00'] } };
    const template = { ...held, sendWindow: { businessHoursOnly: true, holdFirstTouch: true }, business };
    expect(itemBusinessWindow({ firstTouch: { stepId: 'sms-first' }, template })).toMatchObject({ zone: 'America/Chicago' });
    expect(itemBusinessWindow({ firstTouch: { stepId: 'sms-first' }, template: { ...template, business: undefined } })).toBe('template.business.timeZone');
  });
  it('holds every step when the item does not say which steps answer the call (a hand-built item)', () => {
    const business = { timeZone: 'America/Chicago', openingHours: { mon: ['09:00-17:00'] } };
    expect(itemBusinessWindow({ step: { id: 'sms-first' }, template: { sendWindow: { businessHoursOnly: true }, business } })).toMatchObject({ zone: 'America/Chicago' });
  });
});

describe('parseCurrentTime', () => {
  it.each([
    ['', 'UTC', 42],
    [null, 'UTC', 42],
    ['2027-01-14T20:45:00Z', 'America/New_York', Date.UTC(2027, 0, 14, 20, 45)],
    ['2027-01-14T20:45:00-05:00', 'UTC', Date.UTC(2027, 0, 15, 1, 45)],
    ['2027-01-14T20:45:00', 'America/New_York', Date.UTC(2027, 0, 15, 1, 45)],
    ['2027-07-14T20:45:00', 'America/New_York', Date.UTC(2027, 6, 15, 0, 45)],
    ['2027-01-14', 'Europe/Paris', Date.UTC(2027, 0, 13, 23, 0)],
    ['yesterday', 'UTC', null],
  ])('reads %j in %s as %j', (value, zone, want) => {
    expect(parseCurrentTime(value, zone, 42)).toBe(want);
  });

  it('accepts a Luxon-like DateTime from an expression such as $now', () => {
    expect(parseCurrentTime({ toMillis: () => 1234 }, 'UTC', 0)).toBe(1234);
  });
});
