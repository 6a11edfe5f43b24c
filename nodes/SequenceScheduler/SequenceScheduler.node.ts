import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { DOCS_URL, sequenceSchedulerProperties } from './description';
import { pollScheduler } from './router';

/** Polling trigger: claims the follow-up touches now due and emits one item per touch. */
export class SequenceScheduler implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Sequence Scheduler',
    name: 'sequenceScheduler',
    icon: { light: 'file:sequenceScheduler.svg', dark: 'file:sequenceScheduler.dark.svg' },
    group: ['trigger'],
    version: 1,
    subtitle: '={{ "up to " + $parameter["batchSize"] + " touches per poll" }}',
    description:
      'Claims the follow-up touches now due from the ledger (atomically, once across every main and worker) and emits one item per touch',
    documentationUrl: DOCS_URL,
    defaults: { name: 'Sequence Scheduler' },
    polling: true,
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    credentials: [
      // inline literals: the legacy lint rules read credential entries from the AST
      { name: 'missedCallPostgresLedgerApi', required: true, displayOptions: { show: { ledger: ['postgres'] } } },
    ],
    properties: sequenceSchedulerProperties,
  };

  async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
    return pollScheduler.call(this);
  }
}
