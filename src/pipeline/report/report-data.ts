import { taskShapeOf } from '../../core/task-kind/index.js';
import { kindFigures } from './report-data-kind.js';
import { isPerLabelPayload } from '../../core/calibration/per-label-calibration.js';
import { restoreCalibrator } from '../../core/calibration/restore-calibrator.js';
import { topLabel, topLabelOutcomes } from '../../core/calibration/top-label.js';
import type { Clock, Store } from '../../core/ports/index.js';
import type { ProjectConfig } from '../../core/project.js';
import { createRng } from '../../core/rng.js';
import { runsOfKind } from '../../core/runs/run-records.js';
import { ITEM_ROLES, type DecidedBy, type ItemRole } from '../../core/types.js';
import { itemText } from '../items/index.js';
import { currentLabeller, labelRunsOf } from '../label/index.js';
import { calibrateForReport, type StoredCalibrator } from './report-data-calibration.js';
import { confidenceHistogram, coverageData, heldOutMetrics } from './report-data-metrics.js';
import { planAssumptions, planData, policyFromRun } from './report-data-policy.js';
import { newestRun, spendOf } from './report-data-source.js';
import { reportRanking } from './report-data-ranking.js';
import { readLabelledRows, RowBuffer, voteRow, votedPages } from './report-data-read.js';
import type { DecisionCounts, ExampleItem, ReportData } from './report-data-types.js';

export type * from './report-data-types.js';

export interface GatherReportOptions {
  readonly store: Store;
  readonly project: ProjectConfig;
  readonly clock: Clock;
  /** The labeller to report on; default: the current labeller (`currentLabeller`). */
  readonly source?: string;
  /** Seeds cross-fitting and bootstrap intervals (default 1): the same store gives the same report. */
  readonly seed?: number;
  /** Example items per list (default 10; 0 leaves item text out of the report). */
  readonly examples?: number;
}

const TEXT_LIMIT = 280;

/**
 * Gathers every number of the report from the store into plain data: held-out accuracy and
 * per-class scores with intervals, calibration before and after, confidence histogram,
 * accuracy–coverage and cost–accuracy curves, the chosen policy, spend, and example items.
 * Held-out means `test` items when any has a vote from the source, else gold items (whose
 * votes from the local model are out-of-fold). Works before calibration and routing: it then
 * cross-fits a calibrator itself and reports that no policy was chosen.
 * @example const data = await gatherReportData({ store, project, clock });
 * Complexity: one pass over test, gold and pool items and their votes; memory O((t + g)·K + p).
 */
export async function gatherReportData(options: GatherReportOptions): Promise<ReportData> {
  const { store, project } = options;
  const seed = options.seed ?? 1;
  const exampleCount = options.examples ?? 10;
  const labels = project.labels.map((label) => label.name);
  const K = labels.length;
  const notes: string[] = [];
  const items = Object.fromEntries(
    await Promise.all(ITEM_ROLES.map(async (role) => [role, await store.countItems({ role })])),
  ) as Record<ItemRole, number>;
  const labeller = await currentLabeller({ store, asked: options.source });
  const source = labeller.id;
  const routeRun = newestRun(
    runsOfKind(await store.listRuns({ kind: 'route' }), 'route'),
    (run) => run.status === 'done',
  );

  const test = await readLabelledRows(store, { role: 'test', source, labels });
  const gold = await readLabelledRows(store, { role: 'gold', source, labels });
  const set = test.ids.length > 0 ? 'test' : 'gold';
  const rows = set === 'test' ? test : gold;
  if (set === 'test' && test.unlabelled > 0) {
    notes.push(
      `${test.unlabelled} test items have no vote from ${source} yet; run \`hilo label\` to score them too.`,
    );
  }
  const stored = await storedCalibrator(store, source, K, notes);
  const calibration = calibrateForReport({ heldOut: rows, set, gold, K, stored, seed });
  notes.push(...calibration.notes);
  const calibrated = calibration.report !== null;
  const outcomes = topLabelOutcomes(calibration.heldOut, rows.labels, K);

  const pool = await readPool(store, {
    source,
    labels,
    calibrator: calibration.calibrator,
    exampleCount,
  });
  const policy = routeRun ? policyFromRun(routeRun, source) : null;
  if (policy && !policy.appliesToSource) {
    notes.push(
      `The newest routing policy was chosen for ${policy.source}, not for ${source}; it is not drawn on the curves.`,
    );
  }
  const spend = spendOf(await labelRunsOf(store, source));
  // A multi-label answer is a set: the one-label figures below would read only the items with a
  // single label, by their top label, so the report gives the kind's own figures instead.
  const single = project.kind !== 'multilabel';
  if (!single) {
    notes.push(
      'A multi-label answer is a set: accuracy is given per label and on the whole set above; for the plan and its cost in those terms run `hilo plan`.',
    );
  }
  const held = single && rows.ids.length > 0;
  return {
    kindFigures: await kindFigures({
      store,
      source,
      shape: taskShapeOf(project),
      fields: project.fields,
    }),
    project: { name: project.name, kind: project.kind, labels },
    generatedAt: new Date(options.clock.now()).toISOString(),
    source: labeller,
    items,
    heldOut: held ? heldOutMetrics({ rows, set, labels, rng: createRng(seed) }) : null,
    calibration: calibration.report,
    histogram:
      single && (held || pool.confidence.length > 0)
        ? confidenceHistogram({ ...outcomes, pool: pool.confidence, bins: 20, calibrated })
        : null,
    coverage: held ? coverageData({ ...outcomes, calibrated, maxPoints: 150 }) : null,
    plan: !single
      ? null
      : planData({
          heldOut: { scores: outcomes.confidence, correct: outcomes.correct },
          pool: pool.confidence,
          policy,
          assumptions: planAssumptions({
            run: policy?.appliesToSource ? routeRun : null,
            prices: project.prices,
            people: project.people,
            spend,
          }),
        }),
    policy,
    spend,
    decisions: pool.decisions,
    examples: {
      mistakes: await examples(
        store,
        project.fields,
        single ? mistakes(rows.ids, rows.labels, outcomes, labels, exampleCount) : [],
      ),
      unsure: await examples(store, project.fields, single ? pool.unsure : []),
    },
    ranking: await reportRanking(store, project, notes),
    notes,
  };
}

async function storedCalibrator(
  store: Store,
  source: string,
  K: number,
  notes: string[],
): Promise<StoredCalibrator | null> {
  const model = await store.getModel(`calibrator:${source}`);
  // A multi-label calibrator (one per label) is read by `kindFigures`, not here.
  if (!model || isPerLabelPayload(model.payload)) return null;
  try {
    const calibrator = restoreCalibrator(model.payload);
    if (calibrator.params.K !== K) {
      notes.push(
        `The stored calibrator of ${source} is for ${calibrator.params.K} labels, not ${K}; the report fitted its own.`,
      );
      return null;
    }
    return { calibrator, fittedOn: model.trainedOn > 0 ? model.trainedOn : null };
  } catch (error) {
    notes.push(
      `The stored calibrator of ${source} could not be read (${(error as Error).message}); the report fitted its own.`,
    );
    return null;
  }
}

interface Candidate {
  readonly id: string;
  readonly gold: string | null;
  readonly predicted: string;
  readonly confidence: number;
}

/** Pool pass: calibrated confidence of every voted item, decision counts, the least sure items. */
async function readPool(
  store: Store,
  input: {
    readonly source: string;
    readonly labels: readonly string[];
    readonly calibrator: { apply(p: Float64Array): Float64Array } | null;
    readonly exampleCount: number;
  },
) {
  const K = input.labels.length;
  const confidence = new RowBuffer(1);
  const unsure: Candidate[] = [];
  const decidedBy: Record<DecidedBy | 'none', number> = {
    machine: 0,
    auto: 0,
    human: 0,
    aggregated: 0,
    reviewer: 0,
    expert: 0,
    gold: 0,
    none: 0,
  };
  const zones = { accept: 0, overlap: 0, human: 0, unrouted: 0 };
  let total = 0;
  for await (const page of votedPages(store, {
    roles: ['pool'],
    source: input.source,
    decisions: true,
  })) {
    const probs = new RowBuffer(K);
    const ids: string[] = [];
    for (const item of page.items) {
      total++;
      const decision = page.decisions.get(item.id);
      decidedBy[decision?.decidedBy ?? 'none']++;
      zones[decision?.zone ?? 'unrouted']++;
      const vote = page.votes.get(item.id);
      if (vote && probs.add((out, offset) => voteRow(vote, input.labels, out, offset)))
        ids.push(item.id);
    }
    const raw = probs.toMatrix();
    const top = topLabel(input.calibrator ? input.calibrator.apply(raw) : raw, K);
    ids.forEach((id, i) => {
      const c = top.confidence[i] as number;
      confidence.add((out, offset) => ((out[offset] = c), true));
      keepLowest(
        unsure,
        {
          id,
          gold: null,
          predicted: input.labels[top.predicted[i] as number] as string,
          confidence: c,
        },
        input.exampleCount,
      );
    });
  }
  const decisions: DecisionCounts = { pool: total, zones, decidedBy };
  return { confidence: confidence.toMatrix(), decisions, unsure };
}

/** Keeps the `limit` least confident candidates, ascending. O(limit) per call. */
function keepLowest(list: Candidate[], candidate: Candidate, limit: number): void {
  if (limit <= 0) return;
  if (list.length === limit && candidate.confidence >= (list[limit - 1] as Candidate).confidence)
    return;
  let at = list.length;
  while (at > 0 && (list[at - 1] as Candidate).confidence > candidate.confidence) at--;
  list.splice(at, 0, candidate);
  if (list.length > limit) list.pop();
}

function mistakes(
  ids: readonly string[],
  gold: Int32Array,
  outcomes: {
    readonly predicted: Int32Array;
    readonly confidence: Float64Array;
    readonly correct: Uint8Array;
  },
  labels: readonly string[],
  limit: number,
): Candidate[] {
  const wrong: Candidate[] = [];
  ids.forEach((id, i) => {
    if (outcomes.correct[i]) return;
    wrong.push({
      id,
      gold: labels[gold[i] as number] as string,
      predicted: labels[outcomes.predicted[i] as number] as string,
      confidence: outcomes.confidence[i] as number,
    });
  });
  return wrong
    .sort((a, b) => b.confidence - a.confidence || (a.id < b.id ? -1 : 1))
    .slice(0, Math.max(0, limit));
}

async function examples(
  store: Store,
  fields: readonly string[],
  candidates: readonly Candidate[],
): Promise<ExampleItem[]> {
  if (candidates.length === 0) return [];
  const found = new Map(
    (await store.listItems({ ids: candidates.map((c) => c.id) })).map((item) => [item.id, item]),
  );
  return candidates.map((c) => {
    const item = found.get(c.id);
    const text = item ? itemText(item, fields) : '';
    return { ...c, text: text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT - 1)}…` : text };
  });
}
