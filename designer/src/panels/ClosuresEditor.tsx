import { useRef, useState } from 'react';
import { HOLIDAY_CALENDARS } from '../../../shared/compliance/holidays';
import { HOLIDAY_CALENDAR_LABELS, closureOn, holidayCalendarForZone, isHolidayCalendarId, isPastClosure, type BusinessClosure } from '../../../shared/schema';
import type { Diagnostic } from '../../../shared/lint';
import { holidayChoices, type HolidayChoice } from '../lib/holidayChoices';
import { useDesigner } from '../store/DesignerContext';
import type { DesignerAction } from '../store/reducer';
import { HolidayPicker } from './HolidayPicker';
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
 * ended before today (business zone) are marked "past" and can be removed at once. "+ Public holidays"
 * opens a picker of the calendar's holidays of the next 12 months (today from the browser clock).
 */
export function ClosuresEditor({ closures, timeZone, diagnostics, dispatch }: { closures: readonly BusinessClosure[] | undefined; timeZone: string; diagnostics: readonly Diagnostic[]; dispatch: Dispatch }) {
  const list = Array.isArray(closures) ? closures : [];
  const today = todayIn(timeZone);
  const pastCount = list.filter((c) => isPastClosure(c, today)).length;
  const [calendar, setCalendar] = useState(() => holidayCalendarForZone(timeZone));
  const offered = useDesigner((st) => st.doc.offeredHolidays);
  const [picking, setPicking] = useState(false);
  // dates the last "Add" closed: "Added N" shows while they all still are (an undo hides it)
  const [added, setAdded] = useState<readonly string[] | null>(null);
  const holidaysButton = useRef<HTMLButtonElement>(null);
  const openPicker = () => {
    setPicking(true);
    setAdded(null);
  };
  const closePicker = () => {
    setPicking(false);
    holidaysButton.current?.focus();
  };
  const choices = picking ? holidayChoices(calendar, today, list, offered) : [];
  const apply = (add: HolidayChoice[]) => {
    // every day offered for a choice is recorded, so one unticked now or removed later starts unticked;
    // days before today leave the record
    dispatch({ type: 'addClosures', closures: add.map((c) => ({ from: c.date, reason: c.name })), offered: choices.filter((c) => !c.closed).map((c) => c.date), today });
    setAdded(add.map((c) => c.date));
    closePicker();
  };
  const hint = added !== null && added.length > 0 && !picking && added.every((d) => closureOn(list, d)) ? `Added ${added.length} holiday${added.length === 1 ? '' : 's'}.` : null;
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
        <button type="button" className="btn btn-small" ref={holidaysButton} title="Choose public holidays of the next 12 months to add as closures, one per day" data-testid="closures-add-holidays"
          aria-expanded={picking} aria-controls="holiday-picker" onClick={picking ? closePicker : openPicker}>+ Public holidays</button>
      </div>
      {picking ? <HolidayPicker id="holiday-picker" title={`${HOLIDAY_CALENDAR_LABELS[calendar]} holidays, next 12 months`} choices={choices} onApply={apply} onCancel={closePicker} /> : null}
      {hint ? <p className="field-hint" role="status" data-testid="closures-holidays-hint">{hint}</p> : null}
      <p className="field-hint">Local dates in the business time zone; leave the second date empty for a single day.</p>
      <PathDiagnostics diagnostics={diagnostics.filter((d) => !/^business\.closures\[\d+\]/.test(d.path ?? ''))} path="business.closures" testId="closures-diagnostics" />
    </section>
  );
}
