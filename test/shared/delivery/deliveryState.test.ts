import { describe, expect, it } from 'vitest';
import { deliveryState, isFinalDelivery, supersedes, type DeliveryState } from '../../../shared/delivery';

describe('deliveryState', () => {
  it.each([
    ['accepted', 'queued'],
    ['scheduled', 'queued'],
    ['queued', 'queued'],
    ['sending', 'queued'],
    ['sent', 'sent'],
    ['delivered', 'delivered'],
    ['partially_delivered', 'delivered'],
    ['read', 'read'],
    ['undelivered', 'undelivered'],
    ['failed', 'failed'],
    ['canceled', 'failed'],
    [' Delivered ', 'delivered'],
  ])('reads Twilio %j as %s', (status, state) => {
    expect(deliveryState(status)).toBe(state);
  });

  it.each([['received'], ['receiving'], [''], ['delivered!'], [null], [3], [undefined]])('%j is no status of a sent message', (s) => {
    expect(deliveryState(s)).toBeNull();
  });
});

describe('supersedes', () => {
  const order: DeliveryState[] = ['queued', 'sent', 'undelivered', 'delivered', 'read'];

  it('anything replaces nothing on record', () => {
    for (const s of order) expect(supersedes(s, null)).toBe(true);
  });

  it('moves forward only: a late, older callback or a duplicate never replaces the state on record', () => {
    for (let i = 0; i < order.length; i++)
      for (let j = 0; j < order.length; j++) expect(supersedes(order[j]!, order[i]!), `${order[j]} over ${order[i]}`).toBe(j > i);
  });

  it('failed and undelivered are one rank: neither replaces the other, a delivery receipt replaces both', () => {
    expect(supersedes('failed', 'undelivered')).toBe(false);
    expect(supersedes('undelivered', 'failed')).toBe(false);
    expect(supersedes('delivered', 'failed')).toBe(true);
    expect(supersedes('sent', 'failed')).toBe(false);
  });

  it('final states are the ones no carrier will move on from without the handset', () => {
    expect(order.filter(isFinalDelivery)).toEqual(['undelivered', 'delivered', 'read']);
    expect(isFinalDelivery('failed')).toBe(true);
  });
});
