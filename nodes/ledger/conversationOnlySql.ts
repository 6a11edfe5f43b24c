/**
 * The content columns of the contacts table when migration 9 created the partial index
 * `contacts_conversation_only` (its predicate, CONVERSATION_ONLY_INDEX_PREDICATE). Frozen, like the
 * migration: a content column a later migration adds is appended to CONTACT_CONTENT_COLUMNS only.
 */
const CONTACT_CONTENT_COLUMNS_V9 = [
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

/**
 * Columns of the contacts table that hold something about the contact: every one but the key, the row's
 * timestamps, `paused` (NOT NULL, checked apart) and `last_conversation_at`. A column a later migration
 * adds goes here (appended after the columns of migration 9) or into CONTACT_BARE_COLUMNS (the ledger
 * tests compare both with the table).
 */
export const CONTACT_CONTENT_COLUMNS = [...CONTACT_CONTENT_COLUMNS_V9, 'language'] as const;

/** The other columns of the contacts table. */
export const CONTACT_BARE_COLUMNS = ['phone', 'paused', 'last_conversation_at', 'created_at', 'updated_at'] as const;

/**
 * SQL: the contact row holds none of `columns` and is not paused; its columns qualified by the alias
 * `c`, or bare (''). The same terms in the prune query and in the index predicate, so each planner
 * (SQLite term by term) sees that the query implies the predicate.
 */
function contactEmptySql(c: string, columns: readonly string[]): string {
  const q = c === '' ? '' : `${c}.`;
  return [...columns.map((col) => `${q}${col} IS NULL`), `NOT ${q}paused`].join(' AND ');
}

/**
 * SQL: the contact row aliased `c` holds nothing but its conversation (Ledger.prune,
 * `conversationContacts`): every content column empty, not paused, and no enrollment of its phone.
 */
export function conversationOnlySql(c: string, enrollments: string): string {
  return `${contactEmptySql(c, CONTACT_CONTENT_COLUMNS)}
    AND NOT EXISTS (SELECT 1 FROM ${enrollments} e WHERE e.phone = ${c}.phone)`;
}

/**
 * WHERE of the partial index `contacts_conversation_only` (migration 9, both backends): rows with a
 * conversation and nothing else. The prune query (`last_conversation_at < :cutoff AND
 * conversationOnlySql(…)`) implies every term; content columns added after migration 9 are not in it,
 * so the index then holds a few more rows, which the query filters.
 */
export const CONVERSATION_ONLY_INDEX_PREDICATE = `last_conversation_at IS NOT NULL AND ${contactEmptySql('', CONTACT_CONTENT_COLUMNS_V9)}`;
