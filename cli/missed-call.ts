import { CliError } from './CliError';
import { parseArgs } from './parseArgs';
import { classify, classifySpec } from './commands/classify';
import { exportN8n, exportSpec } from './commands/exportN8n';
import { gate, gateSpec } from './commands/gate';
import { simulate, simulateSpec } from './commands/simulate';
import { validate, validateSpec } from './commands/validate';

const USAGE = `usage: missed-call <command> [options]

  classify --provider <twilio|aircall|ringcentral|dialpad|vonage|zoom|generic> [--file F]
  gate --to <E.164> --at <ISO instant> [--consent none|informational|marketing|written]
       [--required-consent informational|marketing|written]
       [--channel sms|email|voice] [--classification informational|marketing]
       [--line-type mobile|landline|voip|toll_free|premium|pager|unknown] [--opted-out] [--sent-last-24h N]
       [--max-per-24h N] [--sensitive] [--high-value]
  validate <template.json>
  simulate <template.json> --to <E.164> --at <ISO instant> [--class missed|voicemail|abandoned] [--sensitive]
  export <template.json> [--split] [--phone-system twilio|aircall|dialpad|ringcentral|vonage|zoom]
                                     n8n workflow JSON (--split: an array of the three workflows)

JSON on stdout; errors on stderr with exit code 2 (validate exits 1 on lint errors, export refuses them with 1).`;

const COMMANDS = {
  classify: { spec: classifySpec, run: (a: ReturnType<typeof parseArgs>) => ({ output: classify(a), exitCode: 0 }) },
  gate: { spec: gateSpec, run: (a: ReturnType<typeof parseArgs>) => ({ output: gate(a), exitCode: 0 }) },
  validate: { spec: validateSpec, run: validate },
  simulate: { spec: simulateSpec, run: (a: ReturnType<typeof parseArgs>) => ({ output: simulate(a), exitCode: 0 }) },
  export: { spec: exportSpec, run: (a: ReturnType<typeof parseArgs>) => ({ output: exportN8n(a), exitCode: 0 }) },
};

/** Runs one CLI invocation; returns the exit code and never throws. */
export function main(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? out : err)(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name as keyof typeof COMMANDS];
  if (!command) {
    err(`missed-call: unknown command "${name}"\n${USAGE}`);
    return 2;
  }
  try {
    const { output, exitCode } = command.run(parseArgs(rest, command.spec));
    out(JSON.stringify(output, null, 2));
    return exitCode;
  } catch (e) {
    if (e instanceof CliError) {
      err(`missed-call ${name}: ${e.message}`);
      return e.exitCode;
    }
    err(`missed-call ${name}: internal error: ${(e as Error).message}`);
    return 3;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), (s) => process.stdout.write(s + '\n'), (s) => process.stderr.write(s + '\n'));
}
