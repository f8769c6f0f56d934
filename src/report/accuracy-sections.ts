import { count, percent, percentRange } from '../core/format/format-number.js';
import { confusionMatrixPlot, shownClasses } from './plots/confusion-matrix-plot.js';
import type { PlotContext } from './plots/plot-context.js';
import { figure, interval } from './report-figure.js';
import type { ReportView } from './report-view.js';
import { breakable, html, type SafeHtml } from './safe-html.js';

function heldOutWords(view: ReportView): SafeHtml {
  const h = view.heldOut;
  if (!h) return html``;
  const extra = [
    h.abstained > 0 ? `${count(h.abstained)} abstentions left out` : '',
    h.unlabelled > 0 ? `${count(h.unlabelled)} without a vote yet` : '',
  ].filter(Boolean);
  const where =
    h.set === 'test'
      ? html`${count(h.scored)} <strong>test</strong> items, held out from training and calibration`
      : html`${count(h.scored)} <strong>gold</strong> items (there are no scored test items), each
          scored by a model that did not train on it where the labeller learned from gold; import
          held-out items with <code>--role test</code> for an independent measure`;
  return html`${where}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`;
}

/**
 * Accuracy, macro-F1, the per-class table and the most confused pairs.
 * @example accuracySection(view) // SafeHtml of one report section
 * Complexity: O(size of the section's data).
 */
export function accuracySection(view: ReportView): SafeHtml {
  const h = view.heldOut;
  if (!h) {
    return html`<h2 id="accuracy">Accuracy</h2>
      <p class="empty">
        No held-out item (test or gold) has a vote from this labeller yet: import items with
        <code>--role test</code> or <code>--role gold</code> and run <code>hilo label</code>.
      </p>`;
  }
  const rows = h.perClass.map(
    (c) =>
      html`<tr>
        <td class="label">${breakable(c.label)}</td>
        <td class="n">${count(c.support)}</td>
        <td class="n">${interval(percent(c.precision.estimate), percentRange(c.precision))}</td>
        <td class="n">
          <span class="bar-track"
            ><span
              class="bar"
              style="width:${Math.round(100 * (c.recall.estimate ?? 0))}%"
            ></span></span
          >${interval(percent(c.recall.estimate), percentRange(c.recall))}
        </td>
        <td class="n">${percent(c.f1)}</td>
      </tr>`,
  );
  const pairs = h.confusedPairs.slice(0, 5);
  return html`<h2 id="accuracy">Accuracy on held-out items</h2>
    <p class="lede">
      On ${heldOutWords(view)}: accuracy
      ${interval(percent(h.accuracy.estimate), `95% CI ${percentRange(h.accuracy)}`)}, macro-F1
      ${interval(percent(h.macroF1.estimate), `95% CI ${percentRange(h.macroF1)}`)}, weighted F1
      ${percent(h.weightedF1)}.
    </p>
    <table>
      <thead>
        <tr>
          <th>Label</th>
          <th class="n">Items</th>
          <th class="n">Precision</th>
          <th class="n">Recall</th>
          <th class="n">F1</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
    ${
      pairs.length > 0
        ? html`<h3>Most confused</h3>
            <table class="compact">
              <thead>
                <tr>
                  <th>Gold label</th>
                  <th>Predicted as</th>
                  <th class="n">Items</th>
                  <th class="n">Share of gold label</th>
                </tr>
              </thead>
              <tbody>
                ${pairs.map(
                  (p) =>
                    html`<tr>
                      <td class="label">${p.gold}</td>
                      <td class="label">${p.predicted}</td>
                      <td class="n">${count(p.count)}</td>
                      <td class="n">${percent(p.rate)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
        : ''
    }`;
}

/**
 * The confusion matrix heatmap.
 * @example confusionSection(view, { document }) // SafeHtml of one report section
 * Complexity: O(size of the section's data).
 */
export function confusionSection(view: ReportView, context: PlotContext): SafeHtml {
  const h = view.heldOut;
  if (!h) return html``;
  const shown = shownClasses(h.confusion).length;
  const labels = view.project.labels;
  return html`<h2 id="confusion">Confusion matrix</h2>
    ${figure(
      confusionMatrixPlot({ labels, counts: h.confusion }, context),
      html`Held-out items by gold label (rows) and predicted label (columns); colour is the share of
      the row, so the diagonal reads as
      recall.${shown < labels.length ? ` Only the ${shown} most confused of ${labels.length} labels are shown.` : ''}`,
    )}`;
}

/**
 * Items worth a look: confident mistakes and the least sure pool items. Item text is untrusted.
 * @example examplesSection(view) // SafeHtml of one report section
 * Complexity: O(size of the section's data).
 */
export function examplesSection(view: ReportView): SafeHtml {
  const { mistakes, unsure } = view.examples;
  if (mistakes.length === 0 && unsure.length === 0) return html``;
  const table = (rows: ReportView['examples']['mistakes'], withGold: boolean) =>
    html`<table>
      <thead>
        <tr>
          <th>Item</th>
          <th>Text</th>
          ${withGold ? html`<th>Gold</th>` : ''}
          <th>Machine</th>
          <th class="n">Confidence</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (e) =>
            html`<tr>
              <td class="id"><code>${breakable(e.id)}</code></td>
              <td class="text">${e.text}</td>
              ${withGold ? html`<td class="label">${breakable(e.gold ?? '')}</td>` : ''}
              <td class="label">${breakable(e.predicted)}</td>
              <td class="n">${percent(e.confidence)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  return html`<h2 id="examples">Items to look at</h2>
    ${
      mistakes.length > 0
        ? html`<h3>Confident mistakes on held-out items</h3>
            ${table(mistakes, true)}`
        : ''
    }
    ${
      unsure.length > 0
        ? html`<h3>Pool items the machine is least sure of</h3>
            ${table(unsure, false)}`
        : ''
    }`;
}
