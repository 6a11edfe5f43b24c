import { checkExportable, EXPORT_PHONE_SYSTEMS, templateToN8nWorkflow, templateToN8nWorkflows, type N8nWorkflow } from '../../designer/src/export';
import { withWorkflowId } from '../../designer/src/export/stableWorkflowId';
import { validateSequence } from '../../shared/lint';
import { parseSequenceTemplate } from '../../shared/schema';
import { CliError } from '../CliError';
import { flagValue, type ParsedArgs } from '../parseArgs';
import { parseJson, readInput } from '../readInput';

export const exportSpec = { values: ['phone-system'], booleans: ['split'] };
const USAGE = `usage: missed-call export <template.json> [--split] [--phone-system ${EXPORT_PHONE_SYSTEMS.join('|')}]`;

/**
 * `missed-call export <template.json> [--split] [--phone-system <p>]`: the designer's n8n export of a
 * template, one workflow, or with --split an array of its three workflows (first touch, later touches,
 * replies), its trigger set up for the phone system (default twilio), each with a
 * stable `id` from the template id: `n8n import:workflow --input=<file>` needs one, and a second import
 * of a changed template replaces the workflows it made. Refused (exit 1) while the template has lint
 * errors, as in the designer.
 */
export function exportN8n(args: ParsedArgs): unknown {
  const file = args.positionals[0];
  if (!file || args.positionals.length > 1) throw new CliError(USAGE);
  const phoneSystem = flagValue(args, 'phone-system', EXPORT_PHONE_SYSTEMS);
  const parsed = parseSequenceTemplate(parseJson(readInput(file), file));
  if (!parsed.success) throw new CliError(`${file} is not a valid sequence template; run \`missed-call validate ${file}\` for details`);
  const verdict = checkExportable(validateSequence(parsed.data));
  if (!verdict.ok) {
    const codes = [...new Set(verdict.errors.map((d) => d.code))].join(', ');
    throw new CliError(`export refused: ${verdict.errors.length} lint error${verdict.errors.length === 1 ? '' : 's'} (${codes}); run \`missed-call validate ${file}\``, 1);
  }
  const withId = (w: N8nWorkflow, part: string) => withWorkflowId(w, parsed.data.id, part);
  if (args.flags.has('split')) {
    const parts = templateToN8nWorkflows(parsed.data, { phoneSystem });
    return [withId(parts.firstTouch, 'firstTouch'), withId(parts.sequence, 'sequence'), withId(parts.replies, 'replies')];
  }
  return withId(templateToN8nWorkflow(parsed.data, { phoneSystem }), 'workflow');
}
