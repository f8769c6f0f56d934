import type { AggregationOptions, AggregationResult } from './aggregation-types.js';
import { checkGold } from './clamp-gold.js';
import type { VoteMatrix } from './vote-matrix.js';
import { weightedVote, type WeightedVote } from './weighted-vote.js';

/**
 * Options of `zeroBasedSkill`: the step size of the skill updates and how it decays.
 * @example zeroBasedSkill(matrix, { learningRate: 1e-3, seed: 1 })
 */
export interface ZeroBasedSkillOptions extends AggregationOptions {
  /** Initial step size of the skill update. Default 1. */
  readonly learningRate?: number;
  /** The step size is multiplied by `decay` every `decayEvery` sweeps. Defaults 0.5 and 20. */
  readonly decay?: number;
  readonly decayEvery?: number;
}

/**
 * Zero-based skill (as in crowd-kit): skills start at 1/K; each sweep takes a skill-weighted
 * majority vote and moves every skill toward the annotator's agreement with it,
 * `skill += rate × (agreement − skill)`, with a step size that halves every 20 sweeps. Stops when
 * the labels no longer change and no skill moved by more than the tolerance.
 * @example zeroBasedSkill(matrix, { maxIterations: 100 }).skills.ability;
 * Complexity: O((votes + items × K) × sweeps).
 */
export function zeroBasedSkill(
  matrix: VoteMatrix,
  options: ZeroBasedSkillOptions = {},
): AggregationResult {
  const K = matrix.numClasses;
  checkGold(options.gold, matrix.numItems, K);
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-4;
  const decayEvery = options.decayEvery ?? 20;
  const seed = options.seed ?? 0;
  let rate = options.learningRate ?? 1;
  const skill = new Float64Array(matrix.numAnnotators).fill(1 / K + 1e-5);
  let vote: WeightedVote = weightedVote(matrix, {
    skill,
    ...(options.gold ? { gold: options.gold } : {}),
    seed,
  });
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    if (iterations % decayEvery === 0) rate *= options.decay ?? 0.5;
    let moved = 0;
    for (let a = 0; a < skill.length; a++) {
      const step = rate * ((vote.agreement[a] as number) - (skill[a] as number));
      skill[a]! += step;
      moved = Math.max(moved, Math.abs(step));
    }
    const next = weightedVote(matrix, {
      skill,
      ...(options.gold ? { gold: options.gold } : {}),
      seed,
    });
    const same = next.labels.every((label, i) => label === vote.labels[i]);
    vote = next;
    if (same && moved <= tolerance) {
      converged = true;
      break;
    }
  }
  return {
    method: 'zero-based-skill',
    labels: vote.labels,
    posteriors: vote.posteriors,
    classPriors: new Float64Array(K).fill(1 / K),
    skills: { ability: skill, confusion: null },
    iterations,
    converged,
    logLikelihood: null,
    itemDifficulty: null,
  };
}
