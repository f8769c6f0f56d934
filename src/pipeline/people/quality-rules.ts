import { percent } from '../../core/format/format-number.js';
import type { Annotator, RecentVote } from '../../core/ports/people-store.js';
import type { PeopleRules } from '../../core/project.js';

/** What the rules decided about a person after an answer. */
export interface RuleOutcome {
  readonly suspend: string | null;
  readonly discount: boolean;
  readonly flag: string | null;
}

/**
 * Applies the people rules to an annotator's newest answers (newest first) and control record:
 * too many fast answers → suspend; low control accuracy after enough controls → suspend and
 * discount; a long run of one label → flag.
 * @example checkRules(recent, annotator, rules) // { suspend: '4 of the last 10 answers under 3 s', … }
 * Complexity: O(window).
 */
export function checkRules(
  recent: readonly RecentVote[],
  annotator: Annotator,
  rules: PeopleRules,
): RuleOutcome {
  let suspend: string | null = null;
  let discount = false;
  let flag: string | null = null;
  if (rules.fastCount > 0 && rules.fastWindow > 0) {
    const window = recent.slice(0, rules.fastWindow);
    const fast = window.filter(
      (v) => v.timeSpentMs !== null && v.timeSpentMs < rules.fastMs,
    ).length;
    if (fast >= rules.fastCount) {
      suspend = `${fast} of the last ${window.length} answers under ${rules.fastMs / 1000} s`;
    }
  }
  if (rules.minControls > 0 && annotator.controlsSeen >= rules.minControls) {
    const accuracy = annotator.controlsCorrect / annotator.controlsSeen;
    if (accuracy < rules.controlAccuracy) {
      suspend ??= `control accuracy ${percent(accuracy, 0)} below ${percent(rules.controlAccuracy, 0)} after ${annotator.controlsSeen} controls`;
      discount = true;
    }
  }
  if (rules.sameLabelRun > 0 && recent.length >= rules.sameLabelRun) {
    const run = recent.slice(0, rules.sameLabelRun);
    const first = run[0]?.label ?? null;
    if (first !== null && run.every((v) => v.label === first)) {
      flag = `the last ${rules.sameLabelRun} answers are all "${first}"`;
    }
  }
  return { suspend, discount, flag };
}

/**
 * Wilson score interval of a proportion, for control accuracy.
 * @example wilsonInterval(8, 10) // { low: 0.49, high: 0.94 }
 * Complexity: O(1).
 */
export function wilsonInterval(k: number, n: number, z = 1.96): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const p = k / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
