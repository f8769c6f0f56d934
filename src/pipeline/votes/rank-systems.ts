import { HiloError } from '../../core/errors.js';
import { bradleyTerry, type PairwiseOutcomes } from '../../core/pairwise/index.js';
import type { Store } from '../../core/ports/index.js';
import type { PairwiseOptions } from '../../core/project.js';
import type { TaskKind } from '../../core/types.js';
import { itemsById } from './aggregate-votes-input.js';

export interface RankSystemsOptions {
  readonly store: Pick<Store, 'listDecisions' | 'listVotes' | 'listItems'>;
  readonly kind: TaskKind;
  readonly pairwise: Pick<PairwiseOptions, 'systemA' | 'systemB'>;
  /** `decisions`: one verdict per decided pair (default); `votes`: every person's verdict. */
  readonly from?: 'decisions' | 'votes';
  /** Virtual tied games per system (see `bradleyTerry`); default 1. */
  readonly prior?: number;
}

/** One system's place in the ranking. */
export interface SystemRank {
  readonly rank: number;
  readonly system: string;
  /** Bradley–Terry log-strength; the scores sum to 0. */
  readonly score: number;
  readonly standardError: number;
  /** 95% interval of the score. */
  readonly lower: number;
  readonly upper: number;
  readonly wins: number;
  readonly losses: number;
  readonly ties: number;
}

export interface RankReport {
  readonly from: 'decisions' | 'votes';
  readonly prior: number;
  /** Verdicts the ranking counts. */
  readonly comparisons: number;
  /** Verdicts left out: the item does not name two different systems. */
  readonly skipped: number;
  readonly systems: readonly SystemRank[];
  readonly iterations: number;
  readonly converged: boolean;
}

const SCORE: Readonly<Record<string, number>> = { a: 1, b: 0, tie: 0.5 };

/**
 * Ranks the systems behind a pairwise project's responses by Bradley–Terry, from the decided
 * verdicts (or every person's verdict): the systems are read from the item fields
 * `pairwise.systemA` and `pairwise.systemB`; a verdict for A is a win of A's system, a tie half a
 * win to each; strengths with standard errors and 95% intervals (Hunter's MM algorithm with
 * `prior` virtual ties per system). Throws INVALID_INPUT when the project is not pairwise, when
 * the system fields are not set, or when fewer than 2 systems were compared.
 * @example const { systems } = await rankSystems({ store, kind: 'pairwise', pairwise: config.pairwise });
 * Complexity: O(verdicts + iterations × systems² + systems³).
 */
export async function rankSystems(options: RankSystemsOptions): Promise<RankReport> {
  const { systemA, systemB } = options.pairwise;
  if (options.kind !== 'pairwise') {
    throw new HiloError(
      'INVALID_INPUT',
      `a ranking of systems needs kind: pairwise; this project is kind ${options.kind}`,
    );
  }
  if (systemA === null || systemB === null) {
    throw new HiloError(
      'INVALID_INPUT',
      'a ranking needs pairwise.systemA and pairwise.systemB in hilo.yaml: the item fields naming the system behind each response',
    );
  }
  const from = options.from ?? 'decisions';
  const verdicts = (
    from === 'votes'
      ? await options.store.listVotes({ sourcePrefix: 'human:' })
      : await options.store.listDecisions({})
  ).flatMap((v) =>
    v.label !== null && SCORE[v.label] !== undefined
      ? [{ itemId: v.itemId, score: SCORE[v.label] as number }]
      : [],
  );
  const items = await itemsById(options.store, [...new Set(verdicts.map((v) => v.itemId))]);
  const index = new Map<string, number>();
  const first: number[] = [];
  const second: number[] = [];
  const scores: number[] = [];
  let skipped = 0;
  for (const v of verdicts) {
    const fields = items.get(v.itemId)?.fields ?? {};
    const x = systemName(fields[systemA]);
    const y = systemName(fields[systemB]);
    if (x === null || y === null || x === y) {
      skipped++;
      continue;
    }
    for (const s of [x, y]) if (!index.has(s)) index.set(s, index.size);
    first.push(index.get(x) as number);
    second.push(index.get(y) as number);
    scores.push(v.score);
  }
  if (index.size < 2) {
    throw new HiloError(
      'INVALID_INPUT',
      `fewer than 2 systems were compared in ${from === 'votes' ? "people's votes" : 'the decisions'} (fields ${systemA}, ${systemB})`,
    );
  }
  const outcomes: PairwiseOutcomes = {
    numSystems: index.size,
    first: Int32Array.from(first),
    second: Int32Array.from(second),
    score: Float64Array.from(scores),
  };
  const prior = options.prior ?? 1;
  const fit = bradleyTerry(outcomes, { prior });
  const names = [...index.keys()];
  const tally = tallies(outcomes);
  return {
    from,
    prior,
    comparisons: scores.length,
    skipped,
    systems: Array.from(fit.ranking, (s, r) => ({
      rank: r + 1,
      system: names[s] as string,
      score: fit.scores[s] as number,
      standardError: fit.standardErrors[s] as number,
      lower: fit.lower[s] as number,
      upper: fit.upper[s] as number,
      wins: tally.wins[s] as number,
      losses: tally.losses[s] as number,
      ties: tally.ties[s] as number,
    })),
    iterations: fit.iterations,
    converged: fit.converged,
  };
}

function systemName(value: unknown): string | null {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function tallies(outcomes: PairwiseOutcomes) {
  const m = outcomes.numSystems;
  const wins = new Int32Array(m);
  const losses = new Int32Array(m);
  const ties = new Int32Array(m);
  outcomes.score.forEach((s, c) => {
    const x = outcomes.first[c] as number;
    const y = outcomes.second[c] as number;
    if (s === 0.5) {
      ties[x]! += 1;
      ties[y]! += 1;
    } else {
      wins[s === 1 ? x : y]! += 1;
      losses[s === 1 ? y : x]! += 1;
    }
  });
  return { wins, losses, ties };
}
