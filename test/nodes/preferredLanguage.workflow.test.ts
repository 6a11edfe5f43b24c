/**
 * A contact's preferred language, end to end on both ledgers (in-process n8n-core): the Missed Call
 * Ledger's Set Language, then a missed call to the English line of the bilingual starter through the real
 * trigger webhook → the exported first-touch path (gate → sender, Sandbox), a STOP through Sequence Exit,
 * and the Sequence Scheduler's next touch after a preference set mid-sequence.
 */
import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { N8N_NODE_NAMES as N } from '../../designer/src/export';
import type { Ledger } from '../../nodes/ledger';
import { closeCachedLedgers } from '../../nodes/shared/ledgerFor';
import { stopConfirmation } from '../../shared/optout';
import { bilingual } from '../../shared/templates';
import type { SmsStep } from '../../shared/schema';
import { corePathWorkflow, genericTriggerParameters } from './corePathWorkflow';
import { loadHarness, useFreshUserFolder, type Harness } from './harness';
import type { TestCredentials } from './harness/credentialsHelper';
import { harness as triggerHarness, type Harness as TriggerHarness } from './MissedCallTrigger/fakeWebhook';
import { pgForNodeTests, pgLedgerFixture } from './ledger/pgStore';

const T0 = Date.UTC(2027, 0, 14, 16, 0); // Thu 10:00 in Chicago (the business), 11:00 in Miami (the callers)
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const TOKEN = 'preferred-language-token';
const OFFICE_LINE = '+17135550140'; // the bilingual starter's English department
const BUSINESS = bilingual.business.name;
const [SENT, OPT_OUT] = [0, 0];
const iso = (t: number) => new Date(t).toISOString();
const smsStep = (id: string) => bilingual.steps.find((s) => s.id === id) as SmsStep;

let h: Harness;
beforeAll(async () => {
  useFreshUserFolder();
  h = await loadHarness();
});

interface Rig {
  ledger: Ledger;
  trigger: TriggerHarness;
  credentials: TestCredentials;
  kind: 'embedded' | 'postgres';
}

function describeOn(kind: 'embedded' | 'postgres', available: boolean) {
  describe.skipIf(!available)(`a contact’s preferred language (${kind} ledger)`, () => {
    const pgFix = kind === 'postgres' ? pgLedgerFixture('pref_lang') : null;
    const credentials: TestCredentials = pgFix ? pgFix.credentials : {};
    const rig = {} as Rig;
    let calls = 0;
    let phones = 0;
    const nextPhone = () => `+1305555${String((kind === 'embedded' ? 5100 : 5200) + ++phones)}`;

    beforeAll(async () => {
      rig.kind = kind;
      rig.credentials = credentials;
      rig.trigger = triggerHarness(genericTriggerParameters(bilingual, { ledger: kind, token: TOKEN }) as IDataObject, credentials as Record<string, IDataObject>);
      rig.ledger = pgFix ? await pgFix.open() : await rig.trigger.ledger();
    });
    afterAll(async () => {
      if (pgFix) await rig.ledger.close();
      await rig.trigger.cleanup();
      await closeCachedLedgers();
      await pgFix?.drop();
    });

    const params = kind === 'postgres' ? { ledger: 'postgres' } : {};

    /** The Missed Call Ledger node alone. */
    const ledgerNode = (parameters: Record<string, unknown>, now: number) =>
      h.runWorkflow({
        nodes: [{ name: 'Ledger', type: 'missedCallLedger', parameters: { currentTime: iso(now), ...params, ...parameters } }],
        connections: [],
        startNode: 'Ledger',
        triggerItems: [{}],
        credentials,
      });

    async function setLanguage(phone: string, language: string, now: number) {
      const r = await ledgerNode({ resource: 'contact', operation: 'setLanguage', phone, language, reason: 'crm' }, now);
      expect(r.error).toBeUndefined();
    }

    /** A missed call from `phone` to our English line at `at`, through the trigger's webhook: its Enrolled item. */
    async function missedCall(phone: string, at: number): Promise<IDataObject> {
      const body = JSON.stringify({ call: { id: `pref-${kind}-${process.pid}-${++calls}`, from: phone, to: OFFICE_LINE, status: 'missed', direction: 'inbound', caller_name: 'Dana Lee' } });
      const { reply, result } = await rig.trigger.call({ rawBody: body, headers: { 'content-type': 'application/json', 'x-webhook-token': TOKEN } }, { currentTime: iso(at) });
      expect(reply.status).toBe(200);
      const [item] = ((result.workflowData ?? [[]]) as { json: IDataObject }[][])[0]!;
      expect(item).toBeDefined();
      return item!.json;
    }

    /** The exported workflow (trigger → gate → sender, scheduler → gate → sender) from `startNode` at `now`. */
    const corePath = (startNode: string, now: number, items?: IDataObject[]) => {
      const { nodes, connections } = corePathWorkflow(bilingual, { ledger: kind, currentTime: iso(now) });
      return h.runWorkflow({ nodes, connections, startNode, ...(items ? { triggerItems: items } : {}), credentials });
    };

    /** A Twilio inbound SMS from `phone` through Sequence Exit (record mode; the confirmation is answered, not sent). */
    const inboundSms = (phone: string, body: string, now: number) =>
      h.runWorkflow({
        nodes: [{ name: 'Exit', type: 'sequenceExit', parameters: { currentTime: iso(now), ...params } }],
        connections: [],
        startNode: 'Exit',
        triggerItems: [{ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: { MessageSid: `SM-${kind}-${++calls}`, AccountSid: 'AC1', From: phone, To: OFFICE_LINE, Body: body } }],
        credentials,
      });

    type Send = { outcome: string; stepId: string; variant: string; language: string; text: string; subject?: string; touchId: string };
    const firstSend = async (item: IDataObject, now: number): Promise<Send> => {
      const r = await corePath(N.trigger, now, [item]);
      expect(r.error).toBeUndefined();
      const out = r.outputs(N.senderNow)[SENT] ?? [];
      expect(out).toHaveLength(1);
      return out[0]!.send as Send;
    };

    it('sends a Spanish-preferring caller of the English line the Spanish texts, and confirms their STOP in Spanish', async () => {
      const phone = nextPhone();
      await setLanguage(phone, 'es', T0 - DAY);
      const item = await missedCall(phone, T0);
      expect([(item.call as IDataObject).department, (item.contact as IDataObject).language]).toEqual(['Office', 'es']);
      const send = await firstSend(item, T0 + MIN);
      expect(send).toMatchObject({ outcome: 'sent', stepId: 'sms-first', variant: 'lang:es', language: 'es' });
      expect(send.text).toBe(smsStep('sms-first').message.translations!.es!.text.replace('{{callerFirstName}}', 'Dana').replace('{{businessName}}', BUSINESS));
      expect((await rig.ledger.touch(send.touchId))!.detail).toMatchObject({ variant: 'lang:es', language: 'es' });

      const stop = await inboundSms(phone, 'STOP', T0 + 10 * MIN);
      expect(stop.error).toBeUndefined();
      expect(stop.outputs('Exit')[OPT_OUT]![0]!.reply).toMatchObject({ kind: 'stop_confirmation', text: stopConfirmation(BUSINESS, 'es') });
      expect(stopConfirmation(BUSINESS, 'es')).not.toBe(stopConfirmation(BUSINESS, 'en'));
    });

    it('sends a caller of the English line without a preference the English texts and an English confirmation', async () => {
      const phone = nextPhone();
      const item = await missedCall(phone, T0);
      expect((item.contact as IDataObject).language).toBe('en');
      const send = await firstSend(item, T0 + MIN);
      expect(send).toMatchObject({ outcome: 'sent', variant: 'default', language: 'en', text: expect.stringMatching(/^Hi Dana, this is Casa Verde Landscaping\./) });
      const stop = await inboundSms(phone, 'STOP', T0 + 10 * MIN);
      expect(stop.outputs('Exit')[OPT_OUT]![0]!.reply).toMatchObject({ text: stopConfirmation(BUSINESS, 'en') });
    });

    it('sends the step’s own text to a caller who prefers a language the step has no translation for, and records it as such', async () => {
      const phone = nextPhone();
      await setLanguage(phone, 'fr', T0 - DAY);
      const item = await missedCall(phone, T0);
      expect((item.contact as IDataObject).language).toBe('fr');
      const send = await firstSend(item, T0 + MIN);
      expect(send).toMatchObject({ outcome: 'sent', variant: 'default', language: 'en', text: expect.stringMatching(/^Hi Dana, this is Casa Verde Landscaping\./) });
      expect((await rig.ledger.touch(send.touchId))!.detail).toMatchObject({ language: 'en' });
      // a STOP confirmation is not a step: it has every language
      const stop = await inboundSms(phone, 'STOP', T0 + 10 * MIN);
      expect(stop.outputs('Exit')[OPT_OUT]![0]!.reply).toMatchObject({ text: stopConfirmation(BUSINESS, 'fr') });
    });

    it('applies a preference set mid-sequence from the next touch on', async () => {
      const phone = nextPhone();
      const at = T0 + 2 * DAY; // a day of its own: the scheduler's poll sees only this caller's touches
      const item = await missedCall(phone, at);
      expect(await firstSend(item, at + MIN)).toMatchObject({ stepId: 'sms-first', language: 'en' });
      await rig.ledger.upsertContact({ phone, email: 'dana@example.com', now: at + 2 * MIN });
      await setLanguage(phone, 'es', at + 3 * MIN);
      const due = await corePath(N.scheduler, at + DAY + MIN);
      expect(due.error).toBeUndefined();
      const sends = (due.outputs(N.senderDue)[SENT] ?? []).map((j) => j.send as Send);
      expect(sends.map((s) => [s.stepId, s.variant, s.language, s.subject])).toEqual([['email-next-day', 'lang:es', 'es', `Su llamada a ${BUSINESS}: elija un horario para un presupuesto gratis`]]);
    });
  });
}

describeOn('embedded', true);
describeOn('postgres', await pgForNodeTests());
