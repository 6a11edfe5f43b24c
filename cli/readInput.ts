import { readFileSync } from 'node:fs';
import { CliError } from './CliError';

/** Reads a whole file, or stdin when `file` is undefined or `-`. */
export function readInput(file: string | undefined): string {
  try {
    return readFileSync(file === undefined || file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`no such file: ${file}`);
    if (code === 'EAGAIN' || code === 'EISDIR') throw new CliError(`cannot read ${file ?? 'stdin'} (${code})`);
    throw new CliError(`cannot read ${file ?? 'stdin'}: ${(err as Error).message}`);
  }
}

/** Parses JSON with a message that names the source. */
export function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError(`${source} is not valid JSON: ${(err as Error).message}`);
  }
}
