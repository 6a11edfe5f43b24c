import { LANGUAGES, type Language } from '../../../shared/schema';
import type { TemplateMeta } from '../graph/types';

/** Languages some department's callers get that differ from the template's own, in `LANGUAGES` order. */
export function neededLanguages(meta: Pick<TemplateMeta, 'language' | 'business'>): Language[] {
  const own = meta.language ?? 'en';
  const used = new Set(meta.business.departments.map((d) => d.language));
  return LANGUAGES.filter((l) => l !== own && used.has(l));
}

/**
 * The languages to offer an editor for: those departments need, those with a text already (`present`,
 * even the template's own: such a text is unused, and the editor lets it be removed) and `extra`.
 */
export function translationLanguages(meta: Pick<TemplateMeta, 'language' | 'business'>, present: Iterable<string>, extra: Iterable<Language> = []): Language[] {
  const shown = new Set<string>([...neededLanguages(meta), ...present, ...extra]);
  return LANGUAGES.filter((l) => shown.has(l));
}
