import type { PeoplePlotsResponse } from '../contract/people-api.js';
import { count, percent } from '../core/format/format-number.js';
import {
  agreementHistogramPlot,
  type AgreementHistogramPlotData,
} from '../report/plots/agreement-histogram-plot.js';
import type { PlotContext } from '../report/plots/plot-context.js';
import { qualityOverTimePlot, type QualityPoint } from '../report/plots/quality-over-time-plot.js';

/** What the plots read of the dashboard's numbers. */
export interface PeoplePlotsInput {
  readonly agreement: AgreementHistogramPlotData & {
    readonly items: number;
    readonly unanimous: number;
  };
  readonly quality: {
    readonly unit: 'hour' | 'day';
    readonly project: readonly QualityPoint[];
    readonly people: readonly {
      readonly id: string;
      readonly buckets: readonly (QualityPoint & { readonly answers: number })[];
    }[];
  };
  readonly annotators: readonly { readonly id: string; readonly name: string }[];
}

/** People drawn in panels of their own beside the project's, the busiest first. */
const PEOPLE_PANELS = 6;

/**
 * The dashboard's plots of people's quality, drawn by the report's plot functions: the histogram
 * of per-item agreement on items two or more people answered, and control accuracy and agreement
 * per hour or day for the project and the busiest people.
 * @example peoplePlots(await peopleDashboard(ctx), { document: createLinkedomDocument() })
 * Complexity: O(bins + buckets × panels).
 */
export function peoplePlots(
  dashboard: PeoplePlotsInput,
  context: PlotContext,
): PeoplePlotsResponse {
  const { agreement, quality } = dashboard;
  const names = new Map(dashboard.annotators.map((a) => [a.id, a.name]));
  const busiest = [...quality.people]
    .map((p) => ({ ...p, answers: p.buckets.reduce((s, b) => s + b.answers, 0) }))
    .sort((a, b) => b.answers - a.answers)
    .slice(0, PEOPLE_PANELS);
  const per = quality.unit;
  return {
    agreement:
      agreement.items === 0
        ? { svg: null, caption: 'No item has answers from two people yet.' }
        : {
            svg: agreementHistogramPlot(agreement, context).outerHTML,
            caption:
              `Agreement among people on ${count(agreement.items)} items answered by two or more: the share of pairs of answers on the item that match. ` +
              `Mean ${percent(agreement.mean ?? 0, 0)}; ${count(agreement.unanimous)} unanimous.`,
          },
    quality:
      quality.project.length === 0
        ? { svg: null, caption: 'No answers yet.' }
        : {
            svg: qualityOverTimePlot(
              {
                unit: per,
                series: [
                  { name: 'Project', points: quality.project },
                  ...busiest.map((p) => ({ name: names.get(p.id) ?? p.id, points: p.buckets })),
                ],
              },
              context,
            ).outerHTML,
            caption:
              `Control accuracy (share of control answers right) and agreement (share of answers siding with the other people's majority on the item) per ${per}, UTC, ` +
              `for the project and the ${busiest.length === 1 ? 'busiest person' : `${busiest.length} busiest people`}; no dot where there was nothing to score.`,
          },
  };
}
