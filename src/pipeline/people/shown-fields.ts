import type { ProjectConfig } from '../../core/project.js';
import type { Fields } from '../../core/types.js';

/**
 * An item's fields as people may see them: only the project's fields, in the project's order
 * (a missing one as null). Every other imported column — a `truth`, `gold` or `label` column of a
 * pool file among them — never leaves the server for an annotator or a reviewer. In a pairwise
 * project the fields naming the system behind each response (`pairwise.systemA`/`systemB`) are
 * held back even when listed in `fields`, so no one judges a response by who wrote it.
 * @example shownFields(project, { text: 'hi', truth: 'spam' }) // { text: 'hi' }
 * Complexity: O(project fields).
 */
export function shownFields(
  project: Pick<ProjectConfig, 'fields'> & Partial<Pick<ProjectConfig, 'kind' | 'pairwise'>>,
  fields: Fields,
): Fields {
  const hidden =
    project.kind === 'pairwise' && project.pairwise
      ? new Set([project.pairwise.systemA, project.pairwise.systemB])
      : new Set<string | null>();
  const shown: Record<string, unknown> = {};
  for (const name of project.fields) if (!hidden.has(name)) shown[name] = fields[name] ?? null;
  return shown;
}
