import { useState } from 'react';
import { HOLIDAY_CALENDARS } from '../../../shared/compliance/holidays';
import { HOLIDAY_CALENDAR_LABELS, holidayCalendarForZone, holidayClosures, isHolidayCalendarId, isPastClosure, type BusinessClosure } from '../../../shared/schema';
import type { Diagnostic } from '../../../shared/lint';
import type { DesignerAction } from '../store/reducer';
import { PathDiagnostics } from './PathDiagnostics';

type Dispatch = (a: DesignerAction) => void;

/** Today's date 'YYYY-MM-DD' in `timeZone` (the browser's zone when that one is not valid yet). */
function todayIn(timeZone: string): string {
  const fmt = (tz?: string) => new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  try {
    return fmt(timeZone);
  } catch {
    return fmt();
  }
}

/**
 * Whole local days the business is closed (holidays, a shutdown week): from, optional last day
 * (inclusive) and a reason. Each day counts as closed whatever the opening hours say. Closures that
 * ended before today (business zone) are marked "past" and can be removed at once.
 */
export function ClosuresEditor({ closures, timeZone, diagnostics, dispatch }: { closures: readonly BusinessClosure[] | undefined; timeZone: string; diagnostics: readonly Diagnostic[]; dispatch: Dispatch }) {
  const list = Array.isArray(closures) ? closures : [];
  const today = todayIn(timeZone);
  const pastCount = list.filter((c) => isPastClosure(c, today)).length;
  const [calendar, setCalendar] = useState(() => holidayCalendarForZone(timeZone));
  // the hint answers the last press; "Added N" stays while days are only removed (undo, a load or an edit hide it)
  const [press, setPress] = useState<{ count: number; before: typeof closures; after?: readonly BusinessClosure[] } | null>(null);
  if (press && press.count > 0 && !press.after && closures !== press.before) setPress({ ...press, after: list });
  const addHolidays = () => {
    const holidays = holidayClosures(calendar, today, list);
    setPress({ count: holidays.length, before: closures });
    if (holidays.length) dispatch({ type: 'addClosures', closures: holidays });
  };
  const hint = !press ? null
    : press.count === 0 ? (closures === press.before ? 'All holidays of the next 12 months are already closures.' : null)
    : press.after && closures !== press.before && list.every((c) => press.after!.includes(c)) ? `Added ${press.count} holiday${press.count === 1 ? '' : 's'}; remove the days you stay open.` : null;
  return (
    <section className="closures" data-testid="closures">
      {list.length === 0 ? <p className="panel-hint">No closures: every date follows the weekly hours.</p> : null}
      {list.map((c, i) => {
        const t = `closure-${i}`;
        const past = isPastClosure(c, today);
        const update = (closure: BusinessClosure, key: string) => dispatch({ type: 'updateClosure', index: i, closure, coalesceKey: `closure:${i}:${key}` });
        return (
          <div className={`closure${past ? ' closure-past' : ''}`} key={i} data-testid={t}>
            <div className="closure-row">
              <input className="input date" type="date" value={c.from ?? ''} aria-label="Closed from" data-testid={`${t}-from`} onChange={(e) => update({ ...c, from: e.target.value }, 'from')} />
              <span>–</span>
              <input className="input date" type="date" value={c.to ?? ''} aria-label="Closed until (inclusive)" data-testid={`${t}-to`} onChange={(e) => update({ ...c, to: e.target.value }, 'to')} />
              <button type="button" className="btn btn-ghost btn-small" title="Remove this closure" data-testid={`${t}-remove`} onClick={() => dispatch({ type: 'removeClosure', index: i })}>×</button>
            </div>
            <div className="closure-row">
              <input className="input closure-reason" value={c.reason ?? ''} placeholder="Reason, e.g. Christmas" aria-label="Reason" data-testid={`${t}-reason`} onChange={(e) => update({ ...c, reason: e.target.value }, 'reason')} />
              {past ? <span className="past-tag" title={`Ended before today (${today} in the business time zone): it no longer closes any day`} data-testid={`${t}-past`}>past</span> : null}
            </div>
            <PathDiagnostics diagnostics={diagnostics} path={`business.closures[${i}]`} testId={`${t}-diagnostics`} />
          </div>
        );
      })}
      <div className="closure-row">
        <button type="button" className="btn btn-small" data-testid="closures-add" onClick={() => dispatch({ type: 'addClosure', closure: { from: today } })}>+ Closure</button>
        {pastCount ? (
          <button type="button" className="btn btn-ghost btn-small" title={`Remove the ${pastCount} closure${pastCount === 1 ? '' : 's'} that ended before today`} data-testid="closures-remove-past"
            onClick={() => dispatch({ type: 'removePastClosures', today })}>Remove past closures</button>
        ) : null}
      </div>
      <div className="closure-row closures-holidays">
        <select className="input" value={calendar} aria-label="Holiday calendar" data-testid="closures-holiday-calendar" onChange={(e) => isHolidayCalendarId(e.target.value) && setCalendar(e.target.value)}>
          {HOLIDAY_CALENDARS.map((id) => <option key={id} value={id}>{HOLIDAY_CALENDAR_LABELS[id]}</option>)}
        </select>
        <button type="button" className="btn btn-small" title="Add the public holidays of the next 12 months as closures, one per day" data-testid="closures-add-holidays" onClick={addHolidays}>+ Public holidays</button>
      </div>
      {hint ? <p className="field-hint" role="status" data-testid="closures-holidays-hint">{hint}</p> : null}
      <p className="field-hint">Local dates in the business time zone; leave the second date empty for a single day.</p>
      <PathDiagnostics diagnostics={diagnostics.filter((d) => !/business\.closures\[\d+\]/.test(d.message))} path="business.closures" testId="closures-diagnostics" />
    </section>
  );
}
