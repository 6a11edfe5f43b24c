import { describe, expect, it } from 'vitest';
import { statementName, StatementNames } from '../../../nodes/ledger/statementNames';

describe('StatementNames', () => {
  it('names a text mcl_ + 16 hex digits of its SHA-1, the same every time, another text otherwise', () => {
    // sha1("SELECT 1") = 42364a017b73ef516a0eca9827e6fa00623257ee
    expect(statementName('SELECT 1')).toBe('mcl_42364a017b73ef51');
    const names = new StatementNames();
    expect(names.nameOf('SELECT 1')).toBe(statementName('SELECT 1'));
    expect(names.nameOf('SELECT 1')).toBe(names.nameOf('SELECT 1'));
    expect(names.nameOf('SELECT 2')).not.toBe(names.nameOf('SELECT 1'));
  });

  it('names only the first `cap` distinct texts; later ones run unnamed, earlier ones keep their names', () => {
    const names = new StatementNames(3);
    const got = ['a', 'b', 'c', 'd', 'e'].map((t) => names.nameOf(`SELECT '${t}'`));
    expect(got.slice(0, 3).every((x) => x !== undefined)).toBe(true);
    expect(got.slice(3)).toEqual([undefined, undefined]);
    expect(names.nameOf(`SELECT 'a'`)).toBe(got[0]);
    expect(names.size).toBe(3);
  });
});
