import { PROVIDERS, type Provider } from '../../shared/schema';
import { classifyWebhook, WebhookParseError, type ProviderEvent } from '../../shared/telephony';
import { classifyInbound } from '../../shared/optout';
import { CliError } from '../CliError';
import { flagValue, type ParsedArgs } from '../parseArgs';
import { readInput } from '../readInput';

export const classifySpec = { values: ['provider', 'file', 'content-type'], booleans: [] };

const MESSAGE_CLASS = { stop: 'opt_out', start: 'opt_in', help: 'help', auto_reply: 'reply', reply: 'reply' } as const;

/** `missed-call classify --provider P [--file F]`: one webhook event → its class. */
export function classify(args: ParsedArgs): unknown {
  const provider = flagValue<Provider>(args, 'provider', PROVIDERS);
  if (!provider) throw new CliError(`--provider is required (${PROVIDERS.join('|')})`);
  const body = readInput(flagValue(args, 'file') ?? args.positionals[0]);
  if (body.trim() === '') throw new CliError('the webhook body is empty');
  let event: ProviderEvent;
  try {
    event = classifyWebhook(provider, body, {
      contentType: flagValue(args, 'content-type'),
      classifyText: (text) => MESSAGE_CLASS[classifyInbound(text, {}).class],
    });
  } catch (err) {
    if (err instanceof WebhookParseError) throw new CliError(`${provider}: ${err.message} (${err.code})`);
    throw err;
  }
  return summarize(provider, event);
}

function summarize(provider: Provider, event: ProviderEvent) {
  switch (event.kind) {
    case 'call': {
      const c = event.call;
      return { provider, kind: 'call', class: c.class, callId: c.callId, from: c.from, to: c.to, reason: c.reason, final: c.final };
    }
    case 'message': {
      const m = event.message;
      return { provider, kind: 'message', class: m.class, callId: null, messageId: m.messageId, from: m.from, to: m.to, reason: null, final: true };
    }
    case 'handshake':
      return { provider, kind: 'handshake', class: null, callId: null, from: null, to: null, reason: 'handshake', final: true };
    case 'ignored':
      return { provider, kind: 'ignored', class: null, callId: null, from: null, to: null, reason: event.reason, final: true };
  }
}
