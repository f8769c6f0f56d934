import * as Plot from '@observablehq/plot';
import { percent } from '../../core/format/format-number.js';
import { legendMarks } from './legend-marks.js';
import {
  baseOptions,
  labelPlot,
  percentTick,
  PALETTE,
  type PlotContext,
  type PlotElement,
} from './plot-context.js';

interface IntervalView {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

export interface CostAccuracyPlotData {
  readonly points: readonly {
    readonly cost: number;
    readonly coverage: number;
    readonly accuracy: IntervalView;
  }[];
  /** Index of the chosen policy in `points`, or null. */
  readonly chosen: number | null;
  readonly allHuman: { readonly cost: number; readonly accuracy: number };
  readonly allMachine: { readonly cost: number; readonly accuracy: IntervalView };
  readonly target?: number | null;
  /** Currency symbol for the axis (default "$"). */
  readonly currency?: string;
}

interface Dot {
  readonly cost: number;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly label: string;
}

/**
 * The cost–accuracy curve: expected accuracy of all final labels (accepted + people's) against
 * the total cost, one point per accept threshold with its 95% interval, the two baselines
 * (people alone, machine alone) and the chosen policy ringed.
 * @example costAccuracyPlot({ points, chosen: 12, allHuman, allMachine, target: 0.97 }, { document })
 * Complexity: O(points).
 */
export function costAccuracyPlot(data: CostAccuracyPlotData, context: PlotContext): PlotElement {
  const currency = data.currency ?? '$';
  const curve: Dot[] = data.points.map((p) => ({
    cost: p.cost,
    ...p.accuracy,
    label: `${percent(p.coverage, 0)} accepted`,
  }));
  const baselines: Dot[] = [
    {
      cost: data.allHuman.cost,
      estimate: data.allHuman.accuracy,
      lower: data.allHuman.accuracy,
      upper: data.allHuman.accuracy,
      label: 'people alone',
    },
    { cost: data.allMachine.cost, ...data.allMachine.accuracy, label: 'machine alone' },
  ];
  const byCost = [...baselines].sort((a, b) => a.cost - b.cost);
  const chosenPoint = data.chosen === null ? undefined : curve[data.chosen];
  const chosen = chosenPoint ? [{ ...chosenPoint, label: `chosen: ${chosenPoint.label}` }] : [];
  const all = [...curve, ...baselines];
  const target = data.target ?? null;
  const low = Math.min(...all.map((d) => d.lower), target ?? 1);
  const floor = Math.max(0, Math.floor((low - 0.02) * 20) / 20);
  const maxCost = Math.max(...all.map((d) => d.cost), 0);
  const svg = Plot.plot({
    ...baseOptions(context),
    height: 360,
    marginTop: 30,
    marginLeft: 56,
    marginRight: 36,
    x: {
      domain: [0, maxCost > 0 ? maxCost * 1.08 : 1],
      label: `Total cost (${currency})`,
      labelAnchor: 'center',
      tickFormat: (v: number) => formatMoney(v, currency, maxCost < 10 ? 2 : 0),
      ticks: 6,
    },
    y: {
      domain: [floor, 1],
      tickFormat: percentTick,
      label: 'Expected accuracy of all labels',
      grid: true,
    },
    marks: [
      Plot.frame({ stroke: PALETTE.grid }),
      ...(target === null
        ? []
        : [Plot.ruleY([target], { stroke: PALETTE.target, strokeDasharray: '5 4' })]),
      Plot.ruleX(curve, {
        x: 'cost',
        y1: 'lower',
        y2: 'upper',
        stroke: PALETTE.primary,
        strokeOpacity: 0.25,
        strokeWidth: 2,
      }),
      Plot.line(curve, {
        x: 'cost',
        y: 'estimate',
        stroke: PALETTE.primary,
        strokeWidth: 1.5,
        sort: 'cost',
      }),
      Plot.dot(curve, { x: 'cost', y: 'estimate', r: 2.5, fill: PALETTE.primary }),
      Plot.ruleX(baselines, {
        x: 'cost',
        y1: 'lower',
        y2: 'upper',
        stroke: PALETTE.muted,
        strokeWidth: 3,
      }),
      Plot.dot(baselines, {
        x: 'cost',
        y: 'estimate',
        r: 5,
        fill: PALETTE.muted,
        symbol: 'square',
      }),
      // The baselines sit at the two ends of the cost axis: their labels point inwards.
      Plot.text(byCost.slice(0, 1), {
        x: 'cost',
        y: 'estimate',
        text: 'label',
        dx: 10,
        textAnchor: 'start',
        fill: '#475569',
      }),
      Plot.text(byCost.slice(1), {
        x: 'cost',
        y: 'estimate',
        text: 'label',
        dx: -10,
        textAnchor: 'end',
        fill: '#475569',
      }),
      Plot.dot(chosen, {
        x: 'cost',
        y: 'estimate',
        r: 8,
        stroke: PALETTE.ink,
        strokeWidth: 2,
        fill: 'none',
      }),
      Plot.text(chosen, {
        x: 'cost',
        y: 'estimate',
        text: 'label',
        dx: 12,
        dy: 14,
        textAnchor: 'start',
        fill: PALETTE.ink,
        fontWeight: 600,
      }),
      ...legendMarks([
        { label: 'policies (95% interval)', color: PALETTE.primary, symbol: 'dot' },
        { label: 'baselines', color: PALETTE.muted },
        ...(target === null
          ? []
          : [{ label: 'target', color: PALETTE.target, symbol: 'line' as const }]),
      ]),
    ],
  }) as PlotElement;
  return labelPlot(svg, {
    id: 'plot-cost-accuracy',
    label: 'Cost–accuracy curve',
    description:
      'Expected accuracy of all final labels against total cost for each accept threshold, with people-alone and machine-alone baselines' +
      (chosen.length > 0 ? ' and the chosen policy ringed.' : '.'),
  });
}

/** 1234.5 → "$1,235"; with cents when the whole axis is below 10. */
function formatMoney(value: number, currency: string, digits: number): string {
  return `${currency}${value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}
