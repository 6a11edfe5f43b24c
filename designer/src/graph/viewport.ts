import type { FitViewOptions, Viewport } from '@xyflow/react';

export interface Rect { x: number; y: number; width: number; height: number }
export interface Size { width: number; height: number }
/** Bands along the canvas's edges (screen px) that overlays cover. */
export interface Insets { top: number; right: number; bottom: number; left: number }

/** React Flow's `.react-flow__panel` margin, around the minimap and the zoom controls. */
const PANEL_MARGIN = 15;
const CONTROLS_WIDTH = 26;
/** `.notice`: 8 px into the canvas, one line tall. */
const NOTICE_BOTTOM = 46;
const GAP = 14;
/** The minimap, smaller than React Flow's 200 × 150: a 1280 × 720 canvas is 676 × 408. */
export const MINIMAP_SIZE: Size = { width: 160, height: 110 };

/**
 * The canvas's edges that overlays cover: the zoom controls (left), the minimap (right, when shown) and,
 * for a fit, the notice a load or import shows (top). A node inside them can be seen and clicked.
 */
export function canvasInsets({ minimap, notice }: { minimap: boolean; notice: boolean }): Insets {
  return {
    top: notice ? NOTICE_BOTTOM + GAP : GAP,
    right: minimap ? PANEL_MARGIN + MINIMAP_SIZE.width + GAP : GAP,
    bottom: GAP + 10,
    left: PANEL_MARGIN + CONTROLS_WIDTH + GAP,
  };
}

/**
 * The smallest zoom a fit goes down to. React Flow's own minimum (0.1, which the user can still zoom
 * out to) would show a 20-step template as specks; below this the fit stops and the rest of the
 * template is a pan away (see {@link startOfContent}). Every starter still fits whole in the
 * smallest window the tests cover (1280 × 720, where the largest needs 0.35).
 */
export const FIT_MIN_ZOOM = 0.3;

/** Fit-to-view that keeps every node clear of the overlays, never zoomed in past 100 % nor out past {@link FIT_MIN_ZOOM}. */
export function fitViewOptions(insets: Insets): FitViewOptions {
  const px = (n: number) => `${n}px` as const;
  return { padding: { top: px(insets.top), right: px(insets.right), bottom: px(insets.bottom), left: px(insets.left) }, minZoom: FIT_MIN_ZOOM, maxZoom: 1 };
}

/**
 * After a fit: content larger than the area the insets leave (a long template held at
 * {@link FIT_MIN_ZOOM}) is shown from its top-left corner, where the sequence starts, instead of its
 * middle. Along an axis where it fits, the fit's position stays. Returns `viewport` itself when nothing moves.
 */
export function startOfContent(viewport: Viewport, content: Rect, size: Size, insets: Insets): Viewport {
  const overflows = (length: number, from: number, to: number, room: number) => length * viewport.zoom > room - from - to + 0.5;
  const x = overflows(content.width, insets.left, insets.right, size.width) ? insets.left - content.x * viewport.zoom : viewport.x;
  const y = overflows(content.height, insets.top, insets.bottom, size.height) ? insets.top - content.y * viewport.zoom : viewport.y;
  return x === viewport.x && y === viewport.y ? viewport : { x, y, zoom: viewport.zoom };
}

/** Same viewport, give or take rounding (a fit's, compared with the canvas's now). */
export function sameViewport(a: Viewport, b: Viewport): boolean {
  return Math.abs(a.x - b.x) < 0.01 && Math.abs(a.y - b.y) < 0.01 && Math.abs(a.zoom - b.zoom) < 1e-6;
}

/** The smallest rectangle holding all of `rects` (flow coordinates); null for none. */
export function boundsOf(rects: readonly Rect[]): Rect | null {
  if (rects.length === 0) return null;
  const left = Math.min(...rects.map((r) => r.x));
  const top = Math.min(...rects.map((r) => r.y));
  const right = Math.max(...rects.map((r) => r.x + r.width));
  const bottom = Math.max(...rects.map((r) => r.y + r.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** True when `rect` (flow coordinates) shows whole on a canvas of `size`, clear of the `insets`. */
export function isInView(rect: Rect, viewport: Viewport, size: Size, insets: Insets): boolean {
  const left = rect.x * viewport.zoom + viewport.x;
  const top = rect.y * viewport.zoom + viewport.y;
  return left >= insets.left && top >= insets.top
    && left + rect.width * viewport.zoom <= size.width - insets.right
    && top + rect.height * viewport.zoom <= size.height - insets.bottom;
}

/** The viewport at `zoom` that puts `rect`'s centre in the middle of the part of the canvas the insets leave. */
export function centredViewport(rect: Rect, size: Size, insets: Insets, zoom: number): Viewport {
  const cx = insets.left + (size.width - insets.left - insets.right) / 2;
  const cy = insets.top + (size.height - insets.top - insets.bottom) / 2;
  return { x: cx - (rect.x + rect.width / 2) * zoom, y: cy - (rect.y + rect.height / 2) * zoom, zoom };
}
