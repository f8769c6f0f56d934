import { aggregate, type AggregateOptions } from '../../core/aggregation/aggregate.js';
import type {
  AggregationMethod,
  AggregationResult,
} from '../../core/aggregation/aggregation-types.js';
import type { BuiltVoteMatrix } from '../../core/aggregation/build-vote-matrix.js';
import type { PeopleStore } from '../../core/ports/people-store.js';
import type { Clock, Store } from '../../core/ports/index.js';
import type { Decision, Item, Vote } from '../../core/types.js';
import { readVoteInput } from './aggregate-votes-input.js';
import { canReplaceDecision } from '../items/index.js';

export interface AggregateVotesOptions {
  readonly store: Store;
  readonly labels: readonly string[];
  readonly clock: Clock;
  readonly method: AggregationMethod;
  /** Machine votes (llm:, model:) enter as annotators with soft votes; default true. */
  readonly includeMachines?: boolean;
  /** Where discounted people are looked up; their votes are dropped unless `keepDiscounted`. */
  readonly people?: Pick<PeopleStore, 'listAnnotators'>;
  /** Keep the votes of people a control-accuracy rule discounted; default false. */
  readonly keepDiscounted?: boolean;
  readonly seed?: number;
  readonly maxIterations?: number;
  readonly tolerance?: number;
}

export interface AnnotatorSkillRow {
  readonly annotator: string;
  readonly votes: number;
  /** The method's skill score (expected accuracy, agreement rate, ability, …). */
  readonly ability: number;
}

export interface AggregateReport {
  readonly method: AggregationMethod;
  readonly items: number;
  readonly votes: number;
  readonly annotators: number;
  readonly decided: number;
  /** Decisions kept because a reviewer or gold outranks the aggregate. */
  readonly kept: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Accuracy on items with a trusted label that were not clamped (role test), when any. */
  readonly testAccuracy: { readonly correct: number; readonly total: number } | null;
  readonly skills: readonly AnnotatorSkillRow[];
  /** Votes of discounted people left out, and whose sources (`human:<id>`). */
  readonly dropped: { readonly votes: number; readonly sources: readonly string[] };
  readonly seconds: number;
}

/**
 * Turns every vote into one decision per item: builds the vote matrix (people as hard votes,
 * machine labellers as soft votes with their own confusion matrix; the votes of people a rule
 * discounted dropped unless `keepDiscounted`), clamps gold items, runs the chosen aggregator and stores `aggregated` decisions with the posterior for items that have at
 * least one human vote. Reviewer and gold decisions are never overwritten.
 * @example const report = await aggregateVotes({ store, labels, clock, method: 'recommended' });
 * Complexity: O(votes) to read plus the method's cost; memory O(votes + items × K).
 */
export async function aggregateVotes(options: AggregateVotesOptions): Promise<AggregateReport> {
  const { store, clock } = options;
  const started = clock.now();
  const input = await readVoteInput(options);
  const { built, votes, gold, items } = input;
  const humanItems = new Set(
    votes.filter((v) => v.source.startsWith('human:')).map((v) => v.itemId),
  );
  const result = aggregate(built.matrix, methodOptions(options, gold));
  const { decided, kept } = await storeDecisions(
    store,
    built,
    result,
    humanItems,
    votes,
    new Date(clock.now()).toISOString(),
  );
  return {
    method: result.method,
    items: built.items.length,
    votes: built.matrix.numVotes,
    annotators: built.annotators.length,
    decided,
    kept,
    iterations: result.iterations,
    converged: result.converged,
    testAccuracy: testAccuracy(built, result, items),
    skills: built.annotators.map((annotator, a) => ({
      annotator,
      votes:
        (built.matrix.annotatorOffsets[a + 1] as number) -
        (built.matrix.annotatorOffsets[a] as number),
      ability: result.skills.ability[a] as number,
    })),
    dropped: input.dropped,
    seconds: (clock.now() - started) / 1000,
  };
}

function methodOptions(options: AggregateVotesOptions, gold: Int32Array): AggregateOptions {
  const common = {
    gold,
    seed: options.seed ?? 0,
    ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
    ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}),
  };
  return { method: options.method, ...common } as AggregateOptions;
}

async function storeDecisions(
  store: Store,
  built: BuiltVoteMatrix,
  result: AggregationResult,
  humanItems: ReadonlySet<string>,
  votes: readonly Vote[],
  now: string,
): Promise<{ decided: number; kept: number }> {
  const K = built.labels.length;
  const voteIds = new Map<string, number[]>();
  for (const v of votes) {
    const list = voteIds.get(v.itemId);
    if (list) list.push(v.id);
    else voteIds.set(v.itemId, [v.id]);
  }
  let decided = 0;
  let kept = 0;
  await store.transaction(async (tx) => {
    for (let start = 0; start < built.items.length; start += 1000) {
      const ids = built.items.slice(start, start + 1000).filter((id) => humanItems.has(id));
      if (ids.length === 0) continue;
      const existing = new Map(
        (await tx.listDecisions({ itemIds: ids })).map((d) => [d.itemId, d]),
      );
      const decisions: Decision[] = [];
      for (const id of ids) {
        const i = built.itemIndex.get(id) as number;
        const previous = existing.get(id);
        if (!canReplaceDecision(previous, 'aggregated')) {
          kept++;
          continue;
        }
        const probabilities: Record<string, number> = {};
        for (let k = 0; k < K; k++)
          probabilities[built.labels[k] as string] = result.posteriors[i * K + k] as number;
        const label = built.labels[result.labels[i] as number] as string;
        decisions.push({
          itemId: id,
          label,
          confidence: probabilities[label] ?? null,
          probabilities,
          decidedBy: 'aggregated',
          source: `aggregate:${result.method}`,
          voteIds: voteIds.get(id) ?? [],
          zone: previous?.zone ?? null,
          updatedAt: now,
        });
      }
      if (decisions.length > 0) await tx.putDecisions(decisions);
      decided += decisions.length;
    }
  });
  return { decided, kept };
}

function testAccuracy(
  built: BuiltVoteMatrix,
  result: AggregationResult,
  items: ReadonlyMap<string, Item>,
) {
  let correct = 0;
  let total = 0;
  built.items.forEach((id, i) => {
    const item = items.get(id);
    if (!item || item.role !== 'test' || item.goldLabel === null) return;
    total++;
    if (built.labels[result.labels[i] as number] === item.goldLabel) correct++;
  });
  return total > 0 ? { correct, total } : null;
}
