/**
 * Audit kind of every Follow-up Sender outcome (its report: `to` is the email address as sent, an SMS
 * number masked). Sequence Exit reads it back to find the address a bounced email went to.
 */
export const SEND_AUDIT_KIND = 'follow_up_send';
