import { createHash } from 'node:crypto';

export interface Weighted {
  id: string;
  weight: number;
}

/**
 * Deterministic weighted pick keyed by a string (enrollment id + step id): the same enrollment
 * always gets the same variant, and over many enrollments the split follows the weights.
 * @example chooseVariant([{ id: 'default', weight: 1 }, { id: 'question', weight: 1 }], 'enr_1:sms-first')
 */
export function chooseVariant<T extends Weighted>(options: readonly T[], key: string): T {
  if (options.length === 0) throw new RangeError('chooseVariant needs at least one option');
  const total = options.reduce((s, o) => s + (o.weight > 0 ? o.weight : 0), 0);
  if (options.length === 1 || total <= 0) return options[0]!;
  const h = createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;
  let acc = 0;
  for (const o of options) {
    acc += o.weight > 0 ? o.weight : 0;
    if (h * total < acc) return o;
  }
  return options[options.length - 1]!;
}
