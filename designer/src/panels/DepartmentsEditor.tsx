import { LANGUAGES, LANGUAGE_NAMES, PRIORITIES, type Department, type Language } from '../../../shared/schema';
import type { Diagnostic } from '../../../shared/lint';
import { numberProblem } from '../../../shared/lint';
import type { DesignerAction } from '../store/reducer';
import { Field } from './Field';
import { PathDiagnostics } from './PathDiagnostics';

type Dispatch = (a: DesignerAction) => void;

/** One line of a department, with the shared phone module's verdict inline; blur rewrites it as E.164 when it can. */
function NumberInput({ value, testId, onChange, onRemove }: { value: string; testId: string; onChange: (v: string, key: string) => void; onRemove: () => void }) {
  const problem = numberProblem(value);
  return (
    <div className="dept-number">
      <div className="dept-number-row">
        <input className={`input mono${problem ? ' invalid' : ''}`} value={value} placeholder="+15125550142" aria-label="Department line" aria-invalid={problem ? true : undefined}
          data-testid={testId} onChange={(e) => onChange(e.target.value, 'edit')} onBlur={() => problem?.suggestion && onChange(problem.suggestion, 'normalize')} />
        <button type="button" className="btn btn-ghost btn-small" title="Remove this line" data-testid={`${testId}-remove`} onClick={onRemove}>×</button>
      </div>
      {problem ? <span className="field-error" role="alert" data-testid={`${testId}-error`}>{problem.message}</span> : null}
    </div>
  );
}

function DepartmentCard({ dept, index, textsLanguage, diagnostics, dispatch }: { dept: Department; index: number; textsLanguage: Language; diagnostics: readonly Diagnostic[]; dispatch: Dispatch }) {
  const t = `dept-${index}`;
  const update = (department: Department, key: string) => dispatch({ type: 'updateDepartment', index, department, coalesceKey: `dept:${index}:${key}` });
  const numbers = Array.isArray(dept.numbers) ? dept.numbers : [];
  const setNumbers = (list: string[], key: string) => update({ ...dept, numbers: list }, key);
  return (
    <div className="dept" data-testid={t} data-dept-id={dept.id}>
      <div className="field-row">
        <Field label="Name"><input className="input" value={dept.name ?? ''} data-testid={`${t}-name`} onChange={(e) => update({ ...dept, name: e.target.value }, 'name')} /></Field>
        <Field label="Id"><input className="input mono" value={dept.id ?? ''} data-testid={`${t}-id`} onChange={(e) => update({ ...dept, id: e.target.value }, 'id')} /></Field>
      </div>
      <div className="field-row">
        <Field label="Queue"><input className="input" value={dept.queue ?? ''} data-testid={`${t}-queue`} onChange={(e) => update({ ...dept, queue: e.target.value }, 'queue')} /></Field>
        <Field label="Priority">
          <select className="input" value={dept.priority ?? ''} data-testid={`${t}-priority`}
            onChange={(e) => { const { priority: _old, ...rest } = dept; update(e.target.value ? { ...rest, priority: e.target.value as Department['priority'] } : rest, 'priority'); }}>
            <option value="">default</option>
            {PRIORITIES.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </Field>
      </div>
      <Field label="Callers’ language" hint={dept.language && dept.language !== textsLanguage ? `Its callers get each text’s ${LANGUAGE_NAMES[dept.language]} translation (the steps show an editor for it).` : undefined}>
        <select className="input" value={dept.language ?? ''} data-testid={`${t}-language`}
          onChange={(e) => { const { language: _old, ...rest } = dept; update(e.target.value ? { ...rest, language: e.target.value as Language } : rest, 'language'); }}>
          <option value="">same as the texts ({LANGUAGE_NAMES[textsLanguage]})</option>
          {LANGUAGES.map((l) => <option key={l} value={l}>{LANGUAGE_NAMES[l]}</option>)}
        </select>
      </Field>
      <div className="field">
        <span className="field-label">Lines (E.164) that ring this department</span>
        {numbers.map((n, j) => (
          <NumberInput key={j} value={typeof n === 'string' ? n : ''} testId={`${t}-number-${j}`}
            onChange={(v, key) => setNumbers(numbers.map((x, k) => (k === j ? v : x)), `number-${j}-${key}`)}
            onRemove={() => setNumbers(numbers.filter((_, k) => k !== j), 'number-remove')} />
        ))}
        <div className="dept-actions">
          <button type="button" className="btn btn-small" data-testid={`${t}-add-number`} onClick={() => setNumbers([...numbers, ''], 'number-add')}>+ Line</button>
          <button type="button" className="btn btn-ghost btn-small" data-testid={`${t}-remove`} onClick={() => dispatch({ type: 'removeDepartment', index })}>Remove department</button>
        </div>
      </div>
      <PathDiagnostics diagnostics={diagnostics} path={`business.departments[${index}]`} testId={`${t}-diagnostics`} />
    </div>
  );
}

/**
 * The business's departments: name, id, callback queue, priority, its callers' language (blank: the
 * language the texts are written in, `textsLanguage`) and the lines that identify them.
 */
export function DepartmentsEditor({ departments, textsLanguage = 'en', diagnostics, dispatch }: { departments: readonly Department[]; textsLanguage?: Language; diagnostics: readonly Diagnostic[]; dispatch: Dispatch }) {
  const list = Array.isArray(departments) ? departments : [];
  return (
    <section className="departments" data-testid="departments">
      {list.length === 0 ? <p className="panel-hint">No departments: callback tasks then need their own queue.</p> : null}
      {list.map((d, i) => <DepartmentCard key={i} dept={d} index={i} textsLanguage={textsLanguage} diagnostics={diagnostics} dispatch={dispatch} />)}
      <button type="button" className="btn btn-small" data-testid="departments-add" onClick={() => dispatch({ type: 'addDepartment' })}>+ Department</button>
      <PathDiagnostics diagnostics={diagnostics.filter((d) => !/^business\.departments\[\d+\]/.test(d.path ?? ''))} path="business.departments" testId="departments-diagnostics" />
    </section>
  );
}
