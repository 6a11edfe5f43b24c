import { smsEncoding } from '../../../shared/template';

/** Encoding, units and segments of one SMS text (of the text as written, placeholders unexpanded). */
export function SmsCounter({ text, testId }: { text: string; testId: string }) {
  const enc = smsEncoding(text);
  const tone = enc.segments > 3 ? 'bad' : enc.segments > 1 || enc.encoding === 'UCS-2' ? 'warn' : 'ok';
  return (
    <div className={`sms-counter tone-${tone}`} data-testid={testId}>
      <span data-testid={`${testId}-encoding`}>{enc.encoding}</span>
      <span>{enc.units} / {enc.perSegment * Math.max(1, enc.segments)} {enc.encoding === 'GSM-7' ? 'chars' : 'units'}</span>
      <span data-testid={`${testId}-segments`}>{enc.segments} segment{enc.segments === 1 ? '' : 's'}</span>
      {enc.nonGsm.length ? <span className="non-gsm" title="These characters force UCS-2 (70 per segment)">non-GSM: {enc.nonGsm.join(' ')}</span> : null}
    </div>
  );
}
