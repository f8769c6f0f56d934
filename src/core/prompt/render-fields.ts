import type { Fields } from '../types.js';

/**
 * Renders an item's fields as `field: value` lines, in the given order; other fields are left
 * out. Strings are shown as they are, absent values as empty, others as JSON.
 *
 * @example renderItemFields(['text'], { text: 'Win a prize!', id: 3 }) // 'text: Win a prize!'
 * Complexity: O(rendered length).
 */
export function renderItemFields(fields: readonly string[], values: Fields): string {
  return fields.map((field) => `${field}: ${renderFieldValue(values[field])}`).join('\n');
}

/**
 * One field value as the prompt shows it: strings as they are, absent values as empty, others
 * as JSON.
 * @example renderFieldValue(3) // '3'
 */
export function renderFieldValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return JSON.stringify(value) ?? '';
}
