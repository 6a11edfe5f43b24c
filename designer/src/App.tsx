import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type DragEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
  type Viewport,
} from '@xyflow/react';
import { STARTER_TEMPLATES } from '../../shared/templates';
import type { EnrollingCallClass } from '../../shared/schema';
import type { ExitKind } from './graph/types';
import { isExitNode, isStepNode, type DesignerEdge, type DesignerNode } from './graph/types';
import { templateToGraph } from './graph/templateToGraph';
import { withWorkflowId } from './export/stableWorkflowId';
import { chainOrder } from './graph/graphToTemplate';
import { EXIT_HEIGHT, EXIT_WIDTH, NODE_HEIGHT, NODE_WIDTH } from './graph/layout';
import { MINIMAP_SIZE, boundsOf, canvasInsets, centredViewport, fitViewOptions, isInView, sameViewport, startOfContent } from './graph/viewport';
import { closesLoop } from './graph/closesLoop';
import type { PaletteKind } from './graph/newStep';
import { edgeTypes, nodeTypes } from './nodes';
import { CanvasPaletteContext, Icon, readCanvasPalette, type CanvasPalette } from './nodes/icons';
import { Palette, PALETTE_MIME } from './panels/Palette';
import { Inspector } from './panels/Inspector';
import { Checklist } from './panels/Checklist';
import { Simulator } from './panels/Simulator';
import { DiagnosticsContext } from './lib/diagnostics';
import { useChecked } from './lib/useChecked';
import { defaultLocal, sampleCallAt, sampleCaller } from './lib/samples';
import { runSimulation } from './lib/runSimulation';
import { previewTiming } from './lib/previewTiming';
import { blankDoc } from './lib/blankDoc';
import { downloadText } from './lib/download';
import { useDesigner, useDesignerStore } from './store/DesignerContext';
import type { DesignerAction } from './store';
import {
  EXPORT_PHONE_SYSTEMS,
  N8N_WORKFLOW_PARTS,
  PHONE_SYSTEM_LABELS,
  checkExportable,
  importFailureText,
  importText,
  n8nWorkflowFileName,
  templateFileName,
  templateToJson,
  templateToN8nWorkflow,
  templateToN8nWorkflows,
  type ExportPhoneSystem,
  type N8nWorkflowPart,
} from './export';

const THEME_KEY = 'missed-call-designer:theme:v1';
/** the phone system the n8n exports are set up for, remembered like the theme */
const PHONE_SYSTEM_KEY = 'missed-call-designer:phone-system:v1';
type Theme = 'light' | 'dark';

function initialPhoneSystem(): ExportPhoneSystem {
  const saved = localStorage.getItem(PHONE_SYSTEM_KEY);
  return (EXPORT_PHONE_SYSTEMS as readonly string[]).includes(saved ?? '') ? (saved as ExportPhoneSystem) : 'twilio';
}

function initialTheme(): Theme {
  const saved = localStorage.getItem(THEME_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function isEditable(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** The canvas or the page itself (nothing focused): where Delete / Backspace delete the selection. */
function onCanvas(target: EventTarget | null): boolean {
  return target === document.body || (target instanceof Element && target.closest('.react-flow') !== null);
}

type Notice = { tone: 'ok' | 'error' | 'info'; text: string; testId: string } | null;

/** The one-column layout of styles.css (phones, narrow windows): no minimap, notices above the page. */
const NARROW = '(max-width: 760px)';
const subscribeNarrow = (onChange: () => void) => {
  const mq = window.matchMedia?.(NARROW);
  mq?.addEventListener('change', onChange);
  return () => mq?.removeEventListener('change', onChange);
};
const isNarrow = () => window.matchMedia?.(NARROW).matches ?? false;

/** Selected text outside the canvas: Ctrl+C copies it, not the selected steps. */
function copiesText(target: EventTarget | null): boolean {
  const inCanvas = target instanceof Element && target.closest('.react-flow') !== null;
  return !inCanvas && (window.getSelection()?.toString() ?? '') !== '';
}

function Designer() {
  const store = useDesignerStore();
  const doc = useDesigner((s) => s.doc);
  const canUndo = useDesigner((s) => s.past.length > 0);
  const canRedo = useDesigner((s) => s.future.length > 0);
  const dispatch = store.dispatch;
  const rf = useReactFlow<DesignerNode, DesignerEdge>();
  const [theme, setTheme] = useState<Theme>(initialTheme);
  const [phoneSystem, setPhoneSystem] = useState<ExportPhoneSystem>(initialPhoneSystem);
  useEffect(() => localStorage.setItem(PHONE_SYSTEM_KEY, phoneSystem), [phoneSystem]);
  // the theme's colours of the cards' icons (images, which do not follow CSS by themselves)
  const [palette, setPalette] = useState<CanvasPalette>(() => readCanvasPalette(document.documentElement));
  const sample = useDesigner((s) => s.sample);
  // the day the designer opened: the default missed call is on it, as the preview's fallback
  const [today] = useState(() => new Date());
  const [tab, setTab] = useState<'checklist' | 'simulator'>('checklist');
  // the Simulator's kind of call (its steps' `onlyIf`, the trigger's classes)
  const [callClass, setCallClass] = useState<EnrollingCallClass>('missed');
  const [notice, setNotice] = useState<Notice>(null);
  const [fitTick, setFitTick] = useState(0);
  const fileRef = useRef<HTMLInputElement>(null);
  const canvasRef = useRef<HTMLElement>(null);
  const checked = useChecked(doc);
  const narrow = useSyncExternalStore(subscribeNarrow, isNarrow);
  // every fit (load, import, auto-layout, the zoom controls' button) keeps the nodes clear of the overlays
  const fitInsets = useMemo(() => canvasInsets({ minimap: !narrow, notice: !narrow }), [narrow]);
  const fitOptions = useMemo(() => fitViewOptions(fitInsets), [fitInsets]);
  /** The viewport the last fit left (null before the first). */
  const lastFit = useRef<Viewport | null>(null);
  const viewInsets = useMemo(() => canvasInsets({ minimap: !narrow, notice: false }), [narrow]);

  /**
   * Centres nodes on the canvas when one of them is off-screen or under an overlay, at the current
   * zoom or `minZoom`, whichever is larger; nodes already in view leave the canvas where it is.
   */
  const reveal = useCallback((ids: readonly string[], minZoom = 0) => {
    const el = canvasRef.current;
    const rects = store.getState().doc.nodes.filter((n) => ids.includes(n.id)).map((n) => ({
      x: n.position.x,
      y: n.position.y,
      width: n.measured?.width ?? (isExitNode(n) ? EXIT_WIDTH : NODE_WIDTH),
      height: n.measured?.height ?? (isExitNode(n) ? EXIT_HEIGHT : NODE_HEIGHT),
    }));
    const rect = boundsOf(rects);
    if (!el || !rect) return;
    const size = { width: el.clientWidth, height: el.clientHeight };
    const viewport = rf.getViewport();
    if (isInView(rect, viewport, size, viewInsets)) return;
    void rf.setViewport(centredViewport(rect, size, viewInsets, Math.max(viewport.zoom, minZoom)), { duration: 200 });
  }, [store, rf, viewInsets]);

  /** Dispatches an action that adds nodes; returns the ids it added. */
  const addNodes = useCallback((action: DesignerAction) => {
    const before = new Set(store.getState().doc.nodes.map((n) => n.id));
    dispatch(action);
    return store.getState().doc.nodes.filter((n) => !before.has(n.id)).map((n) => n.id);
  }, [store, dispatch]);

  // before the browser paints: the cards' icons are redrawn in the new theme's colours in the same frame
  useLayoutEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem(THEME_KEY, theme);
    setPalette((prev) => readCanvasPalette(document.documentElement, prev));
  }, [theme]);

  /**
   * Fits the canvas to its nodes (React Flow's fit, which waits for them to be measured), then shows a
   * template too long for the fit's smallest zoom from its start rather than its middle.
   */
  const fitCanvas = useCallback(async () => {
    await rf.fitView({ ...fitOptions, duration: 0 });
    const el = canvasRef.current;
    const nodes = rf.getNodes();
    if (el && nodes.length > 0) {
      const fitted = rf.getViewport();
      const shown = startOfContent(fitted, rf.getNodesBounds(nodes), { width: el.clientWidth, height: el.clientHeight }, fitInsets);
      if (shown !== fitted) await rf.setViewport(shown, { duration: 0 });
    }
    lastFit.current = rf.getViewport();
  }, [rf, fitOptions, fitInsets]);
  const fitCanvasRef = useRef(fitCanvas);
  fitCanvasRef.current = fitCanvas;

  // the first fit, when the saved or default document's nodes have been measured
  useEffect(() => void fitCanvasRef.current(), []);

  useEffect(() => {
    if (!fitTick) return;
    const id = requestAnimationFrame(() => void fitCanvas());
    return () => cancelAnimationFrame(id);
  }, [fitTick, fitCanvas]);

  // a resized window (or canvas) fits again when the canvas still shows the last fit, untouched since
  useEffect(() => {
    const el = canvasRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let size = `${el.clientWidth}x${el.clientHeight}`;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      const now = `${el.clientWidth}x${el.clientHeight}`;
      if (now === size) return;
      size = now;
      cancelAnimationFrame(frame);
      // a frame later: React Flow has taken the new size by then
      frame = requestAnimationFrame(() => {
        const fit = lastFit.current;
        if (fit && sameViewport(fit, rf.getViewport())) void fitCanvasRef.current();
      });
    });
    observer.observe(el);
    return () => { observer.disconnect(); cancelAnimationFrame(frame); };
  }, [rf]);

  useEffect(() => {
    // a failed import stays until closed (its details take reading); the rest fade after 6 s
    if (!notice || notice.testId === 'import-failed') return;
    const id = setTimeout(() => setNotice(null), 6000);
    return () => clearTimeout(id);
  }, [notice]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isEditable(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (e.key === 'Delete' || e.key === 'Backspace') {
        // only on the canvas: a key pressed in the panels (the inspector's heading after an add) deletes nothing
        if (!onCanvas(e.target)) return;
        dispatch({ type: 'deleteSelected' });
      }
      else if (mod && key === 'z' && e.shiftKey) dispatch({ type: 'redo' });
      else if (mod && key === 'z') dispatch({ type: 'undo' });
      else if (mod && key === 'y') dispatch({ type: 'redo' });
      else if (mod && key === 'c' && !copiesText(e.target)) dispatch({ type: 'copy' });
      else if (mod && key === 'v') reveal(addNodes({ type: 'paste' }));
      else if (mod && key === 'a') dispatch({ type: 'selectAll' });
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch, reveal, addNodes]);

  const onNodesChange = useCallback((changes: NodeChange<DesignerNode>[]) => dispatch({ type: 'nodesChange', changes }), [dispatch]);
  const onEdgesChange = useCallback((changes: EdgeChange<DesignerEdge>[]) => dispatch({ type: 'edgesChange', changes }), [dispatch]);
  const onConnect = useCallback((c: Connection) => dispatch({ type: 'connect', source: c.source, target: c.target }), [dispatch]);
  // a later step wired back to an earlier one would cut the chain off the start: refused while dragging
  const isValidConnection = useCallback((c: Connection | Edge) => !closesLoop(store.getState().doc, c.source, c.target), [store]);

  /** A palette pick (click, keyboard or drop): the new node selected, in view, its inspector focused. */
  const addFromPalette = useCallback((payload: string, position?: { x: number; y: number }) => {
    const [kind, what] = payload.split(':') as ['step' | 'exit', string];
    const added = kind === 'step'
      ? addNodes({ type: 'addStep', kind: what as PaletteKind, position, append: position === undefined })
      : addNodes({ type: 'addExit', kind: what as ExitKind, position });
    if (added.length === 0) return;
    if (kind === 'exit') dispatch({ type: 'select', ids: added });
    reveal(added);
    // no scrolling: on a phone the inspector is below the canvas, where the new step just showed
    requestAnimationFrame(() => document.getElementById('inspector-title')?.focus({ preventScroll: true }));
  }, [dispatch, addNodes, reveal]);

  const onDragOver = useCallback((e: DragEvent) => {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
  }, []);
  const onDrop = useCallback((e: DragEvent) => {
    e.preventDefault();
    const payload = e.dataTransfer.getData(PALETTE_MIME) || e.dataTransfer.getData('text/plain');
    if (!/^(step|exit):/.test(payload)) return;
    const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    addFromPalette(payload, { x: Math.round(p.x - NODE_WIDTH / 2), y: Math.round(p.y - NODE_HEIGHT / 2) });
  }, [rf, addFromPalette]);

  const selected = doc.nodes.filter((n) => n.selected);
  const chain = useMemo(() => chainOrder(doc).ordered.map((n) => n.id), [doc]);
  const exits = useMemo(() => new Set(doc.nodes.filter(isExitNode).map((n) => n.data.kind)), [doc.nodes]);

  const loadStarter = (id: string) => {
    if (!id) return;
    const template = STARTER_TEMPLATES.find((t) => t.id === id);
    dispatch({ type: 'load', doc: template ? templateToGraph(template) : blankDoc() });
    setFitTick((t) => t + 1);
    setNotice({ tone: 'info', text: template ? `Loaded starter “${template.name}”.` : 'Started an empty canvas.', testId: 'notice-loaded' });
  };

  const exportFile = (kind: 'template' | 'n8n' | 'n8n-split') => {
    const verdict = checkExportable(checked.diagnostics);
    if (!verdict.ok) {
      setTab('checklist');
      setNotice({ tone: 'error', text: `Export refused: fix ${verdict.errors.length} error${verdict.errors.length === 1 ? '' : 's'} in the checklist first.`, testId: 'export-refused' });
      return;
    }
    const t = checked.template;
    const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
    if (kind === 'template') downloadText(templateFileName(t), templateToJson(t));
    else if (kind === 'n8n') downloadText(n8nWorkflowFileName(t), json(withWorkflowId(templateToN8nWorkflow(t, { phoneSystem }), t.id, 'workflow')));
    else {
      const workflows = templateToN8nWorkflows(t, { phoneSystem });
      const parts = Object.keys(N8N_WORKFLOW_PARTS) as N8nWorkflowPart[];
      // one after the other, no delay: headless Chromium (browser.test) saves all three; a desktop
      // Chrome may ask once per site to allow several downloads, which no delay avoids
      parts.forEach((part) => downloadText(n8nWorkflowFileName(t, part), json(withWorkflowId(workflows[part], t.id, part))));
      setNotice({ tone: 'ok', text: `Exported ${parts.map((part) => n8nWorkflowFileName(t, part)).join(', ')}: import all three, set their credentials, publish all three.`, testId: 'export-done' });
      return;
    }
    setNotice({ tone: 'ok', text: kind === 'template' ? `Exported ${templateFileName(t)}` : `Exported ${n8nWorkflowFileName(t)}`, testId: 'export-done' });
  };

  const onImport = async (file: File | undefined) => {
    if (!file) return;
    const r = importText(await file.text());
    if (r.ok) {
      dispatch({ type: 'load', doc: templateToGraph(r.template) });
      setFitTick((t) => t + 1);
      setNotice({ tone: 'ok', text: `Imported “${r.template.name}” from ${r.source === 'template' ? 'a template file' : 'an n8n workflow'}.`, testId: 'import-done' });
    } else {
      setNotice({ tone: 'error', text: importFailureText(r), testId: 'import-failed' });
    }
    if (fileRef.current) fileRef.current.value = '';
  };

  /** A checklist pick: the step (centred on the canvas when off-screen), or the sequence settings; the inspector gets the focus. */
  const pickStep = (stepId: string | null) => {
    dispatch({ type: 'select', ids: stepId ? [stepId] : [] });
    if (stepId) reveal([stepId], 0.9);
    requestAnimationFrame(() => document.getElementById('inspector-title')?.focus());
  };

  const schemaBroken = checked.diagnostics.some((d) => d.code === 'SCHEMA');
  const caller = sampleCaller(sample.callerId);
  const local = sample.local ?? defaultLocal(today);
  // one run for the Simulator tab and the message previews, so both show the same sends
  const run = useMemo(() => runSimulation(schemaBroken ? null : checked.template, caller, local, { callClass }), [schemaBroken, checked.template, caller, local, callClass]);
  const timingFor = useCallback((stepId: string | null) => previewTiming(run, stepId, sampleCallAt(caller, today)), [run, caller, today]);

  return (
    <DiagnosticsContext.Provider value={checked.byStep}>
      <div className="app" data-testid="app">
        <header className="toolbar" data-testid="toolbar">
          <div className="brand"><span className="brand-mark"><Icon name="start" size={16} /></span><span>Sequence designer</span><span className="brand-sub">{checked.template.name}</span></div>
          <div className="toolbar-group">
            <select className="input input-compact" value="" onChange={(e) => loadStarter(e.target.value)} data-testid="starter-picker" aria-label="Start from">
              <option value="">Start from…</option>
              <option value="__empty">Empty canvas</option>
              {STARTER_TEMPLATES.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            </select>
            <button type="button" className="btn btn-icon" onClick={() => dispatch({ type: 'undo' })} disabled={!canUndo} data-testid="undo" title="Undo (Ctrl+Z)"><Icon name="undo" /></button>
            <button type="button" className="btn btn-icon" onClick={() => dispatch({ type: 'redo' })} disabled={!canRedo} data-testid="redo" title="Redo (Ctrl+Shift+Z)"><Icon name="redo" /></button>
            <button type="button" className="btn btn-icon" onClick={() => { dispatch({ type: 'layout' }); setFitTick((t) => t + 1); }} data-testid="auto-layout" title="Auto-layout"><Icon name="layout" /></button>
          </div>
          <div className="toolbar-group">
            <input ref={fileRef} type="file" accept=".json,application/json" hidden onChange={(e) => void onImport(e.target.files?.[0])} data-testid="import-input" />
            <button type="button" className="btn" onClick={() => fileRef.current?.click()} data-testid="import"><Icon name="upload" size={16} />Import</button>
            <select
              className="input input-compact input-phone-system"
              value={phoneSystem}
              onChange={(e) => setPhoneSystem(e.target.value as ExportPhoneSystem)}
              data-testid="phone-system"
              aria-label="Phone system of the n8n export"
              title="The phone system the n8n export's Missed Call Trigger is set up for. Dialpad also sends the texts, from the number the caller called; with Dialpad, RingCentral or Zoom Phone, texts to your numbers end the follow-up."
            >
              {EXPORT_PHONE_SYSTEMS.map((p) => <option key={p} value={p}>{PHONE_SYSTEM_LABELS[p]}</option>)}
            </select>
            <button type="button" className="btn" onClick={() => exportFile('n8n')} data-testid="export-n8n"><Icon name="flow" size={16} />n8n workflow</button>
            <button type="button" className="btn" onClick={() => exportFile('n8n-split')} data-testid="export-n8n-split" title="For high call volumes: the same follow-up as three n8n workflows (first touch, later touches, replies), so a missed call runs only the first-touch nodes. Import all three, set their credentials, publish all three."><Icon name="flow" size={16} />n8n ×3</button>
            <button type="button" className="btn btn-primary" onClick={() => exportFile('template')} data-testid="export-template"><Icon name="download" size={16} />Export template</button>
            <button type="button" className="btn btn-icon" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')} data-testid="theme-toggle" title="Toggle dark mode" aria-pressed={theme === 'dark'}><Icon name={theme === 'dark' ? 'sun' : 'moon'} /></button>
          </div>
        </header>
        {notice ? (
          <div className={`notice notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid={notice.testId}>
            <span>{notice.text}</span>
            <button type="button" className="notice-close" onClick={() => setNotice(null)} aria-label="Close message" data-testid="notice-close">×</button>
          </div>
        ) : null}
        <Palette onAdd={(p) => addFromPalette(p)} presentExits={exits} />
        <main className="canvas" data-testid="canvas" ref={canvasRef} onDragOver={onDragOver} onDrop={onDrop}>
          <CanvasPaletteContext.Provider value={palette}>
            <ReactFlow<DesignerNode, DesignerEdge>
              nodes={doc.nodes}
              edges={doc.edges}
              nodeTypes={nodeTypes}
              edgeTypes={edgeTypes}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onConnect={onConnect}
              isValidConnection={isValidConnection}
              colorMode={theme}
              deleteKeyCode={null}
              multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
              selectionKeyCode="Shift"
              defaultEdgeOptions={{ type: 'delay' }}
              minZoom={0.1}
              proOptions={{ hideAttribution: true }}
            >
              <Background variant={BackgroundVariant.Dots} gap={18} size={1.2} />
              {narrow ? null : <MiniMap pannable zoomable style={MINIMAP_SIZE} nodeClassName={(n) => `mm-${n.type}`} />}
              <Controls data-testid="controls" fitViewOptions={fitOptions} onFitView={() => void fitCanvas()} />
            </ReactFlow>
          </CanvasPaletteContext.Provider>
          {doc.nodes.some(isStepNode) ? null : (
            <p className="canvas-empty" data-testid="canvas-empty">
              Add the first step: drag an SMS, email or callback from the palette onto the canvas, or pick one and press Enter. Then connect it below the start.
            </p>
          )}
        </main>
        <Inspector
          selected={selected.length === 1 ? selected[0]! : null}
          meta={doc.meta}
          exits={exits}
          caller={caller}
          timingFor={timingFor}
          diagnostics={checked.diagnostics}
          dispatch={dispatch}
          firstSmsId={checked.template.steps.find((st) => st.channel === 'sms')?.id ?? null}
          chain={chain}
        />
        <section className="bottom" data-testid="bottom-panel">
          <nav className="tabs">
            <button type="button" className={`tab${tab === 'checklist' ? ' active' : ''}`} onClick={() => setTab('checklist')} data-testid="tab-checklist">
              Checklist {checked.errorCount ? <span className="count count-error">{checked.errorCount}</span> : null}{checked.warningCount ? <span className="count count-warning">{checked.warningCount}</span> : null}
            </button>
            <button type="button" className={`tab${tab === 'simulator' ? ' active' : ''}`} onClick={() => setTab('simulator')} data-testid="tab-simulator">Simulator</button>
            {selected.length > 1 ? <span className="sel-count" data-testid="selection-count">{selected.length} selected</span> : null}
          </nav>
          <div className="bottom-body">
            {tab === 'checklist'
              ? <Checklist diagnostics={checked.diagnostics} onPick={pickStep} />
              : <Simulator template={checked.template} caller={caller} local={local} callClass={callClass} run={run} onSample={(s) => dispatch({ type: 'setSample', sample: s })} onCallClass={setCallClass} canRun={!schemaBroken} />}
          </div>
        </section>
      </div>
    </DiagnosticsContext.Provider>
  );
}

export function App() {
  return (
    <ReactFlowProvider>
      <Designer />
    </ReactFlowProvider>
  );
}
