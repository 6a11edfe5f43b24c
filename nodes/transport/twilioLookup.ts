import type { IHttpRequestOptions } from 'n8n-workflow';
import type { TwilioAuth } from './twilio';

/** Twilio Lookup base URL; the credential's `lookupBaseUrl` may point elsewhere (an emulator). */
export const TWILIO_LOOKUP_BASE = 'https://lookups.twilio.com';

/**
 * Twilio Lookup v2 Line Type Intelligence: `line_type_intelligence.type` of an E.164 number
 * (`mobile`, `landline`, `fixedVoip`, `nonFixedVoip`, `tollFree`, … `unknown`), or null when the
 * lookup fails or has no answer (callers treat null as "not known to be mobile").
 * @example await lookupLineType(this.helpers, auth, '+14155550100') // 'mobile'
 */
export async function lookupLineType(
  helpers: { httpRequest(o: IHttpRequestOptions): Promise<unknown> },
  auth: TwilioAuth,
  e164: string,
  lookupBase: string = TWILIO_LOOKUP_BASE,
): Promise<string | null> {
  try {
    const res = (await helpers.httpRequest({
      method: 'GET',
      url: `${lookupBase.replace(/\/+$/, '')}/v2/PhoneNumbers/${encodeURIComponent(e164)}`,
      qs: { Fields: 'line_type_intelligence' },
      auth: { username: auth.username, password: auth.password },
      json: true,
      timeout: 5_000,
    })) as { line_type_intelligence?: { type?: unknown } | null };
    const type = res?.line_type_intelligence?.type;
    return typeof type === 'string' && type !== '' ? type : null;
  } catch {
    return null;
  }
}
