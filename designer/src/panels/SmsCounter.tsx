import { foldToGsm, smsEncoding, smsTextAsSent } from '../../../shared/template';

/**
 * Encoding, units and segments of one SMS text (of the text as written, placeholders unexpanded). With
 * `fold` (the template's "Keep texts in the basic SMS alphabet"), of the text as it is sent: in plain
 * letters, with the characters that change listed (`á→a`).
 */
export function SmsCounter({ text, testId, fold = false }: { text: string; testId: string; fold?: boolean }) {
  const sent = smsTextAsSent(text, { keepSmsInGsm7: fold });
  const enc = smsEncoding(sent);
  const folded = fold ? smsEncoding(text).nonGsm.map((c) => [c, foldToGsm(c)] as const).filter(([c, p]) => c !== p) : [];
  const tone = enc.segments > 3 ? 'bad' : enc.segments > 1 || enc.encoding === 'UCS-2' ? 'warn' : 'ok';
  return (
    <div className={`sms-counter tone-${tone}`} data-testid={testId}>
      <span data-testid={`${testId}-encoding`}>{enc.encoding}</span>
      <span>{enc.units} / {enc.perSegment * Math.max(1, enc.segments)} {enc.encoding === 'GSM-7' ? 'chars' : 'units'}</span>
      <span data-testid={`${testId}-segments`}>{enc.segments} segment{enc.segments === 1 ? '' : 's'}</span>
      {folded.length ? <span data-testid={`${testId}-folded`} title="Sent in plain letters (Keep texts in the basic SMS alphabet)">sent as {folded.map(([c, p]) => `${c}→${p === '' ? '∅' : p}`).join(' ')}</span> : null}
      {enc.nonGsm.length ? <span className="non-gsm" title="These characters force UCS-2 (70 per segment)">non-GSM: {enc.nonGsm.join(' ')}</span> : null}
    </div>
  );
}
