/** safeEqual compares fixed-length digests: a token of another length still goes through timingSafeEqual (no early exit that times the length). */
import { describe, expect, it, vi } from 'vitest';

const calls: [number, number][] = [];
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return {
    ...real,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      calls.push([a.byteLength, b.byteLength]);
      return real.timingSafeEqual(a, b);
    },
  };
});

describe('safeEqual and the secret’s length', () => {
  it('compares 32-byte digests whatever the lengths', async () => {
    const { safeEqual } = await import('../../../../nodes/shared/signatures/crypto');
    expect(safeEqual('short', 'a-much-longer-webhook-token-value')).toBe(false);
    expect(safeEqual('', 'x')).toBe(false);
    expect(safeEqual('same', 'same')).toBe(true);
    expect(calls).toEqual([[32, 32], [32, 32], [32, 32]]);
  });
});
