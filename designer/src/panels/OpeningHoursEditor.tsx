import { WEEKDAYS, type Weekday } from '../../../shared/schema';
import type { Diagnostic } from '../../../shared/lint';
import type { TemplateMeta } from '../graph/types';
import type { DesignerAction } from '../store/reducer';
import { PathDiagnostics } from './PathDiagnostics';

const DAY_LABEL: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };
const DEFAULT_RANGE = '09:00-17:00';
const RANGE = /^(\d\d:\d\d)-(\d\d:\d\d)$/;

/** `07:30-24:00` → ['07:30', '00:00'] for two time inputs (midnight shows as 00:00); unreadable → blanks. */
function splitRange(range: string): [string, string] {
  const m = RANGE.exec(range);
  return m ? [m[1]!, m[2] === '24:00' ? '00:00' : m[2]!] : ['', ''];
}

/** Two time inputs back to a range; a closing time of 00:00 (12:00 AM) means midnight.(`24:00`). */
function joinRange(from: string, to: string): string {
  return `${from}-${to === '00:00' ? '24:00' : to}`;
}

/**
 * Per weekday opening periods in the business time zone: open/closed, one or more from–to ranges
 * (a lunch break is two ranges). Overnight hours are split across two days, as the schema requires.
 */
export function OpeningHoursEditor({ hours, diagnostics, dispatch }: { hours: TemplateMeta['business']['openingHours']; diagnostics: readonly Diagnostic[]; dispatch: (a: DesignerAction) => void }) {
  const set = (day: Weekday, ranges: string[], key: string) => dispatch({ type: 'setDayHours', day, ranges, coalesceKey: `hours:${day}:${key}` });
  return (
    <section className="hours" data-testid="opening-hours">
      {WEEKDAYS.map((day) => {
        const ranges = Array.isArray(hours?.[day]) ? hours[day] : [];
        const open = ranges.length > 0;
        return (
          <div className="hours-day" key={day} data-testid={`hours-${day}`}>
            <label className="check hours-label">
              <input type="checkbox" checked={open} data-testid={`hours-${day}-open`} onChange={(e) => set(day, e.target.checked ? [DEFAULT_RANGE] : [], 'open')} />
              {DAY_LABEL[day]}
            </label>
            <div className="hours-ranges">
              {open ? ranges.map((r, i) => {
                const [from, to] = splitRange(r);
                const edit = (f: string, t: string, key: string) => set(day, ranges.map((x, j) => (j === i ? joinRange(f, t) : x)), `${i}:${key}`);
                return (
                  <div className="hours-range" key={i}>
                    <input className="input time" type="time" value={from} aria-label={`${DAY_LABEL[day]} opens`} data-testid={`hours-${day}-${i}-from`} onChange={(e) => edit(e.target.value, to, 'from')} />
                    <span>–</span>
                    <input className="input time" type="time" value={to} aria-label={`${DAY_LABEL[day]} closes`} data-testid={`hours-${day}-${i}-to`} onChange={(e) => edit(from, e.target.value, 'to')} />
                    {i > 0 ? <button type="button" className="btn btn-ghost btn-small" title="Remove this period" data-testid={`hours-${day}-${i}-remove`} onClick={() => set(day, ranges.filter((_, j) => j !== i), 'remove')}>×</button> : null}
                  </div>
                );
              }) : <span className="hours-closed" data-testid={`hours-${day}-closed`}>closed</span>}
              {open ? <button type="button" className="btn btn-ghost btn-small" title="Add a period (e.g. after a lunch break)" data-testid={`hours-${day}-add`} onClick={() => set(day, [...ranges, '18:00-20:00'], 'add')}>+ period</button> : null}
            </div>
            <PathDiagnostics diagnostics={diagnostics} path={`business.openingHours.${day}`} testId={`hours-${day}-diagnostics`} />
          </div>
        );
      })}
      <p className="field-hint">Times in the business time zone; a closing time of 00:00 (12:00 AM) means midnight.</p>
      <PathDiagnostics diagnostics={diagnostics.filter((d) => !WEEKDAYS.some((day) => d.path?.startsWith(`business.openingHours.${day}`)))} path="business.openingHours" testId="hours-diagnostics" />
    </section>
  );
}
