import { count, decimal, percent, percentRange } from '../core/format/format-number.js';
import { accuracyCoveragePlot } from './plots/accuracy-coverage-plot.js';
import { confidenceHistogramPlot } from './plots/confidence-histogram-plot.js';
import type { PlotContext, PlotElement } from './plots/plot-context.js';
import { reliabilityPlot } from './plots/reliability-plot.js';
import { figure, interval } from './report-figure.js';
import type { ReportView } from './report-view.js';
import { html, type SafeHtml } from './safe-html.js';

type CalibrationView = NonNullable<ReportView['calibration']>;

/**
 * The reliability diagram of a report's calibration, before and after, each with its ECE: the
 * report and the admin dashboard draw it the same way.
 * @example viewReliabilityPlot(view.calibration, { document }).outerHTML
 * Complexity: O(bins).
 */
export function viewReliabilityPlot(c: CalibrationView, context: PlotContext): PlotElement {
  const ece = (s: CalibrationView['before']) =>
    `ECE ${percent(s.ece.estimate)} (${percentRange(s.ece)})`;
  return reliabilityPlot(
    {
      before: c.before.bins,
      after: c.after.bins,
      beforeNote: ece(c.before),
      afterNote: ece(c.after),
    },
    context,
  );
}

/**
 * Reliability before and after calibration, with ECE, Brier and NLL, and the methods compared.
 * @example calibrationSection(view, { document }) // SafeHtml of one report section
 * Complexity: O(size of the section's data).
 */
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
      : c.method === 'none'
        ? html`trying every method on ${count(c.fittedOn ?? 0)} gold items, where none beat the raw
            confidence, so it is kept as it is (no calibrator stored yet;
            <code>hilo calibrate</code> keeps one)`
        : html`a ${c.method} calibrator the report fitted on ${count(c.fittedOn ?? 0)} gold items
            (no calibrator stored yet; <code>hilo calibrate</code> keeps one)`;
  const on =
    c.evaluatedOn === 'test'
      ? `${count(c.n)} test items it was not fitted on`
      : `${count(c.n)} gold items, each calibrated by a map fitted on the other folds`;
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
      viewReliabilityPlot(c, context),
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

/**
 * Histogram of (calibrated) confidence on held-out and pool items.
 * @example confidenceSection(view, { document }) // SafeHtml of one report section
 * Complexity: O(size of the section's data).
 */
export function confidenceSection(view: ReportView, context: PlotContext): SafeHtml {
  const hist = view.histogram;
  if (!hist) return html``;
  return html`<h2 id="confidence">Confidence</h2>
    ${figure(
      confidenceHistogramPlot(hist, context),
      `Where the machine's ${hist.calibrated ? 'calibrated' : 'raw'} confidence falls: held-out items split into right and wrong answers, and the pool routing will act on, each as a share of its own items.`,
    )}`;
}

/**
 * The accuracy–coverage curve with a few readings in words.
 * @example coverageSection(view, { document }) // SafeHtml of one report section
 * Complexity: O(size of the section's data).
 */
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
