import { count, decimal, percent, percentRange } from './format-number.js';
import { accuracyCoveragePlot } from './plots/accuracy-coverage-plot.js';
import { confidenceHistogramPlot } from './plots/confidence-histogram-plot.js';
import { confusionMatrixPlot, shownClasses } from './plots/confusion-matrix-plot.js';
import { costAccuracyPlot } from './plots/cost-accuracy-plot.js';
import type { PlotContext, PlotElement } from './plots/plot-context.js';
import { reliabilityPlot } from './plots/reliability-plot.js';
import type { ReportView } from './report-view.js';
import { breakable, html, trustedHtml, type SafeHtml } from './safe-html.js';

function figure(plot: PlotElement, caption: SafeHtml | string): SafeHtml {
  return html`<figure>
    ${trustedHtml(plot.outerHTML)}
    <figcaption>${caption}</figcaption>
  </figure>`;
}

function interval(estimate: string, range: string): SafeHtml {
  return html`${estimate} <span class="ci">(${range})</span>`;
}

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

/** Accuracy, macro-F1, the per-class table and the most confused pairs. */
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

/** The confusion matrix heatmap. */
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

/** Reliability before and after calibration, with ECE, Brier and NLL. */
export function calibrationSection(view: ReportView, context: PlotContext): SafeHtml {
  const c = view.calibration;
  if (!c) {
    return html`<h2 id="calibration">Calibration</h2>
      <p class="empty">
        Not enough gold items with votes from this labeller to calibrate its confidence; the plots
        below use raw confidence.
      </p>`;
  }
  const how =
    c.origin === 'stored'
      ? html`the calibrator <code>hilo calibrate</code> stored
          (${c.method}${c.fittedOn !== null ? `, fitted on ${count(c.fittedOn)} gold items` : ''})`
      : html`a ${c.method} calibrator the report fitted on ${count(c.fittedOn ?? 0)} gold items (no
          calibrator stored yet; <code>hilo calibrate</code> keeps one)`;
  const on =
    c.evaluatedOn === 'test'
      ? `${count(c.n)} test items it was not fitted on`
      : `${count(c.n)} gold items, each calibrated by a map fitted on the other folds`;
  const ece = (s: typeof c.before) => `ECE ${percent(s.ece.estimate)} (${percentRange(s.ece)})`;
  return html`<h2 id="calibration">Calibration</h2>
    <p class="lede">
      How far stated confidence is from the share of right answers, before and after ${how},
      measured on ${on}. Expected calibration error
      <strong>${percent(c.before.ece.estimate)} → ${percent(c.after.ece.estimate)}</strong>
      <span class="ci">(95% CI after: ${percentRange(c.after.ece)})</span>; Brier score
      ${decimal(c.before.brier)} → ${decimal(c.after.brier)}; log loss ${decimal(c.before.nll)} →
      ${decimal(c.after.nll)}.
    </p>
    ${figure(
      reliabilityPlot(
        {
          before: c.before.bins,
          after: c.after.bins,
          beforeNote: ece(c.before),
          afterNote: ece(c.after),
        },
        context,
      ),
      'Bars: share of right answers per confidence bin (15 equal-width bins); dots: mean confidence, sized by the number of items. On the dashed diagonal, confidence means what it says.',
    )}
    ${
      c.methods.length > 0
        ? html`<h3>Methods compared on gold (cross-fitted)</h3>
            <table class="compact">
              <thead>
                <tr>
                  <th>Method</th>
                  <th class="n">Log loss</th>
                  <th class="n">ECE</th>
                  <th class="n">Brier</th>
                </tr>
              </thead>
              <tbody>
                ${[...c.methods]
                  .sort((a, b) => a.nll - b.nll)
                  .map(
                    (m) =>
                      html`<tr>
                        <td>
                          ${m.method}${m.method === c.method ? html` <strong>· used</strong>` : ''}
                        </td>
                        <td class="n">${decimal(m.nll)}</td>
                        <td class="n">${percent(m.ece)}</td>
                        <td class="n">${decimal(m.brier)}</td>
                      </tr>`,
                  )}
              </tbody>
            </table>`
        : ''
    }`;
}

/** Histogram of (calibrated) confidence on held-out and pool items. */
export function confidenceSection(view: ReportView, context: PlotContext): SafeHtml {
  const hist = view.histogram;
  if (!hist) return html``;
  return html`<h2 id="confidence">Confidence</h2>
    ${figure(
      confidenceHistogramPlot(hist, context),
      `Where the machine's ${hist.calibrated ? 'calibrated' : 'raw'} confidence falls: held-out items split into right and wrong answers, and the pool routing will act on, each as a share of its own items.`,
    )}`;
}

/** The accuracy–coverage curve with a few readings in words. */
export function coverageSection(view: ReportView, context: PlotContext): SafeHtml {
  const cov = view.coverage;
  if (!cov || cov.points.length === 0) return html``;
  const policy = view.policy?.appliesToSource ? view.policy : null;
  const hasTarget = policy !== null && policy.target !== null;
  const targetValue = policy?.target ?? view.plan?.target ?? null;
  const target =
    targetValue === null
      ? null
      : {
          value: targetValue,
          label: `${hasTarget ? 'target' : 'default target'} ${percent(targetValue)}`,
        };
  let chosen: { coverage: number; accuracy: number; label: string } | null = null;
  if (policy && policy.score === 'confidence' && policy.threshold !== null) {
    const t = policy.threshold;
    const reached = cov.points.filter((p) => p.threshold >= t);
    const at = reached[reached.length - 1];
    if (at)
      chosen = {
        coverage: at.coverage,
        accuracy: at.accuracy,
        label: `chosen: confidence ≥ ${decimal(t)}`,
      };
  }
  const readings = [0.25, 0.5, 0.75, 1]
    .map((share) => cov.points.find((p) => p.coverage >= share - 1e-9))
    .filter((p, i, all): p is NonNullable<typeof p> => p !== undefined && all.indexOf(p) === i);
  return html`<h2 id="coverage">Accuracy against coverage</h2>
    <p class="lede">
      What accepting the machine's most confident answers would give, on ${count(cov.n)} held-out
      items:
      ${readings.map((p, i) => html`${i > 0 ? '; ' : ''}the top ${percent(p.coverage, 0)} are ${interval(percent(p.accuracy), percentRange(p))} right`)}.
    </p>
    ${figure(
      accuracyCoveragePlot({ points: cov.points, target, chosen }, context),
      `Accuracy of the accepted labels for every share of items accepted, most confident first (${cov.calibrated ? 'calibrated' : 'raw'} confidence). The band is a pointwise 95% Clopper–Pearson interval${target !== null ? `; the dashed line is the ${hasTarget ? 'target' : 'default target of hilo route'}` : ''}. A point whose band clears the target is not yet a guarantee: choosing among many thresholds needs the correction hilo route applies.`,
    )}`;
}

/** The cost–accuracy curve and what its prices assume. */
export function costSection(view: ReportView, context: PlotContext): SafeHtml {
  const plan = view.plan;
  if (!plan || plan.points.length === 0) return html``;
  const a = plan.assumptions;
  const policy = view.policy?.appliesToSource ? view.policy : null;
  return html`<h2 id="cost">Cost against accuracy</h2>
    <p class="lede">
      Each point is one accept threshold: the machine labels everything, its label is accepted above
      the threshold and people label the rest. Accuracy is expected over all final labels, accepted
      ones measured on held-out items, people's assumed ${percent(a.humanAccuracy, 0)}.
    </p>
    ${figure(
      costAccuracyPlot(
        {
          points: plan.points,
          chosen: plan.chosen,
          allHuman: plan.allHuman,
          allMachine: plan.allMachine,
          target: policy?.target ?? null,
          currency: plan.currency,
        },
        context,
      ),
      html`Total cost for ${count(plan.poolSize)}
      ${plan.poolFrom === 'pool' ? 'pool items' : 'items (the held-out items stand in for a pool without votes)'};
      bars are 95% intervals of each point, not simultaneous
      ones.${plan.chosen !== null ? ' The ringed point is the chosen policy.' : ' No policy is chosen yet, so none is marked.'}`,
    )}
    <h3>
      Prices and staffing
      assumed${a.from === 'route' ? ' (from the routing run)' : " (hilo's defaults and the project's prices)"}
    </h3>
    <table>
      <tbody>
        <tr>
          <td>Machine, per item</td>
          <td class="n">${plan.currency}${a.machinePerItem.toPrecision(3)}</td>
          <td>Person, per item</td>
          <td class="n">${plan.currency}${a.annotation.toFixed(3)}</td>
        </tr>
        <tr>
          <td>People per item, human zone</td>
          <td class="n">${a.overlap}</td>
          <td>People per item, overlap zone</td>
          <td class="n">${a.overlapZoneHumans}</td>
        </tr>
        <tr>
          <td>Control tasks per task</td>
          <td class="n">${percent(a.controlRate, 0)}</td>
          <td>Accepted items audited</td>
          <td class="n">${percent(a.auditRate, 0)}</td>
        </tr>
      </tbody>
    </table>`;
}

/** Items worth a look: confident mistakes and the least sure pool items. Item text is untrusted. */
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
