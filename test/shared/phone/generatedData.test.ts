import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../../..');

describe('generated phone data', () => {
  it('is up to date with scripts/gen-phone-data.mjs', () => {
    const run = () =>
      execFileSync(process.execPath, [join(root, 'scripts/gen-phone-data.mjs'), '--check'], { cwd: root, stdio: 'pipe' });
    expect(run).not.toThrow();
  });
});
