import { useMemo } from 'react';
import { ENROLLING_CALL_CLASSES, type EnrollingCallClass, type SequenceTemplate } from '../../../shared/schema';
import { CHANNEL_LABEL } from '../lib/format';
import type { SimulationRun } from '../lib/runSimulation';
import { stepsUsing } from '../lib/stepsUsing';
import { SAMPLE_CALLERS, type SampleCaller, type SampleChoice } from '../lib/samples';

const CALL_CLASS_LABEL: Record<EnrollingCallClass, string> = { missed: 'Missed call', voicemail: 'Left a voicemail', abandoned: 'Hung up in the queue' };

/**
 * Per-caller timeline: when each touch is planned and when the policy lets it go, and why; only the
 * steps that reach this class of call, or why the trigger would not start the sequence at all. The run
 * and the sample choice come from the app, which shares them with the message previews.
 */
export function Simulator({ template, caller, local, callClass, run, onSample, onCallClass, canRun }: {
  template: SequenceTemplate;
  caller: SampleCaller;
  local: string;
  callClass: EnrollingCallClass;
  run: SimulationRun;
  onSample: (s: Partial<SampleChoice>) => void;
  onCallClass: (c: EnrollingCallClass) => void;
  canRun: boolean;
}) {
  const result = canRun ? run : null;
  const nextOpeningSteps = useMemo(() => stepsUsing(template, 'nextOpening'), [template]);
  return (
    <section className="simulator" data-testid="simulator">
      <div className="sim-controls">
        <label className="field">
          <span className="field-label">Sample caller</span>
          <select className="input" value={caller.id} data-testid="sim-caller" onChange={(e) => onSample({ callerId: e.target.value })}>
            {SAMPLE_CALLERS.map((c) => <option key={c.id} value={c.id}>{c.city} · {c.phone}</option>)}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Call</span>
          <select className="input" value={callClass} data-testid="sim-call-class" onChange={(e) => onCallClass(e.target.value as EnrollingCallClass)}>
            {ENROLLING_CALL_CLASSES.map((c) => <option key={c} value={c}>{CALL_CLASS_LABEL[c]}</option>)}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Missed call (caller’s local time)</span>
          <input className="input" type="datetime-local" value={local} data-testid="sim-at" onChange={(e) => onSample({ local: e.target.value })} />
        </label>
      </div>
      {!canRun ? <p className="panel-hint" data-testid="sim-blocked">Fix the schema errors in the checklist to simulate.</p> : null}
      {result?.error ? <p className="preview-issue error">{result.error}</p> : null}
      {result?.sim?.notEnrolled ? <p className="preview-issue warning" data-testid="sim-not-enrolled" data-reason={result.sim.notEnrolled.reason}>This call would not start the sequence: {result.sim.notEnrolled.message}</p> : null}
      {result?.sim && !result.sim.notEnrolled && result.sim.touches.length === 0 ? <p className="panel-hint" data-testid="sim-no-steps">No step reaches this kind of call: every step is for other call classes.</p> : null}
      {result?.sim && !result.sim.notEnrolled ? (
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
