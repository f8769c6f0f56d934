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
  readonly labels: ReadonlySet<string>;
  readonly batch: string | null;
}

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
 * (optional); for pool items the label column is ignored, so answers in a file never slip in
 * as trusted labels.
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
  for (const name of Object.keys(values)) {
    if (name !== rules.idField && name !== rules.labelField && !Object.hasOwn(fields, name)) {
      setField(fields, name, values[name]);
    }
  }
  const goldLabel = labelOf(values[rules.labelField], rules);
  if (goldLabel !== null && typeof goldLabel !== 'string') return goldLabel;
  return { id, fields, role: rules.role, batch: rules.batch, goldLabel };
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

function labelOf(value: unknown, rules: ItemRules): string | null | RecordProblem {
  const field = rules.labelField;
  if (rules.role === 'pool') return null;
  const required = NEEDS_LABEL.has(rules.role);
  const label = value === undefined || value === null ? undefined : textOf(value);
  if (label === undefined && value !== undefined && value !== null) {
    return { field, reason: `label must be text, got ${describe(value)}` };
  }
  if (label === undefined || label === '') {
    return required
      ? { field, reason: `missing label ("${field}") for a ${rules.role} item` }
      : null;
  }
  if (!rules.labels.has(label)) {
    return {
      field,
      reason: `label "${label}" is not in the label set (${listLabels(rules.labels)})`,
    };
  }
  return label;
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

function listLabels(labels: ReadonlySet<string>): string {
  const shown = [...labels].slice(0, 10).join(', ');
  return labels.size > 10 ? `${shown}, …` : shown;
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
