import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../designer/src/export/sha256';
import { exportWorkflowId, stableWorkflowId } from '../../designer/src/export/stableWorkflowId';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const nodeHash = (s: string) => createHash('sha256').update(s).digest('hex');

describe('sha256 (pure, for the browser)', () => {
  it('matches the published test vectors', () => {
    expect(hex(sha256(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha256('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('equals node:crypto on any text, across block boundaries and non-ASCII', () => {
    for (const n of [55, 56, 57, 63, 64, 65, 119, 120, 128, 1000]) expect(hex(sha256('x'.repeat(n)))).toBe(nodeHash('x'.repeat(n)));
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => hex(sha256(s)) === nodeHash(s)), { numRuns: 300 });
  });
});

describe('stableWorkflowId', () => {
  it('is 16 letters/digits, the same for the same seed, different for another', () => {
    const a = stableWorkflowId('missed-call:four-touch:workflow');
    expect(a).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(stableWorkflowId('missed-call:four-touch:workflow')).toBe(a);
    expect(exportWorkflowId('four-touch', 'workflow')).toBe(a);
    expect(exportWorkflowId('four-touch', 'firstTouch')).not.toBe(a);
  });

  it('keeps the ids the CLI gave before it moved here (re-importing replaces, never duplicates)', () => {
    // the CLI's former node:crypto implementation
    const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    const before = (seed: string) => Array.from(createHash('sha256').update(seed).digest().subarray(0, 16), (b) => ALNUM[b % ALNUM.length]).join('');
    for (const seed of ['missed-call:four-touch:workflow', 'missed-call:after-hours:firstTouch', 'missed-call:ü:replies']) expect(stableWorkflowId(seed)).toBe(before(seed));
  });
});
