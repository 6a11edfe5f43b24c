import { describe, expect, it } from 'vitest';
import { firstName, personName } from '../../../shared/template';

describe('personName', () => {
  it.each([
    ['Jane Doe', 'Jane Doe'],
    ['  José   Núñez ', 'José Núñez'],
    ['JOHN SMITH', 'John Smith'],
    ["MARY O'BRIEN-LEE", "Mary O'Brien-Lee"],
    ['jane', 'jane'],
    ['McDonald', 'McDonald'],
    ['李小龍', '李小龍'],
    ['SMITH,JOHN', 'John Smith'],
    ['Smith, Jane', 'Jane Smith'],
    ['JOHN SMITH, JR', 'John Smith, Jr'],
    ['ACME PLUMBING LLC', 'Acme Plumbing Llc'],
    ['Maria Ortega FL', 'Maria Ortega FL'],
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
    ['MIAMI FL'],
    ['NEW YORK NY'],
    ['FORT LAUDERDALE FL'],
    ['TORONTO ON'],
    [''],
    ['   '],
    [null],
    [undefined],
  ])('names nobody for %j', (raw) => {
    expect(personName(raw)).toBeNull();
  });
});

describe('firstName', () => {
  it.each([
    ['Jane Doe', 'Jane'],
    ['José Núñez', 'José'],
    ['jane', 'jane'],
    ['SMITH, JOHN', 'John'],
    ['SMITH,JOHN A', 'John'],
    ['Smith, Jane', 'Jane'],
    ['李小龍', '李小龍'],
  ])('greets %j as %j', (raw, want) => {
    expect(firstName(raw)).toBe(want);
  });

  it.each([
    // caller ID in capitals lists "LAST FIRST" as often as "FIRST LAST": no guess ("Hi Smith")
    ['JOHN SMITH'],
    ['SMITH JOHN'],
    ['SMITH'],
    ['JOHN SMITH, JR'],
    // organizations
    ['ACME PLUMBING LLC'],
    ['City of Miami'],
    ['Brightside Dental'],
    ['Mercy Hospital'],
    // no name at all
    ['MIAMI FL'],
    ['WIRELESS CALLER'],
    ['(305) 555-0153'],
    [null],
  ])('greets nobody by name for %j', (raw) => {
    expect(firstName(raw)).toBeNull();
  });
});
