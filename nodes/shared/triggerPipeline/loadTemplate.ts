import { validateSequence, type Diagnostic } from '../../../shared/lint';
import { parseSequenceTemplate, type SequenceTemplate } from '../../../shared/schema/sequenceTemplate';

export type TemplateSource = { kind: 'json'; text: string | object } | { kind: 'url'; url: string };

export type LoadedTemplate =
  | { ok: true; template: SequenceTemplate; hash: string; warnings: Diagnostic[] }
  | { ok: false; code: 'TEMPLATE_INVALID'; message: string; diagnostics: Diagnostic[] };

/**
 * Reads the "Sequence Template" parameter (pasted JSON, or a URL fetched with `fetchJson`) and
 * validates it with `validateSequence`; any error-level finding makes it unusable. Never throws.
 */
export async function loadTemplate(
  source: TemplateSource,
  fetchJson: (url: string) => Promise<unknown>,
  hash: (text: string) => string,
): Promise<LoadedTemplate> {
  let raw: unknown;
  try {
    if (source.kind === 'url') raw = await fetchJson(source.url);
    else raw = typeof source.text === 'string' ? JSON.parse(source.text) : source.text;
    if (typeof raw === 'string') raw = JSON.parse(raw);
  } catch (e) {
    const what = source.kind === 'url' ? 'could not be loaded from its URL' : 'is not valid JSON';
    return { ok: false, code: 'TEMPLATE_INVALID', message: `The sequence template ${what}: ${(e as Error).message}`, diagnostics: [] };
  }
  const diagnostics = validateSequence(raw);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const parsed = parseSequenceTemplate(raw);
  if (errors.length > 0 || !parsed.success) {
    const first = errors[0]?.message ?? 'schema error';
    return { ok: false, code: 'TEMPLATE_INVALID', message: `The sequence template has ${errors.length} error(s), first: ${first}`, diagnostics: errors };
  }
  return { ok: true, template: parsed.data, hash: hash(JSON.stringify(parsed.data)), warnings: diagnostics };
}
