/**
 * Learning-curve plots of `hilo simulate al` results as SVG, drawn by Observable Plot into a
 * linkedom document (the report's plotting path, no browser needed).
 */
import * as Plot from '@observablehq/plot';
import { createLinkedomDocument } from '../src/report/linkedom-document.js';
import { legendMarks } from '../src/report/plots/legend-marks.js';
import type { PlotElement } from '../src/report/plots/plot-context.js';
import type { AlSimulationResult } from '../src/pipeline/simulate-al.js';

/** One colour per strategy, random in grey so the baseline reads as one. */
const COLOURS: Readonly<Record<string, string>> = {
  random: '#6b7280',
  margin: '#2563eb',
  'least-confidence': '#0891b2',
  entropy: '#7c3aed',
  badge: '#dc2626',
  'core-set': '#16a34a',
  cal: '#ea580c',
};

/**
 * Held-out accuracy against labels for every strategy, with the full-data accuracy and its 99%
 * line as rules.
 * @example writeFileSync('al.svg', learningCurveSvg(result, 'banking77'))
 * Complexity: O(strategies × rounds).
 */
export function learningCurveSvg(result: AlSimulationResult, title: string): string {
  const points = Object.entries(result.strategies).flatMap(([strategy, s]) =>
    s.rounds.map((r) => ({ strategy, labels: r.labels, accuracy: r.accuracy })),
  );
  const target = result.targetShare * result.fullDataAccuracy;
  const names = Object.keys(result.strategies);
  const low = Math.min(...points.map((p) => p.accuracy));
  const high = Math.max(result.fullDataAccuracy, ...points.map((p) => p.accuracy));
  const svg = Plot.plot({
    document: createLinkedomDocument(),
    width: 720,
    height: 400,
    marginRight: 110,
    marginTop: 50,
    x: { label: 'Labels', grid: true },
    y: {
      label: null,
      domain: [Math.max(0, low - 0.02), Math.min(1, high + 0.01)],
      grid: true,
      tickFormat: '.0%',
    },
    color: { domain: names, range: names.map((n) => COLOURS[n] ?? '#111827') },
    marks: [
      Plot.ruleY([result.fullDataAccuracy], { stroke: '#111827', strokeDasharray: '2 3' }),
      Plot.ruleY([target], { stroke: '#b91c1c', strokeDasharray: '6 4' }),
      Plot.text([`full data ${(100 * result.fullDataAccuracy).toFixed(1)}%`], {
        frameAnchor: 'right',
        y: result.fullDataAccuracy,
        dx: 104,
        textAnchor: 'end',
        fontSize: 10,
        dy: -6,
      }),
      Plot.text([`99% of it`], {
        frameAnchor: 'right',
        y: target,
        dx: 104,
        textAnchor: 'end',
        fontSize: 10,
        dy: 8,
        fill: '#b91c1c',
      }),
      Plot.line(points, { x: 'labels', y: 'accuracy', stroke: 'strategy', strokeWidth: 1.8 }),
      Plot.dot(points, { x: 'labels', y: 'accuracy', fill: 'strategy', r: 2 }),
      Plot.text([title], { frameAnchor: 'top-left', dy: -38, fontSize: 13, fontWeight: 600 }),
      ...legendMarks(
        names.map((n) => ({ label: n, color: COLOURS[n] ?? '#111827', symbol: 'line' as const })),
      ),
    ],
  }) as PlotElement;
  // A file on its own needs the namespace, which a DOM-created element leaves implicit.
  svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return svg.outerHTML;
}
