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

interface CoveragePointView {
  readonly coverage: number;
  readonly accuracy: number;
  readonly lower: number;
  readonly upper: number;
  /** Items accepted at this point; points on few items set no axis range. */
  readonly accepted?: number;
}

export interface AccuracyCoveragePlotData {
  /** Ascending coverage. */
  readonly points: readonly CoveragePointView[];
  /** Target accuracy of accepted labels, drawn as a rule with its label. */
  readonly target?: { readonly value: number; readonly label: string } | null;
  /** The chosen policy on this curve, if any. */
  readonly chosen?: {
    readonly coverage: number;
    readonly accuracy: number;
    readonly label: string;
  } | null;
}

/**
 * Accuracy of the accepted labels if the machine's k most confident answers were accepted, for
 * every share of items accepted (coverage), with a pointwise 95% interval band.
 * @example accuracyCoveragePlot({ points: data.coverage.points, target: 0.97 }, { document })
 * Complexity: O(points).
 */
export function accuracyCoveragePlot(
  data: AccuracyCoveragePlotData,
  context: PlotContext,
): PlotElement {
  const { points } = data;
  const target = data.target ?? null;
  // The first few items give intervals as wide as [0, 1]: they are drawn clipped, not scaled to.
  const steady = points.filter((p) => (p.accepted ?? Infinity) >= 30 && p.coverage >= 0.05);
  const low = Math.min(
    ...(steady.length > 0 ? steady : points).map((p) => p.lower),
    target?.value ?? 1,
    1,
  );
  const floor = Math.max(0, Math.floor((low - 0.02) * 20) / 20);
  const chosen = data.chosen ? [data.chosen] : [];
  const svg = Plot.plot({
    ...baseOptions(context),
    height: 340,
    marginTop: 30,
    marginRight: 24,
    x: { domain: [0, 1], tickFormat: percentTick, label: 'Items accepted', labelAnchor: 'center' },
    y: { domain: [floor, 1], tickFormat: percentTick, label: 'Accuracy of accepted', grid: true },
    marks: [
      Plot.frame({ stroke: PALETTE.grid }),
      Plot.areaY(points, {
        x: 'coverage',
        y1: 'lower',
        y2: 'upper',
        fill: PALETTE.primary,
        fillOpacity: 0.15,
        curve: 'step-after',
        clip: true,
      }),
      Plot.line(points, {
        x: 'coverage',
        y: 'accuracy',
        stroke: PALETTE.primary,
        strokeWidth: 2,
        clip: true,
      }),
      ...(target === null
        ? []
        : [
            Plot.ruleY([target.value], { stroke: PALETTE.target, strokeDasharray: '5 4' }),
            Plot.text([target.label], {
              text: (d: string) => d,
              frameAnchor: 'left',
              y: target.value,
              dx: 6,
              dy: 10,
              textAnchor: 'start',
              fill: PALETTE.target,
              fontSize: 11,
            }),
          ]),
      Plot.dot(chosen, {
        x: 'coverage',
        y: 'accuracy',
        r: 6,
        stroke: PALETTE.ink,
        strokeWidth: 2,
        fill: 'white',
      }),
      Plot.text(chosen, {
        x: 'coverage',
        y: 'accuracy',
        text: 'label',
        dy: 16,
        textAnchor: 'end',
        fill: PALETTE.ink,
        fontSize: 12,
        fontWeight: 600,
      }),
      ...legendMarks([
        { label: 'accuracy', color: PALETTE.primary, symbol: 'line' },
        { label: '95% interval', color: PALETTE.primaryLight },
      ]),
    ],
  }) as PlotElement;
  return labelPlot(svg, {
    id: 'plot-accuracy-coverage',
    label: 'Accuracy–coverage curve',
    description:
      'Accuracy of accepted labels against the share of items accepted, most confident first, with a 95% interval band.',
  });
}
