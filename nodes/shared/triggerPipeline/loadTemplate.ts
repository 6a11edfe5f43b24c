import { validateSequence, type Diagnostic } from '../../../shared/lint';
import { parseSequenceTemplate, type SequenceTemplate } from '../../../shared/schema/sequenceTemplate';
import { FrozenMemo } from '../frozenMemo';

export type TemplateSource = { kind: 'json'; text: string | object } | { kind: 'url'; url: string };

export type LoadedTemplate =
  | { ok: true; template: SequenceTemplate; hash: string; warnings: Diagnostic[] }
  | { ok: false; code: 'TEMPLATE_INVALID'; message: string; diagnostics: Diagnostic[] };

/**
 * Loaded templates by their JSON text, the newest 32 kept: a pasted template is validated once per
 * process instead of on every delivery (about 2 ms). Memoized templates are frozen.
 */
export class TemplateMemo extends FrozenMemo<LoadedTemplate> {
  constructor() {
    super(32);
  }
}

/**
 * Reads the "Sequence Template" parameter (pasted JSON, or a URL fetched with `fetchJson`) and
 * validates it with `validateSequence`; any error-level finding makes it unusable. Never throws.
 * With `memo`, a template text seen before (pasted, or the same JSON fetched again) is not validated again.
 */
export async function loadTemplate(
  source: TemplateSource,
  fetchJson: (url: string) => Promise<unknown>,
  hash: (text: string) => string,
  memo?: TemplateMemo,
): Promise<LoadedTemplate> {
  let raw: unknown;
  let text = source.kind === 'json' && typeof source.text === 'string' ? source.text : undefined;
  const pasted = text !== undefined ? memo?.get(text) : undefined;
  if (pasted) return pasted;
  try {
    if (source.kind === 'url') raw = await fetchJson(source.url);
    else raw = typeof source.text === 'string' ? JSON.parse(source.text) : source.text;
    if (typeof raw === 'string') raw = JSON.parse(raw);
  } catch (e) {
    const what = source.kind === 'url' ? 'could not be loaded from its URL' : 'is not valid JSON';
    return { ok: false, code: 'TEMPLATE_INVALID', message: `The sequence template ${what}: ${(e as Error).message}`, diagnostics: [] };
  }
  if (memo && text === undefined) {
    text = JSON.stringify(raw);
    const seen = memo.get(text);
    if (seen) return seen;
  }
  const loaded = validated(raw, hash);
  return memo && text !== undefined ? memo.set(text, loaded) : loaded;
}

function validated(raw: unknown, hash: (text: string) => string): LoadedTemplate {
  const diagnostics = validateSequence(raw);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const parsed = parseSequenceTemplate(raw);
  if (errors.length > 0 || !parsed.success) {
    const first = errors[0]?.message ?? 'schema error';
    return { ok: false, code: 'TEMPLATE_INVALID', message: `The sequence template has ${errors.length} error(s), first: ${first}`, diagnostics: errors };
  }
  return { ok: true, template: parsed.data, hash: hash(JSON.stringify(parsed.data)), warnings: diagnostics };
}
