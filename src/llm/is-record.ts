/**
 * True for a plain JSON object (not null, not an array): the first check on untrusted JSON.
 * @example isRecord(JSON.parse('{"a":1}')); // true
 * Complexity: O(1).
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
