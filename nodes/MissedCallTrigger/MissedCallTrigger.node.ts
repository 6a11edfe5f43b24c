import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { missedCallTriggerDescription } from './description';
import { missedCallWebhook } from './webhook';

/** Missed Call Trigger: one webhook per phone system; fires once per missed call and enrolls the caller. */
export class MissedCallTrigger implements INodeType {
  description: INodeTypeDescription = missedCallTriggerDescription;

  async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
    return missedCallWebhook.call(this);
  }
}
