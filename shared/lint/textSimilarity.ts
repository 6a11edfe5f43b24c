import { replacePlaceholders } from './placeholders';

/** Longest text (in tokens) compared; keeps similarity linear and bounded. */
export const MAX_TOKENS = 300;

const WORD_RE = /[\p{L}\p{N}_]+/gu;

/** Lower-cased word tokens; placeholders become `ph_<name>` tokens so "Hi {{callerName}}" ≠ "Hi {{agentName}}". */
export function tokenize(text: string): string[] {
  const withPh = replacePlaceholders(text, (name) => ` ph_${name} `).toLowerCase();
  const tokens = withPh.match(WORD_RE) ?? [];
  return tokens.length > MAX_TOKENS ? tokens.slice(0, MAX_TOKENS) : tokens;
}

/** Jaccard index |A∩B| / |A∪B| of two token sets; 1 for two empty sets. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const t of small) if (large.has(t)) common++;
  return common / (a.size + b.size - common);
}

/** A text reduced for comparison: its token sequence as one string and its token set as sorted ids. */
export interface TextFingerprint {
  key: string;
  ids: Uint32Array;
}

/**
 * Fingerprints texts against a shared token dictionary (one per comparison run), so that
 * `jaccardIds` compares integer arrays instead of hashing strings for every pair.
 */
export function fingerprint(text: string, dictionary: Map<string, number>): TextFingerprint {
  const tokens = tokenize(text);
  const ids = new Uint32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    let id = dictionary.get(tokens[i]);
    if (id === undefined) dictionary.set(tokens[i], (id = dictionary.size));
    ids[i] = id;
  }
  ids.sort();
  let n = 0;
  for (let i = 0; i < ids.length; i++) if (i === 0 || ids[i] !== ids[i - 1]) ids[n++] = ids[i];
  return { key: tokens.join(' '), ids: ids.subarray(0, n) };
}

/** Jaccard index of two sorted, duplicate-free id arrays (from `fingerprint`). */
export function jaccardIds(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return common / (a.length + b.length - common);
}

/** Threshold at and above which two texts count as near duplicates. */
export const NEAR_DUPLICATE_THRESHOLD = 0.85;
