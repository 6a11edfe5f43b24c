import { parseTemplateJson, type ImportResult } from './templateFile';
import { templateFromN8nWorkflow } from './n8nWorkflow';

/**
 * Reads a dropped or picked file's text: a sequence template, or an n8n workflow exported by the
 * designer (or any workflow whose Missed Call Trigger embeds a template).
 */
export function importText(text: string): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, code: 'INVALID_JSON', message: `Not JSON: ${(e as Error).message}`, issues: [] };
  }
  const looksLikeWorkflow = json !== null && typeof json === 'object' && Array.isArray((json as { nodes?: unknown }).nodes) && 'connections' in json;
  if (!looksLikeWorkflow) return parseTemplateJson(json);
  const embedded = templateFromN8nWorkflow(json);
  if (embedded === null) {
    // the later-touches and replies parts of a three-workflow export carry no template: name the one that does
    return {
      ok: false,
      code: 'NO_TEMPLATE',
      message: 'This n8n workflow has no Missed Call Trigger with an embedded template. From a three-workflow export (n8n ×3), import the first-touch file (….firstTouch.n8n-workflow.json).',
      issues: [],
    };
  }
  const r = parseTemplateJson(embedded);
  return r.ok ? { ...r, source: 'n8n-workflow' } : r;
}
