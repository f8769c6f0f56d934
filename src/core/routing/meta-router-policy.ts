import { HiloError } from '../errors.js';
import { createRng, shuffled } from '../rng.js';
import { candidateThresholds, suggestedMinCoverage } from './candidate-thresholds.js';
import { learnThenTest, type ThresholdSelection } from './learn-then-test.js';
import { fitMetaRouter, type MetaRouter } from './meta-router.js';

export interface MetaRouterPolicyInput {
  /** n×d features of the gold items (see `routerFeatures`). */
  readonly features: Float64Array;
  readonly names: readonly string[];
  /** 1 when the machine's label of that gold item is right. */
  readonly correct: ArrayLike<number>;
  /** m×d features of the pool, for candidate thresholds; without it, the fitting half is used. */
  readonly reference?: Float64Array;
  readonly target: number;
  readonly delta: number;
  readonly seed: number;
  /** Share of gold used to fit the router (default 0.5); the rest certifies the threshold. */
  readonly fitFraction?: number;
  /** Number of candidate thresholds (default 50). */
  readonly steps?: number;
  readonly l2?: number;
}

export interface MetaRouterPolicy {
  readonly router: MetaRouter;
  /** Threshold on the router's P(right); accept items scoring at or above it. */
  readonly selection: ThresholdSelection;
  /** Gold rows used to fit the router and to test thresholds. */
  readonly fitItems: Int32Array;
  readonly testItems: Int32Array;
}

function rows(matrix: Float64Array, d: number, items: Int32Array): Float64Array {
  const out = new Float64Array(items.length * d);
  items.forEach((item, r) => out.set(matrix.subarray(item * d, (item + 1) * d), r * d));
  return out;
}

/**
 * A meta-router with a guaranteed threshold. The gold is split at random: one part fits the
 * router, the other runs `learnThenTest` on the router's scores, so the test sees a router it
 * did not help fit and the promise stays valid. Candidate thresholds come from the router's
 * scores on the pool (or on the fitting part), never from the testing part's labels.
 * @example selectMetaRouterPolicy({ features, names, correct, reference: poolFeatures, target: 0.97, delta: 0.05, seed: 1 }).selection.threshold
 * Complexity: that of `fitMetaRouter` on the fitting part plus `learnThenTest` on the rest.
 */
export function selectMetaRouterPolicy(input: MetaRouterPolicyInput): MetaRouterPolicy {
  const { features, names, correct, target, delta } = input;
  const d = names.length;
  const n = correct.length;
  const fitCount = Math.round(n * (input.fitFraction ?? 0.5));
  if (fitCount < 2 || n - fitCount < 1) {
    throw new HiloError(
      'INVALID_INPUT',
      `a meta-router needs gold to fit and to test; got ${n} gold items`,
    );
  }
  const order = shuffled(
    Array.from({ length: n }, (_, i) => i),
    createRng(input.seed),
  );
  const fitItems = Int32Array.from(order.slice(0, fitCount)).sort();
  const testItems = Int32Array.from(order.slice(fitCount)).sort();
  const fitFeatures = rows(features, d, fitItems);
  const router = fitMetaRouter({
    features: fitFeatures,
    names,
    wrong: Array.from(fitItems, (i) => 1 - (correct[i] as number)),
    ...(input.l2 === undefined ? {} : { l2: input.l2 }),
  });
  const testScores = router.score(rows(features, d, testItems));
  const thresholds = candidateThresholds({
    reference: router.score(input.reference ?? fitFeatures),
    minCoverage: suggestedMinCoverage({ goldSize: testItems.length, target, delta }),
    ...(input.steps === undefined ? {} : { steps: input.steps }),
  });
  const selection = learnThenTest({
    scores: testScores,
    correct: Array.from(testItems, (i) => correct[i] as number),
    thresholds,
    target,
    delta,
  });
  return { router, selection, fitItems, testItems };
}
