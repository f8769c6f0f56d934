import type { TaskView } from '../../src/contract/people-api.js';
import { decodeLabelSet, encodeLabelSet } from '../../src/core/task-kind/index.js';

/**
 * Letters that pick the 11th label onwards, in keyboard order. Left out are the letters the
 * pages already use: S skip, U undo, F flag, G guidelines, J/N next, K previous.
 */
const LETTERS = 'qwertyiopadhlzxcvbm';

/**
 * The key that picks the label at `index` on a page that labels by keyboard: 1–9, then 0 for
 * the 10th, then the letters Q W E R T Y I O P A D H L Z X C V B M; null past the 29th (click it).
 * @example choiceKey(9) // '0'
 * Complexity: O(1).
 */
export function choiceKey(index: number): string | null {
  if (index < 9) return String(index + 1);
  if (index === 9) return '0';
  return LETTERS[index - 10] ?? null;
}

/** The index of the label a key picks among `count` labels, or null. Complexity: O(1). */
export function choiceIndex(key: string, count: number): number | null {
  if (key.length !== 1) return null;
  const k = key.toLowerCase();
  let index = -1;
  if (k >= '1' && k <= '9') index = Number(k) - 1;
  else if (k === '0') index = 9;
  else if (LETTERS.includes(k)) index = LETTERS.indexOf(k) + 10;
  return index >= 0 && index < count ? index : null;
}

/** Keys of a pairwise verdict: A or 1, B or 2, T or 3. */
const VERDICT_KEYS: Record<string, string> = {
  a: 'a',
  '1': 'a',
  b: 'b',
  '2': 'b',
  t: 'tie',
  '3': 'tie',
};

/**
 * The answer after a key press, or undefined when the key picks nothing: a single-choice kind
 * picks the label, a multi-label one toggles it in the current set code (no bound checked here:
 * see setCountProblem), a pairwise one picks A / B / tie (tie only when the project has it).
 * @example answerAfterKey({ kind: 'multilabel', minLabels: 0, maxLabels: 3 }, ['joy', 'anger'], '2', 'joy') // 'joy|anger'
 * Complexity: O(labels).
 */
export function answerAfterKey(
  task: TaskView,
  labels: readonly string[],
  key: string,
  current: string | null,
): string | undefined {
  if (task.kind === 'pairwise') {
    const verdict = VERDICT_KEYS[key.toLowerCase()];
    return verdict !== undefined && labels.includes(verdict) ? verdict : undefined;
  }
  const index = choiceIndex(key, labels.length);
  const label = index === null ? undefined : labels[index];
  if (label === undefined) return undefined;
  return task.kind === 'multilabel' ? toggleLabel(labels, current ?? '', label) : label;
}

/**
 * A set code with `label` added or removed.
 * @example toggleLabel(['joy', 'anger'], 'anger', 'joy') // 'joy|anger'
 * Complexity: O(labels).
 */
export function toggleLabel(labels: readonly string[], code: string, label: string): string {
  const names = new Set(decodeLabelSet(code, labels));
  if (names.has(label)) names.delete(label);
  else names.add(label);
  return encodeLabelSet(names, labels);
}

/**
 * Why a set cannot be sent, in words, or null when its size is within the project's bounds.
 * @example setCountProblem({ kind: 'multilabel', minLabels: 1, maxLabels: 2 }, labels, '') // 'Pick at least 1 label (none picked).'
 */
export function setCountProblem(
  task: Extract<TaskView, { kind: 'multilabel' }>,
  labels: readonly string[],
  code: string,
): string | null {
  const count = decodeLabelSet(code, labels).length;
  const picked = count === 0 ? 'none picked' : `${count} picked`;
  if (count < task.minLabels)
    return `Pick at least ${task.minLabels} label${task.minLabels === 1 ? '' : 's'} (${picked}).`;
  if (count > task.maxLabels)
    return `Pick at most ${task.maxLabels} label${task.maxLabels === 1 ? '' : 's'} (${picked}).`;
  return null;
}

/**
 * The answer an item starts with: a multi-label set starts with the machine's suggestion ticked
 * (when the project pre-annotates and the suggestion is a set of the project's labels), else
 * empty; any other kind starts with nothing picked.
 * @example startingAnswer(task, ['joy', 'anger'], { label: 'anger', confidence: 0.8 }) // 'anger'
 */
export function startingAnswer(
  task: TaskView,
  labels: readonly string[],
  suggestion: { readonly label: string } | null | undefined,
): string | null {
  if (task.kind !== 'multilabel') return null;
  if (suggestion == null) return '';
  try {
    return encodeLabelSet(decodeLabelSet(suggestion.label, labels), labels);
  } catch {
    return '';
  }
}
