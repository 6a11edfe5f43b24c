import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { normalizePhone } from '../../shared/phone';
import { PROVIDERS, type Provider } from '../../shared/schema/callEvent';
import type { EnrollingCallClass } from '../../shared/schema/sequenceTemplate';
import type { GenericMapping } from '../../shared/telephony';
import { parseCurrentTime } from '../shared/parseCurrentTime';
import { invalidNumbersMessage, parseNumberList } from '../shared/parseNumberList';
import { DEFAULT_MAX_AGE_SECONDS } from '../shared/signatures/types';
import { DEFAULT_CONVERSATION_HOURS, MAX_CONVERSATION_HOURS, type CalendarMode, type GenericAuth, type TemplateSource, type TriggerConfig } from '../shared/triggerPipeline';
import { pastedTemplateText } from './pastedTemplateText';

/** "Ignore Numbers" → E.164; an entry that is no phone number stops the trigger with an error naming it (it would never match). */
function ignoreNumbers(ctx: Pick<IWebhookFunctions, 'getNode'>, text: string, defaultCountry: string): string[] {
  const { numbers, invalid } = parseNumberList(text, (entry) => normalizePhone(entry, defaultCountry));
  if (invalid.length) {
    throw new NodeOperationError(ctx.getNode(), invalidNumbersMessage('Ignore Numbers', invalid), {
      description: `Write each number in E.164 (+13055550100) or as dialled in the Default Country (${defaultCountry}), separated by commas or lines.`,
    });
  }
  return numbers;
}

/**
 * "Current Time" parameter → epoch ms (empty = the real clock); a date-picker value without offset is
 * a wall-clock time in the workflow's time zone, as on every other node of the pack (parseCurrentTime).
 */
export function nowFrom(ctx: Pick<IWebhookFunctions, 'getNodeParameter' | 'getNode' | 'getTimezone'>): number {
  const raw = ctx.getNodeParameter('currentTime', '');
  const t = parseCurrentTime(raw, ctx.getTimezone(), Date.now());
  if (t === null) throw new NodeOperationError(ctx.getNode(), `Current Time "${String(raw)}" is not a date`);
  return t;
}

/** "Replay Window (Seconds)" → a positive number of seconds (the default 300 for anything else). */
export function replayWindow(raw: unknown): number {
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_MAX_AGE_SECONDS;
}

/** The trigger's parameters as a TriggerConfig. */
export function readConfig(ctx: IWebhookFunctions): TriggerConfig {
  const provider = ctx.getNodeParameter('provider', 'twilio') as Provider;
  if (!(PROVIDERS as readonly string[]).includes(provider)) throw new NodeOperationError(ctx.getNode(), `Unknown phone system "${provider}"`);
  const f = ctx.getNodeParameter('filters', {}) as IDataObject;
  const node = ctx.getNode();
  const workflowId = ctx.getWorkflow().id ?? 'workflow';
  const defaultCountry = String(f.defaultCountry || 'US').toUpperCase();
  return {
    provider,
    classes: ctx.getNodeParameter('classes', ['missed', 'voicemail', 'abandoned']) as EnrollingCallClass[],
    inboundOnly: f.inboundOnly !== false,
    minRingSeconds: Number(f.minRingSeconds ?? 0) || 0,
    mobileOnly: f.mobileOnly === true,
    lookupLineType: f.lookupLineType === true && provider === 'twilio',
    calendar: (f.calendar as CalendarMode | undefined) ?? 'template',
    ignoreNumbers: ignoreNumbers(ctx, String(f.ignoreNumbers ?? ''), defaultCountry),
    repeatCallerMinutes: Number(f.repeatCallerMinutes ?? 0) || 0,
    conversationHours: Math.min(MAX_CONVERSATION_HOURS, Math.max(0, Number(f.conversationHours ?? DEFAULT_CONVERSATION_HOURS) || 0)),
    settleSeconds: Number(ctx.getNodeParameter('settleSeconds', 90)),
    replayWindowSeconds: replayWindow(ctx.getNodeParameter('replayWindowSeconds', DEFAULT_MAX_AGE_SECONDS)),
    defaultCountry,
    twilioAsyncAmd: provider === 'twilio' && ctx.getNodeParameter('twilioAsyncAmd', false) === true,
    vonageMachineDetection: provider === 'vonage' && ctx.getNodeParameter('vonageMachineDetection', false) === true,
    vonageAgentMachineDetection: provider === 'vonage' && ctx.getNodeParameter('vonageAgentMachineDetection', false) === true,
    scope: `${workflowId}:${node.id ?? node.name}`,
  };
}

/** The template parameter; a pasted template n8n stored as an expression is read as written (pastedTemplateText). */
export function readTemplateSource(ctx: IWebhookFunctions): TemplateSource {
  if (ctx.getNodeParameter('templateSource', 'json') === 'url') return { kind: 'url', url: ctx.getNodeParameter('templateUrl', '') as string };
  const pasted = pastedTemplateText(ctx.getNode().parameters?.templateJson);
  if (pasted !== undefined) return { kind: 'json', text: pasted };
  return { kind: 'json', text: ctx.getNodeParameter('templateJson', '') as string | object };
}

export function readGeneric(ctx: IWebhookFunctions, provider: Provider): { auth: GenericAuth; mapping?: GenericMapping; token: string } {
  if (provider !== 'generic') return { auth: { kind: 'none' }, token: '' };
  const raw = ctx.getNodeParameter('genericMapping', '{}') as string | object;
  let mapping: GenericMapping;
  try {
    mapping = (typeof raw === 'string' ? JSON.parse(raw) : raw) as GenericMapping;
  } catch (e) {
    throw new NodeOperationError(ctx.getNode(), `Field Mapping is not valid JSON: ${(e as Error).message}`);
  }
  const auth: GenericAuth =
    ctx.getNodeParameter('genericAuth', 'headerToken') === 'none'
      ? { kind: 'none' }
      : { kind: 'headerToken', header: ctx.getNodeParameter('genericHeader', 'X-Webhook-Token') as string };
  return { auth, mapping, token: auth.kind === 'none' ? '' : (ctx.getNodeParameter('genericToken', '') as string) };
}
