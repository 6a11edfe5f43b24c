/**
 * lockProductDir: one `npm start` per product folder. A live holder is refused with what to do, a
 * holder that is gone is taken over, and release leaves another process's lock alone.
 * (test/start/start.test.ts starts a second `npm start` on a running product folder.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockProductDir } from '../../scripts/product/lockProductDir';

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function folder(): string {
  const d = mkdtempSync(join(tmpdir(), 'product-lock-'));
  dirs.push(d);
  return d;
}

/** a process that stays alive until killed */
function holder(): ChildProcess {
  const c = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(c);
  return c;
}

const me = { pid: process.pid, n8nUrl: 'http://127.0.0.1:5678/', designerUrl: 'http://127.0.0.1:5173/' };

describe('lockProductDir', () => {
  it('takes a free folder and releases it', () => {
    const dir = folder();
    const lock = lockProductDir(dir, me);
    expect(JSON.parse(readFileSync(join(dir, 'start.lock'), 'utf8'))).toEqual(me);
    lock.release();
    expect(existsSync(join(dir, 'start.lock'))).toBe(false);
  });

  it('refuses a folder a running start holds, naming its URLs and the way out', () => {
    const dir = folder();
    const other = holder();
    lockProductDir(dir, { pid: other.pid!, n8nUrl: 'http://127.0.0.1:15678/', designerUrl: 'http://127.0.0.1:15173/' });
    let message = '';
    try {
      lockProductDir(dir, me);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(`(pid ${other.pid})`);
    expect(message).toContain(dir);
    expect(message).toContain('n8n at http://127.0.0.1:15678/');
    expect(message).toContain('the designer at http://127.0.0.1:15173/');
    expect(message).toContain('PRODUCT_DIR');
    // the holder's lock is left as it was
    expect(JSON.parse(readFileSync(join(dir, 'start.lock'), 'utf8')).pid).toBe(other.pid);
  });

  it('takes over the lock of a start that is gone', async () => {
    const dir = folder();
    const gone = holder();
    const pid = gone.pid!;
    const exited = new Promise((r) => gone.once('exit', r));
    gone.kill('SIGKILL');
    await exited;
    writeFileSync(join(dir, 'start.lock'), JSON.stringify({ pid, n8nUrl: 'http://127.0.0.1:15678/', designerUrl: 'http://127.0.0.1:15173/' }));
    lockProductDir(dir, me);
    expect(JSON.parse(readFileSync(join(dir, 'start.lock'), 'utf8')).pid).toBe(process.pid);
  });

  it('release keeps a lock another start took since', () => {
    const dir = folder();
    const lock = lockProductDir(dir, me);
    const other = holder();
    writeFileSync(join(dir, 'start.lock'), JSON.stringify({ ...me, pid: other.pid }));
    lock.release();
    expect(JSON.parse(readFileSync(join(dir, 'start.lock'), 'utf8')).pid).toBe(other.pid);
  });
});
