import type { Distribution, Vote } from '../../core/types.js';

/**
 * Posterior over labels from a machine prior and people's votes, each person right with
 * probability `accuracy(source)` and otherwise wrong uniformly (a one-coin model).
 * @example itemPosterior(['a', 'b'], { a: 0.6, b: 0.4 }, votes, () => 0.8)
 * Complexity: O(votes × labels).
 */
export function itemPosterior(
  labels: readonly string[],
  prior: Distribution | null,
  votes: readonly Vote[],
  accuracy: (source: string) => number,
): Distribution {
  const k = labels.length;
  const logp = new Float64Array(k);
  for (let i = 0; i < k; i++)
    logp[i] = Math.log(prior?.[labels[i] ?? ''] ?? 1 / k) || Math.log(1e-9);
  for (const vote of votes) {
    if (vote.label === null) continue;
    const acc = Math.min(0.999, Math.max(1 / k, accuracy(vote.source)));
    for (let i = 0; i < k; i++) {
      logp[i] =
        (logp[i] ?? 0) + Math.log(labels[i] === vote.label ? acc : (1 - acc) / Math.max(1, k - 1));
    }
  }
  let max = -Infinity;
  for (const v of logp) max = Math.max(max, v);
  let sum = 0;
  for (let i = 0; i < k; i++) sum += Math.exp((logp[i] ?? 0) - max);
  const out: Distribution = {};
  for (let i = 0; i < k; i++) out[labels[i] ?? ''] = Math.exp((logp[i] ?? 0) - max) / sum;
  return out;
}
