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

/** One non-empty bin of a reliability diagram. */
interface ReliabilityBinView {
  readonly lower: number;
  readonly upper: number;
  readonly meanConfidence: number;
  readonly accuracy: number;
  readonly count: number;
}

export interface ReliabilityPlotData {
  readonly before: readonly ReliabilityBinView[];
  /** Null when nothing was calibrated: one panel only. */
  readonly after: readonly ReliabilityBinView[] | null;
  /** Text shown in each panel's corner, e.g. "ECE 8.1% (6.9–9.4%)". */
  readonly beforeNote?: string;
  readonly afterNote?: string;
}

const BEFORE = 'Before calibration';
const AFTER = 'After calibration';

/**
 * Reliability diagram, raw and calibrated side by side: per confidence bin, the share of right
 * answers (bars) against the mean confidence (dots, sized by count); a calibrated labeller sits
 * on the diagonal.
 * @example reliabilityPlot({ before: data.calibration.before.bins, after: data.calibration.after.bins }, { document })
 * Complexity: O(bins).
 */
export function reliabilityPlot(data: ReliabilityPlotData, context: PlotContext): PlotElement {
  const panels = data.after ? [BEFORE, AFTER] : ['Raw confidence'];
  const rows = [
    ...data.before.map((bin) => ({ ...bin, stage: panels[0] as string })),
    ...(data.after ?? []).map((bin) => ({ ...bin, stage: AFTER })),
  ];
  const diagonal = panels.flatMap((stage) => [
    { stage, x: 0, y: 0 },
    { stage, x: 1, y: 1 },
  ]);
  const notes = [
    { stage: panels[0] as string, text: data.beforeNote ?? '' },
    ...(data.after ? [{ stage: AFTER, text: data.afterNote ?? '' }] : []),
  ].filter((note) => note.text !== '');
  const svg = Plot.plot({
    ...baseOptions(context),
    height: 330,
    marginTop: 52,
    marginBottom: 40,
    fx: { domain: panels, label: null, padding: 0.12 },
    x: { domain: [0, 1], tickFormat: percentTick, label: 'Confidence', labelAnchor: 'center' },
    y: { domain: [0, 1], tickFormat: percentTick, label: 'Share right', grid: true },
    r: { range: [2, 7] },
    marks: [
      Plot.frame({ stroke: PALETTE.grid }),
      Plot.rect(rows, {
        x1: 'lower',
        x2: 'upper',
        y1: 0,
        y2: 'accuracy',
        fx: 'stage',
        fill: (d: { stage: string }) => (d.stage === AFTER ? PALETTE.primaryLight : '#e2e8f0'),
        inset: 0.5,
      }),
      Plot.line(diagonal, {
        x: 'x',
        y: 'y',
        fx: 'stage',
        stroke: PALETTE.muted,
        strokeDasharray: '4 3',
      }),
      Plot.dot(rows, {
        x: 'meanConfidence',
        y: 'accuracy',
        r: 'count',
        fx: 'stage',
        fill: (d: { stage: string }) => (d.stage === AFTER ? PALETTE.primary : PALETTE.ink),
      }),
      ...legendMarks(
        [
          { label: 'share right', color: '#cbd5e1' },
          { label: 'mean confidence (size: items)', color: PALETTE.ink, symbol: 'dot' },
          { label: 'perfect calibration', color: PALETTE.muted, symbol: 'line' },
        ],
        { faceted: true, dy: -40 },
      ),
      Plot.text(notes, {
        fx: 'stage',
        text: 'text',
        frameAnchor: 'top-left',
        dx: 8,
        dy: 8,
        fontSize: 12,
        fill: PALETTE.ink,
      }),
    ],
  }) as PlotElement;
  return labelPlot(svg, {
    id: 'plot-reliability',
    label: 'Reliability diagram before and after calibration',
    description:
      'Share of right answers against stated confidence per confidence bin; the dashed diagonal is perfect calibration.',
  });
}
