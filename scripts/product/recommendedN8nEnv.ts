/**
 * n8n settings this pack recommends, and that `npm start` and `npm run bench:e2e` use.
 *
 * N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: n8n 2.x takes an expression isolate from a pool of one
 * for every webhook phase of a non-Webhook trigger and for every execution, whether or not an
 * expression runs; the second take usually finds the pool empty and builds a new isolate while the
 * call waits (about 60 ms of a missed call's first touch on a 2-core machine). Lazy acquisition
 * builds one only for an expression that needs it; the pack's nodes need none.
 */
export const RECOMMENDED_N8N_ENV: Readonly<Record<string, string>> = Object.freeze({
  N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true',
});
