import type { DragEvent } from 'react';
import { PALETTE_KINDS, type PaletteKind } from '../graph/newStep';
import { EXIT_KINDS, type ExitKind } from '../graph/types';
import { CHANNEL_LABEL, EXIT_LABEL } from '../lib/format';
import { Icon } from '../nodes/icons';

/** MIME type of a palette drag: `step:<kind>` or `exit:<kind>`. */
export const PALETTE_MIME = 'application/x-missed-call-node';

const STEP_HINT: Record<PaletteKind, string> = {
  sms: 'Text the caller',
  email: 'Email with details',
  callback_task: 'Task for an agent to call back',
  notify_agent: 'Alert the team (internal)',
  final: 'Last, clearly-final SMS',
};

function onDragStart(e: DragEvent, payload: string) {
  e.dataTransfer.setData(PALETTE_MIME, payload);
  e.dataTransfer.setData('text/plain', payload);
  e.dataTransfer.effectAllowed = 'move';
}

export function Palette({ onAdd, presentExits }: { onAdd: (payload: string) => void; presentExits: ReadonlySet<ExitKind> }) {
  return (
    <aside className="panel palette" data-testid="palette">
      <h2 className="panel-title">Steps</h2>
      <p className="panel-hint">Drag onto the canvas, or click to append.</p>
      {PALETTE_KINDS.map((kind) => (
        <button
          key={kind}
          type="button"
          className={`palette-item channel-${kind === 'final' ? 'sms' : kind}`}
          draggable
          onDragStart={(e) => onDragStart(e, `step:${kind}`)}
          onClick={() => onAdd(`step:${kind}`)}
          data-testid={`palette-${kind}`}
        >
          <span className="node-icon"><Icon name={kind} /></span>
          <span className="palette-text">
            <strong>{kind === 'final' ? 'Final check-in' : CHANNEL_LABEL[kind]}</strong>
            <small>{STEP_HINT[kind]}</small>
          </span>
        </button>
      ))}
      <h2 className="panel-title">Exits</h2>
      {EXIT_KINDS.filter((k) => k !== 'opt_out').map((kind) => (
        <button
          key={kind}
          type="button"
          className="palette-item palette-exit"
          draggable={!presentExits.has(kind)}
          disabled={presentExits.has(kind)}
          onDragStart={(e) => onDragStart(e, `exit:${kind}`)}
          onClick={() => onAdd(`exit:${kind}`)}
          data-testid={`palette-exit-${kind}`}
          title={presentExits.has(kind) ? 'Already on the canvas' : undefined}
        >
          <span className="node-icon"><Icon name={kind} /></span>
          <span className="palette-text">
            <strong>{EXIT_LABEL[kind].title}</strong>
            <small>{EXIT_LABEL[kind].detail}</small>
          </span>
        </button>
      ))}
    </aside>
  );
}
