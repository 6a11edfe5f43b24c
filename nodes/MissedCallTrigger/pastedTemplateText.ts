/**
 * The template text of a "Sequence Template (JSON)" value stored in Expression mode, or undefined.
 *
 * n8n's editor turns a field into an expression (`=` prefix) when pasted text holds `{{`, and a
 * designer template's placeholders (`{{callerFirstName|there}}`) do: evaluating it then throws
 * ("invalid syntax") or silently turns placeholders into "" or 0. A stored `=` value whose rest is a
 * JSON object is such a paste and is used as written; a real expression (`={{ $vars.template }}`)
 * is no JSON object and is left to n8n.
 */
export function pastedTemplateText(stored: unknown): string | undefined {
  if (typeof stored !== 'string' || !stored.startsWith('=')) return undefined;
  const text = stored.slice(1);
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? text : undefined;
  } catch {
    return undefined;
  }
}
