import { describe, expect, it, vi } from 'vitest';
import { loadTemplate, TemplateMemo } from '../../../../nodes/shared/triggerPipeline/loadTemplate';
import { fourTouch } from '../../../../shared/templates';

const noFetch = async () => {
  throw new Error('no fetch expected');
};
const hash = (s: string) => `h${s.length}`;
const text = JSON.stringify(fourTouch);

describe('loadTemplate with a TemplateMemo', () => {
  it('validates a pasted template once and returns the same frozen result for the same text', async () => {
    const memo = new TemplateMemo();
    const a = await loadTemplate({ kind: 'json', text }, noFetch, hash, memo);
    const b = await loadTemplate({ kind: 'json', text }, noFetch, hash, memo);
    expect(a.ok).toBe(true);
    expect(b).toBe(a);
    if (!a.ok) throw new Error('unreachable');
    expect(Object.isFrozen(a.template.steps[0])).toBe(true);
    expect(() => {
      (a.template as { name: string }).name = 'changed';
    }).toThrow(TypeError);
  });

  it('keys on the text: a changed template is validated again, an invalid one stays invalid', async () => {
    const memo = new TemplateMemo();
    const a = await loadTemplate({ kind: 'json', text }, noFetch, hash, memo);
    const broken = await loadTemplate({ kind: 'json', text: JSON.stringify({ ...fourTouch, steps: [] }) }, noFetch, hash, memo);
    expect(a.ok).toBe(true);
    expect(broken.ok).toBe(false);
    expect((await loadTemplate({ kind: 'json', text: JSON.stringify({ ...fourTouch, steps: [] }) }, noFetch, hash, memo)).ok).toBe(false);
  });

  it('a fetched template is fetched every time but validated once per distinct JSON', async () => {
    const memo = new TemplateMemo();
    const fetchJson = vi.fn(async () => JSON.parse(text) as unknown);
    const a = await loadTemplate({ kind: 'url', url: 'http://127.0.0.1/t.json' }, fetchJson, hash, memo);
    const b = await loadTemplate({ kind: 'url', url: 'http://127.0.0.1/t.json' }, fetchJson, hash, memo);
    expect(fetchJson).toHaveBeenCalledTimes(2);
    expect(b).toBe(a);
    fetchJson.mockResolvedValueOnce({ ...fourTouch, name: 'Renamed' });
    const c = await loadTemplate({ kind: 'url', url: 'http://127.0.0.1/t.json' }, fetchJson, hash, memo);
    expect(c).not.toBe(a);
    expect(c.ok && c.template.name).toBe('Renamed');
  });

  it('keeps at most 32 texts, dropping the least recently used', async () => {
    const memo = new TemplateMemo();
    const variant = (i: number) => JSON.stringify({ ...fourTouch, name: `T${i}` });
    const first = await loadTemplate({ kind: 'json', text: variant(0) }, noFetch, hash, memo);
    for (let i = 1; i < 32; i++) await loadTemplate({ kind: 'json', text: variant(i) }, noFetch, hash, memo);
    expect(memo.get(variant(0))).toBe(first); // touched: now the newest
    await loadTemplate({ kind: 'json', text: variant(32) }, noFetch, hash, memo);
    expect(memo.get(variant(0))).toBe(first);
    expect(memo.get(variant(1))).toBeUndefined();
  });

  it('without a memo every call validates afresh', async () => {
    const a = await loadTemplate({ kind: 'json', text }, noFetch, hash);
    const b = await loadTemplate({ kind: 'json', text }, noFetch, hash);
    expect(b).not.toBe(a);
    expect(b).toEqual(a);
  });
});
