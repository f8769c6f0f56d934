import type { PlotContext } from './plots/plot-context.js';
import { reportPage } from './report-page.js';
import { html } from './safe-html.js';
import { simulationSection } from './simulation-sections.js';
import type { SimulationView } from './simulation-view.js';

/**
 * Simulation results as one self-contained HTML page (inline style and SVG, no script), the
 * same look as the project report.
 * @example await writeFile('al.html', renderSimulationHtml([{ kind: 'al', title: 'bank.csv', result }], { document: createLinkedomDocument() }, '2026-11-26T08:00:00Z'))
 * Complexity: O(size of the results).
 */
export function renderSimulationHtml(
  views: readonly SimulationView[],
  context: PlotContext,
  generatedAt: string,
): string {
  const names = views.map((v) => v.title).join(', ');
  return reportPage(
    `${names} · hilo simulation`,
    html`<header>
        <div class="eyebrow">hilo · simulation</div>
        <h1>${names}</h1>
        <p class="meta">
          Replayed with simulated annotators on labelled data; generated
          ${generatedAt.slice(0, 16).replace('T', ' ')} UTC
        </p>
      </header>
      ${views.map((v) => simulationSection(v, context))}`,
  ).value;
}
