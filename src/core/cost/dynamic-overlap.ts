import type { PeopleConfig } from '../project.js';
import type { DynamicOverlap } from './hybrid-cost.js';

/**
 * How many people an overlap-zone item waits for: `start` people are asked at once; while the
 * leading label's posterior is below `targetPosterior`, one more is asked, up to `max` (the
 * dynamic overlap of `people.overlap` and `people.targetPosterior`).
 */
export interface OverlapPeopleSettings {
  /** People asked at once (`people.overlap.overlap`). */
  readonly start: number;
  /** Most people asked (`people.overlap.max`); a max at or below `start` means no raise. */
  readonly max: number;
  /** Posterior of the leading label at which no one more is asked (`people.targetPosterior`). */
  readonly targetPosterior: number;
  /** Share of people's answers that are right, assumed the same for everyone. */
  readonly humanAccuracy: number;
}

const EDGE = 1e-9;

function logit(p: number): number {
  const q = Math.min(1 - EDGE, Math.max(EDGE, p));
  return Math.log(q / (1 - q));
}

/**
 * Expected number of people an overlap-zone item is asked, from the machine's calibrated
 * confidence in its label. The machine's label is right with probability `confidence`; each
 * person gives the right label with probability `humanAccuracy`, and the machine's other labels
 * are taken as one alternative, so the posterior of the machine's label after d more votes for
 * it than against is σ(logit(confidence) + d · logit(humanAccuracy)). Once `start` people have
 * answered, one more is asked while neither side's posterior reaches `targetPosterior`, up to
 * `max`. With more than two labels, people's wrong answers spread over several labels, so this
 * is a slight underestimate there.
 * @example expectedOverlapPeople(0.8, { start: 2, max: 5, targetPosterior: 0.9, humanAccuracy: 0.95 }) // ≈ 2.1
 * Complexity: O(max²).
 */
export function expectedOverlapPeople(confidence: number, s: OverlapPeopleSettings): number {
  const start = Math.max(0, Math.round(s.start));
  const max = Math.max(start, Math.round(s.max));
  if (max === start) return start;
  const prior = Math.min(1, Math.max(0, confidence));
  const a = Math.min(1, Math.max(0, s.humanAccuracy));
  const base = logit(prior);
  const step = logit(a);
  const bar = logit(Math.max(0.5, s.targetPosterior));
  const settled = (d: number) => Math.abs(base + d * step) >= bar;
  // Probability mass over d (votes for the machine's label minus votes against), index d + n,
  // when the machine is right (agree with probability a) and when it is wrong (1 − a).
  let right = new Float64Array(2 * max + 1);
  let wrong = new Float64Array(2 * max + 1);
  right[max] = prior;
  wrong[max] = 1 - prior;
  let expected = 0;
  for (let n = 1; n <= max; n++) {
    const nextRight = new Float64Array(2 * max + 1);
    const nextWrong = new Float64Array(2 * max + 1);
    for (let i = 0; i < right.length; i++) {
      const r = right[i] as number;
      const w = wrong[i] as number;
      if (r === 0 && w === 0) continue;
      nextRight[i + 1] = (nextRight[i + 1] as number) + r * a;
      nextRight[i - 1] = (nextRight[i - 1] as number) + r * (1 - a);
      nextWrong[i + 1] = (nextWrong[i + 1] as number) + w * (1 - a);
      nextWrong[i - 1] = (nextWrong[i - 1] as number) + w * a;
    }
    right = nextRight;
    wrong = nextWrong;
    if (n < start) continue;
    for (let i = 0; i < right.length; i++) {
      const mass = (right[i] as number) + (wrong[i] as number);
      if (mass === 0) continue;
      if (n === max || settled(i - max)) {
        expected += n * mass;
        right[i] = 0;
        wrong[i] = 0;
      }
    }
  }
  return expected;
}

/**
 * The dynamic overlap of a project's `people` settings: a raise up to `overlap.max` while the
 * posterior is below `targetPosterior`, priced with people `humanAccuracy` accurate; null when
 * `overlap.max` does not exceed `overlap.overlap` (no one more is ever asked).
 * @example dynamicOverlapOf(PROJECT_DEFAULTS.people, 0.95) // { max: 5, targetPosterior: 0.9, humanAccuracy: 0.95 }
 * Complexity: O(1).
 */
export function dynamicOverlapOf(
  people: PeopleConfig,
  humanAccuracy: number,
): DynamicOverlap | null {
  return people.overlap.max > people.overlap.overlap
    ? { max: people.overlap.max, targetPosterior: people.targetPosterior, humanAccuracy }
    : null;
}
