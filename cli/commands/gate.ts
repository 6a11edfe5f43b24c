import { analyzePhone, LINE_TYPES, type LineType } from '../../shared/phone';
import { decide, type Consent } from '../../shared/compliance';
import { maskPhone } from '../../nodes/shared/maskPhone';
import { CliError } from '../CliError';
import { flagValue, parseInstant, requireFlag, type ParsedArgs } from '../parseArgs';

export const gateSpec = {
  values: ['to', 'at', 'consent', 'required-consent', 'channel', 'line-type', 'sent-last-24h', 'classification', 'max-per-24h'],
  booleans: ['opted-out', 'sensitive', 'high-value'],
};

const CONSENTS = ['none', 'informational', 'marketing', 'written'] as const;

/** `missed-call gate --to +1… --at ISO …`: the consent & quiet-hours decision for one message. */
export function gate(args: ParsedArgs): unknown {
  const to = requireFlag(args, 'to');
  if (!/^\+[1-9]\d{5,14}$/.test(to)) throw new CliError(`--to must be an E.164 number like +13055550123 (got "${maskPhone(to)}")`);
  const now = parseInstant(requireFlag(args, 'at'), 'at');
  const lineType = flagValue<LineType>(args, 'line-type', LINE_TYPES);
  const analyzed = analyzePhone(to);
  const phone = analyzed && lineType ? { ...analyzed, lineType } : analyzed;
  const decision = decide({
    now,
    phone,
    channel: flagValue(args, 'channel', ['sms', 'email', 'voice'] as const) ?? 'sms',
    classification: flagValue(args, 'classification', ['informational', 'marketing'] as const) ?? 'informational',
    consent: flagValue<Consent>(args, 'consent', CONSENTS) ?? 'informational',
    // a template's Consent required: consent below it blocks (CONSENT_BELOW_TEMPLATE), as the Consent Gate does
    requiredConsent: flagValue<Consent>(args, 'required-consent', ['informational', 'marketing', 'written'] as const),
    optedOut: args.flags.has('opted-out'),
    sentLast24h: count(args, 'sent-last-24h'),
    maxPer24h: count(args, 'max-per-24h'),
    sensitiveIndustry: args.flags.has('sensitive'),
    highValueAccount: args.flags.has('high-value'),
  });
  return {
    verdict: decision.verdict,
    notBefore: decision.notBefore,
    zones: decision.zones,
    rules: decision.rules,
    reasons: decision.reasons.map(({ code, message }) => ({ code, message })),
  };
}

function count(args: ParsedArgs, name: string): number | undefined {
  const v = flagValue(args, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new CliError(`--${name} must be a whole number ≥ 0 (got "${v}")`);
  return Number(v);
}
