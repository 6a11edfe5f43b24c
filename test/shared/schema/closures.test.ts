import { describe, expect, it } from 'vitest';
import { closureOn, parseSequenceTemplate, type BusinessClosure } from '../../../shared/schema';
import { fourTouch } from '../../../shared/templates';
import { cleanTemplate } from '../lint/fixtures';

const withClosures = (closures: unknown) => {
  const t = cleanTemplate();
  (t.business as any).closures = closures;
  return parseSequenceTemplate(t);
};
const issuePaths = (r: ReturnType<typeof parseSequenceTemplate>) => (r.success ? [] : r.issues.map((i) => i.path));

describe('business.closures in the template schema', () => {
  it('defaults to no closures, so templates written before closures parse unchanged', () => {
    const t = cleanTemplate();
    expect('closures' in t.business).toBe(false);
    const r = parseSequenceTemplate(t);
    expect(r.success && r.data.business.closures).toEqual([]);
  });

  it('accepts single days, inclusive ranges (one day long too) and a reason', () => {
    const closures = [{ from: '2026-12-25', reason: 'Christmas' }, { from: '2026-12-31', to: '2027-01-02' }, { from: '2028-02-29', to: '2028-02-29' }];
    const r = withClosures(closures);
    expect(r.success && r.data.business.closures).toEqual(closures);
  });

  it.each<[string, unknown, string]>([
    ['an impossible date', [{ from: '2026-02-30' }], 'business.closures[0].from'],
    ['29 February of a common year', [{ from: '2027-02-29' }], 'business.closures[0].from'],
    ['month 13', [{ from: '2026-12-01', to: '2026-13-01' }], 'business.closures[0].to'],
    ['a date without zero padding', [{ from: '2026-1-5' }], 'business.closures[0].from'],
    ['a date-time instead of a date', [{ from: '2026-12-25T00:00:00Z' }], 'business.closures[0].from'],
    ['an end before the start', [{ from: '2026-12-26', to: '2026-12-24' }], 'business.closures[0].to'],
    ['a blank reason', [{ from: '2026-12-25', reason: '  ' }], 'business.closures[0].reason'],
    ['an unknown key', [{ from: '2026-12-25', until: '2026-12-26' }], 'business.closures[0]'],
    ['a missing start', [{ to: '2026-12-25' }], 'business.closures[0].from'],
  ])('rejects %s at a readable path', (_n, closures, path) => {
    expect(issuePaths(withClosures(closures))).toContain(path);
  });

  it('starter templates list no closures', () => {
    expect(fourTouch.business.closures).toEqual([]);
  });
});

describe('closureOn', () => {
  const closures: BusinessClosure[] = [{ from: '2026-12-24', to: '2026-12-26', reason: 'Christmas' }, { from: '2027-01-01' }];
  it.each([
    ['2026-12-23', null],
    ['2026-12-24', 'Christmas'],
    ['2026-12-25', 'Christmas'],
    ['2026-12-26', 'Christmas'],
    ['2026-12-27', null],
    ['2027-01-01', '(no reason)'],
    ['2027-01-02', null],
  ])('on %s finds %s', (date, want) => {
    const c = closureOn(closures, date);
    expect(c ? (c.reason ?? '(no reason)') : null).toBe(want);
  });

  it('finds nothing in an empty or absent list', () => {
    expect(closureOn([], '2026-12-25')).toBeNull();
    expect(closureOn(undefined, '2026-12-25')).toBeNull();
  });
});
