import { validateSequence } from '../../shared/lint';
import { CliError } from '../CliError';
import type { ParsedArgs } from '../parseArgs';
import { parseJson, readInput } from '../readInput';

export const validateSpec = { values: [], booleans: [] };

/** `missed-call validate <template.json>`: lint diagnostics; exit 1 when any is an error. */
export function validate(args: ParsedArgs): { output: unknown; exitCode: number } {
  const file = args.positionals[0];
  if (!file) throw new CliError('usage: missed-call validate <template.json>');
  const diagnostics = validateSequence(parseJson(readInput(file), file));
  return { output: diagnostics, exitCode: diagnostics.some((d) => d.severity === 'error') ? 1 : 0 };
}
