import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { parseCurrentTime } from '../shared/parseCurrentTime';
import { openLedger } from '../shared/openLedger';
import type { Ledger } from '../ledger/Ledger';
import { twilioAuthFrom, type TwilioAuth } from '../transport/twilio';
import { checkItem } from './checkItem';
import { CHECK_OUTPUTS, DELIVERY_OUTPUTS, RECORD_OUTPUTS, TWILIO_CREDENTIAL } from './description';
import { isInvalidItemError } from './invalidItem';
import { recordDeliveryStatus } from './recordDeliveryStatus';
import { recordInbound } from './recordInbound';
import { signatureError, signedItem } from './signedItem';

/**
 * Runs the Sequence Exit node. Record mode: outputs Opt-out, Opt-in, Help, Re-engaged, Auto-reply.
 * Check mode: outputs Exit, Continue. Record Delivery Status mode: outputs Delivered, Undelivered,
 * Other. With "On Error: Continue" a failing item gets `error` (and `details.invalidItem` when it
 * failed on the item itself, e.g. no phone, or no status callback) and goes to the error output (or,
 * with "Continue (regular output)", to the last output).
 */
export async function runSequenceExit(this: IExecuteFunctions, deps: { ledger?: Ledger } = {}): Promise<INodeExecutionData[][]> {
  const items = this.getInputData();
  const mode = this.getNodeParameter('mode', 0, 'record') as string;
  const out: INodeExecutionData[][] = (mode === 'check' ? CHECK_OUTPUTS : mode === 'delivery' ? DELIVERY_OUTPUTS : RECORD_OUTPUTS).map(() => []);
  if (items.length === 0) return out;
  const ledger = deps.ledger ?? (await openLedger(this));
  const zone = this.getTimezone();
  let twilio: TwilioAuth | undefined;
  let authToken: string | undefined;

  for (let i = 0; i < items.length; i++) {
    const json = items[i]!.json;
    try {
      const now = parseCurrentTime(this.getNodeParameter('currentTime', i, ''), zone, Date.now());
      if (now === null) throw new NodeOperationError(this.getNode(), 'Current Time is not a valid date.', { itemIndex: i });
      if (mode !== 'check' && this.getNodeParameter('verifySignature', i, false) === true) {
        const failed = await signedItem(this, i, json, mode, async () => (authToken ??= await twilioAuthToken(this, i)));
        if (failed) throw signatureError(this, i, failed);
      }
      const r =
        mode === 'check' ? await checkItem(this, i, json, { ledger, now })
        : mode === 'delivery' ? await recordDeliveryStatus(this, i, json, { ledger, now })
        : await recordInbound(this, i, json, {
            ledger,
            now,
            zone,
            twilio: async () => (twilio ??= twilioAuthFrom(await this.getCredentials(TWILIO_CREDENTIAL, i))),
          });
      out[r.output]!.push({ json: r.json, pairedItem: { item: i } });
    } catch (error) {
      const e = error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error instanceof Error ? error : String(error), { itemIndex: i });
      if (!this.continueOnFail()) throw e;
      // `error` on the item: n8n moves it to the error output ("On Error: Continue (using error output)")
      // n8n replaces the json of an item with `error` by { error }; an invalid item says so in `details`
      // instead (json of error, message and details only: n8n still moves it to the error output)
      if (isInvalidItemError(error)) out[out.length - 1]!.push({ json: { error: e.message, ...(e.description ? { message: e.description } : {}), details: { invalidItem: true } }, pairedItem: { item: i } });
      else out[out.length - 1]!.push({ json: { ...json, error: e.message }, error: e, pairedItem: { item: i } });
    }
  }
  return out;
}

/** The Auth Token of the node's Twilio credential ('' when it has none: the check then fails closed). */
async function twilioAuthToken(fn: IExecuteFunctions, i: number): Promise<string> {
  const c = await fn.getCredentials(TWILIO_CREDENTIAL, i).catch(() => null);
  if (!c) throw new NodeOperationError(fn.getNode(), 'Verify Twilio Signature is on, but the node has no Twilio credential.', { itemIndex: i, description: 'Set the Missed Call Twilio API credential of the account that owns the number (its Auth Token signs the requests).' });
  return typeof c.authToken === 'string' ? c.authToken.trim() : '';
}
