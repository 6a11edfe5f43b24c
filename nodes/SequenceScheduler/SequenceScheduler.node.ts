import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { sequenceSchedulerDescription } from './description';
import { pollScheduler } from './router';

/** Polling trigger: claims the follow-up touches now due and emits one item per touch. */
export class SequenceScheduler implements INodeType {
  description: INodeTypeDescription = sequenceSchedulerDescription;

  async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
    return pollScheduler.call(this);
  }
}
