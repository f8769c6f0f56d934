import { HiloError } from '../errors.js';
import type { Rng } from '../rng.js';
import { badge } from './badge.js';
import { contrastiveScores } from './contrastive-scores.js';
import { coreSet, labelledDistances } from './core-set.js';
import { createNearestLabelled, type NearestLabelled } from './nearest-labelled.js';
import type { PoolEmbeddings, PoolPredictions } from './pool-data.js';
import { randomSample, topScored } from './top-scored.js';
import { entropyScores, leastConfidenceScores, marginScores } from './uncertainty-scores.js';

/**
 * The query strategies hilo ships (DESIGN §6).
 * @example const name: QueryStrategyName = 'margin'; createQueryStrategy(name, { size: n })
 */
export type QueryStrategyName =
  'random' | 'least-confidence' | 'margin' | 'entropy' | 'cal' | 'badge' | 'core-set';

/**
 * Every query strategy name.
 * @example QUERY_STRATEGIES.includes('margin') // true
 */
export const QUERY_STRATEGIES: readonly QueryStrategyName[] = [
  'random',
  'least-confidence',
  'margin',
  'entropy',
  'cal',
  'badge',
  'core-set',
];

/** Strategies that need feature-space embeddings of the pool. */
const NEEDS_EMBEDDINGS: ReadonlySet<QueryStrategyName> = new Set(['cal', 'badge', 'core-set']);

/**
 * One round's request: the current predictions, the labelled items, the batch size, the generator.
 * @example strategy.select({ predictions, labelled, count: 25, rng: createRng(1) })
 */
export interface QueryRequest {
  /** The current model's predictions for every pool item (labelled ones included: CAL reads them). */
  readonly predictions: PoolPredictions;
  /** 1 for items already labelled; they are never picked. */
  readonly labelled: Uint8Array;
  readonly count: number;
  readonly rng: Rng;
}

/**
 * A strategy bound to one pool; it may keep state between rounds (core-set, CAL).
 * @example const strategy = createQueryStrategy('badge', { size: n, embeddings }); strategy.select(request)
 */
export interface QueryStrategy {
  readonly name: QueryStrategyName;
  /** The next batch: up to `count` unlabelled items, most wanted first where there is an order. */
  select(request: QueryRequest): Int32Array;
  /** Tells the strategy which items were just labelled (the initial set included). */
  addLabelled(items: ArrayLike<number>): void;
}

/**
 * What a strategy knows of the pool for all rounds: its size, and embeddings for the strategies
 * that need them.
 * @example createQueryStrategy('cal', { size: n, embeddings, neighbours: 10 })
 */
export interface QueryStrategyContext {
  /** Needed by cal, badge and core-set. */
  readonly embeddings?: PoolEmbeddings;
  /** Labelled neighbours CAL compares with; default 10 (as in the CAL paper). */
  readonly neighbours?: number;
  /** Number of pool items (needed when there are no embeddings to read it from). */
  readonly size: number;
}

/**
 * A query strategy over one pool. Uncertainty strategies take the batch's top scores (ties
 * broken by the seed); BADGE and core-set pick the batch jointly for diversity; CAL keeps a
 * nearest-labelled-neighbour table and core-set each item's distance to the labelled set, both
 * updated by `addLabelled`, so a round never recomputes them from scratch.
 * @example
 * const strategy = createQueryStrategy('margin', { size: n });
 * strategy.addLabelled(initial);
 * const batch = strategy.select({ predictions, labelled, count: 25, rng });
 * Complexity: per round O(n × K) for uncertainty, O(n × k × K + n × batch × d) for CAL,
 * O(batch × n × (K + d)) for BADGE, O(batch × n × d) for core-set.
 * @throws HiloError INVALID_INPUT when a strategy needs embeddings and none are given.
 */
export function createQueryStrategy(
  name: QueryStrategyName,
  context: QueryStrategyContext,
): QueryStrategy {
  const embeddings = context.embeddings;
  if (NEEDS_EMBEDDINGS.has(name) && !embeddings) {
    throw new HiloError(
      'INVALID_INPUT',
      `the ${name} strategy needs feature embeddings of the pool`,
    );
  }
  const top =
    (score: (p: PoolPredictions) => Float64Array) =>
    (r: QueryRequest): Int32Array =>
      topScored(score(r.predictions), r.count, r.rng, r.labelled);
  switch (name) {
    case 'random':
      return stateless(name, (r) => randomSample(context.size, r.count, r.rng, r.labelled));
    case 'least-confidence':
      return stateless(name, top(leastConfidenceScores));
    case 'margin':
      return stateless(name, top(marginScores));
    case 'entropy':
      return stateless(name, top(entropyScores));
    case 'badge':
      return stateless(name, (r) =>
        badge({
          predictions: r.predictions,
          embeddings: embeddings as PoolEmbeddings,
          count: r.count,
          rng: r.rng,
          excluded: r.labelled,
        }),
      );
    case 'cal':
      return contrastive(
        createNearestLabelled(embeddings as PoolEmbeddings, context.neighbours ?? 10),
      );
    case 'core-set':
      return coreSetStrategy(embeddings as PoolEmbeddings, context.size);
  }
}

function stateless(
  name: QueryStrategyName,
  select: (r: QueryRequest) => Int32Array,
): QueryStrategy {
  return { name, select, addLabelled: () => undefined };
}

function contrastive(nearest: NearestLabelled): QueryStrategy {
  return {
    name: 'cal',
    select: (r) => topScored(contrastiveScores(r.predictions, nearest), r.count, r.rng, r.labelled),
    addLabelled: (items) => nearest.add(items),
  };
}

function coreSetStrategy(embeddings: PoolEmbeddings, size: number): QueryStrategy {
  let distances: Float64Array = new Float64Array(size).fill(Infinity);
  // select() already knows the distances after its picks; reuse them when exactly those picks
  // are the ones labelled next (the usual case) instead of recomputing.
  let pending: { picks: Int32Array; distances: Float64Array } | null = null;
  return {
    name: 'core-set',
    select: (r) => {
      const result = coreSet({
        embeddings,
        count: r.count,
        rng: r.rng,
        labelled: r.labelled,
        distances,
      });
      pending = result;
      return result.picks;
    },
    addLabelled: (items) => {
      if (pending && sameItems(pending.picks, items)) {
        distances = pending.distances;
      } else {
        const mask = new Uint8Array(size);
        for (let a = 0; a < items.length; a++) mask[items[a] as number] = 1;
        distances = labelledDistances(embeddings, mask, distances);
      }
      pending = null;
    },
  };
}

function sameItems(a: Int32Array, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
