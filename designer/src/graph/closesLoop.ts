import type { DesignerDoc } from './types';

/**
 * True when a chain edge `source → target` would close a loop: following the chain on from `target`
 * reaches `source` (a later step wired back to an earlier one, which would cut the chain off the start).
 */
export function closesLoop(doc: Pick<DesignerDoc, 'edges'>, source: string, target: string): boolean {
  const next = new Map<string, string>();
  for (const e of doc.edges) if (e.data?.role !== 'exit' && !next.has(e.source)) next.set(e.source, e.target);
  const seen = new Set<string>();
  for (let at: string | undefined = target; at !== undefined && !seen.has(at); at = next.get(at)) {
    if (at === source) return true;
    seen.add(at);
  }
  return false;
}
