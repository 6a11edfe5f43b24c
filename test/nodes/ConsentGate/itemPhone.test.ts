import { describe, expect, it } from 'vitest';
import { itemPhone } from '../../../nodes/ConsentGate/itemPhone';

describe('itemPhone (the Consent Gate’s phone when the Phone parameter is empty)', () => {
  it.each([
    ['the scheduler’s touch.phone first', { touch: { phone: '+13055550101' }, contact: { phone: '+13055550102' }, call: { from: '+13055550103' } }, '+13055550101'],
    ['the trigger’s contact.phone when there is no touch', { contact: { phone: '+13055550102' }, call: { from: '+13055550103' } }, '+13055550102'],
    ['call.from when there is neither', { call: { from: ' +13055550103 ' } }, '+13055550103'],
    ['a number given as a number', { touch: { phone: 13055550101 } }, '13055550101'],
    ['nothing when a touch has no phone (no fallback past the touch, like the old expression)', { touch: {}, call: { from: '+13055550103' } }, ''],
    ['nothing for an item without any of them', { other: 1 }, ''],
    ['nothing when call is not an object', { call: 'x' }, ''],
  ])('reads %s', (_, json, want) => {
    expect(itemPhone(json)).toBe(want);
  });
});
