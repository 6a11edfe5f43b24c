/**
 * Fuzzing of the pure parsers: classifyWebhook per provider, renderTemplate, classifyInbound.
 * FUZZ_RUNS inputs per target (default 2 000; `npm run bench:fuzz` runs 100 000+). Each input must
 * end in a result or a WebhookParseError within 1 s; fast-check prints seed and path on failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyWebhook, MAX_PARSE_ERROR_MESSAGE, WebhookParseError } from '../../shared/telephony';
import { renderTemplate } from '../../shared/template';
import {
  classifyInput,
  extremeBodies,
  FuzzFailure,
  hostileText,
  PARSER_PROVIDERS,
  renderInput,
  runClassify,
  runOptOut,
  runRender,
} from './targets';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);
const MAX_MS = 1_000;

/** Runs `fn` on `numRuns` inputs; fails with seed + path + input when it throws or one input is slow. */
function fuzz<T>(arb: fc.Arbitrary<T>, fn: (x: T) => string): { counts: Record<string, number>; slowestMs: number } {
  const counts: Record<string, number> = {};
  let slowestMs = 0;
  const details = fc.check(
    fc.property(arb, (x) => {
      const t0 = performance.now();
      const label = fn(x);
      const ms = performance.now() - t0;
      slowestMs = Math.max(slowestMs, ms);
      if (ms > MAX_MS) throw new FuzzFailure(`took ${ms.toFixed(0)} ms`);
      counts[label] = (counts[label] ?? 0) + 1;
    }),
    { numRuns: RUNS },
  );
  if (details.failed) {
    const err = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    expect.fail(`seed ${details.seed}, path "${details.counterexamplePath}": ${err}\ninput: ${JSON.stringify(details.counterexample)?.slice(0, 2_000)}`);
  }
  return { counts, slowestMs };
}

describe('fuzz: classifyWebhook', () => {
  it.each(PARSER_PROVIDERS.map((p) => [p]))(`%s: ${RUNS} mutated and garbage bodies end in an event or a WebhookParseError`, (provider) => {
    const { counts } = fuzz(classifyInput(provider), (x) => runClassify(provider, x));
    // the mutations keep enough real payloads readable, and the garbage reaches the error paths
    expect(Object.keys(counts).some((k) => !k.startsWith('error:'))).toBe(true);
    expect(Object.keys(counts).some((k) => k.startsWith('error:'))).toBe(true);
  });

  const extremes = extremeBodies();
  it.each(PARSER_PROVIDERS.flatMap((p) => extremes.map((b) => [p, b.name, b] as const)))('%s: %s is handled within 1 s', (provider, _name, b) => {
    const t0 = performance.now();
    const label = runClassify(provider, b);
    expect(performance.now() - t0).toBeLessThan(MAX_MS);
    expect(label).toMatch(/^(error:[A-Z_]+|call|message|ignored|handshake)$/);
  });
});

describe('parse errors quote at most a short piece of the offending value', () => {
  it.each([
    ['dialpad', JSON.stringify({ call_id: 1, state: 'x'.repeat(10_000), direction: 'inbound', external_number: '+13055550123', internal_number: '+15125550142' })],
    ['aircall', JSON.stringify({ event: 'call.ended', data: { id: 1, direction: 'y'.repeat(10_000), raw_digits: '+13055550123' } })],
  ] as const)('%s: a 10 000-char value gives a message under the cap', (provider, body) => {
    let err: unknown;
    try {
      classifyWebhook(provider, body, { contentType: 'application/json' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WebhookParseError);
    expect((err as Error).message.length).toBeLessThanOrEqual(MAX_PARSE_ERROR_MESSAGE + provider.length + 2);
  });
});

describe('fuzz: renderTemplate', () => {
  it(`renders ${RUNS} hostile templates and values without throwing or expanding a value`, () => {
    const { counts } = fuzz(renderInput, runRender);
    expect((counts.ok ?? 0) + (counts.missing ?? 0)).toBe(RUNS);
  });

  it.each([
    ['a value holding a placeholder', '{{agentName}}', { agentName: '{{businessName}}', businessName: 'X' }, '{{businessName}}'],
    ['10 000 nested braces', '{{'.repeat(10_000), {}, '{{'.repeat(10_000)],
    ['a 10 000-char name', `{{${'a'.repeat(10_000)}}}`, {}, ''],
  ])('handles %s', (_n, text, values, want) => {
    const t0 = performance.now();
    expect(renderTemplate(text, values).text).toBe(want);
    expect(performance.now() - t0).toBeLessThan(MAX_MS);
  });
});

describe('fuzz: classifyInbound', () => {
  it(`classifies ${RUNS} hostile inbound texts without throwing`, () => {
    const { counts } = fuzz(hostileText, runOptOut);
    expect(counts.stop).toBeGreaterThan(0);
  });

  it.each(['STOP'.repeat(250_000), `${'please '.repeat(100_000)}stop`, '\u0000STOP\u0000', 'S\uD800TOP'])('stays fast on %#', (text) => {
    const t0 = performance.now();
    runOptOut(text);
    expect(performance.now() - t0).toBeLessThan(MAX_MS);
  });
});
