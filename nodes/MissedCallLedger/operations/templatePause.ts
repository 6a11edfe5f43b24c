import { NodeOperationError } from 'n8n-workflow';
import { str, type Operation, type OperationContext } from './types';

async function setPaused(c: OperationContext, paused: boolean) {
  const templateId = str(c.fn.getNodeParameter('templateId', c.i, ''));
  if (templateId === null) throw new NodeOperationError(c.fn.getNode(), 'Template ID is empty', { itemIndex: c.i });
  await c.ledger.pauseTemplate(templateId, paused, c.now);
  return [{ json: { templateId, paused } }];
}

/** template → pause: holds every touch of the template (enrollments stay active). */
export const templatePause: Operation = (c) => setPaused(c, true);
/** template → resume. */
export const templateResume: Operation = (c) => setPaused(c, false);
