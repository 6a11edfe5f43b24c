/**
 * Columns of the contacts table that hold something about the contact: every one but the key, the row's
 * timestamps, `paused` (NOT NULL, checked apart) and `last_conversation_at`. A column a later migration
 * adds goes here or into CONTACT_BARE_COLUMNS (the ledger tests compare both with the table).
 */
export const CONTACT_CONTENT_COLUMNS = [
  'name',
  'email',
  'consent_level',
  'consent_source',
  'consent_at',
  'sms_opt_out_at',
  'sms_opt_out_source',
  'sms_opt_out_text',
  'email_opt_out_at',
  'email_opt_out_source',
  'email_opt_out_text',
  'paused_until',
  'pause_reason',
  'paused_at',
  'last_reply_at',
  'last_reply_text',
  'last_reply_class',
  'last_reply_channel',
  'carrier_line_type',
  'carrier_line_type_at',
  'carrier_line_type_source',
] as const;

/** The other columns of the contacts table. */
export const CONTACT_BARE_COLUMNS = ['phone', 'paused', 'last_conversation_at', 'created_at', 'updated_at'] as const;

/**
 * SQL: the contact row aliased `c` holds nothing but its conversation (Ledger.prune,
 * `conversationContacts`): every content column empty, not paused, and no enrollment of its phone.
 */
export function conversationOnlySql(c: string, enrollments: string): string {
  return `${CONTACT_CONTENT_COLUMNS.map((col) => `${c}.${col} IS NULL`).join(' AND ')} AND NOT ${c}.paused
    AND NOT EXISTS (SELECT 1 FROM ${enrollments} e WHERE e.phone = ${c}.phone)`;
}
