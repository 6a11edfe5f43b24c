import { describe, expect, it } from 'vitest';
import { capNotBefore } from '../../../shared/compliance/capNotBefore';

const H = 3_600_000;
const now = Date.UTC(2027, 0, 13, 15);

describe('capNotBefore', () => {
  it.each<[string, { max: number; hours: number }, number | undefined, number[] | undefined, number | null]>([
    ['under the cap → null', { max: 3, hours: 24 }, 2, undefined, null],
    ['at the cap with only a count → now + 24 h', { max: 3, hours: 24 }, 3, undefined, now + 24 * H],
    ['at the cap with instants → oldest + 24 h', { max: 3, hours: 24 }, undefined, [now - 20 * H, now - 3 * H, now - H], now + 4 * H],
    ['over the cap → enough sends must age out', { max: 2, hours: 24 }, undefined, [now - 20 * H, now - 10 * H, now - H], now + 14 * H],
    ['a send exactly 24 h old no longer counts', { max: 1, hours: 24 }, undefined, [now - 24 * H], null],
    ['future instants are ignored', { max: 1, hours: 24 }, undefined, [now + H], null],
    ['an 8-hour cap uses only the last 8 h', { max: 1, hours: 8 }, undefined, [now - 9 * H], null],
    ['an 8-hour cap with only a 24 h count → now + 8 h', { max: 1, hours: 8 }, 1, undefined, now + 8 * H],
    ['max 0 → never', { max: 0, hours: 24 }, 0, undefined, Infinity],
  ])('%s', (_l, cap, count, sends, expected) => {
    expect(capNotBefore(cap, now, count, sends)).toBe(expected);
  });
});
