/**
 * Learning-curve plots of `hilo simulate al` results as SVG files, drawn by the report's own
 * plot (Observable Plot into a linkedom document, no browser needed).
 */
import { createLinkedomDocument } from '../src/report/linkedom-document.js';
import { learningCurvePlot } from '../src/report/plots/learning-curve-plot.js';
import type { AlSimulationResult } from '../src/pipeline/simulate/index.js';

/**
 * Held-out accuracy against labels for every strategy, with the full-data accuracy and its 99%
 * line as rules, as a standalone SVG file's text; `title` names it for screen readers.
 * @example writeFileSync('al.svg', learningCurveSvg(result, 'banking77'))
 * Complexity: O(strategies × rounds).
 */
export function learningCurveSvg(result: AlSimulationResult, title: string): string {
  const svg = learningCurvePlot(result, { document: createLinkedomDocument(), width: 720 });
  svg.setAttribute('aria-label', title);
  // A file on its own needs the namespace, which a DOM-created element leaves implicit.
  svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return svg.outerHTML;
}
