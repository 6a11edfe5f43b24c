import { useEffect, useRef, useState } from 'react';
import type { HolidayChoice } from '../lib/holidayChoices';

const DATE = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
/** 'Dec 25, 2026' for '2026-12-25' (a civil date: formatted in UTC, no zone shift) */
const formatDate = (date: string) => DATE.format(new Date(`${date}T00:00:00Z`));

/**
 * Inline list of a calendar's holidays with a checkbox each. Days already closed are checked and
 * disabled; dismissed ones start unchecked, the rest checked. Focus moves into it on mount;
 * Escape cancels. `onApply` gets the checked days that are not closed yet.
 */
export function HolidayPicker({ id, title, choices, onApply, onCancel }: { id: string; title: string; choices: readonly HolidayChoice[]; onApply: (add: HolidayChoice[]) => void; onCancel: () => void }) {
  // the user's ticks by date; they survive a change of calendar (Dec 25 stays as ticked)
  const [ticks, setTicks] = useState<Readonly<Record<string, boolean>>>({});
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    root.current?.querySelector<HTMLElement>('input:not(:disabled), button:not(:disabled)')?.focus();
  }, []);
  const isChecked = (c: HolidayChoice) => c.closed || (ticks[c.date] ?? !c.dismissed);
  const add = choices.filter((c) => !c.closed && isChecked(c));
  return (
    <div className="holiday-picker" ref={root} id={id} role="group" aria-labelledby={`${id}-title`} data-testid="holiday-picker"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        onCancel();
      }}>
      <p className="holiday-picker-title" id={`${id}-title`}>{title}</p>
      {choices.length === 0 ? <p className="field-hint">No holidays in the next 12 months.</p> : (
        <ul className="holiday-list">
          {choices.map((c) => (
            <li key={c.date}>
              <label className={`check holiday-choice${c.closed ? ' holiday-closed' : ''}`} data-testid={`holiday-${c.date}`}>
                <input type="checkbox" checked={isChecked(c)} disabled={c.closed} data-testid={`holiday-${c.date}-check`}
                  onChange={(e) => setTicks({ ...ticks, [c.date]: e.target.checked })} />
                <span className="holiday-weekday">{c.weekday}</span>
                <span className="holiday-date">{formatDate(c.date)}</span>
                <span className="holiday-name">
                  {c.name}
                  {c.closed ? <span className="past-tag">already closed</span>
                    : c.dismissed ? <span className="past-tag" title="Offered before and not a closure now (left unticked or removed), so it is not ticked again">left out before</span> : null}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {choices.length > 0 && choices.every((c) => c.closed) ? <p className="field-hint">All holidays of the next 12 months are already closures.</p> : null}
      <div className="closure-row">
        <button type="button" className="btn btn-primary btn-small" disabled={add.length === 0} data-testid="holiday-picker-add" onClick={() => onApply(add)}>
          Add {add.length} holiday{add.length === 1 ? '' : 's'}
        </button>
        <button type="button" className="btn btn-ghost btn-small" data-testid="holiday-picker-cancel" onClick={onCancel}>Cancel</button>
      </div>
    </div>
  );
}
