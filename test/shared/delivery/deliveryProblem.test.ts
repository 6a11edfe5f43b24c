import { describe, expect, it } from 'vitest';
import { deliveryProblem } from '../../../shared/delivery';

describe('deliveryProblem', () => {
  it.each([
    [30006, 'landline', 'contact'],
    [30005, 'unknown_number', 'contact'],
    [30004, 'blocked', 'contact'],
    [21610, 'opted_out', 'contact'],
    [30003, 'unreachable', 'transient'],
    [30007, 'filtered', 'sender'],
    [30034, 'sender_config', 'sender'],
    [30032, 'sender_config', 'sender'],
    [30008, 'unknown', 'transient'],
  ])('%i is %s, about the %s', (code, kind, scope) => {
    expect(deliveryProblem(code)).toMatchObject({ code, kind, scope });
    expect(deliveryProblem(String(code))).toMatchObject({ code, kind, scope });
  });

  it('names what Twilio means in words', () => {
    expect(deliveryProblem(30006).description).toMatch(/landline/i);
  });

  it('an unknown code, none or garbage concludes nothing about the number', () => {
    expect(deliveryProblem(39999)).toEqual({ code: 39999, kind: 'unknown', scope: 'transient', description: 'Error 39999' });
    for (const c of [null, undefined, '', 'abc', '30006x', {}, 1.5e9 + 0.5])
      expect(deliveryProblem(c), String(c)).toMatchObject({ kind: 'unknown', scope: 'transient' });
    expect(deliveryProblem(null).code).toBeNull();
  });
});
