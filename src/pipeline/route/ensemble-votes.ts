import { fnv1a64 } from '../../core/prompt/fnv1a64.js';
import {
  learnWeights,
  poolDistributions,
  pooledTopLabel,
  type MemberDistributions,
  type Pooling,
} from '../../core/ensemble/index.js';
import { HiloError } from '../../core/errors.js';
import type { Clock, Store } from '../../core/ports/index.js';
import type { NewVote } from '../../core/types.js';
import { readMemberTable } from './ensemble-members.js';
import { ENSEMBLE_PREFIX, type EnsembleSpec } from './ensemble-spec.js';

export interface EnsembleVotesOptions {
  readonly store: Store;
  readonly clock: Clock;
  /** The machine labellers to combine (vote sources), at least two. */
  readonly sources: readonly string[];
  /** The project's labels, in order. */
  readonly labels: readonly string[];
  readonly pooling: Pooling;
  /** The ensemble's name: its votes are `ensemble:<name>`; default `<pooling>-<hash of the sources>`. */
  readonly name?: string;
}

/** What `ensembleVotes` wrote. */
export interface EnsembleReport {
  readonly source: string;
  readonly spec: EnsembleSpec;
  /** Items given an ensemble vote, and items none of the members labelled. */
  readonly voted: number;
  readonly unlabelled: number;
  /** Mean log-likelihood of the gold labels under the pooled distribution, at equal and learned weights. */
  readonly goldLogLikelihood: { readonly equal: number; readonly learned: number } | null;
  /** Per member: whether its votes went through a stored calibrator. */
  readonly calibrated: readonly boolean[];
}

/**
 * `hilo ensemble`: combines several machine labellers' calibrated distributions of the same
 * items into one more labeller, `ensemble:<name>`, by linear or log-linear pooling. The weights
 * maximise the likelihood of the gold labels (equal weights when there is no gold); each item
 * is pooled over the members that labelled it. Every item gets a vote (newest wins), and the
 * spec (members, pooling, weights) is stored as model `ensemble:<name>` so costs can be summed
 * per member. Calibrate, route, report and aggregate then treat the ensemble like any labeller.
 * @example const report = await ensembleVotes({ store, clock, sources: ['llm:a#1', 'llm:b#2'], labels, pooling: 'log' })
 * Complexity: O(n · m · K · iterations) over n items, m members and K labels.
 */
export async function ensembleVotes(options: EnsembleVotesOptions): Promise<EnsembleReport> {
  const { store, sources, labels, pooling } = options;
  if (new Set(sources).size !== sources.length || sources.length < 2) {
    throw new HiloError('INVALID_INPUT', 'an ensemble needs at least two different sources');
  }
  const bad = sources.find((s) => s.startsWith('human:') || s.startsWith(ENSEMBLE_PREFIX));
  if (bad)
    throw new HiloError(
      'INVALID_INPUT',
      `${bad} is not a machine labeller; an ensemble pools machine votes`,
    );
  const name = options.name ?? `${pooling}-${fnv1a64(sources.join('\n')).slice(0, 8)}`;
  const source = `${ENSEMBLE_PREFIX}${name}`;
  const table = await readMemberTable({ store, sources, labels });
  const K = labels.length;
  const index = new Map(labels.map((l, k) => [l, k]));
  const gold = table.items.flatMap((item, i) => {
    const y =
      item.role === 'gold' && item.goldLabel !== null ? index.get(item.goldLabel) : undefined;
    return y === undefined ||
      !table.members.some((m) => !Number.isNaN(m.rows[i * (K + 1)] as number))
      ? []
      : [{ i, y }];
  });
  const equal = new Float64Array(sources.length).fill(1 / sources.length);
  let weights: Float64Array = equal;
  let goldLogLikelihood: EnsembleReport['goldLogLikelihood'] = null;
  if (gold.length > 0) {
    const pick = (m: MemberDistributions): MemberDistributions => {
      const rows = new Float64Array(gold.length * (K + 1));
      gold.forEach(({ i }, r) =>
        rows.set(m.rows.subarray(i * (K + 1), (i + 1) * (K + 1)), r * (K + 1)),
      );
      return { K, rows };
    };
    const data = { members: table.members.map(pick), truth: gold.map((g) => g.y), pooling };
    const learned = learnWeights(data);
    weights = learned.weights;
    goldLogLikelihood = {
      equal: learnWeights({ ...data, iterations: 0 }).logLikelihood,
      learned: learned.logLikelihood,
    };
  }
  const spec: EnsembleSpec = {
    sources,
    pooling,
    weights: Array.from(weights),
    weightsFrom: gold.length > 0 ? 'gold' : 'equal',
    goldItems: gold.length,
  };
  const pooled = poolDistributions({ members: table.members, weights, pooling });
  const top = pooledTopLabel(pooled, K);
  const at = new Date(options.clock.now()).toISOString();
  const votes: NewVote[] = [];
  table.items.forEach((item, i) => {
    const k = top.predicted[i] as number;
    if (k < 0) return;
    const row = pooled.subarray(i * (K + 1), (i + 1) * (K + 1));
    votes.push({
      itemId: item.id,
      source,
      label: labels[k] as string,
      probabilities: Object.fromEntries(labels.map((l, j) => [l, row[j] as number])),
      method: 'ensemble',
      otherMass: row[K] as number,
      verbalized: null,
      rationale: null,
      abstainReason: null,
      runId: null,
      tokensIn: 0,
      tokensOut: 0,
      costUsd: 0,
      latencyMs: 0,
      timeSpentMs: null,
      createdAt: at,
    });
  });
  await store.saveModel({
    name: source,
    payload: JSON.stringify(spec),
    metrics: { goldLogLikelihood },
    trainedOn: gold.length,
    createdAt: at,
  });
  for (let start = 0; start < votes.length; start += 2000)
    await store.addVotes(votes.slice(start, start + 2000));
  return {
    source,
    spec,
    voted: votes.length,
    unlabelled: table.items.length - votes.length,
    goldLogLikelihood,
    calibrated: table.calibrated,
  };
}
