import type { Item } from '../../core/types.js';

/**
 * The text a local model sees: the project's fields of the item, in order, one per line.
 * @example itemText({ fields: { title: 'A', body: 'B' }, … }, ['title', 'body']) // 'A\nB'
 */
export function itemText(item: Item, fields: readonly string[]): string {
  if (fields.length === 1) return stringOf(item.fields[fields[0] as string]);
  return fields.map((field) => stringOf(item.fields[field])).join('\n');
}

function stringOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
