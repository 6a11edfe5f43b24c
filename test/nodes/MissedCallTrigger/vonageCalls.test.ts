import { afterEach, describe, expect, it } from 'vitest';
import { AGENT, BUSINESS, CALLER, vonageCallBack, vonageInbound, vonageTrigger } from './vonageDelivery';

/**
 * Vonage Voice API calls through the trigger, as Vonage posts them to one event_url: an inbound
 * leg (answered by Vonage's NCCO) and its `connect` leg to an agent share a conversation_uuid; a
 * call-back the business places has a conversation of its own with outbound legs only.
 */

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** A trigger for Vonage and helpers to post one conversation's events at `s` seconds after NOW. */
function vonage() {
  const t = vonageTrigger();
  cleanup = t.cleanup;
  const { post } = t;
  const sweep = async (s: number) => (await t.sweep(s)).outcomes.flatMap((o) => (o.enrolled ? [o.enrolled] : []));
  const inbound = vonageInbound;
  const callBack = (con: string) => vonageCallBack(con).leg;
  return { post, sweep, inbound, callBack, ledger: () => t.ledger() };
}

describe('Missed Call Trigger: Vonage calls, legs told apart by conversation', () => {
  it('an agent leg nobody answered is a missed call of the caller, enrolled once the settle window passes', async () => {
    const v = vonage();
    const c = v.inbound('CON-1');
    const fired = [
      ...(await v.post(c.in('started'), 0)),
      ...(await v.post(c.in('ringing'), 0)),
      ...(await v.post(c.in('answered'), 1)),
      ...(await v.post(c.agent('started'), 2)),
      ...(await v.post(c.agent('ringing'), 2)),
      ...(await v.post(c.agent('timeout'), 32)),
      ...(await v.post(c.in('completed', { duration: '33' }), 33)),
    ];
    expect(fired).toEqual([]);
    expect(await v.sweep(60)).toEqual([]);
    const settled = await v.sweep(130);
    expect(settled).toHaveLength(1);
    expect(settled[0]!.call).toMatchObject({ provider: 'vonage', callId: 'CON-1', class: 'missed', direction: 'inbound', from: CALLER, to: BUSINESS });
    expect(settled[0]!.contact.phone).toBe(CALLER);
  });

  it('a recorded message after the unanswered agent leg is a voicemail, enrolled at once', async () => {
    const v = vonage();
    const c = v.inbound('CON-2');
    await v.post(c.in('answered'), 0);
    await v.post(c.agent('unanswered'), 30);
    const fired = await v.post(c.record(31, 45), 45);
    expect(fired).toHaveLength(1);
    expect(fired[0]!.call).toMatchObject({ class: 'voicemail', from: CALLER });
    expect(await v.sweep(300)).toEqual([]);
  });

  it('the caller hanging up while the agent leg rings is an abandoned call', async () => {
    const v = vonage();
    const c = v.inbound('CON-3');
    await v.post(c.in('answered'), 0);
    await v.post(c.agent('ringing'), 1);
    await v.post(c.agent('cancelled'), 9);
    const settled = await v.sweep(200);
    expect(settled.map((e) => e.call)).toMatchObject([{ class: 'abandoned', from: CALLER }]);
  });

  it('a caller who hangs up in the IVR, before any agent leg, abandoned the call; a message recorded afterwards makes it a voicemail', async () => {
    let v = vonage();
    const ivr = v.inbound('CON-9');
    await v.post(ivr.in('answered'), 0);
    await v.post(ivr.in('completed', { duration: '12' }), 12);
    expect((await v.sweep(200)).map((e) => e.call)).toMatchObject([{ class: 'abandoned', reason: 'abandoned_in_ivr', from: CALLER }]);
    await cleanup!();
    v = vonage();
    const vm = v.inbound('CON-10');
    await v.post(vm.in('answered'), 1000);
    await v.post(vm.in('completed', { duration: '40' }), 1040);
    const fired = await v.post(vm.record(1005, 1040), 1041);
    expect(fired.map((e) => e.call)).toMatchObject([{ class: 'voicemail', from: CALLER }]);
    expect(await v.sweep(1300)).toEqual([]);
  });

  it('an agent who answers: no enrollment, and the caller is in a conversation (their sequence ends)', async () => {
    const v = vonage();
    const missed = v.inbound('CON-4');
    await v.post(missed.in('answered'), 0);
    await v.post(missed.agent('timeout'), 30);
    const [first] = await v.sweep(200);
    expect(first).toBeDefined();
    const ledger = await v.ledger();
    const c = v.inbound('CON-5');
    await v.post(c.in('answered'), 600);
    await v.post(c.agent('answered'), 605);
    await v.post(c.agent('completed', { duration: '120' }), 725);
    expect(await v.sweep(1000)).toEqual([]);
    expect(await ledger.enrollment(first!.enrollment.id as string)).toMatchObject({ status: 'exited', endReason: 'call_connected' });
    expect((await ledger.auditTrail({ phone: CALLER, kinds: ['call_connected'] })).map((a) => a.data)).toMatchObject([{ callId: 'CON-5', direction: 'inbound' }]);
    expect(await ledger.contact(AGENT)).toBeNull();
  });

  it('a call-back the customer answers ends their sequence; one nobody answers does not', async () => {
    const v = vonage();
    const missed = v.inbound('CON-6');
    await v.post(missed.in('answered'), 0);
    await v.post(missed.agent('timeout'), 30);
    const [first] = await v.sweep(200);
    const id = first!.enrollment.id as string;
    const ledger = await v.ledger();
    const unanswered = v.callBack('CON-7');
    await v.post(unanswered('started'), 600);
    await v.post(unanswered('ringing'), 601);
    await v.post(unanswered('timeout'), 631);
    expect(await v.sweep(900)).toEqual([]);
    expect((await ledger.enrollment(id))!.status).toBe('active');
    const answered = v.callBack('CON-8');
    await v.post(answered('started'), 1000);
    await v.post(answered('answered'), 1005);
    expect(await ledger.enrollment(id)).toMatchObject({ status: 'exited', endReason: 'call_connected' });
    expect((await ledger.auditTrail({ phone: CALLER, kinds: ['call_connected'] })).map((a) => a.data)).toMatchObject([{ callId: 'CON-8', direction: 'outbound' }]);
    expect(await v.sweep(2000)).toEqual([]);
  });
});
