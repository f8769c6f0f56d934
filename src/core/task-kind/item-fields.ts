import type { ProjectConfig } from '../project.js';

/**
 * The fields every item of the project must carry: its `fields`, and for a pairwise project
 * also the prompt, both responses and the system fields it names (`pairwise.systemA/systemB`),
 * so the judge, the annotate page and a Bradley–Terry ranking always find them.
 * @example requiredItemFields(config) // ['prompt', 'a', 'b', 'system_a', 'system_b']
 * Complexity: O(fields).
 */
export function requiredItemFields(
  config: Pick<ProjectConfig, 'kind' | 'fields' | 'pairwise'>,
): readonly string[] {
  if (config.kind !== 'pairwise') return config.fields;
  const { prompt, a, b, systemA, systemB } = config.pairwise;
  const wanted = [...config.fields, prompt, a, b, systemA, systemB];
  return [...new Set(wanted.filter((name): name is string => name !== null))];
}
