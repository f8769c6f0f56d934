/**
 * The narrow slice of the DOM the plots need, so the same plot functions run in a browser (the
 * page's `document`) and in Node (linkedom's), and nothing else of either leaks in.
 */

/** An element a plot returns: enough to label it and to serialise it on the server. */
export interface PlotElement {
  setAttribute(name: string, value: string): void;
  getAttribute(name: string): string | null;
  readonly outerHTML: string;
}

/** The document Observable Plot creates elements in (its `document` option). */
export interface PlotDocument {
  createElementNS(namespace: string | null, name: string): unknown;
  createElement(name: string): unknown;
}

/** What every plot function takes besides its data. */
export interface PlotContext {
  readonly document: PlotDocument;
  /** Width in CSS pixels (each plot has a default). */
  readonly width?: number;
}

/** Colours shared by every plot, chosen to stay apart for the common colour-vision deficiencies. */
export const PALETTE = {
  primary: '#2563eb',
  primaryLight: '#bfdbfe',
  wrong: '#ea580c',
  muted: '#94a3b8',
  target: '#b91c1c',
  ink: '#111827',
  grid: '#e5e7eb',
} as const;

/**
 * Marks an element as the plot it is: an id to find it by, an accessible name and an image role.
 * @example labelPlot(svg, { id: 'plot-reliability', label: 'Reliability diagram' })
 * Complexity: O(1).
 */
export function labelPlot<T extends PlotElement>(
  element: T,
  options: { readonly id: string; readonly label: string; readonly description?: string },
): T {
  element.setAttribute('id', options.id);
  element.setAttribute('role', 'img');
  element.setAttribute('aria-label', options.label);
  if (options.description) element.setAttribute('aria-description', options.description);
  return element;
}

/**
 * Axis tick for a proportion: 0.5 → "50%", 0.925 → "92.5%".
 * @example percentTick(0.97) // "97%"
 * Complexity: O(1).
 */
export function percentTick(value: number): string {
  const p = 100 * value;
  return `${Math.abs(p - Math.round(p)) < 1e-6 ? p.toFixed(0) : p.toFixed(1)}%`;
}

/** Default width of a plot in CSS pixels: the report's reading column. */
const DEFAULT_WIDTH = 900;

/**
 * Options every plot shares: the document to draw in, the width, and a 12 px system font.
 * @example Plot.plot({ ...baseOptions(context), height: 300, marks })
 * Complexity: O(1).
 */
export function baseOptions(context: PlotContext, width = DEFAULT_WIDTH) {
  return {
    document: context.document,
    width: context.width ?? width,
    // Room for "100%" at 12 px; plots with longer ticks set their own.
    marginLeft: 52,
    // Room for the tick labels and the axis label below them at 12 px.
    marginBottom: 44,
    style: {
      fontSize: '12px',
      fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    },
  };
}
