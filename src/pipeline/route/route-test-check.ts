import { clopperPearson, type Interval } from '../../core/routing/clopper-pearson.js';
import { restoreMetaRouter } from '../../core/routing/meta-router.js';
import { routerFeatures } from '../../core/routing/router-features.js';
import type { ScoredItems } from './route-evidence.js';
import type { ChosenPolicy } from './route-policy.js';

/** How the chosen policy does on held-out test items, which played no part in choosing it. */
export interface TestCheck {
  readonly items: number;
  readonly accepted: number;
  readonly correct: number;
  /** Accuracy of the accepted test labels with a two-sided Clopper–Pearson interval at 1 − delta. */
  readonly accuracy: Interval;
}

function accepts(policy: ChosenPolicy, test: ScoredItems, labels: readonly string[]): Uint8Array {
  const n = test.ids.length;
  const out = new Uint8Array(n);
  const { threshold, thresholds, router } = policy;
  if (router !== null) {
    if (threshold === null || test.probabilities === null) return out;
    const features = routerFeatures({
      probabilities: test.probabilities,
      K: labels.length,
      textLength: test.textLength,
    });
    const scores = restoreMetaRouter(router).score(features.matrix);
    for (let i = 0; i < n; i++) out[i] = (scores[i] as number) >= threshold ? 1 : 0;
    return out;
  }
  for (let i = 0; i < n; i++) {
    const t = thresholds ? thresholds[labels[test.predicted[i] as number] as string] : threshold;
    out[i] = t !== null && t !== undefined && (test.confidence[i] as number) >= t ? 1 : 0;
  }
  return out;
}

/**
 * Applies the chosen policy to the project's test items (gold kept out of training and of
 * routing) and measures the accuracy of the labels it would accept there: an independent check
 * of the promise. Null when there are no test items with a vote.
 * @example routeTestCheck({ policy, test, labels, delta: 0.05 })?.accuracy.estimate
 * Complexity: O(n) (plus O(nd) for the meta-router's features).
 */
export function routeTestCheck(input: {
  readonly policy: ChosenPolicy;
  readonly test: ScoredItems;
  readonly labels: readonly string[];
  readonly delta: number;
}): TestCheck | null {
  const { test } = input;
  if (test.ids.length === 0 || test.correct === null) return null;
  const accepted = accepts(input.policy, test, input.labels);
  if (test.labelCorrect !== null) return everyLabelCheck(test.labelCorrect, accepted, input);
  let m = 0;
  let k = 0;
  for (let i = 0; i < accepted.length; i++) {
    if (accepted[i] === 0) continue;
    m++;
    k += test.correct[i] as number;
  }
  return {
    items: test.ids.length,
    accepted: m,
    correct: k,
    accuracy: clopperPearson(k, m, input.delta),
  };
}

/**
 * The per-label promise on test items: the weakest label's accuracy among the accepted ones,
 * its interval at delta / L (L labels were looked at to find the weakest).
 */
function everyLabelCheck(
  labelCorrect: Uint8Array,
  accepted: Uint8Array,
  input: { readonly labels: readonly string[]; readonly delta: number },
): TestCheck {
  const L = input.labels.length;
  const right = new Int32Array(L);
  let m = 0;
  for (let i = 0; i < accepted.length; i++) {
    if (accepted[i] === 0) continue;
    m++;
    for (let l = 0; l < L; l++)
      right[l] = (right[l] as number) + (labelCorrect[i * L + l] as number);
  }
  const k = m > 0 ? Math.min(...right) : 0;
  return {
    items: accepted.length,
    accepted: m,
    correct: k,
    accuracy: clopperPearson(k, m, input.delta / L),
  };
}
