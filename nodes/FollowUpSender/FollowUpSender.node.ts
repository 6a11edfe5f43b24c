import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { followUpSenderDescription } from './description';
import { runFollowUpSender } from './router';

/** Sends the follow-up step of each item (SMS via Twilio, email via SMTP, or Sandbox) — once. */
export class FollowUpSender implements INodeType {
  description: INodeTypeDescription = followUpSenderDescription;

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return runFollowUpSender.call(this);
  }
}
