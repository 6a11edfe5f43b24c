import type { NodeOperationError } from 'n8n-workflow';

const invalidItems = new WeakSet<object>();

/** Marks `e` as the item's fault (a missing or invalid field, an unknown enrollment), not the ledger's. */
export function invalidItem(e: NodeOperationError): NodeOperationError {
  invalidItems.add(e);
  return e;
}

/** Whether `e` was thrown because of the item itself: its error item gets `details.invalidItem` (an outcome webhook answers 422). */
export const isInvalidItemError = (e: unknown): boolean => typeof e === 'object' && e !== null && invalidItems.has(e);
