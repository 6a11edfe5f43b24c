import { useRef, useState, type KeyboardEvent } from 'react';
import { KNOWN_PLACEHOLDERS } from '../../../shared/template';

const OPEN = /\{\{\s*([A-Za-z_]*)$/;

interface Props {
  value: string;
  onChange: (value: string) => void;
  testId: string;
  rows?: number;
  label: string;
}

/** Textarea that completes `{{placeholder}}` names: type `{{`, pick with ↑/↓ and Enter or Tab. */
export function PlaceholderTextArea({ value, onChange, testId, rows = 4, label }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const options = query === null ? [] : KNOWN_PLACEHOLDERS.filter((p) => p.toLowerCase().startsWith(query.toLowerCase()));

  const refresh = (text: string, caret: number) => {
    const m = OPEN.exec(text.slice(0, caret));
    setQuery(m ? m[1]! : null);
    setActive(0);
  };

  const insert = (name: string) => {
    const el = ref.current;
    const caret = el?.selectionStart ?? value.length;
    const before = value.slice(0, caret);
    const m = OPEN.exec(before);
    const start = m ? caret - m[0].length : caret;
    const after = value.slice(caret).replace(/^[A-Za-z_]*\s*\}\}/, '');
    const token = `{{${name}}}`;
    onChange(value.slice(0, start) + token + after);
    setQuery(null);
    requestAnimationFrame(() => {
      if (!el) return;
      el.focus();
      el.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!options.length) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      insert(options[active]!);
    } else if (e.key === 'Escape') {
      setQuery(null);
    }
  };

  return (
    <div className="ph-field">
      <textarea
        ref={ref}
        aria-label={label}
        className="input textarea"
        rows={rows}
        value={value}
        data-testid={testId}
        onChange={(e) => {
          onChange(e.target.value);
          refresh(e.target.value, e.target.selectionStart);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
      />
      {options.length > 0 ? (
        <ul className="ph-menu" role="listbox" data-testid={`${testId}-completions`}>
          {options.map((p, i) => (
            <li key={p} role="option" aria-selected={i === active} className={i === active ? 'active' : undefined} onMouseDown={(e) => { e.preventDefault(); insert(p); }} data-testid={`completion-${p}`}>
              {`{{${p}}}`}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="ph-chips">
        {KNOWN_PLACEHOLDERS.map((p) => (
          <button key={p} type="button" className="ph-chip" onClick={() => { ref.current?.focus(); insert(p); }} data-testid={`${testId}-insert-${p}`}>{p}</button>
        ))}
      </div>
    </div>
  );
}
