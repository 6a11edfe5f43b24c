import { NodeOperationError, type IExecuteFunctions, type IPollFunctions } from 'n8n-workflow';
import type { Ledger } from '../ledger/Ledger';
import { ledgerFor } from './ledgerFor';

/** ledgerFor(), with a failure to open (queue mode + SQLite, database down…) as a NodeOperationError. */
export async function openLedger(ctx: IExecuteFunctions | IPollFunctions): Promise<Ledger> {
  try {
    return await ledgerFor(ctx);
  } catch (e) {
    throw new NodeOperationError(ctx.getNode(), e instanceof Error ? e : String(e), { description: 'The ledger could not be opened.' });
  }
}
