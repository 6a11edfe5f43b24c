import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Copies of the reference telephony samples, kept in the repo (never read from the reference dir). */
export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/telephony');

export function fixture(file: string): string {
  return readFileSync(join(FIXTURE_DIR, file), 'utf8');
}

export function fixtureJson<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(fixture(file)) as T;
}

export interface IndexEntry {
  file: string;
  provider: string;
  transport: string;
  expected: string;
  /** the reason under default options, when the index pins one */
  reason?: string;
  provenance: string;
  notes: string;
}

export const INDEX: IndexEntry[] = fixtureJson<{ files: IndexEntry[] }>('index.json').files;

export function contentTypeOf(entry: IndexEntry): string | undefined {
  if (entry.transport === 'form') return 'application/x-www-form-urlencoded';
  if (entry.transport === 'json') return 'application/json';
  return undefined;
}

/** Headers of the first request in the RingCentral handshake transcript (`Name: value` lines). */
export function handshakeHeaders(transcript: string): Record<string, string> {
  const request = transcript.split(/\r?\n\r?\n/).find((block) => /^POST /m.test(block)) ?? '';
  const headers: Record<string, string> = {};
  for (const line of request.split(/\r?\n/)) {
    const m = /^([A-Za-z-]+):\s*(.+)$/.exec(line);
    if (m) headers[m[1]!] = m[2]!;
  }
  return headers;
}
