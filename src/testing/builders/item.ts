import type { Item } from '../../core/types.js';

/**
 * A pool item whose text is its id; pass what the test is about.
 * @example item('g1', { role: 'gold', goldLabel: 'spam' })
 * Complexity: O(1).
 */
export function item(id: string, over: Partial<Item> = {}): Item {
  return { id, fields: { text: id }, role: 'pool', batch: null, goldLabel: null, ...over };
}
