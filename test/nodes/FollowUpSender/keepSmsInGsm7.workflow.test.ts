/**
 * "Keep texts in the basic SMS alphabet" in a real n8n workflow: a Spanish text naming Saturday
 * (`{{nextOpening}}`) to a caller named María goes out through Twilio as GSM-7 with the setting, and as
 * UCS-2 (more segments) without it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../nodes/ledger';
import { smsEncoding } from '../../../shared/template';
import { fourTouch } from '../../../shared/templates';
import { startTwilioEmulator, type TwilioEmulator } from '../../emulators/twilioEmulator';
import { embeddedLedgerFile, loadHarness, useFreshUserFolder, type Harness } from '../harness';
import { enrollCaller } from '../harness/fixtures';

// Thursday 2027-01-14 11:00 in Chicago (Brightside's zone); a Miami caller reads EST
const THURSDAY = Date.UTC(2027, 0, 14, 17, 0);
const ES = 'Hola {{callerFirstName}}, le escribe {{businessName}} sobre su llamada. Abrimos {{nextOpening}}. Responda a este mensaje o llame al {{callbackNumber}}. Responda STOP para no recibir mensajes.';

let h: Harness;
let ledger: Ledger;
let tw: TwilioEmulator;
let n = 0;

beforeAll(async () => {
  useFreshUserFolder();
  h = await loadHarness();
  ledger = await openLedger({ kind: 'embedded', path: embeddedLedgerFile() });
  tw = await startTwilioEmulator();
});
afterAll(async () => {
  await ledger.close();
  await tw.close();
});
beforeEach(() => tw.reset());

/** Brightside writing in Spanish, open on Saturday mornings only, with the setting on or off. */
function saturdays(keepSmsInGsm7: boolean): typeof fourTouch {
  const steps = fourTouch.steps.map((s) => (s.id === 'sms-first' && s.channel === 'sms' ? { ...s, message: { text: ES } } : s));
  return { ...fourTouch, id: `saturdays-${keepSmsInGsm7}`, language: 'es', keepSmsInGsm7, business: { ...fourTouch.business, openingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: ['09:00-13:00'], sun: [] } }, steps };
}

/** Sends the first SMS to a fresh Miami caller named María Fernández; the body Twilio got and the sender's report. */
async function send(template: typeof fourTouch) {
  const phone = `+1305556${String(1000 + ++n).padStart(4, '0')}`;
  const e = await enrollCaller(ledger, { phone, at: THURSDAY - 2 * 60_000, dueAt: THURSDAY, template });
  const r = await h.runWorkflow({
    nodes: [{ name: 'Send', type: 'followUpSender', parameters: { currentTime: new Date(THURSDAY).toISOString(), fromNumber: '+15125550100', statusCallback: 'https://hooks.example.com/status' } }],
    connections: [],
    startNode: 'Send',
    triggerItems: [{ touch: { id: e.touch.id, phone, enrollmentId: e.enrollment.id }, contact: { phone, name: 'María Fernández' }, call: e.call }] as never,
    credentials: { missedCallTwilioApi: { authType: 'authToken', accountSid: tw.accountSid, authToken: tw.authToken, baseUrl: tw.url } },
  });
  expect(r.error).toBeUndefined();
  expect(tw.violations).toEqual([]);
  const report = r.outputs('Send')[0]![0]!.send as { outcome: string; text: string; language: string };
  expect(report.outcome).toBe('sent');
  expect(tw.messages).toHaveLength(1);
  return { body: tw.messages[0]!.body, report };
}

describe('Follow-up Sender: "Keep texts in the basic SMS alphabet"', () => {
  it('sends the Spanish Saturday text as GSM-7 with the setting, and records what it sent', async () => {
    const { body, report } = await send(saturdays(true));
    expect(body).toBe('Hola Maria, le escribe Brightside Plumbing sobre su llamada. Abrimos el sabado a las 9:00 a.m. CST. Responda a este mensaje o llame al (512) 555-0142. Responda STOP para no recibir mensajes.');
    expect(smsEncoding(body)).toMatchObject({ encoding: 'GSM-7', segments: 2 });
    expect(report).toMatchObject({ text: body, language: 'es' });
  });

  it('sends it as UCS-2, in more segments, without the setting', async () => {
    const { body, report } = await send(saturdays(false));
    expect(body).toBe('Hola María, le escribe Brightside Plumbing sobre su llamada. Abrimos el sábado a las 9:00 a.m. CST. Responda a este mensaje o llame al (512) 555-0142. Responda STOP para no recibir mensajes.');
    expect(smsEncoding(body)).toMatchObject({ encoding: 'UCS-2', segments: 3 });
    expect(report.text).toBe(body);
  });
});
