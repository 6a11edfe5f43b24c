import type { CallEvent, MessageEvent, Provider } from '../schema/callEvent';
import type { ProviderEvent } from './types';

type CallCore = Pick<CallEvent, 'eventType' | 'callId' | 'direction' | 'from' | 'to' | 'class' | 'reason' | 'final'>;

/** A `call` ProviderEvent; optional metadata defaults to null. */
export function callResult(provider: Provider, core: CallCore, extra: Partial<Omit<CallEvent, keyof CallCore>> = {}): ProviderEvent {
  return {
    kind: 'call',
    call: {
      schemaVersion: 1,
      provider,
      ...core,
      startedAt: extra.startedAt ?? null,
      endedAt: extra.endedAt ?? null,
      ringSeconds: extra.ringSeconds ?? null,
      durationSeconds: extra.durationSeconds ?? null,
      department: extra.department ?? null,
      callerName: extra.callerName ?? null,
      voicemailUrl: extra.voicemailUrl ?? null,
    },
  };
}

/** A `message` ProviderEvent. */
export function messageResult(provider: Provider, m: Omit<MessageEvent, 'schemaVersion' | 'provider'>): ProviderEvent {
  return { kind: 'message', message: { schemaVersion: 1, provider, ...m } };
}

/** Header value by case-insensitive name (first value of an array). */
export function headerValue(headers: Record<string, string | string[] | undefined> | undefined, name: string): string | null {
  if (!headers) return null;
  const want = name.toLowerCase();
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() !== want) continue;
    const v = headers[key];
    const s = Array.isArray(v) ? v[0] : v;
    if (typeof s === 'string' && s !== '') return s;
  }
  return null;
}
