import * as Plot from '@observablehq/plot';
import type { RelabelView } from '../simulation-view.js';
import { legendMarks } from './legend-marks.js';
import {
  baseOptions,
  labelPlot,
  percentTick,
  PALETTE,
  type PlotContext,
  type PlotElement,
} from './plot-context.js';

const RANDOM = '#6b7280';

/**
 * The relabelling sweep: held-out accuracy of the retrained model against the share of training
 * labels sent back to people, chosen by model confidence or at random, between the accuracy on
 * noisy labels and on clean ones.
 * @example relabelSweepPlot(result, { document })
 * Complexity: O(sweep points).
 */
export function relabelSweepPlot(result: RelabelView, context: PlotContext): PlotElement {
  const points = result.sweep.flatMap((p) => [
    { share: p.share, accuracy: p.byConfidence.testAccuracy, how: 'by model confidence' },
    { share: p.share, accuracy: p.random.testAccuracy, how: 'at random' },
  ]);
  const values = [result.cleanAccuracy, result.noisyAccuracy, ...points.map((p) => p.accuracy)];
  const svg = Plot.plot({
    ...baseOptions(context),
    height: 340,
    marginTop: 30,
    marginRight: 112,
    x: {
      label: 'Share of training labels sent back to people',
      labelAnchor: 'center',
      tickFormat: percentTick,
      grid: true,
    },
    y: {
      label: 'Held-out accuracy',
      domain: [Math.max(0, Math.min(...values) - 0.02), Math.min(1, Math.max(...values) + 0.01)],
      tickFormat: percentTick,
      grid: true,
    },
    color: { domain: ['by model confidence', 'at random'], range: [PALETTE.primary, RANDOM] },
    marks: [
      Plot.frame({ stroke: PALETTE.grid }),
      Plot.ruleY([result.cleanAccuracy], { stroke: PALETTE.ink, strokeDasharray: '2 3' }),
      Plot.ruleY([result.noisyAccuracy], { stroke: PALETTE.wrong, strokeDasharray: '6 4' }),
      Plot.text(['clean labels'], {
        frameAnchor: 'right',
        y: result.cleanAccuracy,
        dx: 106,
        dy: -7,
        textAnchor: 'end',
        fill: PALETTE.ink,
      }),
      Plot.text(['noisy labels'], {
        frameAnchor: 'right',
        y: result.noisyAccuracy,
        dx: 106,
        dy: 8,
        textAnchor: 'end',
        fill: PALETTE.wrong,
      }),
      Plot.line(points, { x: 'share', y: 'accuracy', stroke: 'how', strokeWidth: 1.8 }),
      Plot.dot(points, { x: 'share', y: 'accuracy', fill: 'how', r: 2.5 }),
      ...legendMarks([
        { label: 'by model confidence', color: PALETTE.primary, symbol: 'line' },
        { label: 'at random', color: RANDOM, symbol: 'line' },
      ]),
    ],
  }) as PlotElement;
  return labelPlot(svg, {
    id: 'plot-relabel-sweep',
    label: 'Relabelling sweep',
    description: 'Held-out accuracy against the share of training labels sent back to people',
  });
}
