/**
 * Preload for n8n (`PROFILE_NODE_ARGS='--require <repo>/bench/nodeParametersHook.cjs'` with
 * bench/e2eProfile.ts): times every top-level call of n8n-workflow's NodeHelpers.getNodeParameters —
 * the parameter resolution n8n runs for every node of a workflow each time it builds a Workflow (three
 * times per execution) — per node type, inside the real n8n process. Writes
 * `$NODE_PARAMETERS_STATS_DIR/node-parameters-<pid>.json` (default /tmp) every 2 s:
 * { <node type name>: { n: calls, us: total µs } }.
 */
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');

const stats = {};
const out = path.join(process.env.NODE_PARAMETERS_STATS_DIR || '/tmp', `node-parameters-${process.pid}.json`);
let depth = 0;
let patched = false;
const load = Module._load;
Module._load = function (request) {
  const m = load.apply(this, arguments);
  const d = m && !patched && String(request).endsWith('node-helpers') ? Object.getOwnPropertyDescriptor(m, 'getNodeParameters') : undefined;
  if (d && d.writable && typeof d.value === 'function') {
    patched = true;
    const original = d.value;
    m.getNodeParameters = function (properties, values, returnDefaults, returnNoneDisplayed, node, description) {
      if (depth > 0) return original.apply(this, arguments); // nested collections count in their node's call
      depth++;
      const t = process.hrtime.bigint();
      try {
        return original.apply(this, arguments);
      } finally {
        depth--;
        const s = (stats[(description && description.name) || '?'] ??= { n: 0, us: 0 });
        s.n++;
        s.us += Number(process.hrtime.bigint() - t) / 1000;
      }
    };
  }
  return m;
};
setInterval(() => {
  if (Object.keys(stats).length > 0) fs.writeFileSync(out, JSON.stringify(stats));
}, 2000).unref();
