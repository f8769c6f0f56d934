import { count, percent } from '../core/format/format-number.js';
import { costAccuracyPlot } from './plots/cost-accuracy-plot.js';
import type { PlotContext, PlotElement } from './plots/plot-context.js';
import { figure } from './report-figure.js';
import type { ReportView } from './report-view.js';
import { html, type SafeHtml } from './safe-html.js';

/**
 * The cost–accuracy curve of a report's plan, the policy's target drawn when the policy applies
 * to the reported labeller: the report and the admin dashboard draw it the same way.
 * @example viewCostAccuracyPlot(view.plan, view.policy, { document }).outerHTML
 * Complexity: O(points).
 */
export function viewCostAccuracyPlot(
  plan: NonNullable<ReportView['plan']>,
  policy: ReportView['policy'],
  context: PlotContext,
): PlotElement {
  return costAccuracyPlot(
    {
      points: plan.points,
      chosen: plan.chosen,
      allHuman: plan.allHuman,
      allMachine: plan.allMachine,
      target: policy?.appliesToSource ? policy.target : null,
      currency: plan.currency,
    },
    context,
  );
}

/**
 * The cost–accuracy curve and the prices and staffing it assumes.
 * @example costSection(view, { document }) // SafeHtml of one report section
 * Complexity: O(size of the section's data).
 */
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
      viewCostAccuracyPlot(plan, policy, context),
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
          <td class="n">
            ${
              a.dynamicOverlap
                ? `${a.overlapZoneHumans} to ${a.dynamicOverlap.max} (dynamic overlap)`
                : a.overlapZoneHumans
            }
          </td>
        </tr>
        <tr>
          <td>Control tasks per task</td>
          <td class="n">${percent(a.controlRate, 1)}</td>
          <td>Accepted items audited</td>
          <td class="n">${percent(a.auditRate, 0)}</td>
        </tr>
      </tbody>
    </table>
    <p>Every cost here: ${plan.staffing}.</p>`;
}
