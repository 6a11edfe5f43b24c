/**
 * The newest `capacity` results of a pure function by a string key (least recently used dropped
 * first). Values are deep-frozen when stored: every caller shares them, so none may change one.
 * @example const memo = new FrozenMemo<Parsed>(64); memo.get(text) ?? memo.set(text, parse(text))
 */
export class FrozenMemo<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: V): V {
    if (!this.entries.has(key) && this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, deepFreeze(value));
    return value;
  }
}

export function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}
