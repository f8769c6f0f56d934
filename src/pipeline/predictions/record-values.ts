import type { Fields } from '../../core/types.js';

/**
 * A cell as a number: undefined when absent or blank, null when it is not a number. CSV cells
 * come as text, JSON values as numbers; both are accepted.
 * @example numberOf('0.9') // 0.9
 * Complexity: O(length).
 */
export function numberOf(value: unknown): number | null | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  if (value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isNaN(parsed) ? null : parsed;
}

/**
 * A cell that may hold JSON: a text cell starting with `[` or `{` (a map or list written into a
 * CSV column) is parsed; other values come back as they are; blank is undefined.
 * @example parsedJson('{"joy": 0.9, "fear": 0.1}') // { joy: 0.9, fear: 0.1 }
 * Complexity: O(length).
 */
export function parsedJson(value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === '') return undefined;
  if (!text.startsWith('[') && !text.startsWith('{')) return value;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return value;
  }
}

/**
 * A cell as text: strings as they are, numbers and booleans written out, else undefined.
 * @example textOf(3) // '3'
 * Complexity: O(1).
 */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean')
    return String(value);
  return undefined;
}

/**
 * Sets a field; a column named `__proto__` becomes a field, not the object's prototype.
 * @example setField(fields, 'text', 'hello')
 * Complexity: O(1).
 */
export function setField(fields: Fields, name: string, value: unknown): void {
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
