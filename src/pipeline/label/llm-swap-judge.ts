import { swapVerdict } from '../../core/prompt/pairwise-prompt.js';
import type { Distribution } from '../../core/types.js';
import type { Job, Judgement, LlmLabelStats } from './llm-job.js';

/**
 * The verdict of a pairwise judge asked in both orders. `swapped` was asked with the responses
 * exchanged, so its `a` is the original `b`: it is mapped back, and the two distributions are
 * averaged, which cancels a bias towards whichever response is shown first. The label is the
 * combined distribution's top verdict (ties to the first order's). When one order abstained the
 * other is the verdict alone (and no `orders` are kept, so the run's position bias counts only
 * items read in both orders); when both did, the item abstains with both reasons.
 * @example combineOrders(first, swapped, ['a', 'b', 'tie']).probabilities // { a: 0.5, b: 0.4, tie: 0.1 }
 * Complexity: O(labels).
 */
export function combineOrders(
  first: Judgement,
  swapped: Judgement,
  labels: readonly string[],
): Judgement {
  const back = mapBack(swapped);
  if (first.probabilities === null || first.label === null) {
    if (back.probabilities !== null) return back;
    return {
      ...first,
      abstainReason: `first order: ${first.abstainReason ?? 'no answer'}; swapped order: ${swapped.abstainReason ?? 'no answer'}`,
    };
  }
  if (back.probabilities === null || back.label === null) return first;
  const p = first.probabilities;
  const q = back.probabilities;
  const combined: Distribution = {};
  for (const label of labels) combined[label] = ((p[label] ?? 0) + (q[label] ?? 0)) / 2;
  let label = first.label;
  for (const l of labels) if ((combined[l] ?? 0) > (combined[label] ?? 0)) label = l;
  const stated = [first.verbalized, back.verbalized].filter((v) => v !== null);
  return {
    label,
    probabilities: combined,
    method: first.method === back.method ? first.method : 'self-consistency',
    otherMass: (first.otherMass + back.otherMass) / 2,
    verbalized: stated.length === 0 ? null : stated.reduce((a, b) => a + b, 0) / stated.length,
    rationale: first.rationale,
    abstainReason: null,
    orders: { first: p, swapped: q },
  };
}

/** The statistics of both orders of one item, added up. */
export function mergeStats(first: Job, second: Job): LlmLabelStats {
  const a = first.stats;
  const b = second.stats;
  return {
    requests: first.spend.requests,
    repaired: a.repaired || b.repaired,
    samples: a.samples + b.samples,
    invalidSamples: a.invalidSamples + b.invalidSamples,
    fallback: a.fallback ?? b.fallback,
  };
}

/** A judgement of the swapped order in the original order's terms (its a is the original b). */
function mapBack(swapped: Judgement): Judgement {
  const p = swapped.probabilities;
  if (p === null) return swapped;
  const back: Distribution = { ...p, a: p.b ?? 0, b: p.a ?? 0 };
  return { ...swapped, label: swapVerdict(swapped.label), probabilities: back };
}
