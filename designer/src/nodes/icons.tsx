import { createContext, useContext } from 'react';

/** Stroke paths on a 24 × 24 grid. */
const paths: Record<string, string> = {
  start: 'M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1zM15 3l6 6M21 3l-6 6',
  sms: 'M4 4h16a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H9l-5 4v-4H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1zM7 9h10M7 12h6',
  email: 'M3 6a1 1 0 0 1 1-1h16a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1zM3 6l9 7 9-7',
  callback_task: 'M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1zM14 4a6 6 0 0 1 6 6M14 7.5a2.5 2.5 0 0 1 2.5 2.5',
  notify_agent: 'M6 16V11a6 6 0 1 1 12 0v5l2 2H4zM10 20a2 2 0 0 0 4 0',
  final: 'M5 12l4 4L19 6M4 20h16',
  reply: 'M10 8V4l-7 7 7 7v-4c5 0 8.5 1.5 11 5-1-5-4-10-11-11z',
  opt_out: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM5.6 5.6l12.8 12.8',
  booked: 'M4 6a1 1 0 0 1 1-1h14a1 1 0 0 1 1 1v13a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1zM4 10h16M8 3v4M16 3v4M9 15l2 2 4-4',
  crm_status: 'M4 5h16v4H4zM4 11h16v4H4zM4 17h10M7 7h.01M7 13h.01',
  clock: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 7v5l3 2',
  undo: 'M9 14L4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3',
  redo: 'M15 14l5-5-5-5M20 9H10a6 6 0 0 0 0 12h3',
  layout: 'M4 4h6v6H4zM14 14h6v6h-6zM7 10v4a2 2 0 0 0 2 2h5',
  moon: 'M20 14.5A8 8 0 1 1 9.5 4a6.5 6.5 0 0 0 10.5 10.5z',
  sun: 'M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4',
  download: 'M12 4v11M7 10l5 5 5-5M5 20h14',
  upload: 'M12 20V9M7 14l5-5 5 5M5 4h14',
  flow: 'M5 3h5v5H5zM14 16h5v5h-5zM7.5 8v5a3 3 0 0 0 3 3H14',
  alert: 'M12 3l10 18H2zM12 10v5M12 18h.01',
  info: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 11v6M12 7.5h.01',
  check: 'M5 12l4 4L19 6',
};

export type IconName = keyof typeof paths;

/** Inline stroke icon (24×24 grid), colored by `currentColor`. */
export function Icon({ name, size = 18, title }: { name: IconName; size?: number; title?: string }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden={title ? undefined : true} role={title ? 'img' : undefined}>
      {title ? <title>{title}</title> : null}
      <path d={paths[name]} />
    </svg>
  );
}

/**
 * The colours canvas icons are drawn in: each a custom property of styles.css (`--sms`, `--ok`, …)
 * resolved for the current theme. App reads them again whenever the theme changes.
 */
export type CanvasPalette = Readonly<Record<string, string>>;

export const CANVAS_TONES = ['--accent', '--sms', '--email', '--callback_task', '--notify_agent', '--final', '--exit', '--error', '--ok', '--warning', '--on-error', '--text-2'] as const;
export type CanvasTone = (typeof CANVAS_TONES)[number];

/** The tones' values on `root` now (its theme); `prev` when nothing changed, so cards do not re-render. */
export function readCanvasPalette(root: Element, prev?: CanvasPalette): CanvasPalette {
  const style = getComputedStyle(root);
  const next = Object.fromEntries(CANVAS_TONES.map((t) => [t, style.getPropertyValue(t).trim()]));
  return prev && CANVAS_TONES.every((t) => prev[t] === next[t]) ? prev : next;
}

export const CanvasPaletteContext = createContext<CanvasPalette>({});

const images = new Map<string, string>();

/** `name` drawn in `color`, as a CSS `url()` of an SVG image (the same strokes as {@link Icon}). */
export function iconImage(name: IconName, color: string): string {
  // an unreadable or odd value (no styles loaded) draws in the image's default, black
  const stroke = /^[#\w(),.%\s-]+$/.test(color) ? color : 'currentColor';
  const key = `${name}|${stroke}`;
  let url = images.get(key);
  if (url === undefined) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="${stroke}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><path d="${paths[name] ?? ''}"/></svg>`;
    url = `url("data:image/svg+xml,${encodeURIComponent(svg)}")`;
    images.set(key, url);
  }
  return url;
}

/**
 * {@link Icon} for the canvas's cards, drawn as a background image in one of the palette's tones.
 * An inline `<svg>` is a paint layer of its own: three per step card made every pan frame of a
 * 200-step canvas re-layerize 600 of them. This is one image draw, and looks the same.
 */
export function CanvasIcon({ name, tone, size = 18 }: { name: IconName; tone: CanvasTone; size?: number }) {
  const palette = useContext(CanvasPaletteContext);
  return <span className="icon icon-image" aria-hidden="true" style={{ width: size, height: size, backgroundImage: iconImage(name, palette[tone] ?? '') }} />;
}
