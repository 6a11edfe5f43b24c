import { callEventSchema, messageEventSchema, PROVIDERS, type Provider } from '../schema/callEvent';
import { classifyAircall } from './aircall';
import { classifyDialpad } from './dialpad';
import { WebhookParseError } from './errors';
import { classifyGeneric } from './generic';
import { classifyRingCentral } from './ringcentral';
import { classifyTwilio } from './twilio';
import type { ClassifyOptions, ProviderAdapter, ProviderEvent, WebhookBody } from './types';
import { classifyVonage } from './vonage';
import { classifyZoom } from './zoom';

/** One adapter per provider. */
export const PROVIDER_ADAPTERS: Readonly<Record<Provider, ProviderAdapter>> = Object.freeze({
  twilio: classifyTwilio,
  aircall: classifyAircall,
  ringcentral: classifyRingCentral,
  dialpad: classifyDialpad,
  vonage: classifyVonage,
  zoom: classifyZoom,
  generic: classifyGeneric,
});

/**
 * Parse and classify one webhook delivery from `provider`. Pure: no I/O, no clock, no crypto
 * (signatures are verified on the Node side before calling this). The result is checked against
 * the CallEvent / MessageEvent schemas.
 * @throws WebhookParseError with a stable `code` for input it cannot read.
 * @example
 * const ev = classifyWebhook('aircall', rawBody, { contentType: 'application/json' });
 * if (ev.kind === 'call' && ev.call.final && ev.call.class === 'missed') startFollowUp(ev.call);
 */
export function classifyWebhook(provider: Provider, body: WebhookBody, opts: ClassifyOptions = {}): ProviderEvent {
  if (!(PROVIDERS as readonly string[]).includes(provider)) {
    throw new WebhookParseError('UNSUPPORTED_PROVIDER', String(provider), `unknown provider "${String(provider)}"`);
  }
  const event = PROVIDER_ADAPTERS[provider](body, opts);
  if (event.kind === 'call') {
    const check = callEventSchema.safeParse(event.call);
    if (!check.success) {
      const issue = check.error.issues[0];
      const field = issue?.path.join('.') ?? null;
      throw new WebhookParseError('INVALID_FIELD', provider, `normalized call event is invalid at ${field}: ${issue?.message}`, field);
    }
  } else if (event.kind === 'message') {
    const check = messageEventSchema.safeParse(event.message);
    if (!check.success) {
      const issue = check.error.issues[0];
      const field = issue?.path.join('.') ?? null;
      throw new WebhookParseError('INVALID_FIELD', provider, `normalized message event is invalid at ${field}: ${issue?.message}`, field);
    }
  }
  return event;
}
