import type { PlotElement } from './plots/plot-context.js';
import { html, trustedHtml, type SafeHtml } from './safe-html.js';

/**
 * A plot with its caption, the plot's SVG inlined.
 * @example figure(confusionMatrixPlot(data, context), 'Counts by gold and predicted label')
 * Complexity: O(size of the SVG).
 */
export function figure(plot: PlotElement, caption: SafeHtml | string): SafeHtml {
  return html`<figure>
    ${trustedHtml(plot.outerHTML)}
    <figcaption>${caption}</figcaption>
  </figure>`;
}

/**
 * An estimate followed by its interval in a quieter style: "93.1% (90.2–95.3%)".
 * @example interval('93.1%', '90.2–95.3%')
 * Complexity: O(1).
 */
export function interval(estimate: string, range: string): SafeHtml {
  return html`${estimate} <span class="ci">(${range})</span>`;
}
