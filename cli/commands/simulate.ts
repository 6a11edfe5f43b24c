import { ENROLLING_CALL_CLASSES, parseSequenceTemplate } from '../../shared/schema';
import { simulateSequence } from '../../shared/simulate';
import { maskPhone } from '../../nodes/shared/maskPhone';
import { CliError } from '../CliError';
import { flagValue, parseInstant, requireFlag, type ParsedArgs } from '../parseArgs';
import { parseJson, readInput } from '../readInput';

export const simulateSpec = { values: ['to', 'at', 'class'], booleans: ['sensitive'] };

/**
 * `missed-call simulate <template.json> --to +1… --at ISO [--class missed|voicemail|abandoned] [--sensitive]`:
 * when each touch would really go out (`--sensitive`: the Consent Gate's Sensitive Industry option).
 */
export function simulate(args: ParsedArgs): unknown {
  const file = args.positionals[0];
  if (!file) throw new CliError('usage: missed-call simulate <template.json> --to <E.164> --at <ISO instant> [--class missed|voicemail|abandoned] [--sensitive]');
  const to = requireFlag(args, 'to');
  if (!/^\+[1-9]\d{5,14}$/.test(to)) throw new CliError(`--to must be an E.164 number like +13055550123 (got "${maskPhone(to)}")`);
  const at = parseInstant(requireFlag(args, 'at'), 'at');
  const callClass = flagValue(args, 'class', ENROLLING_CALL_CLASSES);
  const parsed = parseSequenceTemplate(parseJson(readInput(file), file));
  if (!parsed.success) {
    throw new CliError(`${file} is not a valid sequence template; run \`missed-call validate ${file}\` for details`);
  }
  return simulateSequence(parsed.data, { to, at, ...(callClass ? { callClass } : {}), sensitiveIndustry: args.flags.has('sensitive') });
}
