import { validateSequence, type Diagnostic } from '../../../shared/lint';
import { parseSequenceTemplate, type SequenceTemplate } from '../../../shared/schema/sequenceTemplate';

export type TemplateSource = { kind: 'json'; text: string | object } | { kind: 'url'; url: string };

export type LoadedTemplate =
  | { ok: true; template: SequenceTemplate; hash: string; warnings: Diagnostic[] }
  | { ok: false; code: 'TEMPLATE_INVALID'; message: string; diagnostics: Diagnostic[] };

const MEMO_ENTRIES = 32;

/**
 * Loaded templates by their JSON text, the newest `MEMO_ENTRIES` kept: a pure function's results,
 * so a pasted template is validated once per process instead of on every delivery (about 2 ms).
 * Memoized templates are frozen: no caller may change a template it did not build.
 */
export class TemplateMemo {
  private readonly entries = new Map<string, LoadedTemplate>();

  get(text: string): LoadedTemplate | undefined {
    const hit = this.entries.get(text);
    if (hit) {
      this.entries.delete(text);
      this.entries.set(text, hit);
    }
    return hit;
  }

  set(text: string, loaded: LoadedTemplate): LoadedTemplate {
    if (this.entries.size >= MEMO_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(text, deepFreeze(loaded));
    return loaded;
  }
}

function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
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
