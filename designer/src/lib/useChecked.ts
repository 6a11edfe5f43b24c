import { useRef } from 'react';
import type { DesignerDoc } from '../graph/types';
import { checkDoc, type Checked } from './diagnostics';

/**
 * `checkDoc(doc)`, recomputed only when something the template depends on changed: dragging or
 * selecting nodes keeps every `data` object, the edges and the meta, so lint does not run per frame.
 */
export function useChecked(doc: DesignerDoc): Checked {
  const memo = useRef<{ deps: unknown[]; value: Checked } | null>(null);
  const deps: unknown[] = [doc.meta, doc.edges, ...doc.nodes.map((n) => n.data)];
  const prev = memo.current;
  if (prev && prev.deps.length === deps.length && prev.deps.every((d, i) => d === deps[i])) return prev.value;
  const value = checkDoc(doc);
  memo.current = { deps, value };
  return value;
}
