import { describe, expect, it } from 'vitest';
import { withoutSecret } from '../../../nodes/shared/withoutSecret';

describe('withoutSecret', () => {
  it('replaces every occurrence of the secret', () => {
    expect(withoutSecret('auth pw123 failed (pw123)', 'pw123')).toBe('auth ••• failed (•••)');
  });
  it('leaves the text as it is without a secret', () => {
    expect(withoutSecret('connect ECONNREFUSED', '')).toBe('connect ECONNREFUSED');
    expect(withoutSecret('connect ECONNREFUSED', undefined)).toBe('connect ECONNREFUSED');
  });
});
