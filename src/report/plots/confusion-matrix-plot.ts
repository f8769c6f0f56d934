import * as Plot from '@observablehq/plot';
import {
  baseOptions,
  labelPlot,
  PALETTE,
  type PlotContext,
  type PlotElement,
} from './plot-context.js';

export interface ConfusionMatrixPlotData {
  readonly labels: readonly string[];
  /** Counts, rows gold and columns predicted, in label order. */
  readonly counts: readonly (readonly number[])[];
}

/** Larger matrices are cut to their most confused classes: beyond this a cell is unreadable. */
const MAX_MATRIX_CLASSES = 24;
const AXIS_CHARS = 26;

/**
 * The classes a confusion-matrix plot shows: all of them up to `max`, else the `max` classes
 * with the most off-diagonal items (as gold or as prediction), in label order.
 * @example shownClasses(counts, 24) // [0, 3, 5, …]
 * Complexity: O(K² + K log K).
 */
export function shownClasses(
  counts: readonly (readonly number[])[],
  max = MAX_MATRIX_CLASSES,
): number[] {
  const K = counts.length;
  const all = Array.from({ length: K }, (_, k) => k);
  if (K <= max) return all;
  const confused = new Float64Array(K);
  for (let g = 0; g < K; g++) {
    for (let p = 0; p < K; p++) {
      if (g === p) continue;
      const c = counts[g]?.[p] ?? 0;
      confused[g] = (confused[g] as number) + c;
      confused[p] = (confused[p] as number) + c;
    }
  }
  return all
    .sort((a, b) => (confused[b] as number) - (confused[a] as number) || a - b)
    .slice(0, max)
    .sort((a, b) => a - b);
}

/**
 * Confusion matrix as a heatmap: rows gold, columns predicted, colour the share of the row
 * (recall on the diagonal), the count printed in each non-empty cell.
 * @example confusionMatrixPlot({ labels, counts: data.heldOut.confusion }, { document })
 * Complexity: O(K²) for the K classes shown.
 */
export function confusionMatrixPlot(
  data: ConfusionMatrixPlotData,
  context: PlotContext,
): PlotElement {
  const shown = shownClasses(data.counts);
  const names = shown.map((k) => data.labels[k] as string);
  const cells: { gold: string; predicted: string; count: number; share: number }[] = [];
  for (const g of shown) {
    const row = data.counts[g] ?? [];
    const total = row.reduce((a, b) => a + b, 0);
    for (const p of shown) {
      const count = row[p] ?? 0;
      cells.push({
        gold: data.labels[g] as string,
        predicted: data.labels[p] as string,
        count,
        share: total > 0 ? count / total : 0,
      });
    }
  }
  const longest = Math.min(AXIS_CHARS, Math.max(4, ...names.map((n) => n.length)));
  // About 7 px a character at 12 px, plus the tick and the axis label beside the tick labels.
  const margin = Math.round(34 + longest * 7);
  // Column labels are turned 40°, so they reach down about sin 40° ≈ 0.64 of their length.
  const bottom = Math.round(34 + longest * 7 * 0.64);
  const cell = Math.max(22, Math.min(44, Math.floor(560 / Math.max(1, names.length))));
  const side = cell * names.length;
  const svg = Plot.plot({
    // Sized by the classes shown, whatever width was asked for.
    ...baseOptions({ document: context.document }, margin + side + 16),
    height: 20 + side + bottom,
    marginLeft: margin,
    marginBottom: bottom,
    marginTop: 20,
    marginRight: 16,
    x: {
      domain: names,
      label: 'Predicted',
      labelAnchor: 'center',
      tickRotate: -40,
      tickFormat: cut,
      labelOffset: bottom - 6,
    },
    y: { domain: names, label: 'Gold', labelAnchor: 'center', tickFormat: cut },
    color: { type: 'linear', domain: [0, 1], range: ['#f8fafc', PALETTE.primary] },
    marks: [
      Plot.cell(cells, { x: 'predicted', y: 'gold', fill: 'share', inset: 0.5 }),
      Plot.text(
        cells.filter((c) => c.count > 0),
        {
          x: 'predicted',
          y: 'gold',
          text: (c: { count: number }) => String(c.count),
          fill: (c: { share: number }) => (c.share > 0.55 ? 'white' : PALETTE.ink),
          fontSize: cell < 28 ? 9 : 11,
        },
      ),
    ],
  }) as PlotElement;
  return labelPlot(svg, {
    id: 'plot-confusion-matrix',
    label: 'Confusion matrix',
    description: `Counts of held-out items by gold label (rows) and predicted label (columns)${shown.length < data.labels.length ? `, the ${shown.length} most confused of ${data.labels.length} classes` : ''}; colour is the share of the row.`,
  });
}

function cut(name: string): string {
  return name.length > AXIS_CHARS ? `${name.slice(0, AXIS_CHARS - 1)}…` : name;
}
