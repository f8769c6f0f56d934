import { percent } from '../../core/format/format-number.js';
import type { RecentVote } from '../../core/ports/people-store.js';
import type { PeopleRules } from '../../core/project.js';

/** What the rules decided about a person after an answer. */
export interface RuleOutcome {
  readonly suspend: string | null;
  readonly discount: boolean;
  readonly flag: string | null;
}

/** A person's control answers in the rules' window: how many, and how many right. */
export interface ControlCounts {
  readonly seen: number;
  readonly correct: number;
}

/** How a suspension by the control-accuracy rule starts its reason. */
export const CONTROL_REASON = 'control accuracy ';

/**
 * Applies the people rules to an annotator's newest answers in the window (newest first, times
 * measured by the server) and their control answers in the window: too many fast answers →
 * suspend; low control accuracy after enough controls → suspend and discount; a long run of one
 * label (for multi-label, of one identical set) → flag. `controls` null leaves the control rule out (nothing changed it).
 * @example checkRules(recent, { seen: 10, correct: 6 }, rules) // { suspend: '4 of the last 10 answers under 3 s', … }
 * Complexity: O(window).
 */
export function checkRules(
  recent: readonly RecentVote[],
  controls: ControlCounts | null,
  rules: PeopleRules,
): RuleOutcome {
  let suspend: string | null = null;
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
  const low = controls === null ? null : controlVerdict(controls, rules);
  if (low !== null) suspend ??= low;
  if (rules.sameLabelRun > 0 && recent.length >= rules.sameLabelRun) {
    const run = recent.slice(0, rules.sameLabelRun);
    const first = run[0]?.label ?? null;
    if (first !== null && run.every((v) => v.label === first)) {
      // A multi-label answer is its set's code, so a run counts identical sets ('' = none).
      const answer = first === '' ? 'the empty set' : `"${first}"`;
      flag = `the last ${rules.sameLabelRun} answers are all ${answer}`;
    }
  }
  return { suspend, discount: low !== null, flag };
}

/**
 * The control-accuracy rule alone: the reason to suspend (and discount), or null when it does
 * not fire.
 * @example controlVerdict({ seen: 10, correct: 5 }, rules) // 'control accuracy 50% below 70% after 10 controls'
 * Complexity: O(1).
 */
export function controlVerdict(controls: ControlCounts, rules: PeopleRules): string | null {
  if (rules.minControls <= 0 || controls.seen < rules.minControls) return null;
  const accuracy = controls.correct / controls.seen;
  if (accuracy >= rules.controlAccuracy) return null;
  return `${CONTROL_REASON}${percent(accuracy, 0)} below ${percent(rules.controlAccuracy, 0)} after ${controls.seen} controls`;
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
