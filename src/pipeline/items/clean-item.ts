import { cleanFields, type CleanStep } from '../../core/text-clean/index.js';
import type { Item } from '../../core/types.js';
import type { RecordProblem } from './item-from-record.js';

/** Which clean-up steps each text field gets on import (`cleanPlan`). */
export type CleanPlan = ReadonlyMap<string, readonly CleanStep[]>;

/**
 * The item with its text fields cleaned by the plan, each changed one's text as it came kept in
 * `<field>_original`; the very item given when nothing changed; or the problem (an `_original`
 * column that would be overwritten).
 * @example cleanItem(item, new Map([['text', ['entities']]])) // { …, fields: { text: 'a&b', text_original: 'a&amp;b' } }
 * Complexity: O(text length × steps).
 */
export function cleanItem(item: Item, plan: CleanPlan): Item | RecordProblem {
  const cleaned = cleanFields(item.fields, plan);
  if ('problem' in cleaned) return { field: cleaned.field, reason: cleaned.problem };
  if (cleaned.changed.length === 0) return item;
  return { ...item, fields: { ...cleaned.fields } };
}
