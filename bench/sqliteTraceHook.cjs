/**
 * Preload for n8n (`PROFILE_NODE_ARGS='--require <repo>/bench/sqliteTraceHook.cjs'` with
 * bench/e2eProfile.ts): logs, on the monotonic clock (ms), every statement n8n sends to its own
 * SQLite database (the `sqlite3` package: all, run, get, exec, prepare, each) and every webhook
 * request's arrival, so one call's wall time can be read step by step beside the NoOp shape's
 * (which queries n8n makes, and the gaps between them). The pack's embedded ledger (node:sqlite) is
 * not traced. Writes `$SQLITE_TRACE_DIR/n8n-sqlite-<pid>.log` (default /tmp), flushed every second:
 * `<ms> <what>` per line, SQL shortened to 140 characters.
 */
const Module = require('node:module');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const out = path.join(process.env.SQLITE_TRACE_DIR || '/tmp', `n8n-sqlite-${process.pid}.log`);
const lines = [];
const mark = (what) => lines.push(`${(Number(process.hrtime.bigint()) / 1e6).toFixed(3)} ${what}`);

let patched = false;
const load = Module._load;
Module._load = function (request) {
  const m = load.apply(this, arguments);
  if (!patched && request === 'sqlite3' && m && m.Database) {
    patched = true;
    for (const method of ['all', 'run', 'get', 'exec', 'prepare', 'each']) {
      const original = m.Database.prototype[method];
      m.Database.prototype[method] = function (sql) {
        mark(`sql ${method} ${String(sql).replace(/\s+/g, ' ').slice(0, 140)}`);
        return original.apply(this, arguments);
      };
    }
  }
  return m;
};

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, req) {
  if (event === 'request' && req && typeof req.url === 'string' && req.url.includes('/webhook/')) mark(`request ${req.url.split('?')[0]}`);
  return emit.apply(this, arguments);
};

setInterval(() => {
  if (lines.length > 0) fs.appendFileSync(out, lines.splice(0).join('\n') + '\n');
}, 1000).unref();
