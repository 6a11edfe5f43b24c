/** How an inbound text should be treated. `matched` names the rule that fired (stable codes). */
export type InboundClass =
  | { class: 'stop'; keyword: string | null; scope: 'all' | 'this'; matched: StopRule }
  | { class: 'start'; keyword: string }
  | { class: 'help'; keyword: string }
  | { class: 'auto_reply'; returnDate: string | null; matched: AutoReplyRule }
  | { class: 'reply' };

/**
 * `keyword`: a clause is nothing but a stop keyword (plus fillers); `keyword_in_text`: an unambiguous
 * opt-out word anywhere (unsubscribe, opt out, revoke, stopall…); the rest are natural-language intents.
 */
export type StopRule =
  | 'keyword'
  | 'keyword_in_text'
  | 'stop_contact'
  | 'dont_contact'
  | 'dont_call'
  | 'dont_want'
  | 'revoke_consent'
  | 'remove_me'
  | 'leave_alone'
  | 'no_more'
  | 'do_not_call_list'
  | 'wrong_number'
  | 'complaint'
  | 'es_dont_contact'
  | 'es_unsubscribe'
  | 'fr_dont_contact'
  | 'fr_unsubscribe'
  | 'pt_dont_contact'
  | 'pt_unsubscribe'
  | 'zh_dont_contact'
  | 'zh_unsubscribe'
  | 'vi_dont_contact'
  | 'tl_dont_contact'
  | 'ko_dont_contact';

/** `auto_submitted`: an email whose headers say a machine sent it (automatedEmail), whatever its text. */
export type AutoReplyRule = 'out_of_office' | 'automated' | 'driving' | 'do_not_disturb' | 'unavailable' | 'vacation' | 'auto_submitted';

export interface ClassifyOptions {
  /** reference instant for resolving return dates without a year ("back on Dec 3") */
  now?: Date | number;
  /** IANA zone whose calendar date `now` falls on; default 'UTC' */
  timeZone?: string;
  /** BCP 47 tag; only decides numeric date order: M/D for US (and bare `en`/absent), else D/M */
  locale?: string;
  /** whether the sender is currently opted out; `false` turns a bare YES into a plain reply */
  optedOut?: boolean;
}
