import { useMemo, useState } from 'react';
import { fromZonedTime } from 'date-fns-tz';
import { analyzePhone } from '../../../shared/phone';
import { simulateSequence, type Simulation } from '../../../shared/simulate';
import type { SequenceTemplate } from '../../../shared/schema';
import { CHANNEL_LABEL } from '../lib/format';
import { stepsUsing } from '../lib/stepsUsing';
import { localDate, SAMPLE_CALL_TIME, SAMPLE_CALLERS, type SampleCaller } from '../lib/samples';

/** `YYYY-MM-DDTHH:mm` of today at the sample call time (the input is read in the caller's zone). */
function defaultLocal(now: Date): string {
  return `${localDate(now)}T${SAMPLE_CALL_TIME}`;
}

function run(template: SequenceTemplate, caller: SampleCaller, local: string): { zone: string | null; at: number | null; sim: Simulation | null; error: string | null } {
  const zone = analyzePhone(caller.phone)?.zones[0] ?? null;
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? fromZonedTime(local, zone ?? 'UTC').getTime() : null;
  if (at === null || Number.isNaN(at)) return { zone, at: null, sim: null, error: 'Pick a date and time.' };
  try {
    return { zone, at, sim: simulateSequence(template, { to: caller.phone, at }), error: null };
  } catch (e) {
    return { zone, at, sim: null, error: `Cannot simulate this template yet: ${(e as Error).message}` };
  }
}

/** Per-caller timeline: when each touch is planned and when the policy lets it go, and why. */
export function Simulator({ template, caller, onCaller, canRun }: { template: SequenceTemplate; caller: SampleCaller; onCaller: (c: SampleCaller) => void; canRun: boolean }) {
  const [local, setLocal] = useState(() => defaultLocal(new Date()));
  const result = useMemo(() => (canRun ? run(template, caller, local) : null), [template, caller, local, canRun]);
  const nextOpeningSteps = useMemo(() => stepsUsing(template, 'nextOpening'), [template]);
  return (
    <section className="simulator" data-testid="simulator">
      <div className="sim-controls">
        <label className="field">
          <span className="field-label">Sample caller</span>
          <select className="input" value={caller.id} data-testid="sim-caller" onChange={(e) => onCaller(SAMPLE_CALLERS.find((c) => c.id === e.target.value)!)}>
            {SAMPLE_CALLERS.map((c) => <option key={c.id} value={c.id}>{c.city} · {c.phone}</option>)}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Missed call (caller’s local time)</span>
          <input className="input" type="datetime-local" value={local} data-testid="sim-at" onChange={(e) => setLocal(e.target.value)} />
        </label>
      </div>
      {!canRun ? <p className="panel-hint" data-testid="sim-blocked">Fix the schema errors in the checklist to simulate.</p> : null}
      {result?.error ? <p className="preview-issue error">{result.error}</p> : null}
      {result?.sim ? (
        <>
          <p className="sim-zone" data-testid="sim-zone">Caller zone: <strong>{result.zone ?? 'unknown'}</strong>{result.sim.phone?.zones.length && result.sim.phone.zones.length > 1 ? ` (also ${result.sim.phone.zones.slice(1).join(', ')})` : ''}</p>
          <table className="sim-table" data-testid="sim-table">
            <thead><tr><th>Step</th><th>Planned</th><th>Allowed</th><th>Why</th></tr></thead>
            <tbody>
              {result.sim.touches.map((t, i) => {
                const shifted = t.allowedAt !== null && t.allowedAt !== t.plannedAt;
                return (
                  <tr key={`${t.stepId}-${i}`} className={`verdict-${t.verdict}${shifted ? ' shifted' : ''}`} data-testid={`sim-row-${i}`} data-step={t.stepId} data-verdict={t.verdict}>
                    <td><span className="sim-step">{t.stepId}</span><small>{CHANNEL_LABEL[t.channel]}</small></td>
                    <td data-testid={`sim-planned-${i}`}>{t.plannedLocal}</td>
                    <td data-testid={`sim-allowed-${i}`}>{t.allowedLocal ?? <span className={`verdict verdict-${t.verdict}`}>{t.verdict === 'manual' ? 'to a person' : 'blocked'}</span>}{shifted ? <span className="shift-tag">shifted</span> : null}
                      {nextOpeningSteps.has(t.stepId) ? <div className="reason" data-testid={`sim-next-opening-${i}`}><code>{'{{nextOpening}}'}</code> → {t.nextOpening || 'blank (fallback)'}</div> : null}</td>
                    <td data-testid={`sim-reason-${i}`}>{t.reasons.map((r) => <div key={r.code} className="reason"><code>{r.code}</code> {r.message}</div>)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
