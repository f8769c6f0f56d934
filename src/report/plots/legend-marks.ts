import * as Plot from '@observablehq/plot';

export interface LegendEntry {
  readonly label: string;
  readonly color: string;
  /** `square` for areas and bars (default), `line` for lines, `dot` for points. */
  readonly symbol?: 'square' | 'line' | 'dot';
}

const SYMBOLS = { square: '■', line: '━', dot: '●' } as const;
/** A generous average width of a 12 px system-ui character, to space entries without measuring. */
const CHAR_WIDTH = 6.6;
const SYMBOL_WIDTH = 15;
const GAP = 18;
const LABEL_COLOR = '#374151';

/**
 * A one-line legend drawn inside the plot's top margin, right-aligned, as plain text marks (a
 * coloured symbol, then the label in ink): the plot stays a single SVG element, where Plot's own
 * legends are HTML beside it.
 * @example Plot.plot({ marginTop: 30, marks: [...marks, ...legendMarks([{ label: 'right', color: '#2563eb' }])] })
 * Complexity: O(entries).
 */
export function legendMarks(
  entries: readonly LegendEntry[],
  options: {
    readonly faceted?: boolean;
    /** Offset from the top of the frame (default −20: inside a 30 px top margin). */
    readonly dy?: number;
  } = {},
): Plot.Markish[] {
  const common = {
    frameAnchor: 'top-right' as const,
    textAnchor: 'start' as const,
    dy: options.dy ?? -20,
    fontSize: 12,
    ...(options.faceted ? { facet: 'super' as const } : {}),
  };
  // Laid out left to right from an estimated total width, so each label sits right after its
  // symbol whatever the font; an overestimate only moves the legend a little to the left.
  const widths = entries.map((e) => SYMBOL_WIDTH + e.label.length * CHAR_WIDTH);
  let x = -(widths.reduce((a, b) => a + b, 0) + GAP * Math.max(0, entries.length - 1));
  const marks: Plot.Markish[] = [];
  entries.forEach((entry, i) => {
    const text = (d: string) => d;
    marks.push(
      Plot.text([SYMBOLS[entry.symbol ?? 'square']], { ...common, text, dx: x, fill: entry.color }),
      Plot.text([entry.label], { ...common, text, dx: x + SYMBOL_WIDTH, fill: LABEL_COLOR }),
    );
    x += (widths[i] as number) + GAP;
  });
  return marks;
}
