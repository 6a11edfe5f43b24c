/**
 * The trigger's carrier line type is kept in the ledger for 30 days: a repeat caller costs no second
 * Twilio Lookup (billed per lookup) until the record is 30 days old, a failed lookup records nothing
 * and never loses the call, and with Mobile Only off the type is still learned for the Consent Gate.
 * The lookups go to the Twilio emulator, which checks each one against Twilio's OpenAPI spec.
 */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../nodes/ledger';
import { fetchHttpRequest } from '../../emulators/fetchHttpRequest';
import { failWrites } from '../ledger/failWrites';
import { startTwilioEmulator, type TwilioEmulator } from '../../emulators/twilioEmulator';
import { BASE_PARAMS, harness, parentNoAnswer, signedTwilio, TWILIO_CREDS, TWILIO_TOKEN, type Harness } from './fakeWebhook';

const CALLER = '+13055550123';
const NOW = Date.parse(BASE_PARAMS.currentTime as string);
const at = (t: number) => ({ currentTime: new Date(t).toISOString() });

type Out = { json: Record<string, any> }[][] | undefined;
const enrolled = (r: { workflowData?: unknown }) => ((r.workflowData as Out)?.[0] ?? []).map((i) => i.json);
const filtered = (r: { workflowData?: unknown }) => ((r.workflowData as Out)?.[1] ?? []).map((i) => i.json);

let tw: TwilioEmulator;
let h: Harness;
beforeAll(async () => {
  tw = await startTwilioEmulator({ accountSid: TWILIO_CREDS.missedCallTwilioApi.accountSid, authToken: TWILIO_TOKEN });
});
afterAll(async () => tw.close());
beforeEach(() => {
  tw.reset();
  tw.lineTypes.clear();
  tw.authToken = TWILIO_TOKEN;
});
afterEach(async () => h?.cleanup());

/** Lookups v2 requests the emulator received (answered or refused). */
const lookups = () => tw.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v2/PhoneNumbers/'));

/** The trigger with the Twilio Lookup on, its requests sent to the emulator. */
function trigger(filters: IDataObject): Harness {
  return harness(
    { ...BASE_PARAMS, filters: { lookupLineType: true, ...filters } },
    { missedCallTwilioApi: { ...TWILIO_CREDS.missedCallTwilioApi, lookupBaseUrl: tw.url } },
    (o) => fetchHttpRequest(o as unknown as IHttpRequestOptions),
  );
}

describe('Missed Call Trigger: carrier line type kept in the ledger for 30 days', () => {
  it('a repeat caller within 30 days costs no second Lookup; 31 days after the lookup it is looked up again', async () => {
    h = trigger({ mobileOnly: true });
    tw.lineTypes.set(CALLER, 'mobile');
    const ledger = await h.ledger();
    const first = await h.call(signedTwilio(parentNoAnswer('CL1', CALLER)));
    expect(enrolled(first.result).map((i) => i.contact.lineType)).toEqual(['mobile']);
    expect(lookups().map((r) => [r.path, r.status])).toEqual([[`/v2/PhoneNumbers/${encodeURIComponent(CALLER)}`, 200]]);
    expect((await ledger.contact(CALLER))!.carrierLineType).toEqual({ type: 'mobile', at: NOW, source: 'twilio_lookup' });
    await ledger.completeEnrollment(enrolled(first.result)[0]!.enrollment.id, NOW + DAY_MS);

    // 29 days later, from the record: enrolled again, no Lookup
    const second = await h.call(signedTwilio(parentNoAnswer('CL2', CALLER)), at(NOW + 29 * DAY_MS));
    expect(enrolled(second.result).map((i) => i.contact.lineType)).toEqual(['mobile']);
    expect(lookups()).toHaveLength(1);
    await ledger.completeEnrollment(enrolled(second.result)[0]!.enrollment.id, NOW + 30 * DAY_MS);

    // 31 days after the lookup the record is too old (numbers port): looked up again and recorded anew
    const third = await h.call(signedTwilio(parentNoAnswer('CL3', CALLER)), at(NOW + 31 * DAY_MS));
    expect(enrolled(third.result)).toHaveLength(1);
    expect(lookups()).toHaveLength(2);
    expect((await ledger.contact(CALLER))!.carrierLineType).toEqual({ type: 'mobile', at: NOW + 31 * DAY_MS, source: 'twilio_lookup' });
    const audit = await ledger.auditTrail({ phone: CALLER, kinds: ['carrier_line_type'] });
    expect(audit.map((a) => [a.at, a.data])).toEqual([
      [NOW, { lineType: 'mobile', source: 'twilio_lookup' }],
      [NOW + 31 * DAY_MS, { lineType: 'mobile', source: 'twilio_lookup' }],
    ]);
    expect(tw.violations).toEqual([]);
  });

  it('filters a landline caller again from the record without a Lookup, and enrolls the number once it was ported to a mobile', async () => {
    h = trigger({ mobileOnly: true });
    tw.lineTypes.set(CALLER, 'landline');
    const first = await h.call(signedTwilio(parentNoAnswer('CL4', CALLER)));
    expect(filtered(first.result).map((i) => [i.filtered.reason, i.filtered.detail])).toEqual([['NOT_MOBILE', 'carrier line type is landline']]);
    const again = await h.call(signedTwilio(parentNoAnswer('CL5', CALLER)), at(NOW + 10 * DAY_MS));
    expect(filtered(again.result).map((i) => [i.filtered.reason, i.filtered.detail])).toEqual([['NOT_MOBILE', 'carrier line type is landline']]);
    expect(lookups()).toHaveLength(1);
    tw.lineTypes.set(CALLER, 'mobile');
    const ported = await h.call(signedTwilio(parentNoAnswer('CL6', CALLER)), at(NOW + 31 * DAY_MS));
    expect(enrolled(ported.result).map((i) => i.contact.lineType)).toEqual(['mobile']);
    expect(lookups()).toHaveLength(2);
    expect(tw.violations).toEqual([]);
  });

  it('a failed Lookup records nothing and enrolls the caller; the next call looks the number up again', async () => {
    h = trigger({ mobileOnly: true });
    tw.lineTypes.set(CALLER, 'landline');
    const ledger = await h.ledger();
    tw.authToken = 'rotated-token'; // the emulator now refuses the credential: 401
    const first = await h.call(signedTwilio(parentNoAnswer('CL7', CALLER)));
    expect(lookups().map((r) => r.status)).toEqual([401]);
    expect(enrolled(first.result).map((i) => i.contact.lineType)).toEqual(['unknown']);
    expect((await ledger.contact(CALLER))!.carrierLineType).toBeNull();
    expect(await ledger.auditTrail({ phone: CALLER, kinds: ['carrier_line_type'] })).toEqual([]);

    tw.authToken = TWILIO_TOKEN;
    await ledger.completeEnrollment(enrolled(first.result)[0]!.enrollment.id, NOW + DAY_MS);
    const next = await h.call(signedTwilio(parentNoAnswer('CL8', CALLER)), at(NOW + 2 * DAY_MS));
    expect(lookups().map((r) => r.status)).toEqual([401, 200]);
    expect(filtered(next.result).map((i) => i.filtered.reason)).toEqual(['NOT_MOBILE']);
    expect((await ledger.contact(CALLER))!.carrierLineType).toEqual({ type: 'landline', at: NOW + 2 * DAY_MS, source: 'twilio_lookup' });
  });

  it('with Mobile Only off, still learns and records the line type (for the Consent Gate) and enrolls a landline caller', async () => {
    h = trigger({ mobileOnly: false });
    tw.lineTypes.set(CALLER, 'landline');
    const first = await h.call(signedTwilio(parentNoAnswer('CL9', CALLER)));
    expect(enrolled(first.result).map((i) => i.contact.lineType)).toEqual(['landline']);
    expect((await (await h.ledger()).contact(CALLER))!.carrierLineType).toEqual({ type: 'landline', at: NOW, source: 'twilio_lookup' });
    expect(lookups()).toHaveLength(1);
    expect(tw.violations).toEqual([]);
  });

  it('a line type the ledger fails to record costs the cache, never the call', async () => {
    h = trigger({ mobileOnly: true });
    const ledger = await h.ledger();
    const heal = await failWrites({ credentials: {}, params: {} }, { op: 'INSERT', table: 'audit_log', column: 'kind', value: 'carrier_line_type' });
    const first = await h.call(signedTwilio(parentNoAnswer('CL11', CALLER))).finally(heal);
    expect(first.reply.status).toBe(200);
    expect(enrolled(first.result).map((i) => i.contact.lineType)).toEqual(['mobile']);
    expect((await ledger.contact(CALLER))!.carrierLineType).toBeNull();
  });

  it('claims the call before reading its line type: a provider retry costs no Lookup, also when nothing was recorded', async () => {
    h = trigger({ mobileOnly: true });
    tw.authToken = 'rotated-token'; // the first lookup fails, so no record could answer the retry
    const first = await h.call(signedTwilio(parentNoAnswer('CL10', CALLER)));
    tw.authToken = TWILIO_TOKEN;
    const retry = await h.call(signedTwilio(parentNoAnswer('CL10', CALLER)));
    expect([enrolled(first.result).length, enrolled(retry.result).length]).toEqual([1, 0]);
    expect(lookups().map((r) => r.status)).toEqual([401]);
  });

  describe('Mobile Only without the Lookup', () => {
    /** The trigger without Twilio Lookup: only the numbering plan and the ledger's record tell the line type. */
    const noLookup = (filters: IDataObject) => harness({ ...BASE_PARAMS, filters: { lookupLineType: false, ...filters } }, TWILIO_CREDS);

    it('filters a caller the ledger learned is a landline (a text Twilio refused, 30006) while the record is under 30 days old', async () => {
      h = noLookup({ mobileOnly: true });
      const ledger = await h.ledger();
      await ledger.recordCarrierLineType(CALLER, { type: 'landline', source: 'twilio_delivery', now: NOW - DAY_MS });
      const first = await h.call(signedTwilio(parentNoAnswer('CN1', CALLER)));
      expect(filtered(first.result).map((i) => [i.filtered.reason, i.filtered.detail])).toEqual([['NOT_MOBILE', 'carrier line type on record is landline (twilio_delivery)']]);
      expect(enrolled(first.result)).toEqual([]);
      // 31 days after it was learned the record is too old (numbers port): an unknown NANP number passes
      const later = await h.call(signedTwilio(parentNoAnswer('CN2', CALLER)), at(NOW + 30 * DAY_MS));
      expect(enrolled(later.result).map((i) => i.contact.lineType)).toEqual(['unknown']);
      expect(lookups()).toEqual([]);
    });

    it('enrolls a caller on record as a mobile (with that line type), one never seen, and, with Mobile Only off, a known landline', async () => {
      h = noLookup({ mobileOnly: true });
      const ledger = await h.ledger();
      await ledger.recordCarrierLineType(CALLER, { type: 'mobile', source: 'twilio_lookup', now: NOW - DAY_MS });
      const known = await h.call(signedTwilio(parentNoAnswer('CN3', CALLER)));
      expect(enrolled(known.result).map((i) => i.contact.lineType)).toEqual(['mobile']);
      const other = '+13055550199';
      const unseen = await h.call(signedTwilio(parentNoAnswer('CN4', other)));
      expect(enrolled(unseen.result).map((i) => i.contact.lineType)).toEqual(['unknown']);

      await h.cleanup();
      h = noLookup({ mobileOnly: false });
      await (await h.ledger()).recordCarrierLineType(CALLER, { type: 'landline', source: 'twilio_delivery', now: NOW - DAY_MS });
      const off = await h.call(signedTwilio(parentNoAnswer('CN5', CALLER)));
      expect(enrolled(off.result)).toHaveLength(1);
      expect(lookups()).toEqual([]);
    });

    it('a provider retry of a filtered landline caller is a duplicate: filtered once', async () => {
      h = noLookup({ mobileOnly: true });
      await (await h.ledger()).recordCarrierLineType(CALLER, { type: 'landline', source: 'twilio_delivery', now: NOW - DAY_MS });
      const first = await h.call(signedTwilio(parentNoAnswer('CN6', CALLER)));
      const retry = await h.call(signedTwilio(parentNoAnswer('CN6', CALLER)));
      expect([filtered(first.result).length, filtered(retry.result).length, enrolled(retry.result).length]).toEqual([1, 0, 0]);
    });
  });
});
