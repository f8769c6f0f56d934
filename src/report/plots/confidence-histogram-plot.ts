import * as Plot from '@observablehq/plot';
import { legendMarks } from './legend-marks.js';
import {
  baseOptions,
  labelPlot,
  percentTick,
  PALETTE,
  type PlotContext,
  type PlotElement,
} from './plot-context.js';

export interface ConfidenceHistogramPlotData {
  /** Bin edges over [0, 1]; one more than each count list. */
  readonly edges: readonly number[];
  /** Held-out items per bin the machine got right, and wrong. */
  readonly right: readonly number[];
  readonly wrong: readonly number[];
  /** Pool items per bin (no labels). */
  readonly pool: readonly number[];
}

const HELD_OUT = 'Held-out items';
const POOL = 'Pool items';
const KINDS = ['right', 'wrong', 'pool'] as const;

interface Bar {
  readonly x1: number;
  readonly x2: number;
  readonly share: number;
  readonly count: number;
  readonly kind: (typeof KINDS)[number];
  readonly group: string;
}

/**
 * Where the machine's confidence falls: held-out items stacked right / wrong, and the pool
 * (what routing will act on), each as a share of its own items so both read on one scale.
 * @example confidenceHistogramPlot(data.histogram, { document })
 * Complexity: O(bins).
 */
export function confidenceHistogramPlot(
  data: ConfidenceHistogramPlotData,
  context: PlotContext,
): PlotElement {
  const heldTotal = sum(data.right) + sum(data.wrong);
  const poolTotal = sum(data.pool);
  const bars: Bar[] = [];
  const push = (counts: readonly number[], kind: Bar['kind'], group: string, total: number) => {
    counts.forEach((count, b) => {
      if (count === 0 || total === 0) return;
      const x1 = data.edges[b] as number;
      const x2 = data.edges[b + 1] as number;
      bars.push({ x1, x2, share: count / total, count, kind, group });
    });
  };
  push(data.right, 'right', HELD_OUT, heldTotal);
  push(data.wrong, 'wrong', HELD_OUT, heldTotal);
  push(data.pool, 'pool', POOL, poolTotal);
  const groups = [...(heldTotal > 0 ? [HELD_OUT] : []), ...(poolTotal > 0 ? [POOL] : [])];
  const svg = Plot.plot({
    ...baseOptions(context),
    height: 110 + 120 * Math.max(1, groups.length),
    marginRight: 16,
    marginTop: 30,
    fy: { domain: groups, axis: null, padding: 0.18 },
    x: { domain: [0, 1], tickFormat: percentTick, label: 'Confidence', labelAnchor: 'center' },
    y: { tickFormat: percentTick, label: 'Share of items', grid: true, ticks: 4 },
    color: { domain: [...KINDS], range: [PALETTE.primary, PALETTE.wrong, PALETTE.muted] },
    marks: [
      Plot.frame({ stroke: PALETTE.grid }),
      Plot.rectY(bars, {
        x1: 'x1',
        x2: 'x2',
        y: 'share',
        fill: 'kind',
        fy: 'group',
        order: [...KINDS],
        insetLeft: 0.5,
        insetRight: 0.5,
      }),
      Plot.ruleY([0], { stroke: PALETTE.ink }),
      Plot.text(groups, {
        fy: (g: string) => g,
        text: (g: string) => g,
        frameAnchor: 'top-left',
        dx: 8,
        dy: 8,
        fontWeight: 600,
        fill: PALETTE.ink,
      }),
      ...legendMarks(
        [
          ...(heldTotal > 0
            ? [
                { label: 'held-out, right', color: PALETTE.primary },
                { label: 'held-out, wrong', color: PALETTE.wrong },
              ]
            : []),
          ...(poolTotal > 0 ? [{ label: 'pool', color: PALETTE.muted }] : []),
        ],
        { faceted: true },
      ),
    ],
  }) as PlotElement;
  return labelPlot(svg, {
    id: 'plot-confidence-histogram',
    label: 'Confidence histogram',
    description: `Share of items per confidence bin: ${heldTotal} held-out items split into right and wrong, and ${poolTotal} pool items.`,
  });
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
