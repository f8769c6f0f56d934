import { LABEL_SET_SEPARATOR, encodeLabelSet } from './label-set-code.js';
import type { TaskShape } from './task-shape.js';

/** What a file's label cell says, read in the project's kind: the answer as stored, or why not. */
export type AnswerRead =
  { readonly answer: string } | { readonly problem: string } | { readonly missing: true };

/** How the file holds its cells. */
export interface AnswerCells {
  /** Cells are text (CSV, TSV): a label set comes as names joined by `|` or a JSON array. */
  readonly textCells: boolean;
}

/**
 * Reads one label cell of a user's file as the answer the project stores: a label name for
 * classify and pairwise (a pairwise project's a, b or tie); a level of the scale for a rating (a
 * number matches the level it equals, so 3 and "3.0" are level "3"); for multi-label the set's
 * code (see `encodeLabelSet`) from a JSON array of names, or in text cells from names joined by
 * `|` or a JSON array written as text (`[]` is the empty set). Nothing (null, absent, empty
 * text) is `missing`; anything else that is not an answer is a one-line `problem`.
 * @example readAnswer(shape, ['insult', 'toxic'], { textCells: false }) // { answer: 'toxic|insult' }
 * Complexity: O(L + size of the cell).
 */
export function readAnswer(shape: TaskShape, value: unknown, cells: AnswerCells): AnswerRead {
  if (value === undefined || value === null) return { missing: true };
  if (typeof value === 'string' && value.trim() === '') return { missing: true };
  if (shape.kind === 'multilabel') return readLabelSet(shape, value, cells);
  const name = scalarText(value);
  if (name === undefined) return { problem: `the label must be one label, got ${kindOf(value)}` };
  const { labels } = shape;
  if (labels.includes(name)) return { answer: name };
  if (shape.kind === 'rating') {
    const level = numericLevel(labels, name);
    if (level !== undefined) return { answer: level };
    return { problem: `rating ${name} is not a level of the scale (${labels.join(', ')})` };
  }
  if (shape.kind === 'pairwise') {
    const verdicts = labels.length === 3 ? 'a, b or tie' : 'a or b (this project has no tie)';
    return { problem: `label "${name}" is not ${verdicts}` };
  }
  return { problem: `label "${name}" is not in the project's label set (${listed(labels)})` };
}

function readLabelSet(
  shape: Extract<TaskShape, { kind: 'multilabel' }>,
  value: unknown,
  cells: AnswerCells,
): AnswerRead {
  let names: unknown = value;
  if (typeof value === 'string') {
    if (!cells.textCells) {
      return { problem: 'a multi-label label must be a JSON array of label names, got text' };
    }
    const text = value.trim();
    if (text.startsWith('[')) {
      try {
        names = JSON.parse(text) as unknown;
      } catch {
        return { problem: `not a JSON array of label names: ${text.slice(0, 60)}` };
      }
    } else {
      names = text.split(LABEL_SET_SEPARATOR).map((name) => name.trim());
    }
  }
  if (!Array.isArray(names)) {
    return { problem: `a multi-label label must be a list of label names, got ${kindOf(value)}` };
  }
  const set: string[] = [];
  for (const entry of names) {
    const name = scalarText(entry);
    if (name === undefined) return { problem: `a label set holds names, got ${kindOf(entry)}` };
    if (!shape.labels.includes(name)) {
      return { problem: `"${name}" is not one of the labels (${listed(shape.labels)})` };
    }
    set.push(name);
  }
  const size = new Set(set).size;
  if (size < shape.minLabels) {
    return { problem: `${size} labels, fewer than multilabel.minLabels (${shape.minLabels})` };
  }
  if (size > shape.maxLabels) {
    return { problem: `${size} labels, more than multilabel.maxLabels (${shape.maxLabels})` };
  }
  return { answer: encodeLabelSet(set, shape.labels) };
}

/** The level a number names, when the scale's levels are numbers: 3 and "3.0" are "3". */
function numericLevel(levels: readonly string[], name: string): string | undefined {
  const wanted = Number(name);
  if (!Number.isFinite(wanted)) return undefined;
  return levels.find((level) => level.trim() !== '' && Number(level) === wanted);
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') {
    return String(value);
  }
  return undefined;
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'string' ? 'text' : `a ${typeof value}`;
}

function listed(labels: readonly string[]): string {
  return labels.length > 10 ? `${labels.slice(0, 10).join(', ')}, …` : labels.join(', ');
}
