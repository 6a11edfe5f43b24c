import { describe, expect, it } from 'vitest';
import { emailKey, MAX_EMAIL_LENGTH } from '../../../nodes/ledger';

describe('emailKey', () => {
  it.each([
    ['dana@example.com', 'dana@example.com'],
    ['  Dana.Lee@Example.COM ', 'dana.lee@example.com'],
    ['Dana Lee <Dana.Lee+calls@Example.com>', 'dana.lee+calls@example.com'],
    ['<dana@example.com>', 'dana@example.com'],
    ['"Lee, Dana" <dana@example.com>', 'dana@example.com'],
    ['o\'brien@example.ie', "o'brien@example.ie"],
    ['jos\u00e9@ejemplo.es', 'jos\u00e9@ejemplo.es'],
  ])('keys %j as %j', (raw, key) => {
    expect(emailKey(raw)).toBe(key);
  });

  it.each([
    ['', 'empty'],
    ['dana', 'no @'],
    ['dana@', 'no domain'],
    ['@example.com', 'no local part'],
    ['dana@@example.com', 'two @'],
    ['dana lee@example.com', 'a space'],
    ['dana@example.com, ben@example.com', 'a list'],
    ['dana@example.com; ben@example.com', 'a list'],
    ['Dana <dana@example.com> <ben@example.com>', 'two angle addresses'],
    ['dana\r\n@example.com', 'a line break'],
    [`${'d'.repeat(65)}@example.com`, 'a local part past 64'],
    [`dana@${'e'.repeat(MAX_EMAIL_LENGTH)}.com`, 'too long'],
  ])('refuses %j (%s)', (raw) => {
    expect(emailKey(raw)).toBeNull();
  });

  it('refuses what is no string', () => {
    for (const v of [null, undefined, 42, {}, ['dana@example.com']]) expect(emailKey(v)).toBeNull();
  });
});
