import { readAnswer, type TaskShape } from '../../core/task-kind/index.js';
import type { Fields, Item, ItemRole } from '../../core/types.js';

/** How the columns of a user's file become an item. */
export interface ItemRules {
  readonly role: ItemRole;
  /** Column holding the item's id (string, or number turned into text). */
  readonly idField: string;
  /** Column holding the expert label of gold/control/test items. */
  readonly labelField: string;
  /** The project's fields: each must be present, as text (numbers and booleans are converted). */
  readonly fields: readonly string[];
  /** The project's kind and labels: what a label cell must hold. */
  readonly shape: TaskShape;
  /** Cells are text (CSV, TSV), so a label set may come joined by `|`. */
  readonly textCells: boolean;
  readonly batch: string | null;
}

/** Where a multi-label file may give the set when the label column is the default `label`. */
const LABEL_SET_COLUMN = 'labels';

/** Why a record is not an item, and which column is at fault. */
export interface RecordProblem {
  readonly field?: string;
  readonly reason: string;
}

/** Gold and control items are there to check labels, so they must carry one. */
const NEEDS_LABEL: ReadonlySet<ItemRole> = new Set(['gold', 'control']);

/**
 * Validates one record and builds its item. The project's fields come first, as text; any other
 * column (except the id and label columns) is kept unchanged after them, so export can give it
 * back. The label becomes `goldLabel` for gold and control items (required) and test items
 * (optional), read in the project's kind (see `readAnswer`: a multi-label set is stored as its
 * code); for pool items the label column is ignored, so answers in a file never slip in as
 * trusted labels. A multi-label record with a `labels` column (as `hilo export` writes it) gives
 * its set there when the label column is the default `label`.
 * @example itemFromRecord({ id: 7, text: 'hi' }, rules) // { id: '7', fields: { text: 'hi' }, ... }
 * Complexity O(columns).
 */
export function itemFromRecord(
  values: Readonly<Record<string, unknown>>,
  rules: ItemRules,
): Item | RecordProblem {
  const id = idOf(values[rules.idField]);
  if (typeof id !== 'string') return { field: rules.idField, reason: id.reason };
  const fields: Fields = {};
  for (const name of rules.fields) {
    const value = values[name];
    if (value === undefined || value === null) {
      return { field: name, reason: `missing field "${name}"` };
    }
    const text = textOf(value);
    if (text === undefined) {
      return { field: name, reason: `field "${name}" must be text, got ${describe(value)}` };
    }
    setField(fields, name, text);
  }
  const labelField = labelColumn(values, rules);
  const answerColumns = new Set([rules.labelField, labelField]);
  for (const name of Object.keys(values)) {
    if (name !== rules.idField && !answerColumns.has(name) && !Object.hasOwn(fields, name)) {
      setField(fields, name, values[name]);
    }
  }
  const goldLabel = labelOf(values[labelField], labelField, rules);
  if (goldLabel !== null && typeof goldLabel !== 'string') return goldLabel;
  return { id, fields, role: rules.role, batch: rules.batch, goldLabel };
}

function labelColumn(values: Readonly<Record<string, unknown>>, rules: ItemRules): string {
  const exported =
    rules.shape.kind === 'multilabel' &&
    rules.labelField === 'label' &&
    Object.hasOwn(values, LABEL_SET_COLUMN);
  return exported ? LABEL_SET_COLUMN : rules.labelField;
}

/**
 * Tells an item from a problem.
 * @example if (isProblem(result)) skip(result.reason);
 */
export function isProblem(result: Item | RecordProblem): result is RecordProblem {
  return 'reason' in result;
}

function idOf(value: unknown): string | { reason: string } {
  if (value === undefined || value === null) return { reason: 'missing id' };
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string')
    return { reason: `id must be text or a number, got ${describe(value)}` };
  if (value.trim() === '') return { reason: 'empty id' };
  return value;
}

function labelOf(value: unknown, field: string, rules: ItemRules): string | null | RecordProblem {
  if (rules.role === 'pool') return null;
  const read = readAnswer(rules.shape, value, { textCells: rules.textCells });
  if ('problem' in read) return { field, reason: read.problem };
  if ('missing' in read) {
    return NEEDS_LABEL.has(rules.role)
      ? { field, reason: `missing label ("${field}") for a ${rules.role} item` }
      : null;
  }
  return read.answer;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') {
    return String(value);
  }
  return undefined;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** A column named `__proto__` must become a field, not the object's prototype. */
function setField(fields: Fields, name: string, value: unknown): void {
  if (name === '__proto__') {
    Object.defineProperty(fields, name, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    fields[name] = value;
  }
}
