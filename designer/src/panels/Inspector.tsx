import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ENROLLING_CALL_CLASSES, INDUSTRIES, isSensitiveIndustry, LANGUAGES, LANGUAGE_NAMES, PRIORITIES, STEP_CHANNELS, type EmailStep, type Language, type SmsStep, type Step, type StepChannel } from '../../../shared/schema';
import type { Diagnostic } from '../../../shared/lint';
import { switchChannel } from '../graph/switchChannel';
import { isExitNode, isStepNode, type DesignerNode, type ExitKind, type TemplateMeta } from '../graph/types';
import { CHANNEL_LABEL, EXIT_LABEL } from '../lib/format';
import type { PreviewTiming } from '../lib/previewTiming';
import type { SampleCaller } from '../lib/samples';
import type { DesignerAction } from '../store/reducer';
import { DepartmentsEditor } from './DepartmentsEditor';
import { Field } from './Field';
import { FirstMessagesEditor } from './FirstMessagesEditor';
import { OpeningHoursEditor } from './OpeningHoursEditor';
import { ClosuresEditor } from './ClosuresEditor';
import { PathDiagnostics } from './PathDiagnostics';
import { PlaceholderTextArea } from './PlaceholderTextArea';
import { ReentryEditor } from './ReentryEditor';
import { Preview } from './Preview';
import { SmsCounter } from './SmsCounter';
import { TranslationsEditor } from './TranslationsEditor';

type Dispatch = (a: DesignerAction) => void;
/** the message previews' timing for a step (null: none) */
type TimingFor = (stepId: string | null) => PreviewTiming;

const UNITS = [
  { id: 'd', label: 'days', minutes: 1440 },
  { id: 'h', label: 'hours', minutes: 60 },
  { id: 'm', label: 'minutes', minutes: 1 },
] as const;

/** Sets an optional string field: blank removes it (the schema rejects empty strings). */
function opt<T extends object, K extends keyof T>(obj: T, key: K, value: string): T {
  const next = { ...obj };
  if (value.trim() === '') delete next[key];
  else (next as Record<K, unknown>)[key] = value;
  return next;
}

type Unit = (typeof UNITS)[number];
/** The largest unit that divides `minutes` (minutes for 0). */
const unitOf = (minutes: number): Unit => UNITS.find((u) => minutes > 0 && minutes % u.minutes === 0) ?? UNITS[2];

/**
 * Amount, unit and anchor of a step's delay. The chosen unit stays while the amount is cleared or 0
 * (clearing "6 days" and typing 5 means 5 days), and a cleared field is no edit until a number is typed.
 */
function DelayEditor({ step, onChange }: { step: Step; onChange: (s: Step, key: string) => void }) {
  const m = step.delay.minutes;
  const [chosen, setChosen] = useState<Unit>(() => unitOf(m));
  const [draft, setDraft] = useState<string | null>(null);
  // an undo or another edit can leave a delay the chosen unit does not divide: show it in one that does
  const unit = m % chosen.minutes === 0 ? chosen : unitOf(m);
  const set = (minutes: number, from = step.delay.from) => onChange({ ...step, delay: { minutes: Math.max(0, Math.round(minutes)), from } } as Step, `${step.id}:delay`);
  return (
    <div className="delay-editor">
      <input className="input num" type="number" min={0} value={draft ?? m / unit.minutes} data-testid="inspector-delay-amount" aria-label="Delay amount"
        onChange={(e) => {
          setDraft(e.target.value);
          if (e.target.value.trim() !== '' && Number.isFinite(Number(e.target.value))) set(Number(e.target.value) * unit.minutes);
        }}
        onBlur={() => setDraft(null)} />
      <select className="input" value={unit.id} data-testid="inspector-delay-unit" aria-label="Delay unit"
        onChange={(e) => {
          const next = UNITS.find((u) => u.id === e.target.value)!;
          setChosen(next);
          setDraft(null);
          set((m / unit.minutes) * next.minutes);
        }}>
        {UNITS.map((u) => <option key={u.id} value={u.id}>{u.label}</option>)}
      </select>
      <select className="input" value={step.delay.from} data-testid="inspector-delay-from" aria-label="Delay counted from"
        onChange={(e) => set(m, e.target.value as 'call' | 'previous')}>
        <option value="call">after the call</option>
        <option value="previous">after previous step</option>
      </select>
    </div>
  );
}

function Variants({ step, fold, onChange }: { step: SmsStep | EmailStep; fold?: boolean; onChange: (s: Step, key: string) => void }) {
  const variants = step.message.variants ?? [];
  const setVariants = (v: typeof variants, key: string) => {
    const message = { ...step.message } as SmsStep['message'] & EmailStep['message'];
    if (v.length) message.variants = v as never;
    else delete message.variants;
    onChange({ ...step, message } as Step, key);
  };
  const taken = new Set(variants.map((v) => v.id));
  const nextId = ['b', 'c', 'd', 'e', 'f', 'g'].find((x) => !taken.has(x)) ?? `v${variants.length + 2}`;
  return (
    <section className="variants" data-testid="inspector-variants">
      <div className="section-head">
        <h3>A/B variants</h3>
        <button type="button" className="btn btn-small" data-testid="inspector-add-variant" onClick={() => setVariants([...variants, { id: nextId, weight: 1, text: step.message.text }] as typeof variants, `${step.id}:variants-add`)}>+ Variant</button>
      </div>
      {variants.length === 0 ? <p className="panel-hint">Variant A is the message above. Add a variant to split sends by weight.</p> : null}
      {variants.map((v, i) => (
        <div className="variant" key={i} data-testid={`variant-${v.id}`}>
          <div className="variant-head">
            <span className="variant-id">Variant {v.id.toUpperCase()}</span>
            <label className="inline">weight <input className="input num small" type="number" min={1} value={v.weight} data-testid={`variant-${v.id}-weight`}
              onChange={(e) => setVariants(variants.map((x, j) => (j === i ? { ...x, weight: Math.max(1, Number(e.target.value) || 1) } : x)) as typeof variants, `${step.id}:variant-${i}-weight`)} /></label>
            <button type="button" className="btn btn-ghost btn-small" data-testid={`variant-${v.id}-remove`} onClick={() => setVariants(variants.filter((_, j) => j !== i) as typeof variants, `${step.id}:variants-remove`)}>Remove</button>
          </div>
          {step.channel === 'email' ? (
            <input className="input" placeholder="Subject (defaults to A's)" value={(v as { subject?: string }).subject ?? ''} data-testid={`variant-${v.id}-subject`}
              onChange={(e) => setVariants(variants.map((x, j) => (j === i ? opt(x as { subject?: string }, 'subject', e.target.value) : x)) as typeof variants, `${step.id}:variant-${i}-subject`)} />
          ) : null}
          <PlaceholderTextArea label={`Variant ${v.id} text`} rows={3} value={v.text} testId={`variant-${v.id}-text`}
            onChange={(text) => setVariants(variants.map((x, j) => (j === i ? { ...x, text } : x)) as typeof variants, `${step.id}:variant-${i}-text`)} />
          {step.channel === 'sms' ? <SmsCounter text={v.text} fold={fold} testId={`variant-${v.id}-counter`} /> : null}
        </div>
      ))}
    </section>
  );
}

function MessageEditor({ step, meta, caller, timing, diagnostics, onChange }: { step: Step; meta: TemplateMeta; caller: SampleCaller; timing: PreviewTiming; diagnostics: readonly Diagnostic[]; onChange: (s: Step, key: string) => void }) {
  const k = (f: string) => `${step.id}:${f}`;
  switch (step.channel) {
    case 'sms':
      return (
        <>
          <Field label="Message">
            <PlaceholderTextArea label="SMS text" value={step.message.text} testId="inspector-sms-text" onChange={(text) => onChange({ ...step, message: { ...step.message, text } }, k('text'))} />
          </Field>
          <SmsCounter text={step.message.text} fold={meta.keepSmsInGsm7} testId="inspector-sms-counter" />
          <Preview text={step.message.text} channel="sms" meta={meta} caller={caller} timing={timing} testId="inspector-preview" />
          <Variants step={step} fold={meta.keepSmsInGsm7} onChange={onChange} />
          <TranslationsEditor key={step.id} step={step} meta={meta} caller={caller} timing={timing} diagnostics={diagnostics} onChange={onChange} />
        </>
      );
    case 'email':
      return (
        <>
          <Field label="Subject">
            <input className="input" value={step.message.subject} data-testid="inspector-email-subject" onChange={(e) => onChange({ ...step, message: { ...step.message, subject: e.target.value } }, k('subject'))} />
          </Field>
          <Field label="Body (plain text)">
            <PlaceholderTextArea label="Email body" rows={7} value={step.message.text} testId="inspector-email-text" onChange={(text) => onChange({ ...step, message: { ...step.message, text } }, k('text'))} />
          </Field>
          <Preview text={`${step.message.subject}\n\n${step.message.text}`} channel="email" meta={meta} caller={caller} timing={timing} testId="inspector-preview" />
          <Variants step={step} onChange={onChange} />
          <TranslationsEditor key={step.id} step={step} meta={meta} caller={caller} timing={timing} diagnostics={diagnostics} onChange={onChange} />
        </>
      );
    case 'callback_task':
      return (
        <>
          <Field label="Task title">
            <PlaceholderTextArea label="Task title" rows={2} value={step.message.title} testId="inspector-task-title" onChange={(title) => onChange({ ...step, message: { ...step.message, title } }, k('title'))} />
          </Field>
          <Field label="Queue" hint={meta.business.departments.length ? `Departments: ${meta.business.departments.map((d) => d.queue).join(', ')}` : 'Leave blank to use the caller’s department queue'}>
            <input className="input" value={step.message.queue ?? ''} data-testid="inspector-task-queue" onChange={(e) => onChange({ ...step, message: opt(step.message, 'queue', e.target.value) }, k('queue'))} />
          </Field>
          <div className="field-row">
            <Field label="Due in (minutes)">
              <input className="input num" type="number" min={1} value={step.message.dueInMinutes ?? ''} data-testid="inspector-task-due"
                onChange={(e) => { const n = Math.round(Number(e.target.value)); const message = { ...step.message }; if (n > 0) message.dueInMinutes = n; else delete message.dueInMinutes; onChange({ ...step, message }, k('due')); }} />
            </Field>
            <Field label="Priority">
              <select className="input" value={step.message.priority ?? ''} data-testid="inspector-task-priority" onChange={(e) => onChange({ ...step, message: opt(step.message, 'priority', e.target.value) }, k('priority'))}>
                <option value="">default</option>
                {PRIORITIES.map((p) => <option key={p} value={p}>{p}</option>)}
              </select>
            </Field>
          </div>
          <Field label="Notes">
            <textarea className="input textarea" rows={3} value={step.message.notes ?? ''} data-testid="inspector-task-notes" onChange={(e) => onChange({ ...step, message: opt(step.message, 'notes', e.target.value) }, k('notes'))} />
          </Field>
        </>
      );
    case 'notify_agent':
      return (
        <>
          <Field label="Notification">
            <PlaceholderTextArea label="Notification text" rows={3} value={step.message.text} testId="inspector-notify-text" onChange={(text) => onChange({ ...step, message: { ...step.message, text } }, k('text'))} />
          </Field>
          <Field label="Notify" hint="Agent, queue or channel; blank: the department queue">
            <input className="input" value={step.message.to ?? ''} data-testid="inspector-notify-to" onChange={(e) => onChange({ ...step, message: opt(step.message, 'to', e.target.value) }, k('to'))} />
          </Field>
        </>
      );
  }
}

function DiagnosticList({ diagnostics }: { diagnostics: Diagnostic[] }) {
  if (!diagnostics.length) return <p className="ok-line" data-testid="inspector-ok">No problems with this step.</p>;
  return (
    <ul className="diag-list" data-testid="inspector-diagnostics">
      {diagnostics.map((d, i) => <li key={i} className={`diag diag-${d.severity}`} data-code={d.code}><strong>{d.code}</strong> {d.message}</li>)}
    </ul>
  );
}

/** Where the step is in the chain, with buttons to move it (the keyboard's way to reorder). */
function StepOrder({ id, chain, dispatch }: { id: string; chain: readonly string[]; dispatch: Dispatch }) {
  const index = chain.indexOf(id);
  if (index < 0) return <p className="panel-hint" data-testid="inspector-order">Not connected: link it below the missed call or another step.</p>;
  const move = (offset: -1 | 1, other: string) => {
    dispatch({ type: 'moveStep', id, offset });
    // at the top or bottom now: the pressed button is disabled, so the keyboard goes on from the other one
    if (index + offset === 0 || index + offset === chain.length - 1) requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-testid="${other}"]`)?.focus());
  };
  return (
    <div className="section-head" data-testid="inspector-order">
      <span className="field-label">Step {index + 1} of {chain.length}</span>
      <span className="step-order">
        <button type="button" className="btn btn-small" disabled={index === 0} onClick={() => move(-1, 'inspector-move-down')} data-testid="inspector-move-up">↑ Move up</button>
        <button type="button" className="btn btn-small" disabled={index === chain.length - 1} onClick={() => move(1, 'inspector-move-up')} data-testid="inspector-move-down">↓ Move down</button>
      </span>
    </div>
  );
}

const parseStatuses = (text: string) => text.split(',').map((x) => x.trim()).filter(Boolean);

/**
 * The CRM statuses as typed ("won, " keeps its comma while typing), and as the store has them when
 * they change from elsewhere (undo, redo, an import).
 */
function StatusesInput({ statuses, onChange }: { statuses: readonly string[]; onChange: (statuses: string[]) => void }) {
  const [text, setText] = useState(statuses.join(', '));
  useEffect(() => {
    setText((typed) => (parseStatuses(typed).join('\u0000') === statuses.join('\u0000') ? typed : statuses.join(', ')));
  }, [statuses]);
  return (
    <input className="input" value={text} data-testid="inspector-crm-statuses"
      onChange={(e) => {
        setText(e.target.value);
        onChange(parseStatuses(e.target.value));
      }} />
  );
}

function StepInspector({ step, meta, caller, timingFor, diagnostics, allDiagnostics, isFirstSms, chain, dispatch }: { step: Step; meta: TemplateMeta; caller: SampleCaller; timingFor: TimingFor; diagnostics: Diagnostic[]; allDiagnostics: Diagnostic[]; isFirstSms: boolean; chain: readonly string[]; dispatch: Dispatch }) {
  const timing = timingFor(step.id);
  const onChange = (s: Step, coalesceKey: string) => dispatch({ type: 'updateStep', id: step.id, step: s, coalesceKey });
  const changeChannel = (channel: StepChannel) => onChange(switchChannel(step, channel), `${step.id}:channel`);
  return (
    <div className="inspector-body" data-testid="inspector-step" data-step-id={step.id}>
      <DiagnosticList diagnostics={diagnostics} />
      <StepOrder id={step.id} chain={chain} dispatch={dispatch} />
      <Field label="Step name">
        <input className="input" value={step.name ?? ''} data-testid="inspector-name" onChange={(e) => onChange(opt(step, 'name', e.target.value), `${step.id}:name`)} />
      </Field>
      <div className="field-row">
        <Field label="Channel">
          <select className="input" value={step.channel} data-testid="inspector-channel" onChange={(e) => changeChannel(e.target.value as StepChannel)}>
            {STEP_CHANNELS.map((c) => <option key={c} value={c}>{CHANNEL_LABEL[c]}</option>)}
          </select>
        </Field>
        <Field label="Step id"><input className="input mono" value={step.id} readOnly data-testid="inspector-step-id" /></Field>
      </div>
      <Field label="Send"><DelayEditor key={step.id} step={step} onChange={onChange} /></Field>
      <MessageEditor step={step} meta={meta} caller={caller} timing={timing} diagnostics={diagnostics} onChange={onChange} />
      {isFirstSms ? (
        <>
          <h3>First message per call class</h3>
          <FirstMessagesEditor meta={meta} caller={caller} timing={timing} diagnostics={allDiagnostics} dispatch={dispatch} />
        </>
      ) : null}
    </div>
  );
}

function TemplateInspector({ meta, exits, caller, firstSmsTiming, diagnostics, dispatch }: { meta: TemplateMeta; exits: ReadonlySet<ExitKind>; caller: SampleCaller; firstSmsTiming: PreviewTiming; diagnostics: Diagnostic[]; dispatch: Dispatch }) {
  const set = (m: TemplateMeta, key: string) => dispatch({ type: 'updateMeta', meta: m, coalesceKey: `meta:${key}` });
  const b = meta.business;
  const setB = (business: TemplateMeta['business'], key: string) => set({ ...meta, business }, key);
  return (
    <div className="inspector-body" data-testid="inspector-template">
      <Field label="Sequence name"><input className="input" value={meta.name} data-testid="template-name" onChange={(e) => set({ ...meta, name: e.target.value }, 'name')} /></Field>
      <Field label="Template id"><input className="input mono" value={meta.id} data-testid="template-id" onChange={(e) => set({ ...meta, id: e.target.value }, 'id')} /></Field>
      <Field label="Texts written in" hint="A department can give its callers another language: its steps then need translations.">
        <select className="input" value={meta.language ?? 'en'} data-testid="template-language" onChange={(e) => set({ ...meta, language: e.target.value as Language }, 'language')}>
          {LANGUAGES.map((l) => <option key={l} value={l}>{LANGUAGE_NAMES[l]}</option>)}
        </select>
      </Field>
      <PathDiagnostics diagnostics={diagnostics} path="language" testId="language-diagnostics" />
      <label className="check">
        <input type="checkbox" checked={meta.keepSmsInGsm7 === true} data-testid="template-keep-sms-gsm7"
          onChange={(e) => {
            const { keepSmsInGsm7: _off, ...rest } = meta;
            // one undo step per click; off is the field left out, as a template without it reads
            dispatch({ type: 'updateMeta', meta: e.target.checked ? { ...meta, keepSmsInGsm7: true } : rest });
          }} />{' '}
        Keep texts in the basic SMS alphabet
      </label>
      <p className="panel-hint" data-testid="keep-sms-gsm7-hint">Sends á as a, ç as c and curly quotes as straight ones, so an SMS segment holds 160 characters instead of 70. Emails, emoji and other scripts stay as written.</p>
      <PathDiagnostics diagnostics={diagnostics} path="keepSmsInGsm7" testId="keep-sms-gsm7-diagnostics" />
      <h3>Business</h3>
      <Field label="Business name"><input className="input" value={b.name} data-testid="business-name" onChange={(e) => setB({ ...b, name: e.target.value }, 'bname')} /></Field>
      <Field label="Time zone (IANA)"><input className="input mono" value={b.timeZone} data-testid="business-tz" onChange={(e) => setB({ ...b, timeZone: e.target.value }, 'tz')} /></Field>
      <div className="field-row">
        <Field label="Callback number"><input className="input" value={b.callbackNumber ?? ''} data-testid="business-callback-number" onChange={(e) => setB(opt(b, 'callbackNumber', e.target.value), 'cbn')} /></Field>
        <Field label="Industry">
          <select className="input" value={b.industry} data-testid="business-industry" onChange={(e) => setB({ ...b, industry: e.target.value as TemplateMeta['business']['industry'] }, 'industry')}>
            {INDUSTRIES.map((i) => <option key={i} value={i}>{i.replace(/_/g, ' ')}</option>)}
          </select>
        </Field>
      </div>
      <p className="panel-hint" data-testid="business-industry-hint">{isSensitiveIndustry(b.industry)
        ? 'Texts must stay free of health, account or case details (the checklist flags them); the Consent Gate’s Sensitive Industry option routes every touch to a person instead.'
        : 'A regulated industry keeps health, account or case details out of texts (the checklist flags them).'}</p>
      <Field label="Booking / callback link"><input className="input" value={b.callbackLink ?? ''} data-testid="business-callback-link" onChange={(e) => setB(opt(b, 'callbackLink', e.target.value), 'cbl')} /></Field>
      <Field label="Support email"><input className="input" type="email" value={b.supportEmail ?? ''} data-testid="business-support-email" onChange={(e) => setB(opt(b, 'supportEmail', e.target.value), 'email')} /></Field>
      <PathDiagnostics diagnostics={diagnostics.filter((d) => !/^business\.(openingHours|departments|closures)/.test(d.path ?? ''))} path="business" testId="business-diagnostics" />
      <h3>Opening hours</h3>
      <OpeningHoursEditor hours={b.openingHours} diagnostics={diagnostics} dispatch={dispatch} />
      <h3>Closures</h3>
      <ClosuresEditor closures={b.closures} timeZone={b.timeZone} diagnostics={diagnostics} dispatch={dispatch} />
      <h3>Departments</h3>
      <DepartmentsEditor departments={b.departments} textsLanguage={meta.language ?? 'en'} diagnostics={diagnostics} dispatch={dispatch} />
      <h3>Trigger</h3>
      <div className="check-row" data-testid="trigger-classes">
        {ENROLLING_CALL_CLASSES.map((cls) => (
          <label className="check" key={cls}>
            <input type="checkbox" checked={meta.trigger.classes.includes(cls)} data-testid={`trigger-class-${cls}`}
              onChange={(e) => set({ ...meta, trigger: { ...meta.trigger, classes: e.target.checked ? ENROLLING_CALL_CLASSES.filter((c) => c === cls || meta.trigger.classes.includes(c)) : meta.trigger.classes.filter((c) => c !== cls) } }, 'classes')} /> {cls}
          </label>
        ))}
      </div>
      <Field label="Enroll calls made">
        <select className="input" value={meta.trigger.when} data-testid="trigger-when" onChange={(e) => set({ ...meta, trigger: { ...meta.trigger, when: e.target.value as TemplateMeta['trigger']['when'] } }, 'when')}>
          <option value="always">at any time</option>
          <option value="open_hours">during opening hours</option>
          <option value="after_hours">outside opening hours</option>
        </select>
      </Field>
      <PathDiagnostics diagnostics={diagnostics.filter((d) => !d.path?.startsWith('trigger.firstMessage'))} path="trigger" testId="trigger-diagnostics" />
      <h3>First message per call class</h3>
      <FirstMessagesEditor meta={meta} caller={caller} timing={firstSmsTiming} diagnostics={diagnostics} dispatch={dispatch} />
      <h3>Re-entry</h3>
      <ReentryEditor reentry={meta.reentry} diagnostics={diagnostics} dispatch={dispatch} />
      <h3>Policy</h3>
      <div className="field-row">
        <Field label="Classification">
          <select className="input" value={meta.classification} data-testid="template-classification" onChange={(e) => set({ ...meta, classification: e.target.value as TemplateMeta['classification'] }, 'class')}>
            <option value="informational">informational</option>
            <option value="marketing">marketing</option>
          </select>
        </Field>
        <Field label="Consent required">
          <select className="input" value={meta.consent.required} data-testid="template-consent" onChange={(e) => set({ ...meta, consent: { required: e.target.value as TemplateMeta['consent']['required'] } }, 'consent')}>
            <option value="informational">informational</option>
            <option value="marketing">marketing</option>
            <option value="written">written</option>
          </select>
        </Field>
      </div>
      <PathDiagnostics diagnostics={diagnostics} path={['classification', 'consent']} testId="policy-diagnostics" />
      <label className="check"><input type="checkbox" checked={meta.sendWindow.businessHoursOnly} data-testid="template-business-hours-only" onChange={(e) => set({ ...meta, sendWindow: { ...meta.sendWindow, businessHoursOnly: e.target.checked } }, 'bho')} /> Send during business hours only</label>
      <label className="check check-sub">
        <input
          type="checkbox"
          checked={meta.sendWindow.holdFirstTouch === true}
          disabled={!meta.sendWindow.businessHoursOnly && meta.sendWindow.holdFirstTouch !== true}
          data-testid="template-hold-first-touch"
          onChange={(e) => set({ ...meta, sendWindow: { ...meta.sendWindow, holdFirstTouch: e.target.checked } }, 'hold')}
        />{' '}
        Hold the first text until opening too
      </label>
      <p className="panel-hint" data-testid="business-hours-only-hint">
        {meta.sendWindow.holdFirstTouch === true
          ? 'Holds every touch, the first text too, to the opening hours above (closures count as closed): an after-hours caller hears nothing until you open.'
          : 'Holds every touch after the first to the opening hours above (closures count as closed). The first text answers the call at once, so an after-hours caller learns right away when you open.'}
      </p>
      <PathDiagnostics diagnostics={diagnostics} path="sendWindow" testId="send-window-diagnostics" />
      <h3>Exits</h3>
      {(['reply', 'booked', 'crm_status'] as const).map((kind) => (
        <label className="check" key={kind}>
          <input type="checkbox" checked={exits.has(kind)} data-testid={`template-exit-${kind}`} onChange={(e) => dispatch({ type: 'toggleExit', kind, on: e.target.checked })} /> {EXIT_LABEL[kind].title}
        </label>
      ))}
      <label className="check"><input type="checkbox" checked disabled /> {EXIT_LABEL.opt_out.title} (always)</label>
      <PathDiagnostics diagnostics={diagnostics} path="exit" testId="exit-diagnostics" />
    </div>
  );
}

export interface InspectorProps {
  selected: DesignerNode | null;
  meta: TemplateMeta;
  exits: ReadonlySet<ExitKind>;
  caller: SampleCaller;
  /** when each step's preview takes it to be sent (the Simulator's send of that touch when it has one) */
  timingFor: TimingFor;
  diagnostics: Diagnostic[];
  dispatch: Dispatch;
  /** the first SMS step of the chain: the one `trigger.firstMessage` texts replace */
  firstSmsId?: string | null;
  /** ids of the chained steps, in order */
  chain?: readonly string[];
}

/** Edits the selected step or exit, or the template itself when nothing (or the start) is selected. */
export function Inspector({ selected, meta, exits, caller, timingFor, diagnostics, dispatch, firstSmsId = null, chain = [] }: InspectorProps) {
  const panel = useRef<HTMLElement>(null);
  // another step (or the settings) starts at the top, where its checks are
  const shown = selected?.id ?? null;
  useEffect(() => {
    panel.current?.scrollTo({ top: 0 });
  }, [shown]);
  let title = 'Sequence settings';
  let body: ReactNode = <TemplateInspector meta={meta} exits={exits} caller={caller} firstSmsTiming={timingFor(firstSmsId)} diagnostics={diagnostics} dispatch={dispatch} />;
  if (selected && isStepNode(selected)) {
    title = selected.data.step.name ?? CHANNEL_LABEL[selected.data.step.channel];
    body = <StepInspector step={selected.data.step} meta={meta} caller={caller} timingFor={timingFor} diagnostics={diagnostics.filter((d) => d.stepId === selected.id)}
      allDiagnostics={diagnostics} isFirstSms={selected.id === firstSmsId} chain={chain} dispatch={dispatch} />;
  } else if (selected && isExitNode(selected)) {
    title = `Exit: ${EXIT_LABEL[selected.data.kind].title}`;
    body = (
      <div className="inspector-body" data-testid="inspector-exit">
        <p className="panel-hint">{EXIT_LABEL[selected.data.kind].detail}. Exits apply at any point of the sequence.</p>
        {selected.data.kind === 'crm_status' ? (
          <Field label="CRM statuses (comma-separated)">
            <StatusesInput statuses={selected.data.statuses} onChange={(statuses) => dispatch({ type: 'updateExitStatuses', statuses, coalesceKey: 'crm-statuses' })} />
          </Field>
        ) : null}
      </div>
    );
  }
  return (
    <aside className="panel inspector" data-testid="inspector" ref={panel}>
      <h2 className="panel-title" data-testid="inspector-title" id="inspector-title" tabIndex={-1}>{title}</h2>
      {body}
    </aside>
  );
}
