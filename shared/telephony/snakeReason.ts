const ALIASES: Record<string, string> = {
  cancelled: 'canceled',
  cancel: 'canceled',
  call_cancel: 'canceled',
  unanswered: 'no_answer',
  noanswer: 'no_answer',
  not_answered: 'no_answer',
  target_busy: 'busy',
  user_busy: 'busy',
  line_busy: 'busy',
};

/**
 * A provider's reason text as a stable snake_case reason, with a few spelling aliases folded
 * (`cancelled`→`canceled`, `unanswered`→`no_answer`, `TargetBusy`→`busy`).
 * @example snakeReason('no-answer') // 'no_answer'
 */
export function snakeReason(text: string): string {
  const snake = text
    .trim()
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z\d]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return ALIASES[snake] ?? snake;
}
