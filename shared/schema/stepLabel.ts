/**
 * A step as the designer shows it: its position ("Step 2 of 4" in the inspector) and its name (the
 * inspector's title), or its id when it has no name. Takes raw input too (schema messages).
 * @example stepLabel({ id: 'email-next-day', name: 'Next-day email' }, 1) // 'Step 2 "Next-day email"'
 * @example stepLabel({ id: 'sms-1' }, 0) // 'Step 1 (sms-1)'
 */
export function stepLabel(step: { id?: unknown; name?: unknown } | null | undefined, index: number): string {
  const name = typeof step?.name === 'string' && step.name.trim() ? step.name.trim() : null;
  const id = typeof step?.id === 'string' && step.id ? step.id : null;
  return `Step ${index + 1}${name ? ` "${name}"` : id ? ` (${id})` : ''}`;
}
