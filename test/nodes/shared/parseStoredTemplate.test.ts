import { describe, expect, it } from 'vitest';
import { parseStoredTemplate } from '../../../nodes/shared/parseStoredTemplate';
import { parseSequenceTemplate } from '../../../shared/schema';
import { fourTouch } from '../../../shared/templates';

/** A fresh copy, as each ledger read returns one. */
const stored = (t: unknown = fourTouch) => JSON.parse(JSON.stringify(t)) as unknown;

describe('parseStoredTemplate', () => {
  it('parses each stored copy of one template once and shares the frozen result', () => {
    const a = parseStoredTemplate(stored());
    const b = parseStoredTemplate(stored());
    expect(a.success).toBe(true);
    expect(b).toBe(a);
    expect(a).toEqual(parseSequenceTemplate(stored()));
    if (!a.success) throw new Error('unreachable');
    expect(Object.isFrozen(a.data.steps[0])).toBe(true);
    expect(() => {
      (a.data.business as { name: string }).name = 'changed';
    }).toThrow(TypeError);
  });

  it('keys on the JSON: a changed template is parsed again, an invalid one stays invalid', () => {
    const a = parseStoredTemplate(stored());
    const renamed = parseStoredTemplate(stored({ ...fourTouch, name: 'Renamed' }));
    const broken = parseStoredTemplate(stored({ ...fourTouch, steps: [] }));
    expect(renamed.success && renamed.data.name).toBe('Renamed');
    expect(a.success && a.data.name).toBe(fourTouch.name);
    expect(broken.success).toBe(false);
    expect(parseStoredTemplate(stored({ ...fourTouch, steps: [] }))).toBe(broken);
  });

  it('does not confuse a string holding the JSON with the template itself', () => {
    expect(parseStoredTemplate(stored()).success).toBe(true);
    expect(parseStoredTemplate(JSON.stringify(fourTouch)).success).toBe(false);
  });

  it('parses what is not JSON without memoizing it', () => {
    const cyclic: Record<string, unknown> = { id: 'x' };
    cyclic.self = cyclic;
    expect(parseStoredTemplate(cyclic).success).toBe(false);
    expect(parseStoredTemplate(undefined).success).toBe(false);
  });
});
