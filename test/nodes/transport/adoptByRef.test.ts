/**
 * adoptByRef: a re-send (or a create whose first attempt may have landed) takes over what an earlier
 * attempt created, found by its ref, and records it as adopted; recoverCreate answers with it.
 */
import { describe, expect, it } from 'vitest';
import { adoptByRef } from '../../../nodes/transport/crm/adoptByRef';
import { recoverCreate } from '../../../nodes/transport/crm/http';

/** a contact's objects by ref; records what was looked up */
function finder(byRef: Record<string, string>) {
  const asked: string[][] = [];
  const find = async (refs: string[]) => {
    asked.push(refs);
    return new Map(Object.entries(byRef));
  };
  return { find, asked };
}

describe('adoptByRef', () => {
  it('looks the ref up and adopts a hit, after what was adopted before', async () => {
    const { find, asked } = finder({ mcbbbbbbbbbb: '7' });
    const adopted = ['3'];
    expect(await adoptByRef(find, 'mcbbbbbbbbbb', adopted)).toBe('7');
    expect(asked).toEqual([['mcbbbbbbbbbb']]);
    expect(adopted).toEqual(['3', '7']);
  });

  it('adopts nothing when the ref is not found, even if other refs are', async () => {
    const { find } = finder({ mccccccccccc: '8' });
    const adopted: string[] = [];
    expect(await adoptByRef(find, 'mcbbbbbbbbbb', adopted)).toBeUndefined();
    expect(adopted).toEqual([]);
  });
});

describe('recoverCreate with adoptByRef', () => {
  it('answers a create that landed with what it created, adopted', async () => {
    const adopted: string[] = [];
    const { find } = finder({ mcbbbbbbbbbb: '7' });
    const o = recoverCreate(() => adoptByRef(find, 'mcbbbbbbbbbb', adopted), (id) => ({ id }));
    expect(await o.recover!()).toEqual({ status: 200, headers: {}, body: { id: '7' } });
    expect(adopted).toEqual(['7']);
  });

  it('sends again (null) when nothing landed', async () => {
    const adopted: string[] = [];
    const { find } = finder({});
    const o = recoverCreate(() => adoptByRef(find, 'mcbbbbbbbbbb', adopted), (id) => ({ id }));
    expect(await o.recover!()).toBeNull();
    expect(adopted).toEqual([]);
  });
});
