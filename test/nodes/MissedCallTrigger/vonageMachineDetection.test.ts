import { afterEach, describe, expect, it } from 'vitest';
import type { sweepSettledCalls } from '../../../nodes/shared/triggerPipeline';
import { AGENT, BUSINESS, CALLER, vonageCallBack, vonageInbound, vonageTrigger } from './vonageDelivery';

/**
 * Vonage call-backs placed with machine detection, through the trigger and the real ledger
 * ("Outbound Calls Use Machine Detection"): the answer waits for the human/machine event, which
 * Vonage posts to the same event_url with `call_uuid` and no direction.
 */

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** A Vonage trigger (machine detection on call-backs, and on agent legs) with the real ledger. */
function vonageTriggerWith(machineDetection: boolean, agentLegs = machineDetection) {
  const t = vonageTrigger({ vonageMachineDetection: machineDetection, vonageAgentMachineDetection: agentLegs });
  cleanup = t.cleanup;
  return t;
}

/** A Vonage trigger (machine detection on or off) whose caller was enrolled by a missed call. */
async function enrolledCaller(machineDetection: boolean, agentLegs = machineDetection) {
  const { post, sweep, ledger: openLedger } = vonageTriggerWith(machineDetection, agentLegs);
  const missed = vonageInbound('CON-MISSED');
  await post(missed.in('answered'), 0);
  await post(missed.agent('timeout'), 30);
  const [first] = (await sweep(200)).outcomes;
  expect(first?.enrolled).toBeTruthy();
  const ledger = await openLedger();
  const id = first!.enrolled!.enrollment.id as string;
  const callBack = vonageCallBack;
  const status = async () => (await ledger.enrollment(id))!.status;
  const connected = async () => (await ledger.auditTrail({ phone: CALLER, kinds: ['call_connected'] })).map((a) => a.data);
  return { post, sweep, callBack, ledger, id, status, connected };
}

describe('Missed Call Trigger: Vonage call-backs with machine detection (Outbound Calls Use Machine Detection)', () => {
  it('a voicemail box answering the call-back leaves the sequence running, also when the call completes afterwards', async () => {
    const t = await enrolledCaller(true);
    const c = t.callBack('CON-VM');
    await t.post(c.leg('started'), 600);
    await t.post(c.leg('ringing'), 601);
    await t.post(c.leg('answered'), 605);
    expect(await t.status()).toBe('active');
    await t.post(c.verdict('machine'), 608);
    await t.post(c.verdict('machine', { sub_state: 'beep_start' }), 620);
    await t.post(c.leg('completed', { duration: '40' }), 645);
    expect(await t.status()).toBe('active');
    expect(await t.connected()).toEqual([]);
    expect((await t.sweep(2000)).outcomes).toEqual([]);
    expect(await t.status()).toBe('active');
  });

  it('a person answering the call-back ends the sequence once the human event comes', async () => {
    const t = await enrolledCaller(true);
    const c = t.callBack('CON-HUMAN');
    await t.post(c.leg('answered'), 605);
    expect(await t.status()).toBe('active');
    await t.post(c.verdict('human'), 607);
    expect(await t.ledger.enrollment(t.id)).toMatchObject({ status: 'exited', endReason: 'call_connected' });
    expect(await t.connected()).toMatchObject([{ callId: 'CON-HUMAN', direction: 'outbound', exitedEnrollments: [t.id] }]);
  });

  it('a call-back that completes without a verdict counts as answered', async () => {
    const t = await enrolledCaller(true);
    const c = t.callBack('CON-NOVERDICT');
    await t.post(c.leg('answered'), 605);
    expect(await t.status()).toBe('active');
    await t.post(c.leg('completed', { duration: '40' }), 645);
    expect(await t.ledger.enrollment(t.id)).toMatchObject({ status: 'exited', endReason: 'call_connected' });
  });

  it('without the option the answer ends the sequence at once, and verdicts are accepted and ignored', async () => {
    const t = await enrolledCaller(false);
    const c = t.callBack('CON-OFF');
    await t.post(c.verdict('machine'), 600);
    expect(await t.status()).toBe('active');
    await t.post(c.leg('answered'), 605);
    expect(await t.ledger.enrollment(t.id)).toMatchObject({ status: 'exited', endReason: 'call_connected' });
    expect(await t.connected()).toMatchObject([{ callId: 'CON-OFF', direction: 'outbound' }]);
    expect((await t.ledger.callEvents('CON-OFF')).map((e) => (e.payload as { eventType: string }).eventType)).toEqual(['answered']);
  });
});

describe('Missed Call Trigger: an inbound Vonage call whose agent leg a voicemail box answered (Outbound Calls Use Machine Detection)', () => {
  const inbound = vonageInbound;
  const enrolledCalls = (r: Awaited<ReturnType<typeof sweepSettledCalls>>) => r.outcomes.flatMap((o) => (o.enrolled ? [o.enrolled.call] : []));

  it('the caller is enrolled once, as missed, when the settle window passes', async () => {
    const v = vonageTriggerWith(true);
    const c = inbound('CON-AGENT-VM');
    const fired = [
      ...(await v.post(c.in('answered'), 0)),
      ...(await v.post(c.agent('ringing'), 1)),
      ...(await v.post(c.agent('answered'), 8)),
      ...(await v.post(c.verdict('machine', { sub_state: 'beep_start' }), 12)),
      ...(await v.post(c.agent('completed', { duration: '20' }), 28)),
      ...(await v.post(c.in('completed', { duration: '29' }), 29)),
    ];
    expect(fired).toEqual([]);
    const ledger = await v.ledger();
    expect(await ledger.auditTrail({ phone: CALLER, kinds: ['call_connected'] })).toEqual([]);
    expect(enrolledCalls(await v.sweep(100))).toEqual([]);
    const settled = enrolledCalls(await v.sweep(130));
    expect(settled).toMatchObject([{ provider: 'vonage', callId: 'CON-AGENT-VM', class: 'missed', reason: 'agent_voicemail', direction: 'inbound', from: CALLER, to: BUSINESS }]);
    expect(enrolledCalls(await v.sweep(2000))).toEqual([]);
    expect(await ledger.contact(AGENT)).toBeNull();
  });

  it('also when the verdict comes before the agent leg’s answer', async () => {
    const v = vonageTriggerWith(true);
    const c = inbound('CON-AGENT-VM-EARLY');
    await v.post(c.in('answered'), 0);
    await v.post(c.verdict('machine'), 7);
    await v.post(c.agent('answered'), 8);
    await v.post(c.agent('completed', { duration: '20' }), 28);
    expect(enrolledCalls(await v.sweep(200))).toMatchObject([{ class: 'missed', reason: 'agent_voicemail', from: CALLER }]);
  });

  it('a message the caller records afterwards makes it a voicemail, enrolled at once', async () => {
    const v = vonageTriggerWith(true);
    const c = inbound('CON-AGENT-VM-REC');
    await v.post(c.in('answered'), 0);
    await v.post(c.agent('answered'), 8);
    await v.post(c.verdict('machine'), 12);
    await v.post(c.agent('completed', { duration: '5' }), 13);
    const fired = await v.post(c.record(14, 40), 41);
    expect(fired.map((e) => e.call)).toMatchObject([{ callId: 'CON-AGENT-VM-REC', class: 'voicemail', from: CALLER }]);
    expect(enrolledCalls(await v.sweep(2000))).toEqual([]);
  });

  it('a human verdict on the agent leg: the caller reached a person, their sequence ends and nothing is enrolled', async () => {
    const t = await enrolledCaller(true);
    const c = inbound('CON-AGENT-HUMAN');
    await t.post(c.in('answered'), 600);
    await t.post(c.agent('answered'), 608);
    expect(await t.status()).toBe('active');
    expect(await t.post(c.verdict('human'), 611)).toEqual([]);
    expect(await t.ledger.enrollment(t.id)).toMatchObject({ status: 'exited', endReason: 'call_connected' });
    expect(await t.connected()).toMatchObject([{ callId: 'CON-AGENT-HUMAN', direction: 'inbound', exitedEnrollments: [t.id] }]);
    await t.post(c.agent('completed', { duration: '120' }), 728);
    expect(enrolledCalls(await t.sweep(2000))).toEqual([]);
  });

  it('an agent leg without machine detection: a long talk enrolls nothing, and its end is the caller reached', async () => {
    const t = await enrolledCaller(true);
    const c = inbound('CON-AGENT-TALK');
    await t.post(c.in('answered'), 600);
    await t.post(c.agent('ringing'), 601);
    await t.post(c.agent('answered'), 608);
    // no verdict ever comes; the talk outlasts the settle window
    expect(enrolledCalls(await t.sweep(900))).toEqual([]);
    await t.post(c.agent('completed', { duration: '400' }), 1008);
    await t.post(c.in('completed', { duration: '409' }), 1009);
    expect(await t.ledger.enrollment(t.id)).toMatchObject({ status: 'exited', endReason: 'call_connected' });
    expect(enrolledCalls(await t.sweep(3000))).toEqual([]);
  });

  it('with detection on call-backs only, an agent’s answer is the caller reached at once', async () => {
    const t = await enrolledCaller(true, false);
    const c = inbound('CON-AGENT-CALLBACKS-ONLY');
    await t.post(c.in('answered'), 600);
    await t.post(c.agent('answered'), 608);
    expect(await t.ledger.enrollment(t.id)).toMatchObject({ status: 'exited', endReason: 'call_connected' });
    expect(await t.connected()).toMatchObject([{ callId: 'CON-AGENT-CALLBACKS-ONLY', direction: 'inbound' }]);
  });

  it('without the option the agent leg’s answer is the caller reached at once, the machine event ignored', async () => {
    const t = await enrolledCaller(false);
    const c = inbound('CON-AGENT-OFF');
    await t.post(c.in('answered'), 600);
    await t.post(c.agent('answered'), 608);
    expect(await t.ledger.enrollment(t.id)).toMatchObject({ status: 'exited', endReason: 'call_connected' });
    await t.post(c.verdict('machine'), 612);
    await t.post(c.agent('completed', { duration: '20' }), 628);
    expect(enrolledCalls(await t.sweep(2000))).toEqual([]);
    expect((await t.ledger.callEvents('CON-AGENT-OFF')).map((e) => (e.payload as { eventType: string }).eventType)).toEqual(['answered', 'answered', 'completed']);
  });
});
