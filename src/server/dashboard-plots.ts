import type { DashboardPlotsResponse } from '../contract/people-api.js';
import { viewReliabilityPlot } from '../report/calibration-sections.js';
import { viewCostAccuracyPlot } from '../report/cost-section.js';
import { count } from '../core/format/format-number.js';
import type { PlotContext } from '../report/plots/plot-context.js';
import type { ReportView } from '../report/report-view.js';

/** Shown in place of the plots before anything was calibrated. */
const NO_CALIBRATION = 'No calibration yet — run hilo calibrate.';

/**
 * The report's reliability and cost–accuracy plots for the admin dashboard, drawn by the
 * report's own plot functions from the same data, so both show the same picture. The SVG is
 * serialised by the DOM the context brings (linkedom on the server), which escapes every text.
 * Captions are plain text; the page shows them as text.
 * @example dashboardPlots(reportData, { document: createLinkedomDocument() })
 * Complexity: O(bins + points) of the two plots.
 */
export function dashboardPlots(
  view: ReportView | null,
  context: PlotContext,
): DashboardPlotsResponse {
  const c = view?.calibration ?? null;
  const plan = view?.plan ?? null;
  const why =
    view === null
      ? ' No machine labeller has voted yet: hilo learn and hilo label come first.'
      : '';
  return {
    generatedAt: view?.generatedAt ?? null,
    source: view?.source.id ?? null,
    calibration:
      c === null
        ? {
            svg: null,
            caption: `${NO_CALIBRATION}${why || ' Too few gold items carry the machine’s votes to calibrate it.'}`,
          }
        : {
            svg: viewReliabilityPlot(c, context).outerHTML,
            caption:
              `Share of right answers per confidence bin before and after ${c.method} calibration, on ${count(c.n)} ${c.evaluatedOn === 'test' ? 'test items' : 'gold items (cross-fitted)'}` +
              (c.origin === 'stored'
                ? '.'
                : '; fitted for this view: hilo calibrate keeps a calibrator for routing.'),
          },
    costAccuracy:
      plan === null || plan.points.length === 0
        ? {
            svg: null,
            caption: `No cost–accuracy curve yet: it needs the machine's votes on gold or test items (hilo label, then hilo calibrate).`,
          }
        : {
            svg: viewCostAccuracyPlot(plan, view?.policy ?? null, context).outerHTML,
            caption: `Expected accuracy of all labels against total cost for ${count(plan.poolSize)} items, one point per accept threshold with its 95% interval${plan.chosen !== null ? '; the ringed point is the chosen policy' : '; no policy chosen yet (hilo route)'}.`,
          },
    routing: view === null ? null : { pool: view.decisions.pool, ...view.decisions.zones },
    notes: [...(view?.notes ?? [])],
  };
}
