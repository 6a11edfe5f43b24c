import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { consentGateDescription } from './description';
import { executeGate } from './router';

/** Routes each follow-up to Send, Defer, Block or Manual with the shared compliance decision. */
export class ConsentGate implements INodeType {
  description: INodeTypeDescription = consentGateDescription;

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return executeGate.call(this);
  }
}
