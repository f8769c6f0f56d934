import { buildVoteMatrix } from '../../core/aggregation/build-vote-matrix.js';
import { majorityVote } from '../../core/aggregation/majority-vote.js';
import { annotatorAgreement } from '../../core/agreement/annotator-agreement.js';
import {
  bootstrapInterval,
  type BootstrapInterval,
} from '../../core/agreement/bootstrap-interval.js';
import { fleissKappa } from '../../core/agreement/fleiss-kappa.js';
import { krippendorffAlpha } from '../../core/agreement/krippendorff-alpha.js';
import { percentAgreement } from '../../core/agreement/percent-agreement.js';
import { displayNames, sourceName } from '../../core/display-names.js';
import { HiloError } from '../../core/errors.js';
import type { PeopleStore, Store } from '../../core/ports/index.js';
import type { TaskShape } from '../../core/task-kind/index.js';
import { runsOfKind, type MeasuredPositionBias } from '../../core/runs/run-records.js';
import type { Vote } from '../../core/types.js';
import { judgeAgreementReport, type JudgeAgreementReport } from './judge-agreement-report.js';
import { ratingAgreement, type RatingAgreement } from './rating-agreement.js';
import { setAgreement, type SetAgreement } from './set-agreement.js';

/** The agreement figures of a kind beyond the nominal table; null for classify. */
export type KindAgreement = SetAgreement | RatingAgreement | JudgeAgreementReport;

export interface AgreementOptions {
  readonly store: Store;
  readonly labels: readonly string[];
  /** Bootstrap resamples for the intervals (0 = none). Default 500. */
  readonly samples?: number;
  readonly seed?: number;
  /** Include machine labellers as raters; default false (agreement among people). */
  readonly includeMachines?: boolean;
  /** Where people's names are looked up; without it people show as their ids. */
  readonly people?: Pick<PeopleStore, 'listAnnotators'>;
  /** The project's task shape; default single-label classification over `labels`. */
  readonly shape?: TaskShape;
  /** Rating: pairs of raters sharing fewer items are left out of the pair table. Default 20. */
  readonly minPairItems?: number;
}

export interface AgreementTable {
  readonly items: number;
  readonly raters: number;
  readonly votes: number;
  readonly percentAgreement: BootstrapInterval;
  readonly fleissKappa: BootstrapInterval;
  readonly krippendorffAlpha: BootstrapInterval;
  /**
   * Each rater against the aggregate (the stored decision, else majority vote): `rater` is the
   * vote source, `name` the person's name (their id beside a name two people share; the bare id
   * of an imported crowd's worker) or, for a machine, the source.
   */
  readonly perRater: readonly {
    rater: string;
    name: string;
    votes: number;
    agreement: number;
    kappa: number;
  }[];
  /**
   * Multi-label: α with MASI and per label; rating: α ordinal and interval, weighted κ and mean
   * |difference| between raters; pairwise: machine judges against people's plurality.
   */
  readonly kind: KindAgreement | null;
}

/**
 * The agreement table annotation leads expect: percent agreement, Fleiss' κ and Krippendorff's α
 * (nominal, missing data allowed) with bootstrap intervals over items, and each rater's raw
 * agreement and Cohen's κ against the aggregate label.
 * @example const table = await agreementTable({ store, labels });
 * Complexity: O(votes × samples) for the intervals.
 */
export async function agreementTable(options: AgreementOptions): Promise<AgreementTable> {
  const { store, labels } = options;
  const votes = (
    await store.listVotes(options.includeMachines ? {} : { sourcePrefix: 'human:' })
  ).filter((v) => v.label !== null);
  if (votes.length === 0)
    throw new HiloError(
      'NOT_FOUND',
      'no votes to measure agreement on; import some with `hilo import-votes`',
    );
  const shape: TaskShape = options.shape ?? { kind: 'classify', labels };
  // A multi-label vote is a set: the nominal figures compare whole sets, one category per code.
  const categories =
    shape.kind === 'multilabel' ? [...new Set(votes.map((v) => v.label as string))].sort() : labels;
  const built = buildVoteMatrix(
    votes.map((v) => ({ item: v.itemId, annotator: v.source, label: v.label })),
    { labels: categories },
  );
  const { matrix } = built;
  const bootstrap = { samples: options.samples ?? 500, seed: options.seed ?? 0 };
  const interval = (stat: (m: typeof matrix) => number): BootstrapInterval =>
    bootstrap.samples > 0
      ? bootstrapInterval(matrix, stat, bootstrap)
      : { estimate: stat(matrix), lower: NaN, upper: NaN, level: 0.95, samples: 0 };
  const decisions = new Map(
    (await store.listDecisions({ itemIds: built.items })).map((d) => [d.itemId, d]),
  );
  const fallback = majorityVote(matrix, { seed: options.seed ?? 0 }).labels;
  const aggregate = Int32Array.from(built.items, (id, i) => {
    const label = decisions.get(id)?.label;
    const k = label ? built.labelIndex.get(label) : undefined;
    return k ?? (fallback[i] as number);
  });
  const per = annotatorAgreement(matrix, aggregate);
  const names = displayNames((await options.people?.listAnnotators()) ?? []);
  return {
    items: matrix.numItems,
    raters: matrix.numAnnotators,
    votes: matrix.numVotes,
    percentAgreement: interval(percentAgreement),
    fleissKappa: interval(fleissKappa),
    krippendorffAlpha: interval((m) => krippendorffAlpha(m)),
    perRater: built.annotators.map((rater, a) => ({
      rater,
      name: sourceName(rater, names),
      votes: per.votes[a] as number,
      agreement: per.agreement[a] as number,
      kappa: per.kappa[a] as number,
    })),
    kind: await kindAgreement(options, shape, votes),
  };
}

async function kindAgreement(
  options: AgreementOptions,
  shape: TaskShape,
  votes: readonly Vote[],
): Promise<KindAgreement | null> {
  switch (shape.kind) {
    case 'multilabel':
      return setAgreement(votes, shape.labels);
    case 'rating':
      return ratingAgreement(votes, shape.labels, { minItems: options.minPairItems ?? 20 });
    case 'pairwise': {
      const all = options.includeMachines ? votes : await options.store.listVotes({});
      return judgeAgreementReport(
        all.filter((v) => v.label !== null),
        await swappedBias(options.store),
      );
    }
    case 'classify':
      return null;
  }
}

/** What each judge's newest label run measured asking it in both orders, by vote source. */
async function swappedBias(store: Store): Promise<Map<string, MeasuredPositionBias>> {
  const out = new Map<string, MeasuredPositionBias>();
  const runs = runsOfKind(await store.listRuns({ kind: 'label' }), 'label');
  for (const run of [...runs].sort((a, b) => a.startedAt.localeCompare(b.startedAt))) {
    if (run.config.kind === 'llm' && run.config.positionBias)
      out.set(run.config.labeller, run.config.positionBias);
  }
  return out;
}
