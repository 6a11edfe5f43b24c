import { sha256 } from './sha256';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A 16-character workflow id (n8n's shape) derived from `seed`: `n8n import:workflow` needs an id, and
 * importing a changed export again replaces the workflow it made instead of adding one. The designer's
 * downloads and the CLI's `missed-call export` give the same ids.
 * @example stableWorkflowId('missed-call:four-touch:workflow').length // 16
 */
export function stableWorkflowId(seed: string): string {
  return Array.from(sha256(seed).subarray(0, 16), (b) => ALNUM[b % ALNUM.length]).join('');
}

/** The export's workflow id for a template: `part` is `workflow` for the one-workflow export, else the split part. */
export const exportWorkflowId = (templateId: string, part: string): string => stableWorkflowId(`missed-call:${templateId}:${part}`);

/** The workflow with its export id first, as `n8n import:workflow` wants it (the editor's import ignores it). */
export const withWorkflowId = <W extends object>(workflow: W, templateId: string, part: string): { id: string } & W => ({ id: exportWorkflowId(templateId, part), ...workflow });
