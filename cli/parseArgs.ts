import { CliError } from './CliError';

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

/**
 * Parses `--name value`, `--name=value` and bare `--flag`; `boolean` names never take a value.
 * Unknown flags are refused so that a typo never silently changes a compliance decision.
 */
export function parseArgs(argv: string[], spec: { values: string[]; booleans: string[] }): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (spec.booleans.includes(name)) {
      if (eq !== -1) throw new CliError(`--${name} takes no value`);
      flags.set(name, true);
    } else if (spec.values.includes(name)) {
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || (eq === -1 && value.startsWith('--'))) throw new CliError(`--${name} needs a value`);
      flags.set(name, value);
    } else {
      throw new CliError(`unknown option --${name}`);
    }
  }
  return { positionals, flags };
}

/** The value of `--name`, one of `allowed` when given. */
export function flagValue<T extends string>(args: ParsedArgs, name: string, allowed?: readonly T[]): T | undefined {
  const v = args.flags.get(name);
  if (v === undefined || v === true) return undefined;
  if (allowed && !allowed.includes(v as T)) throw new CliError(`--${name} must be one of ${allowed.join(', ')} (got "${v}")`);
  return v as T;
}

export function requireFlag(args: ParsedArgs, name: string): string {
  const v = flagValue(args, name);
  if (v === undefined) throw new CliError(`--${name} is required`);
  return v;
}

/** An ISO 8601 instant with an explicit offset or Z; local times are ambiguous and refused. */
export function parseInstant(value: string, name: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value)) {
    throw new CliError(`--${name} must be an ISO instant with Z or an offset, e.g. 2026-11-30T20:45:00-05:00 (got "${value}")`);
  }
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new CliError(`--${name} is not a valid instant: "${value}"`);
  return t;
}
