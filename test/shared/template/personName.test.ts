import { describe, expect, it } from 'vitest';
import { personName } from '../../../shared/template';

describe('personName', () => {
  it.each([
    ['Jane Doe', 'Jane Doe'],
    ['  José   Núñez ', 'José Núñez'],
    ['JOHN SMITH', 'John Smith'],
    ["MARY O'BRIEN-LEE", "Mary O'Brien-Lee"],
    ['jane', 'jane'],
    ['McDonald', 'McDonald'],
    ['李小龍', '李小龍'],
  ])('keeps the name %j as %j', (raw, want) => {
    expect(personName(raw)).toBe(want);
  });

  it.each([
    ['(305) 555-0153'],
    ['+1 305 555 0153'],
    ['305-555-0153 x12'],
    ['WIRELESS CALLER'],
    ['Unknown'],
    ['UNKNOWN CALLER'],
    ['Anonymous'],
    ['private number'],
    ['RESTRICTED'],
    ['Toll-Free Caller'],
    ['OUT OF AREA'],
    ['No Caller ID'],
    [''],
    ['   '],
    [null],
    [undefined],
  ])('names nobody for %j', (raw) => {
    expect(personName(raw)).toBeNull();
  });
});
