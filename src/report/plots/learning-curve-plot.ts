import * as Plot from '@observablehq/plot';
import type { AlView } from '../simulation-view.js';
import { legendMarks } from './legend-marks.js';
import {
  baseOptions,
  labelPlot,
  percentTick,
  PALETTE,
  type PlotContext,
  type PlotElement,
} from './plot-context.js';

/** One colour per strategy, random in grey so the baseline reads as one. */
const STRATEGY_COLOURS: Readonly<Record<string, string>> = {
  random: '#6b7280',
  margin: '#2563eb',
  'least-confidence': '#0891b2',
  entropy: '#7c3aed',
  badge: '#dc2626',
  'core-set': '#16a34a',
  cal: '#ea580c',
};

/**
 * The colour a strategy is drawn in, the same in every learning-curve plot.
 * @example strategyColour('random') // "#6b7280"
 * Complexity: O(1).
 */
export function strategyColour(strategy: string): string {
  return STRATEGY_COLOURS[strategy] ?? PALETTE.ink;
}

/**
 * Learning curves: held-out accuracy against the number of labels for every query strategy, with
 * the full-data accuracy and the target share of it (99% by default) as rules.
 * @example learningCurvePlot(result, { document })
 * Complexity: O(strategies × rounds).
 */
export function learningCurvePlot(result: AlView, context: PlotContext): PlotElement {
  const points = Object.entries(result.strategies).flatMap(([strategy, s]) =>
    s.rounds.map((r) => ({ strategy, labels: r.labels, accuracy: r.accuracy })),
  );
  const target = result.targetShare * result.fullDataAccuracy;
  const names = Object.keys(result.strategies);
  const accuracies = points.map((p) => p.accuracy);
  const low = Math.min(target, ...accuracies);
  const high = Math.max(result.fullDataAccuracy, ...accuracies);
  const svg = Plot.plot({
    ...baseOptions(context),
    height: 380,
    marginTop: 30,
    marginRight: 112,
    x: { label: 'Labels', labelAnchor: 'center', grid: true },
    y: {
      // The legend takes the top margin (seven strategies are wide); the caption names the axis.
      label: null,
      domain: [Math.max(0, low - 0.02), Math.min(1, high + 0.01)],
      grid: true,
      tickFormat: percentTick,
    },
    color: { domain: names, range: names.map(strategyColour) },
    marks: [
      Plot.frame({ stroke: PALETTE.grid }),
      Plot.ruleY([result.fullDataAccuracy], { stroke: PALETTE.ink, strokeDasharray: '2 3' }),
      Plot.ruleY([target], { stroke: PALETTE.target, strokeDasharray: '6 4' }),
      Plot.text([`all data ${percentTick(round3(result.fullDataAccuracy))}`], {
        frameAnchor: 'right',
        y: result.fullDataAccuracy,
        dx: 106,
        dy: -7,
        textAnchor: 'end',
        fill: PALETTE.ink,
      }),
      Plot.text([`${percentTick(result.targetShare)} of it`], {
        frameAnchor: 'right',
        y: target,
        dx: 106,
        dy: 8,
        textAnchor: 'end',
        fill: PALETTE.target,
      }),
      Plot.line(points, { x: 'labels', y: 'accuracy', stroke: 'strategy', strokeWidth: 1.8 }),
      Plot.dot(points, { x: 'labels', y: 'accuracy', fill: 'strategy', r: 2 }),
      ...legendMarks(
        names.map((n) => ({ label: n, color: strategyColour(n), symbol: 'line' as const })),
      ),
    ],
  }) as PlotElement;
  return labelPlot(svg, {
    id: 'plot-learning-curves',
    label: 'Learning curves',
    description: `Held-out accuracy against labels for ${names.join(', ')}`,
  });
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
