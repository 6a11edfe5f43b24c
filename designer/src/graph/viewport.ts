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

/** Fit-to-view that keeps every node clear of the overlays, never zoomed in past 100 %. */
export function fitViewOptions(insets: Insets): FitViewOptions {
  const px = (n: number) => `${n}px` as const;
  return { padding: { top: px(insets.top), right: px(insets.right), bottom: px(insets.bottom), left: px(insets.left) }, maxZoom: 1 };
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
