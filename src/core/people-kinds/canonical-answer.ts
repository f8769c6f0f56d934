import { HiloError } from '../errors.js';
import { LABEL_SET_SEPARATOR, type TaskShape } from '../task-kind/index.js';

/**
 * A person's answer checked against the project's kind and returned in its one stored form:
 * a label of the set (classify), a verdict `a` / `b` (or `tie` when the project has ties), a
 * level of the scale, or for multi-label a set of known labels, each once, within
 * `minLabels..maxLabels`, in any order, returned as its set code (project label order, joined by
 * `|`; `''` is the empty set). Throws INVALID_INPUT with one line naming what is wrong.
 * @example canonicalAnswer({ kind: 'multilabel', labels: ['toxic', 'insult'], … }, 'insult|toxic') // 'toxic|insult'
 * Complexity: O(L + |answer|).
 */
export function canonicalAnswer(shape: TaskShape, answer: string): string {
  const { labels } = shape;
  switch (shape.kind) {
    case 'multilabel':
      return canonicalSet(shape, answer);
    case 'pairwise':
      if (labels.includes(answer)) return answer;
      if (answer === 'tie') {
        throw refused(`"tie" is not an answer here: this project takes ${labels.join(' or ')}`);
      }
      throw refused(`"${answer}" is not a verdict (${labels.join(', ')})`);
    case 'rating':
      if (labels.includes(answer)) return answer;
      throw refused(`"${answer}" is not a level of the scale (${labels.join(', ')})`);
    case 'classify':
      if (labels.includes(answer)) return answer;
      throw refused(`label "${answer}" is not in the label set`);
  }
}

function canonicalSet(shape: Extract<TaskShape, { kind: 'multilabel' }>, answer: string): string {
  const { labels } = shape;
  const names = answer === '' ? [] : answer.split(LABEL_SET_SEPARATOR);
  const seen = new Set<string>();
  for (const name of names) {
    if (name === '') throw refused(`an empty name in the set "${answer}"`);
    if (!labels.includes(name)) {
      throw refused(`"${name}" is not one of the labels (${labels.join(', ')})`);
    }
    if (seen.has(name)) throw refused(`"${name}" appears twice in the set "${answer}"`);
    seen.add(name);
  }
  if (seen.size < shape.minLabels) {
    throw refused(
      `a set of ${seen.size} label${seen.size === 1 ? '' : 's'}; this project takes at least ${shape.minLabels} (multilabel.minLabels)`,
    );
  }
  if (seen.size > shape.maxLabels) {
    throw refused(
      `a set of ${seen.size} labels; this project takes at most ${shape.maxLabels} (multilabel.maxLabels)`,
    );
  }
  return labels.filter((label) => seen.has(label)).join(LABEL_SET_SEPARATOR);
}

function refused(message: string): HiloError {
  return new HiloError('INVALID_INPUT', message, { field: 'label' });
}

/**
 * A person's answer as the probabilities stored on their vote: one-hot over the labels for the
 * single-choice kinds; for multi-label one yes-probability per label, 1 for the labels of the
 * set and 0 for the others.
 * @example answerProbabilities(shape, 'toxic') // { toxic: 1, insult: 0 }
 * Complexity: O(L + |answer|).
 */
export function answerProbabilities(shape: TaskShape, answer: string): Record<string, number> {
  const chosen =
    shape.kind === 'multilabel'
      ? new Set(answer === '' ? [] : answer.split(LABEL_SET_SEPARATOR))
      : new Set([answer]);
  const out: Record<string, number> = {};
  for (const label of shape.labels) out[label] = chosen.has(label) ? 1 : 0;
  return out;
}

/**
 * Whether people's answers on an item disagree in the kind's terms: different labels, verdicts
 * or sets; for a rating measured within ±k, levels more than k apart. Skips are left out.
 * @example answersDisagree(shape, ['3', '4']) // false when the shape measures within ±1
 * Complexity: O(answers + L).
 */
export function answersDisagree(shape: TaskShape, answers: readonly (string | null)[]): boolean {
  const given = answers.filter((a): a is string => a !== null);
  if (shape.kind === 'rating' && shape.measure === 'within-k') {
    const levels = given.map((a) => shape.labels.indexOf(a)).filter((l) => l >= 0);
    return levels.length > 0 && Math.max(...levels) - Math.min(...levels) > shape.withinK;
  }
  return new Set(given).size > 1;
}
