/**
 * The longest In-Conversation Window (EnrollInput.conversationWindowMs) the ledger accepts: 30 days.
 * Retention keeps a contact that holds only a conversation at least this long (the floor of
 * `conversationContacts` in retention.ts), so pruning never shortens a window.
 */
export const MAX_CONVERSATION_WINDOW_DAYS = 30;
export const MAX_CONVERSATION_WINDOW_MS = MAX_CONVERSATION_WINDOW_DAYS * 86_400_000;
