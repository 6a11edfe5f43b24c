/**
 * One `npm start` per product folder. A second one would start a second n8n on the same SQLite
 * database and embedded ledger (both running the Sequence Scheduler) and point the product state at
 * itself, so `npm run simulate-call` would then look for n8n where nothing runs.
 */
import { openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

export interface LockInfo {
  pid: number;
  n8nUrl: string;
  designerUrl: string;
}

export interface ProductLock {
  file: string;
  /** removes the lock file when this process still holds it */
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function read(file: string): LockInfo | null {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
    return Number.isInteger(v.pid) ? v : null;
  } catch {
    return null;
  }
}

/**
 * Takes `<dir>/start.lock` for `info.pid` (created exclusively). A lock whose process is gone is
 * taken over; a live one fails with what to do.
 */
export function lockProductDir(dir: string, info: LockInfo): ProductLock {
  const file = join(dir, 'start.lock');
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, `${JSON.stringify(info)}\n`);
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw e;
      const held = read(file);
      if (held && held.pid !== info.pid && alive(held.pid)) {
        throw new Error(
          `another \`npm start\` (pid ${held.pid}) is running this product folder (${dir}) with n8n at ${held.n8nUrl} and the designer at ${held.designerUrl}. ` +
            `Use that one, stop it first (Ctrl+C in its terminal), or set PRODUCT_DIR to another folder. (If no \`npm start\` runs, delete ${file}.)`,
        );
      }
      // left behind by a start that was killed: take it over
      unlinkSync(file);
    }
  }
  return {
    file,
    release() {
      if (read(file)?.pid !== info.pid) return;
      try {
        unlinkSync(file);
      } catch {
        /* already gone */
      }
    },
  };
}
