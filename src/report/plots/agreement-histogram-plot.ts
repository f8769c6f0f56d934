import * as Plot from '@observablehq/plot';
import {
  baseOptions,
  labelPlot,
  percentTick,
  PALETTE,
  type PlotContext,
  type PlotElement,
} from './plot-context.js';

export interface AgreementHistogramPlotData {
  /** Items per agreement bin over [0, 1]. */
  readonly bins: readonly { readonly from: number; readonly to: number; readonly items: number }[];
  readonly mean: number | null;
}

/**
 * How much people agree item by item: items per bin of per-item agreement (share of matching
 * pairs of answers), with the mean marked.
 * @example agreementHistogramPlot(dashboard.agreement, { document })
 * Complexity: O(bins).
 */
export function agreementHistogramPlot(
  data: AgreementHistogramPlotData,
  context: PlotContext,
): PlotElement {
  const total = data.bins.reduce((s, b) => s + b.items, 0);
  const svg = Plot.plot({
    ...baseOptions(context, 640),
    height: 240,
    marginTop: 20,
    x: {
      domain: [0, 1],
      tickFormat: percentTick,
      label: 'Agreement on the item',
      labelAnchor: 'center',
    },
    y: { label: 'Items', grid: true, ticks: 4 },
    marks: [
      Plot.frame({ stroke: PALETTE.grid }),
      Plot.rectY(data.bins, {
        x1: 'from',
        x2: 'to',
        y: 'items',
        fill: PALETTE.primary,
        insetLeft: 1,
        insetRight: 1,
      }),
      Plot.text(data.bins, {
        x: (b: { from: number; to: number }) => (b.from + b.to) / 2,
        y: 'items',
        text: (b: { items: number }) => (b.items > 0 ? String(b.items) : ''),
        dy: -8,
        fill: PALETTE.ink,
      }),
      ...(data.mean === null
        ? []
        : [
            Plot.ruleX([data.mean], { stroke: PALETTE.target, strokeDasharray: '4,3' }),
            Plot.text([data.mean], {
              x: (m: number) => m,
              frameAnchor: 'top',
              text: (m: number) => `mean ${percentTick(m)}`,
              dx: -4,
              dy: 6,
              textAnchor: 'end',
              fill: PALETTE.target,
            }),
          ]),
      Plot.ruleY([0], { stroke: PALETTE.ink }),
    ],
  }) as PlotElement;
  return labelPlot(svg, {
    id: 'plot-agreement',
    label: 'Agreement histogram',
    description: `${total} items answered by two or more people, by the share of their answers that agree.`,
  });
}
