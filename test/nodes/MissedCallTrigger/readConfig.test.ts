import { describe, expect, it } from 'vitest';
import type { IWebhookFunctions } from 'n8n-workflow';
import { nowFrom, readConfig } from '../../../nodes/MissedCallTrigger/readConfig';

const ctx = (currentTime: unknown, zone = 'America/New_York') =>
  ({
    getNodeParameter: (name: string, fallback?: unknown) => (name === 'currentTime' ? currentTime : fallback),
    getTimezone: () => zone,
    getNode: () => ({ name: 'Missed Call Trigger' }),
  }) as unknown as Pick<IWebhookFunctions, 'getNodeParameter' | 'getNode' | 'getTimezone'>;

describe('nowFrom (the trigger’s Current Time)', () => {
  it('reads a date-picker value (no offset) in the workflow’s time zone, as the other nodes do', () => {
    expect(nowFrom(ctx('2027-01-14T20:45:00'))).toBe(Date.UTC(2027, 0, 15, 1, 45));
    expect(nowFrom(ctx('2027-07-14T09:00:00', 'America/Los_Angeles'))).toBe(Date.UTC(2027, 6, 14, 16));
  });

  it('takes an instant with an offset as it is, and the real clock when empty', () => {
    expect(nowFrom(ctx('2027-01-14T20:45:00.000Z'))).toBe(Date.UTC(2027, 0, 14, 20, 45));
    const before = Date.now();
    expect(nowFrom(ctx(''))).toBeGreaterThanOrEqual(before);
  });

  it('takes an expression’s epoch milliseconds', () => {
    expect(nowFrom(ctx(Date.UTC(2027, 0, 14, 20, 45)))).toBe(Date.UTC(2027, 0, 14, 20, 45));
  });

  it('refuses what is no date', () => {
    expect(() => nowFrom(ctx('next tuesday'))).toThrow('Current Time "next tuesday" is not a date');
  });
});

describe('Ignore Numbers', () => {
  const trigger = (filters: Record<string, unknown>) =>
    ({
      getNodeParameter: (name: string, fallback?: unknown) => (name === 'filters' ? filters : fallback),
      getNode: () => ({ name: 'Missed Call Trigger', id: 'n1' }),
      getWorkflow: () => ({ id: 'wf' }),
    }) as unknown as IWebhookFunctions;

  it('gives the trigger the normalized numbers', () => {
    expect(readConfig(trigger({ ignoreNumbers: '(305) 555-0100' })).ignoreNumbers).toEqual(['+13055550100']);
    expect(readConfig(trigger({ ignoreNumbers: '020 7946 0958', defaultCountry: 'gb' })).ignoreNumbers).toEqual(['+442079460958']);
    expect(readConfig(trigger({})).ignoreNumbers).toEqual([]);
  });

  it('stops with an error naming an entry that could never match', () => {
    expect(() => readConfig(trigger({ ignoreNumbers: '+13055550100, 305-555' }))).toThrow('Ignore Numbers: entry 2 ("30*-***") is not a phone number.');
  });
});
