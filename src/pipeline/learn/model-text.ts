import { pairwiseText } from '../../core/local-model/pairwise-text.js';
import type { ProjectConfig } from '../../core/project.js';
import type { Item } from '../../core/types.js';
import { itemText } from '../items/index.js';

/** What the local model needs of a project: its kind, labels, fields and kind options. */
export type ModelProject = Pick<
  ProjectConfig,
  'kind' | 'labels' | 'fields' | 'multilabel' | 'pairwise' | 'rating'
>;

/**
 * The text the local model reads for an item: the project's fields one per line, or for a
 * pairwise project the prompt with each response's words marked by side (`pairwiseText`), so
 * the model can tell what A says from what B says.
 * @example modelText(item, project) // 'why\nǂabecause\nǂbno ǂbidea' for a pairwise item
 * Complexity: O(text length).
 */
export function modelText(item: Item, project: ModelProject): string {
  if (project.kind !== 'pairwise') return itemText(item, project.fields);
  const { prompt, a, b } = project.pairwise;
  return pairwiseText(itemText(item, [prompt]), itemText(item, [a]), itemText(item, [b]));
}
