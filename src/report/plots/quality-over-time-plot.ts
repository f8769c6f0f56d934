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

/** One hour or day of quality. */
export interface QualityPoint {
  readonly start: string;
  readonly controlAccuracy: number | null;
  readonly agreement: number | null;
}

export interface QualityOverTimePlotData {
  readonly unit: 'hour' | 'day';
  /** Facets: the project first, then people; each with its buckets, oldest first. */
  readonly series: readonly { readonly name: string; readonly points: readonly QualityPoint[] }[];
}

const MEASURES = ['control accuracy', 'agreement'] as const;

interface Dot {
  readonly at: Date;
  readonly value: number;
  readonly measure: (typeof MEASURES)[number];
  readonly name: string;
}

/**
 * Control accuracy and agreement per hour or day: one panel per series (the project, then
 * people), a line and dots per measure; a bucket without controls or comparisons has no dot.
 * @example qualityOverTimePlot({ unit: 'hour', series: [{ name: 'Project', points }] }, { document })
 * Complexity: O(series × buckets).
 */
export function qualityOverTimePlot(
  data: QualityOverTimePlotData,
  context: PlotContext,
): PlotElement {
  const dots: Dot[] = [];
  for (const { name, points } of data.series) {
    for (const p of points) {
      const at = new Date(p.start);
      if (p.controlAccuracy !== null)
        dots.push({ at, value: p.controlAccuracy, measure: 'control accuracy', name });
      if (p.agreement !== null) dots.push({ at, value: p.agreement, measure: 'agreement', name });
    }
  }
  const names = data.series.map((s) => s.name);
  const svg = Plot.plot({
    ...baseOptions(context),
    height: 70 + 130 * Math.max(1, names.length),
    marginTop: 30,
    marginRight: 16,
    fy: { domain: names, axis: null, padding: 0.2 },
    x: {
      type: 'utc',
      label: data.unit === 'hour' ? 'Hour (UTC)' : 'Day (UTC)',
      labelAnchor: 'center',
    },
    y: { domain: [0, 1], tickFormat: percentTick, label: 'Share', grid: true, ticks: 3 },
    color: { domain: [...MEASURES], range: [PALETTE.wrong, PALETTE.primary] },
    marks: [
      Plot.frame({ stroke: PALETTE.grid }),
      Plot.line(dots, { x: 'at', y: 'value', stroke: 'measure', fy: 'name', z: 'measure' }),
      Plot.dot(dots, { x: 'at', y: 'value', fill: 'measure', fy: 'name', r: 3 }),
      Plot.text(names, {
        fy: (n: string) => n,
        text: (n: string) => n,
        frameAnchor: 'top-left',
        dx: 8,
        dy: 8,
        fontWeight: 600,
        fill: PALETTE.ink,
      }),
      ...legendMarks(
        [
          { label: 'control accuracy', color: PALETTE.wrong },
          { label: 'agreement with the others', color: PALETTE.primary },
        ],
        { faceted: true },
      ),
    ],
  }) as PlotElement;
  return labelPlot(svg, {
    id: 'plot-quality-time',
    label: 'Quality over time',
    description: `Control accuracy and agreement per ${data.unit} for ${names.join(', ')}.`,
  });
}
