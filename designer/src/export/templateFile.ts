import { parseSequenceTemplate, type SchemaIssue, type SequenceTemplate } from '../../../shared/schema';
import type { Diagnostic } from '../../../shared/lint';

/** Pretty JSON of a template, as downloaded. */
export function templateToJson(template: SequenceTemplate): string {
  return `${JSON.stringify(template, null, 2)}\n`;
}

/** `four-touch.v1.sequence.json`: the template id plus its schemaVersion. */
export function templateFileName(template: Pick<SequenceTemplate, 'id' | 'schemaVersion'>): string {
  const id = template.id.replace(/[^A-Za-z0-9_-]/g, '-') || 'sequence';
  return `${id}.v${template.schemaVersion}.sequence.json`;
}

export type ExportCheck = { ok: true } | { ok: false; errors: Diagnostic[] };

/** Export is refused while any lint error remains (warnings and infos do not block). */
export function checkExportable(diagnostics: readonly Diagnostic[]): ExportCheck {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return errors.length ? { ok: false, errors } : { ok: true };
}

export type ImportResult =
  | { ok: true; template: SequenceTemplate; source: 'template' | 'n8n-workflow' }
  | { ok: false; code: 'INVALID_JSON' | 'NO_TEMPLATE' | 'SCHEMA'; message: string; issues: SchemaIssue[] };

/** Parses a template file; see `importFile` for workflows too. */
export function parseTemplateJson(json: unknown): ImportResult {
  const r = parseSequenceTemplate(json);
  if (r.success) return { ok: true, template: r.data, source: 'template' };
  return { ok: false, code: 'SCHEMA', message: `The file is not a valid sequence template (${r.issues.length} problem${r.issues.length === 1 ? '' : 's'}).`, issues: r.issues };
}

/**
 * What the designer says when an import fails: the reason and the first `shown` problems as plain
 * sentences (each issue's `path` stays on the result for tools).
 * @example importFailureText(importText('[]')) // 'The file is not a valid sequence template (1 problem). The file is not a sequence template: it is a list, not a JSON object.'
 */
export function importFailureText(r: Extract<ImportResult, { ok: false }>, shown = 3): string {
  const more = r.issues.length - shown;
  return [r.message, ...r.issues.slice(0, shown).map((i) => i.message), ...(more > 0 ? [`(${more} more)`] : [])].join(' ');
}
